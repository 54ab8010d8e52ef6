package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// runOptions are the flags of `takt run`.
type runOptions struct {
	expFlags
	file      string
	precision string
	maxReps   int
	traced    tracedOptions
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
  takt examples demo > line.toml
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
	opts.register(cmd)
	opts.addXLSXFlag(cmd)
	f := cmd.Flags()
	f.StringVar(&opts.precision, "precision", "", "add replications until the throughput half-width is at most this share of the mean, e.g. 1%")
	f.IntVar(&opts.maxReps, "max-replications", 1000, "cap on replications with --precision")
	opts.traced.addFlags(f)
	return cmd
}

// runRun loads the scenario, applies the flags, runs the experiment and
// writes the results.
func runRun(cmd *cobra.Command, opts *runOptions, stdout, stderr io.Writer) error {
	sc, err := opts.load(opts.file)
	if err != nil {
		return err
	}
	if err := applyRunFlags(cmd, opts, sc); err != nil {
		return err
	}
	opts.traced.file, opts.traced.report, opts.traced.plotsDir = opts.file, opts.report, opts.plotsDir
	if err := opts.traced.check(sc); err != nil {
		return err
	}
	s, runErr := runReplications(cmd, opts, sc, stderr)
	stop, runErr := opts.settle(sc.Explain(runErr))
	if stop || s == nil || scenarios.IsInvalid(runErr) {
		return runErr // a limit reached is an answer about the model, not partial results
	}
	if w := output.WarmupText(s); w != "" && runErr == nil {
		fmt.Fprintf(stderr, "takt: warning: %s\n", w)
	}
	if runErr != nil {
		// Like the report, the CSV files and the workbook are written only
		// for a complete run: existing ones are left as they were.
		if opts.csvDir != "" {
			fmt.Fprintf(stderr, "takt: --csv: nothing written to %s, the run did not complete\n", opts.csvDir)
		}
		if opts.xlsx != "" {
			fmt.Fprintf(stderr, "takt: --xlsx: %s not written, the run did not complete\n", opts.xlsx)
		}
		opts.csvDir, opts.xlsx = "", ""
	}
	if err := writeSummary(opts, s, stdout); err != nil {
		return err
	}
	if runErr != nil {
		return partial(runErr, len(s.Replications), s.Requested)
	}
	return writeTraced(cmd.Context(), &opts.traced, sc, s, stderr)
}

// applyRunFlags overrides the scenario's [run] settings with the flags given.
func applyRunFlags(cmd *cobra.Command, opts *runOptions, sc *scenarios.Scenario) error {
	if opts.precision != "" {
		p, err := parseFraction(opts.precision)
		if err != nil || !(p > 0 && p < 1) {
			return usageError{fmt.Errorf("--precision %q: want a share of the mean such as 1%% or 0.01", opts.precision), cmd.CommandPath()}
		}
	}
	return opts.apply(cmd, sc.TimeUnit, &sc.Run)
}

// runReplications runs the experiment, to the precision asked for if any,
// with a progress bar.
func runReplications(cmd *cobra.Command, opts *runOptions, sc *scenarios.Scenario, stderr io.Writer) (*sim.Summary, error) {
	if opts.precision == "" {
		ctx, o, bar := opts.start(cmd, stderr, sc.Run.Replications)
		defer bar.Stop()
		return experiment.Run(ctx, sc.Model, sc.Run, o)
	}
	p, _ := parseFraction(opts.precision)
	ctx, o, bar := opts.start(cmd, stderr, opts.maxReps)
	defer bar.Stop()
	s, err := experiment.RunToPrecision(ctx, sc.Model, sc.Run, p, opts.maxReps, o)
	if err == nil && !s.PrecisionMet {
		fmt.Fprintf(stderr, "takt: warning: the throughput half-width is %s of the mean after %d replications (the cap), not %s\n",
			pct(s.Throughput.HalfWidth/s.Throughput.Mean), len(s.Replications), opts.precision)
	}
	return s, err
}

func pct(x float64) string { return fmt.Sprintf("%.3g%%", 100*x) }

// writeSummary prints the table or JSON and writes the CSV files.
func writeSummary(opts *runOptions, s *sim.Summary, stdout io.Writer) error {
	var errs []error
	if opts.csvDir != "" {
		errs = append(errs, output.CSV(opts.csvDir, s))
	}
	if opts.xlsx != "" {
		errs = append(errs, output.XLSX(opts.xlsx, s))
	}
	if opts.json {
		errs = append(errs, output.JSON(stdout, s))
	} else {
		errs = append(errs, output.Console(stdout, s))
	}
	return errors.Join(errs...)
}
