package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/sim/experiment"
)

type bottleneckOptions struct {
	expFlags
	speedup string
}

func newBottleneckCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &bottleneckOptions{}
	cmd := &cobra.Command{
		Use:   "bottleneck FILE",
		Short: "Rank stations by the throughput that more capacity there buys",
		Long: `Bottleneck answers "where does one more hour of effort buy the most?": for
each station in turn it runs the scenario with that station's capacity raised
(10% by default: process times divided by 1.1), paired with the base by common
random numbers, and ranks the stations by the throughput gained, each with
its confidence interval, beside the active-period bottleneck shares.`,
		Example: `  takt bottleneck
  takt bottleneck scenarios/bottleneck-shift.toml --speedup 20% --report bottleneck.html`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			file := ""
			if len(a) == 1 {
				file = a[0]
			}
			return runBottleneck(cmd, file, opts, stdout, stderr)
		},
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&opts.speedup, "speedup", "10%", "extra capacity per station, e.g. 10% or 0.1")
	return cmd
}

func runBottleneck(cmd *cobra.Command, file string, opts *bottleneckOptions, stdout, stderr io.Writer) error {
	speedup, err := parseFraction(opts.speedup)
	if err != nil || !(speedup > 0) {
		return usageError{fmt.Errorf("--speedup %q: want a positive fraction such as 10%% or 0.1", opts.speedup), cmd.CommandPath()}
	}
	sc, err := opts.load(file)
	if err != nil {
		return err
	}
	if err := opts.apply(cmd, sc.TimeUnit, &sc.Run); err != nil {
		return err
	}
	ctx, opt, bar := opts.start(cmd, stderr, (1+len(sc.Model.Stations))*sc.Run.Replications)
	c, err := experiment.Sensitivity(ctx, sc.Model, sc.Run, speedup, opt)
	bar.Stop()
	if stop, err := opts.settle(sc.Explain(err)); stop || err != nil {
		return err
	}
	s := &output.Sensitivity{Comparison: c, Speedup: speedup}
	throughput := experiment.KPIs()[0]
	view := &output.Comparison{Comparison: c, Order: c.Rank(throughput), Objective: throughput, Values: make([][]any, len(c.Alternatives))}
	if err := writeComparisonFiles(&opts.expFlags, sc, view); err != nil {
		return err
	}
	if opts.json {
		return output.SensitivityJSON(stdout, s)
	}
	return output.SensitivityConsole(stdout, s)
}

// parseFraction reads "10%" or "0.1".
func parseFraction(s string) (float64, error) {
	if p, ok := strings.CutSuffix(strings.TrimSpace(s), "%"); ok {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		return v / 100, err
	}
	return strconv.ParseFloat(strings.TrimSpace(s), 64)
}
