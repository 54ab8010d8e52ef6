package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim/experiment"
)

// oldFiles writes an "old" report, trace and chart into a fresh folder and
// returns the folder and the options that would overwrite them.
func oldFiles(t *testing.T) (string, *tracedOptions) {
	t.Helper()
	dir := t.TempDir()
	o := &tracedOptions{report: filepath.Join(dir, "r.html"), trace: filepath.Join(dir, "t.csv"),
		plotsDir: filepath.Join(dir, "charts"), traceLimit: 100}
	if err := os.Mkdir(o.plotsDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{o.report, o.trace, filepath.Join(o.plotsDir, "states.svg")} {
		if err := os.WriteFile(f, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, o
}

// checkOld checks that the old files are unchanged and nothing else was
// left in the folders.
func checkOld(t *testing.T, dir string, o *tracedOptions) {
	t.Helper()
	for _, f := range []string{o.report, o.trace, filepath.Join(o.plotsDir, "states.svg")} {
		if b, err := os.ReadFile(f); err != nil || string(b) != "old" {
			t.Errorf("%s: %q, %v; want it unchanged", filepath.Base(f), b, err)
		}
	}
	for d, want := range map[string][]string{dir: {"charts", "r.html", "t.csv"}, o.plotsDir: {"states.svg"}} {
		entries, _ := os.ReadDir(d)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if !slices.Equal(names, want) {
			t.Errorf("%s holds %q, want %q", d, names, want)
		}
	}
}

// TestInterruptedRunKeepsFiles checks that Ctrl-C before the experiment
// completes replaces no report, trace or chart, and exits 130.
func TestInterruptedRunKeepsFiles(t *testing.T) {
	dir, o := oldFiles(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, stderr := takt(ctx, "run", writeFile(t, "l.toml", tinyLine),
		"--report", o.report, "--trace", o.trace, "--plots", o.plotsDir)
	if code != exitInterrupted {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr)
	}
	checkOld(t, dir, o)
}

// TestInterruptedTraceKeepsFiles checks the same when Ctrl-C comes while
// replication 1 is traced, after the experiment.
func TestInterruptedTraceKeepsFiles(t *testing.T) {
	dir, o := oldFiles(t)
	sc, err := scenarios.Parse("l.toml", []byte(tinyLine))
	if err != nil {
		t.Fatal(err)
	}
	s, err := experiment.Run(context.Background(), sc.Model, sc.Run, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr bytes.Buffer
	err = writeTraced(ctx, o, sc, s, &stderr)
	if !errors.Is(err, context.Canceled) || exitCode(err) != exitInterrupted || !strings.Contains(err.Error(), "no report") {
		t.Errorf("error %v (exit %d), want an interruption saying no file was written", err, exitCode(err))
	}
	checkOld(t, dir, o)
	if stderr.Len() > 0 {
		t.Errorf("stderr %q", stderr.String())
	}
}

// TestTracedMatchesSummary checks that the traced replication is
// replication 1 of the summary: its cycle times average to the
// replication's mean cycle time.
func TestTracedMatchesSummary(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, "l.toml", tinyLine)
	code, out, stderr := takt(context.Background(), "run", file, "--csv", dir, "--trace", filepath.Join(dir, "t.csv"), "--trace-limit", "0")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	plain, plainOut, _ := takt(context.Background(), "run", file)
	if plain != 0 || plainOut != out {
		t.Errorf("output with --trace differs from without:\n%s\nvs\n%s", out, plainOut)
	}
	trace, err := os.ReadFile(filepath.Join(dir, "t.csv"))
	if err != nil {
		t.Fatal(err)
	}
	reps, err := os.ReadFile(filepath.Join(dir, "replications.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Replication 1's completed parts (second column) equal the parts the
	// trace shows reaching the sink after the warm-up (0 here).
	row := strings.Split(strings.Split(string(reps), "\n")[1], ",")
	if exits := strings.Count(string(trace), ",out,exited,"); row[0] != "1" || row[1] != strconv.Itoa(exits) {
		t.Errorf("replication 1 completed %s parts, the trace shows %d", row[1], exits)
	}
}
