package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
)

// This file holds the outputs of `takt run` that need one replication
// traced event by event: --report, --plots and --trace. Replication 1 is
// run again with a tracer; the same seed and index make it identical to
// replication 1 of the summary.

// tracedOptions are the flags of the traced outputs.
type tracedOptions struct {
	report     string // --report FILE.html (a shared flag, see expFlags)
	plotsDir   string // --plots DIR (a shared flag)
	trace      string // --trace FILE.csv
	traceLimit int    // --trace-limit N
	gantt      string // --gantt FROM..TO
	animate    string // --animate FROM..TO

	file     string                 // the scenario file, "" for the bundled default
	recorder output.RecorderOptions // set by check
}

// addFlags defines the flags of the traced outputs that only run has.
func (o *tracedOptions) addFlags(f *pflag.FlagSet) {
	f.StringVar(&o.gantt, "gantt", "", "time window `FROM..TO` of the Gantt chart, e.g. 8h..16h (default: a readable stretch after the warm-up)")
	f.StringVar(&o.animate, "animate", "", "time window `FROM..TO` of the report's animation (default: the first 10% after the warm-up)")
	f.StringVar(&o.trace, "trace", "", "write the event trace of replication 1 to `FILE.csv`")
	f.IntVar(&o.traceLimit, "trace-limit", 100000, "write at most `N` events with --trace (0: no limit)")
}

// wanted reports whether any traced output was asked for.
func (o *tracedOptions) wanted() bool { return o.report != "" || o.plotsDir != "" || o.trace != "" }

// check validates the flags against the scenario before the run, so that a
// typo costs no simulation time: the Gantt and animation windows, the trace limit, and
// that the folders of --report and --trace exist.
func (o *tracedOptions) check(sc *scenarios.Scenario) error {
	if o.traceLimit < 0 {
		return usagef("--trace-limit must be >= 0, got %d", o.traceLimit)
	}
	for _, w := range []struct {
		flag, value string
		from, to    *float64
	}{
		{"gantt", o.gantt, &o.recorder.From, &o.recorder.To},
		{"animate", o.animate, &o.recorder.AnimateFrom, &o.recorder.AnimateTo},
	} {
		if w.value == "" {
			continue
		}
		from, to, err := parseWindow(w.value, sc.TimeUnit)
		if err != nil {
			return usagef("--%s: %v", w.flag, err)
		}
		if from >= sc.Run.Horizon {
			return usagef("--%s: the window starts at or after the horizon (%g %s)", w.flag, sc.Run.Horizon, sc.TimeUnit)
		}
		*w.from, *w.to = from, min(to, sc.Run.Horizon)
	}
	if len(sc.Layout) > 0 {
		o.recorder.Layout = map[string]output.LayoutHint{}
		for name, h := range sc.Layout {
			o.recorder.Layout[name] = output.LayoutHint{Row: h.Row, Column: h.Column}
		}
	}
	for _, f := range []string{o.report, o.trace} {
		if f == "" {
			continue
		}
		if fi, err := os.Stat(filepath.Dir(f)); err != nil || !fi.IsDir() {
			return fmt.Errorf("cannot write %s: no folder %s", f, filepath.Dir(f))
		}
	}
	return nil
}

// parseWindow parses "FROM..TO", two durations in unit (or with units).
func parseWindow(s, unit string) (from, to float64, err error) {
	a, b, ok := strings.Cut(s, "..")
	if !ok {
		return 0, 0, fmt.Errorf("want FROM..TO, like 8h..16h, got %q", s)
	}
	if from, err = scenarios.ParseDuration(a, unit); err != nil {
		return 0, 0, err
	}
	if to, err = scenarios.ParseDuration(b, unit); err != nil {
		return 0, 0, err
	}
	if to <= from {
		return 0, 0, fmt.Errorf("the window %q ends before it starts", s)
	}
	return from, to, nil
}

// writeTraced traces replication 1 and writes the traced outputs. Each
// file is written atomically; when the traced run is interrupted, no
// file is replaced.
func writeTraced(ctx context.Context, o *tracedOptions, sc *scenarios.Scenario, s *sim.Summary, stderr io.Writer) error {
	if !o.wanted() {
		return nil
	}
	rec := output.NewRecorder(sc.Model, sc.Run, o.recorder)
	if err := traceToCSV(ctx, o, sc, rec, stderr); err != nil {
		return err
	}
	if o.report == "" && o.plotsDir == "" {
		return nil
	}
	r := output.NewReport(sc.Name, sc.Description, filepath.Base(sc.File), string(sc.Data), s, rec)
	var errs []error
	if o.plotsDir != "" {
		errs = append(errs, output.WriteCharts(o.plotsDir, r.Charts()))
	}
	if o.report != "" {
		errs = append(errs, output.WriteFileAtomic(o.report, r.Write))
	}
	return errors.Join(errs...)
}

// traceToCSV runs replication 1 with rec and, with --trace, writes its
// events to the trace file, saying on stderr when --trace-limit cut it.
func traceToCSV(ctx context.Context, o *tracedOptions, sc *scenarios.Scenario, rec *output.Recorder, stderr io.Writer) error {
	if o.trace == "" {
		return traceRun(ctx, sc, rec)
	}
	var dropped int64
	err := output.WriteFileAtomic(o.trace, func(w io.Writer) error {
		tw := output.NewTraceCSV(w, o.traceLimit)
		if err := traceRun(ctx, sc, output.Tracers{rec, tw}); err != nil {
			return err
		}
		dropped = tw.Dropped()
		return tw.Close()
	})
	if err == nil && dropped > 0 {
		fmt.Fprintf(stderr, "takt: %s: the trace stops after %d events (--trace-limit); %d later events are not written\n",
			o.trace, o.traceLimit, dropped)
	}
	return err
}

// traceRun runs replication 1 (index 0) of the scenario with tr.
func traceRun(ctx context.Context, sc *scenarios.Scenario, tr sim.Tracer) error {
	if _, err := sim.TraceReplication(ctx, sc.Model, sc.Run, 0, tr); err != nil {
		if ctx.Err() != nil {
			return interrupted(ctx.Err(), "interrupted while tracing replication 1; no report, chart or trace file written")
		}
		return fmt.Errorf("tracing replication 1: %w", err)
	}
	return nil
}
