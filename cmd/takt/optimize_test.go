package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// optimizeArgs is a small buffer allocation of the bundled example.
var optimizeArgs = []string{"optimize", "../../scenarios/buffer-allocation.toml",
	"--vary", "station.press.buffer=0..4", "--vary", "station.weld.buffer=0..4",
	"--constraint", "sum(station.*.buffer) <= 4", "--delta", "0.01", "-r", "3", "--horizon", "500", "--json"}

// TestOptimizeSameForAnyJobs checks that optimize answers the same, bit
// for bit, in this process and in worker processes.
func TestOptimizeSameForAnyJobs(t *testing.T) {
	want := runOut(t, append(optimizeArgs, "-j", "1")...)
	if got := runOut(t, append(optimizeArgs, "-j", "3")...); got != want {
		t.Errorf("-j 3 differs from -j 1")
	}
	if !strings.Contains(want, `"guaranteed": true`) || !strings.Contains(want, `"best": {`) {
		t.Errorf("want a guaranteed selection, got %.300s", want)
	}
}

// TestOptimizeBadInput checks that malformed variables, constraints and
// objectives are usage errors (exit 2) that say what is wrong.
func TestOptimizeBadInput(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--vary", "station.press.buffer=0..2", "--constraint", "sum(station.*.machines) <= 3"}, "matches no --vary key"},
		{[]string{"--vary", "station.press.buffer=0..2", "--constraint", "station.press.buffer <= x"}, "must be a number"},
		{[]string{"--vary", "station.press.buffer=0..2", "--objective", "best:throughput"}, "want max:KPI or min:KPI"},
		{[]string{"--vary", `station.press.process=["exp(1)","exp(2)"]`}, "is not a number"},
		{[]string{"--vary", "station.press.buffer=0..2", "--delta", "-1"}, "--delta"},
		{nil, "give at least one KEY=RANGE"},
	} {
		var out, errb bytes.Buffer
		args := append([]string{"optimize", "../../scenarios/buffer-allocation.toml", "-r", "2"}, c.args...)
		if code := run(context.Background(), args, &out, &errb); code != exitInvalid || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, errb.String(), exitInvalid, c.want)
		}
	}
}

// TestOptimizeNoDesignMeetsBound checks the answer when no design reaches
// a bound on a KPI: no design is selected, and the output says so.
func TestOptimizeNoDesignMeetsBound(t *testing.T) {
	out := runOut(t, "optimize", "../../scenarios/buffer-allocation.toml", "--vary", "station.press.buffer=0..2",
		"--constraint", "throughput >= 5", "--delta", "0.01", "-r", "2", "--horizon", "300", "-j", "1")
	if !strings.Contains(out, "No design meets the constraints on the KPIs (throughput >= 5)") {
		t.Errorf("want a clear 'no design' answer, got:\n%s", out)
	}
}

// TestOptimizeReport checks that --report and --csv write the optimisation:
// its answer first, then the candidates compared with the selected design.
func TestOptimizeReport(t *testing.T) {
	dir := t.TempDir()
	report, csvDir := filepath.Join(dir, "opt.html"), filepath.Join(dir, "csv")
	runOut(t, append(optimizeArgs, "-j", "1", "--report", report, "--csv", csvDir)...)
	html, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Optimisation", "Best design", "Comparison"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the report has no %q", want)
		}
	}
	csv, err := os.ReadFile(filepath.Join(csvDir, "comparison.csv"))
	if err != nil || !strings.HasPrefix(string(csv), "alternative,station.press.buffer,station.weld.buffer,kpi") {
		t.Errorf("comparison.csv: %v %.100s", err, csv)
	}
}
