package main

import (
	"context"
	"strings"
	"testing"
)

// TestVerdictsAgree runs `run` and `bottleneck` on open lines whose release
// limits them (mm1 at ρ = 0.8, the demo line with every load below 1) and
// on a saturated line whose stations limit it (two-station-buffer): both
// commands must give the same answer. On the open lines, run must not
// claim that more capacity raises throughput and bottleneck must find no
// significant gain and name the release; on the saturated line, run names
// the bottleneck and bottleneck finds a significant gain.
func TestVerdictsAgree(t *testing.T) {
	const release = "Throughput is set by the release of parts"
	for _, c := range []struct {
		file             string
		limitedByRelease bool
	}{
		{"mm1", true},
		{"demo", true},
		{"two-station-buffer", false},
	} {
		file := "../../scenarios/" + c.file + ".toml"
		code, out, errOut := takt(context.Background(), "run", file, "-r", "5", "-j", "1", "-q")
		if code != 0 {
			t.Fatalf("run %s: exit %d: %s", c.file, code, errOut)
		}
		claims := strings.Contains(out, "raises throughput most")
		if got := strings.Contains(out, release); got != c.limitedByRelease || (c.limitedByRelease && claims) {
			t.Errorf("run %s: release verdict %v, want %v:\n%s", c.file, got, c.limitedByRelease, out)
		}
		code, out, errOut = takt(context.Background(), "bottleneck", file, "-r", "5", "-j", "1", "-q")
		if code != 0 {
			t.Fatalf("bottleneck %s: exit %d: %s", c.file, code, errOut)
		}
		want := "Effort buys the most at"
		if c.limitedByRelease {
			want = "No station's extra capacity raises throughput significantly: the release of parts limits the plant"
		}
		if !strings.Contains(out, want) {
			t.Errorf("bottleneck %s: want %q in\n%s", c.file, want, out)
		}
	}
}

// TestCompareRanksWithTies compares the demo's variants by cycle time: a
// bigger CNC buffer changes no KPI at all (demo.toml explains why), so it
// ties with the base, while a fourth CNC wins alone. The objective's column
// is shown, and the JSON carries the ranks.
func TestCompareRanksWithTies(t *testing.T) {
	code, out, errOut := takt(context.Background(), "compare", "../../scenarios/demo.toml", "--objective", "cycle_time_p90",
		"-r", "5", "-j", "1", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rank := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		for _, name := range []string{"fourth CNC", "faster saw", "base", "more room before the CNCs"} {
			if f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), name)); strings.HasPrefix(strings.TrimSpace(line), name+" ") && len(f) > 0 {
				rank[name] = f[0]
				if len(f) > 1 && f[1] == "(tie)" {
					rank[name] += " (tie)"
				}
			}
		}
	}
	if rank["fourth CNC"] != "1" || rank["base"] != rank["more room before the CNCs"] || !strings.HasSuffix(rank["base"], "(tie)") {
		t.Errorf("ranks %v, want fourth CNC 1 and base tied with more room:\n%s", rank, out)
	}
	if !strings.Contains(out, "cycle time p90 (min)") {
		t.Errorf("the objective's column is missing:\n%s", out)
	}
	_, js, _ := takt(context.Background(), "compare", "../../scenarios/demo.toml", "--objective", "cycle_time_p90",
		"-r", "5", "-j", "1", "-q", "--json")
	if !strings.Contains(js, `"rank": 1,`) || !strings.Contains(js, `"tie": true`) {
		t.Errorf("JSON without rank and tie:\n%.2000s", js)
	}
}
