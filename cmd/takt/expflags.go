package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// expFlags are the flags of every command that runs replications (run,
// compare, sweep, bottleneck, warmup), defined once here so that each of
// them takes the same ones: they override the scenario's [run] table, say
// how the replications run and where the results go.
type expFlags struct {
	replications int
	seed         uint64
	horizon      string
	warmup       string
	workers      int
	quiet        bool
	json         bool
	csvDir       string
	report       string
	plotsDir     string
	xlsx         string

	shard shardFlags

	src   scenarioSource // of the scenario loaded by load
	cmd   *cobra.Command // the command the flags belong to
	steps func(int64)    // progress of replications in worker processes (set by start)
}

func (o *expFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.IntVarP(&o.replications, "replications", "r", 0, "number of replications (default: the scenario's)")
	f.Uint64Var(&o.seed, "seed", 0, "base random seed (default: the scenario's)")
	f.StringVar(&o.horizon, "horizon", "", "simulated time per replication, warm-up included, e.g. 2000h")
	f.StringVar(&o.warmup, "warmup", "", "warm-up time discarded from the statistics, e.g. 50h")
	f.IntVarP(&o.workers, "jobs", "j", 0, "replications run at once (default: number of CPUs)")
	f.BoolVarP(&o.quiet, "quiet", "q", false, "no progress bar")
	f.BoolVar(&o.json, "json", false, "print the results as JSON")
	f.StringVar(&o.csvDir, "csv", "", "also write the results as CSV into `DIR`")
	f.StringVar(&o.report, "report", "", "write a self-contained HTML report with charts to `FILE.html`")
	f.StringVar(&o.plotsDir, "plots", "", "write every chart as SVG and PNG into `DIR`")
	o.shard.register(f)
	o.cmd = cmd
	cmd.PreRunE = func(cmd *cobra.Command, _ []string) error { return o.shard.prepare(cmd) }
}

// addXLSXFlag adds --xlsx (run, compare and sweep).
func (o *expFlags) addXLSXFlag(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.xlsx, "xlsx", "", "also write the results as an Excel workbook to `FILE.xlsx`")
}

// apply overrides r with the flags given; unit is the scenario's time unit.
func (o *expFlags) apply(cmd *cobra.Command, unit string, r *sim.Run) error {
	f := cmd.Flags()
	if f.Changed("replications") {
		r.Replications = o.replications
	}
	if f.Changed("seed") {
		r.Seed = o.seed
	}
	for _, d := range []struct {
		name, value string
		dst         *float64
	}{{"horizon", o.horizon, &r.Horizon}, {"warmup", o.warmup, &r.Warmup}} {
		if !f.Changed(d.name) {
			continue
		}
		v, err := scenarios.ParseDuration(d.value, unit)
		if err != nil {
			return usageError{fmt.Errorf("--%s: %v", d.name, err), cmd.CommandPath()}
		}
		*d.dst = v
	}
	if o.workers < 0 {
		return usageError{fmt.Errorf("-j must be >= 0, got %d", o.workers), cmd.CommandPath()}
	}
	if err := r.Validate(); err != nil {
		return usageError{fmt.Errorf("after applying the flags: %w", err), cmd.CommandPath()}
	}
	if err := o.checkOutputs(); err != nil {
		return usageError{err, cmd.CommandPath()}
	}
	return nil
}

// load loads the scenario in file (the bundled default scenario when file
// is "") and keeps its source, from which worker processes build it. The
// scenario's warnings go to stderr.
//
// Under takt merge it is the scenario the shards were run from, as they
// recorded it.
func (o *expFlags) load(file string) (*scenarios.Scenario, error) {
	if m := mergeFrom(o.cmd); m != nil {
		h := m.header
		o.src = scenarioSource{File: h.File, Example: h.Example, Data: h.Data}
		return o.src.scenario()
	}
	sc, src, err := loadSource(file)
	o.src = src
	if err == nil && o.cmd != nil { // nil in tests that load without a command
		printWarnings(o.cmd.ErrOrStderr(), sc.Warnings)
	}
	return sc, err
}

// printWarnings writes a scenario's warnings, one a line.
func printWarnings(w io.Writer, warnings []scenarios.Problem) {
	for _, p := range warnings {
		fmt.Fprintf(w, "takt: warning: %v\n", p)
	}
}

// options runs the base scenario's replications in -j worker processes
// (the number of CPUs by default; -j 1 in this process). Results do not
// depend on where replications run.
func (o *expFlags) options(cmd *cobra.Command) experiment.Options {
	workers := o.workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	opt := experiment.Options{Workers: workers, Source: o.src.encode(),
		Executor: processes{workers: workers, stderr: cmd.ErrOrStderr(), steps: o.steps}}
	switch m := mergeFrom(cmd); {
	case planning(cmd):
		opt.Executor = planner{}
	case m != nil:
		opt.Executor = m
	case o.shard.n > 0:
		opt.Executor = &shardWriter{inner: opt.Executor, out: o.shard.out, stderr: cmd.ErrOrStderr(), header: shardHeader{
			Takt: shardVersion(), Protocol: protocolVersion, Command: cmd.Name(), Args: settings(cmd),
			File: o.src.File, Example: o.src.Example, Data: o.src.Data, Shard: o.shard.i, Shards: o.shard.n}}
	}
	return opt
}

// settle is what a command does with the error of its experiment: stop
// without printing results (a shard was written, or merge refuses), or go
// on printing them with the error to report after. A merge of the shards
// that are there (--allow-partial) prints its partial results and
// succeeds.
func (o *expFlags) settle(err error) (stop bool, _ error) {
	switch {
	case errors.Is(err, errPlanned):
		return true, nil
	case o.shard.n > 0 && errors.Is(err, errShardWritten):
		return true, nil
	case o.shard.n > 0:
		if err == nil {
			err = errors.New("no replications ran, no shard written")
		}
		return true, err
	case errors.Is(err, errPartialMerge):
		return false, nil
	case mergeFrom(o.cmd) != nil && err != nil:
		return true, err
	}
	return false, err
}

// start returns the context and options of an experiment of total
// replications, with a progress bar on stderr (unless -q) that moves with
// the simulated time of the running replications, in this process or in
// worker processes; stop the bar when the run ends.
func (o *expFlags) start(cmd *cobra.Command, stderr io.Writer, total int) (context.Context, experiment.Options, *progress) {
	bar := startProgress(stderr, total, o.quiet)
	o.steps = bar.Steps
	opt := o.options(cmd)
	opt.Progress = bar.Update
	return sim.WithProgress(cmd.Context(), bar.Step), opt, bar
}
