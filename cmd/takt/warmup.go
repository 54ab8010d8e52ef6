package main

import (
	"errors"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/sim/experiment"
)

func newWarmupCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &expFlags{}
	cmd := &cobra.Command{
		Use:   "warmup [FILE]",
		Short: "Suggest a warm-up period by MSER-5 from the WIP over time",
		Long: `Warmup runs the scenario's replications, averages their WIP over time, and
applies the MSER-5 rule: it cuts the initial stretch that minimises the
standard error of the rest. Use a horizon several times the suggested
warm-up. takt run warns when the configured warm-up is shorter.

--csv writes the averaged WIP series (wip.csv) beside the summary's CSV
files; --report and --plots chart it with the suggested warm-up shaded.`,
		Example: `  takt warmup
  takt warmup scenarios/mm1.toml --horizon 4w -r 20`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			file := ""
			if len(a) == 1 {
				file = a[0]
			}
			return runWarmup(cmd, file, opts, stdout, stderr)
		},
	}
	opts.register(cmd)
	return cmd
}

func runWarmup(cmd *cobra.Command, file string, opts *expFlags, stdout, stderr io.Writer) error {
	sc, err := opts.load(file)
	if err != nil {
		return err
	}
	if err := opts.apply(cmd, sc.TimeUnit, &sc.Run); err != nil {
		return err
	}
	if d := output.UntilText(sc.Run); d != "" {
		return usagef("%s runs until %s (a finite job, no steady state): a warm-up analysis needs a run to the horizon; remove [run] until", sc.File, d)
	}
	ctx, opt, bar := opts.start(cmd, stderr, sc.Run.Replications)
	s, err := experiment.Run(ctx, sc.Model, sc.Run, opt)
	bar.Stop()
	if stop, err := opts.settle(sc.Explain(err)); stop || err != nil {
		return err
	}
	var errs []error
	if opts.csvDir != "" {
		errs = append(errs, output.WarmupCSV(opts.csvDir, s))
	}
	if opts.report != "" || opts.plotsDir != "" {
		errs = append(errs, writeReport(opts, output.NewWarmupReport(sc.Name, sc.Description, filepath.Base(sc.File), string(sc.Data), s)))
	}
	if opts.json {
		errs = append(errs, output.WarmupJSON(stdout, s))
	} else {
		errs = append(errs, output.WarmupConsole(stdout, s))
	}
	return errors.Join(errs...)
}
