package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim/experiment"
)

type compareOptions struct {
	expFlags
	objective string
}

func newCompareCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare FILE",
		Short: "Compare the scenario with its variants, paired by common random numbers",
		Long: `Compare runs the base scenario and every [[variant]] in FILE with common
random numbers — replication i of every alternative uses the same random
streams for every element they share — and prints, for each KPI, the value
and the paired difference to the base with its confidence interval. A
difference is significant (*) when its interval excludes 0.`,
		Example: `  takt examples staffing > staffing.toml && takt compare staffing.toml
  takt examples demo > line.toml
  takt compare line.toml --objective cycle_time -r 30 --json --report line.html`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runCompare(cmd, a[0], opts, stdout, stderr)
		},
	}
	opts.register(cmd)
	opts.addXLSXFlag(cmd)
	cmd.Flags().StringVar(&opts.objective, "objective", "throughput", "KPI to rank by: throughput, wip, cycle_time, cycle_time_p90, makespan, … (default makespan for a run until done)")
	return cmd
}

func runCompare(cmd *cobra.Command, file string, opts *compareOptions, stdout, stderr io.Writer) error {
	kpi, err := objective(cmd, opts.objective)
	if err != nil {
		return err
	}
	sc, err := opts.load(file)
	if err != nil {
		return err
	}
	if len(sc.Variants) == 0 {
		return usageError{fmt.Errorf("%s has no [[variant]] to compare with (see 'takt sweep' for a parameter sweep)", file), cmd.CommandPath()}
	}
	alts := []experiment.Alternative{{Name: "base", Model: sc.Model, Run: sc.Run, Source: opts.src.encode()}}
	for _, v := range sc.Variants {
		printWarnings(cmd.ErrOrStderr(), v.Scenario.Warnings)
		alts = append(alts, experiment.Alternative{Name: v.Name, Model: v.Scenario.Model, Run: v.Scenario.Run,
			Source: opts.src.variant(v.Name).encode()})
	}
	for i := range alts {
		if err := opts.apply(cmd, sc.TimeUnit, &alts[i].Run); err != nil {
			return err
		}
	}
	if sc.Run.Until.Set() && !cmd.Flags().Changed("objective") {
		kpi, _ = experiment.KPIByName("makespan")
	}
	c, err := compareAlternatives(cmd, &opts.expFlags, alts, stderr)
	if stop, err := opts.settle(sc.Explain(err)); stop || err != nil {
		return err
	}
	view := &output.Comparison{Comparison: c, Order: c.Rank(kpi), Objective: kpi, Values: make([][]any, len(alts))}
	return writeComparison(&opts.expFlags, sc, view, stdout)
}

// compareAlternatives runs the alternatives with a progress bar.
func compareAlternatives(cmd *cobra.Command, o *expFlags, alts []experiment.Alternative, stderr io.Writer) (*experiment.Comparison, error) {
	ctx, opt, bar := o.start(cmd, stderr, len(alts)*alts[0].Run.Replications)
	defer bar.Stop()
	return experiment.Compare(ctx, alts, opt)
}

// writeComparison prints the comparison table or JSON and writes the
// files of the comparison.
func writeComparison(o *expFlags, sc *scenarios.Scenario, c *output.Comparison, stdout io.Writer) error {
	err := writeComparisonFiles(o, sc, c)
	if o.json {
		return errors.Join(err, output.CompareJSON(stdout, c))
	}
	return errors.Join(err, output.CompareConsole(stdout, c))
}

// writeComparisonFiles writes the CSV, the report and the charts of a
// comparison, each file atomically.
func writeComparisonFiles(o *expFlags, sc *scenarios.Scenario, c *output.Comparison) error {
	var errs []error
	if o.csvDir != "" {
		errs = append(errs, output.CompareCSV(o.csvDir, c))
	}
	if o.xlsx != "" {
		errs = append(errs, output.CompareXLSX(o.xlsx, c))
	}
	if o.report != "" || o.plotsDir != "" {
		errs = append(errs, writeReport(o, output.NewComparisonReport(sc.Name, sc.Description, filepath.Base(sc.File), string(sc.Data), c)))
	}
	return errors.Join(errs...)
}

// writeReport writes r with --report and its charts with --plots.
func writeReport(o *expFlags, r *output.Report) error {
	var errs []error
	if o.plotsDir != "" {
		errs = append(errs, output.WriteCharts(o.plotsDir, r.Charts()))
	}
	if o.report != "" {
		errs = append(errs, output.WriteFileAtomic(o.report, r.Write))
	}
	return errors.Join(errs...)
}

// objective is the KPI named by --objective; the error lists the valid
// names.
func objective(cmd *cobra.Command, name string) (experiment.KPI, error) {
	kpi, err := experiment.KPIByName(name)
	if err != nil {
		var names []string
		for _, k := range experiment.KPIs() {
			names = append(names, k.Name)
		}
		return kpi, usageError{fmt.Errorf("--objective: unknown KPI %q (valid names: %s)", name, strings.Join(names, ", ")), cmd.CommandPath()}
	}
	return kpi, nil
}
