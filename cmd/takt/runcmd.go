package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
)

// runOptions are the flags of `takt run`.
type runOptions struct {
	file         string
	replications int
	seed         uint64
	horizon      string
	warmup       string
	workers      int
	json         bool
	csvDir       string
	quiet        bool
	traced       tracedOptions
}

func newRunCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [FILE]",
		Short: "Run a scenario and print its KPIs with confidence intervals",
		Long: `Run simulates the scenario in FILE (the bundled demo line without FILE) over
its replications in parallel and prints the plant's throughput, WIP and
cycle time and each station's utilisation, states, queue and wait, each as
a mean with the half-width of its confidence interval.

Results are identical for any -j. Ctrl-C stops the run and prints the
replications that completed, marked partial (exit code 130).

--report, --plots and --trace run replication 1 once more with a tracer
(same seed, so the same replication) for the charts over time and the
event trace. Their files are written atomically and only when the run
completes. A progress bar appears on stderr when a run takes more than a
second and stderr is a terminal.`,
		Example: `  takt run
  takt run -r 50 --seed 3 line.toml
  takt run line.toml --horizon 4w --warmup 1d --json
  takt run line.toml --csv results/
  takt examples penny-fab > penny-fab.toml
  takt run penny-fab.toml --report penny-fab.html --plots charts/
  takt run penny-fab.toml --gantt 24h..48h --trace trace.csv`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				opts.file = a[0]
			}
			return runRun(cmd, opts, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.IntVarP(&opts.replications, "replications", "r", 0, "number of replications (default: the scenario's)")
	f.Uint64Var(&opts.seed, "seed", 0, "base random seed (default: the scenario's)")
	f.StringVar(&opts.horizon, "horizon", "", "simulated time per replication, warm-up included, e.g. 2000h")
	f.StringVar(&opts.warmup, "warmup", "", "warm-up time discarded from the statistics, e.g. 50h")
	f.IntVarP(&opts.workers, "jobs", "j", 0, "replications run at once (default: number of CPUs)")
	f.BoolVar(&opts.json, "json", false, "print the summary as JSON")
	f.StringVar(&opts.csvDir, "csv", "", "also write summary.csv and replications.csv into `DIR`")
	f.BoolVarP(&opts.quiet, "quiet", "q", false, "no progress bar")
	opts.traced.addFlags(f)
	return cmd
}

// runRun loads the scenario, applies the flags, runs the experiment and
// writes the results.
func runRun(cmd *cobra.Command, opts *runOptions, stdout, stderr io.Writer) error {
	sc, err := loadScenario(opts.file)
	if err != nil {
		return err
	}
	if err := applyRunFlags(cmd, opts, sc); err != nil {
		return err
	}
	opts.traced.file = opts.file
	if err := opts.traced.check(sc); err != nil {
		return err
	}
	bar := startProgress(stderr, sc.Run.Replications, opts.quiet)
	s, runErr := sim.RunExperiment(cmd.Context(), sc.Model, sc.Run, sim.Options{Workers: opts.workers, Progress: bar.Update})
	bar.Stop()
	if s == nil {
		return runErr
	}
	if err := writeSummary(opts, s, stdout); err != nil {
		return err
	}
	if runErr != nil {
		return fmt.Errorf("interrupted: %d of %d replications completed, results are partial: %w",
			len(s.Replications), s.Requested, runErr)
	}
	return writeTraced(cmd.Context(), &opts.traced, sc, s, stderr)
}

// loadScenario loads file, or the bundled default scenario when file is "".
func loadScenario(file string) (*scenarios.Scenario, error) {
	if file == "" {
		return scenarios.LoadExample(scenarios.DefaultExample)
	}
	return scenarios.Load(file)
}

// applyRunFlags overrides the scenario's [run] settings with the flags given.
func applyRunFlags(cmd *cobra.Command, opts *runOptions, sc *scenarios.Scenario) error {
	f := cmd.Flags()
	if f.Changed("replications") {
		sc.Run.Replications = opts.replications
	}
	if f.Changed("seed") {
		sc.Run.Seed = opts.seed
	}
	for _, d := range []struct {
		name, value string
		dst         *float64
	}{{"horizon", opts.horizon, &sc.Run.Horizon}, {"warmup", opts.warmup, &sc.Run.Warmup}} {
		if !f.Changed(d.name) {
			continue
		}
		v, err := scenarios.ParseDuration(d.value, sc.TimeUnit)
		if err != nil {
			return usagef("--%s: %v", d.name, err)
		}
		*d.dst = v
	}
	if opts.workers < 0 {
		return usagef("-j must be >= 0, got %d", opts.workers)
	}
	if err := sc.Run.Validate(); err != nil {
		return usageError{fmt.Errorf("after applying the flags: %w", err), cmd.CommandPath()}
	}
	return nil
}

// writeSummary prints the table or JSON and writes the CSV files.
func writeSummary(opts *runOptions, s *sim.Summary, stdout io.Writer) error {
	var errs []error
	if opts.csvDir != "" {
		errs = append(errs, output.CSV(opts.csvDir, s))
	}
	if opts.json {
		errs = append(errs, output.JSON(stdout, s))
	} else {
		errs = append(errs, output.Console(stdout, s))
	}
	return errors.Join(errs...)
}
