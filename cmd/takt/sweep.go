package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim/experiment"
)

type sweepOptions struct {
	compareOptions
	sets []string
}

func newSweepCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &sweepOptions{}
	cmd := &cobra.Command{
		Use:   "sweep FILE --set PATH=VALUES [--set PATH=VALUES]",
		Short: "Run the scenario over a range of values, with common random numbers",
		Long: `Sweep runs the scenario at every value of a key path — a range FROM..TO or
FROM..TO:STEP, or a list a,b,c — with common random numbers, and prints the
curve: each point's KPIs and its paired difference to the first point. A
second --set makes a grid (the first --set varies slowest).`,
		Example: `  takt examples demo > line.toml
  takt sweep line.toml --set station.deburr.buffer=1..10
  takt sweep line.toml --set station.cnc.machines=2,3 --set station.deburr.buffer=0..10:5 --csv sweep/
  takt sweep scenarios/penny-fab.toml --set source.blanks.conwip=1..8 --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runSweep(cmd, a[0], opts, stdout, stderr)
		},
	}
	opts.register(cmd)
	opts.addXLSXFlag(cmd)
	cmd.Flags().StringVar(&opts.objective, "objective", "", "rank the points by this KPI (default: keep them in sweep order)")
	cmd.Flags().StringArrayVar(&opts.sets, "set", nil, "`PATH=VALUES` to sweep, e.g. station.weld.buffer=1..10")
	return cmd
}

// sweepPoint is one point of the grid: the value of each swept path.
type sweepPoint []any

func runSweep(cmd *cobra.Command, file string, opts *sweepOptions, stdout, stderr io.Writer) error {
	if len(opts.sets) == 0 {
		return usageError{fmt.Errorf("give at least one --set PATH=VALUES"), cmd.CommandPath()}
	}
	var paths []string
	var axes [][]any
	for _, s := range opts.sets {
		p, vals, err := scenarios.ParseSetFlag(s)
		if err != nil {
			return usageError{err, cmd.CommandPath()}
		}
		paths, axes = append(paths, p), append(axes, vals)
	}
	sc, err := opts.load(file)
	if err != nil {
		return err
	}
	points := grid(axes)
	alts := make([]experiment.Alternative, len(points))
	for i, pt := range points {
		sets := make([]scenarios.Set, len(paths))
		for k := range paths {
			sets[k] = scenarios.Set{Path: paths[k], Value: pt[k]}
		}
		label := "--set " + pointName(paths, pt)
		v, err := sc.With(sets, 0, label)
		if err != nil {
			return err
		}
		alts[i] = experiment.Alternative{Name: pointName(paths, pt), Model: v.Model, Run: v.Run,
			Source: opts.src.with(sets, label).encode()}
		if err := opts.apply(cmd, sc.TimeUnit, &alts[i].Run); err != nil {
			return err
		}
	}
	c, err := compareAlternatives(cmd, &opts.expFlags, alts, stderr)
	if stop, err := opts.settle(sc.Explain(err)); stop || err != nil {
		return err
	}
	view := &output.Comparison{Comparison: c, Paths: paths}
	for i, pt := range points {
		view.Order = append(view.Order, i)
		view.Values = append(view.Values, pt)
	}
	if opts.objective != "" {
		kpi, err := objective(cmd, opts.objective)
		if err != nil {
			return err
		}
		view.Objective, view.Order = kpi, c.Rank(kpi)
	}
	return writeComparison(&opts.expFlags, sc, view, stdout)
}

// grid is the cartesian product of the axes, the first varying slowest.
func grid(axes [][]any) []sweepPoint {
	points := []sweepPoint{{}}
	for _, axis := range axes {
		var next []sweepPoint
		for _, p := range points {
			for _, v := range axis {
				next = append(next, append(append(sweepPoint{}, p...), v))
			}
		}
		points = next
	}
	return points
}

// pointName names a point by the last part of each path: "buffer=3".
func pointName(paths []string, pt sweepPoint) string {
	parts := make([]string, len(paths))
	for k, p := range paths {
		parts[k] = fmt.Sprintf("%s=%v", p[strings.LastIndex(p, ".")+1:], pt[k])
	}
	return strings.Join(parts, ", ")
}
