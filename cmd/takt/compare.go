package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim/experiment"
)

type compareOptions struct {
	expFlags
	objective string
	report    string
	plotsDir  string
}

// addReportFlags adds --report and --plots.
func (o *compareOptions) addReportFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.report, "report", "", "write a self-contained HTML report to `FILE.html`")
	cmd.Flags().StringVar(&o.plotsDir, "plots", "", "write the charts as SVG and PNG files into `DIR`")
}

func newCompareCmd(stdout io.Writer) *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare FILE",
		Short: "Compare the scenario with its variants, paired by common random numbers",
		Long: `Compare runs the base scenario and every [[variant]] in FILE with common
random numbers — replication i of every alternative uses the same random
streams for every element they share — and prints, for each KPI, the value
and the paired difference to the base with its confidence interval. A
difference is significant (*) when its interval excludes 0.`,
		Example: `  takt examples tpm > tpm.toml && takt compare tpm.toml
  takt compare line.toml --objective cycle_time -r 30 --json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runCompare(cmd, a[0], opts, stdout)
		},
	}
	opts.register(cmd)
	opts.addReportFlags(cmd)
	cmd.Flags().StringVar(&opts.objective, "objective", "throughput", "KPI to rank by: throughput, wip, cycle_time, cycle_time_p90, …")
	return cmd
}

func runCompare(cmd *cobra.Command, file string, opts *compareOptions, stdout io.Writer) error {
	kpi, err := experiment.KPIByName(opts.objective)
	if err != nil {
		return usageError{fmt.Errorf("--objective: %v", err), cmd.CommandPath()}
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
		alts = append(alts, experiment.Alternative{Name: v.Name, Model: v.Scenario.Model, Run: v.Scenario.Run,
			Source: opts.src.variant(v.Name).encode()})
	}
	for i := range alts {
		if err := opts.apply(cmd, sc.TimeUnit, &alts[i].Run); err != nil {
			return err
		}
	}
	c, err := experiment.Compare(cmd.Context(), alts, opts.options(cmd))
	if err != nil {
		return err
	}
	view := &output.Comparison{Comparison: c, Order: c.Rank(kpi), Objective: kpi, Values: make([][]any, len(alts))}
	return writeComparison(opts, sc, file, view, stdout)
}

// writeComparison prints the comparison table or JSON and writes the CSV,
// the report and the charts, each file atomically.
func writeComparison(o *compareOptions, sc *scenarios.Scenario, file string, c *output.Comparison, stdout io.Writer) error {
	var errs []error
	if o.csvDir != "" {
		errs = append(errs, output.CompareCSV(o.csvDir, c))
	}
	if o.report != "" || o.plotsDir != "" {
		r := output.NewComparisonReport(sc.Name, sc.Description, filepath.Base(sc.File), string(sc.Data), c)
		if o.plotsDir != "" {
			errs = append(errs, output.WriteCharts(o.plotsDir, r.Charts()))
		}
		if o.report != "" {
			errs = append(errs, output.WriteFileAtomic(o.report, r.Write))
		}
	}
	if o.json {
		errs = append(errs, output.CompareJSON(stdout, c))
	} else {
		errs = append(errs, output.CompareConsole(stdout, c))
	}
	return errors.Join(errs...)
}
