package sim

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// recorder is a Tracer that writes what it receives as lines.
type recorder struct{ lines []string }

func (r *recorder) MachineState(t float64, station string, k int, s State) {
	r.lines = append(r.lines, fmt.Sprintf("%g %s#%d %s", t, station, k, s))
}
func (r *recorder) PartEvent(t float64, part int64, ev PartEventKind, element string) {
	r.lines = append(r.lines, fmt.Sprintf("%g part%d %s %s", t, part, ev, element))
}
func (r *recorder) Level(t float64, element string, n int) {
	r.lines = append(r.lines, fmt.Sprintf("%g level %q %d", t, element, n))
}

// TestTraceDeterministicLine checks the exact trace of a hand-computed case:
// a saturated station of 2 time units feeding one of 3 with no buffer, so
// the first machine is blocked from 4 to 5. A machine that goes straight
// from one part to the next stays busy: no zero-length state is reported.
func TestTraceDeterministicLine(t *testing.T) {
	m := &Model{Name: "trace",
		Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(2), Buffer: Unlimited, Routes: to("b")},
			{Name: "b", Machines: 1, Process: constD(3), Buffer: 0, Routes: to("out")}},
		Sinks: []Sink{{Name: "out"}}}
	rec := &recorder{}
	run := Run{Horizon: 5.5, Replications: 1, Seed: 1, Confidence: 0.95}
	if _, err := TraceReplication(context.Background(), m, run, 0, rec); err != nil {
		t.Fatal(err)
	}
	want := `0 a#0 starved
0 b#0 starved
0 part1 entered raw
0 level "" 1
0 a#0 busy
0 part1 started a
2 part1 finished a
2 b#0 busy
2 part1 started b
2 part2 entered raw
2 level "" 2
2 part2 started a
4 part2 finished a
4 a#0 blocked
5 part1 finished b
5 part1 exited out
5 level "" 1
5 part2 started b
5 part3 entered raw
5 level "" 2
5 a#0 busy
5 part3 started a`
	if got := strings.Join(rec.lines, "\n"); got != want {
		t.Errorf("trace:\n%s\nwant:\n%s", got, want)
	}
}

// TestTraceDoesNotChangeResults checks that tracing only observes.
func TestTraceDoesNotChangeResults(t *testing.T) {
	m := &Model{Name: "split", Sources: []Source{open("a", expD(1))},
		Stations: []Station{{Name: "a", Machines: 2, Process: expD(1.5), Buffer: 2,
			Routes:   []Route{{To: "b", P: 0.6}, {To: "out", P: 0.4}},
			Failures: []Failure{{Name: "f", TTF: expD(30), TTR: expD(3), Basis: Calendar}}},
			stationU("b", 1, expD(0.8), "out")},
		Sinks: []Sink{{Name: "out"}}}
	run := Run{Horizon: 2000, Warmup: 100, Replications: 1, Seed: 3, Confidence: 0.95}
	plain, err := RunReplication(context.Background(), m, run, 0)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	traced, err := TraceReplication(context.Background(), m, run, 0, rec)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(*plain) != fmt.Sprint(*traced) || len(rec.lines) < 1000 {
		t.Errorf("tracing changed the results or traced little (%d lines)", len(rec.lines))
	}
}
