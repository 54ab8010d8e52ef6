package sim

import (
	"bytes"
	"context"
	"sync/atomic"
	"testing"
)

// TestProgressSteps checks that a replication run under WithProgress calls
// step once per checkpoint, ProgressSteps times in all, whether it has
// fewer events than one check of the loop (horizon 200) or many (20000:
// about 30000 events, most checkpoints reported on the way), and that
// its results are bit-identical to a run without it.
func TestProgressSteps(t *testing.T) {
	for _, horizon := range []float64{200, 20000} {
		testProgressSteps(t, horizon)
	}
}

func testProgressSteps(t *testing.T, horizon float64) {
	m := &Model{Sources: []Source{open("m", expD(2))},
		Stations: []Station{stationU("m", 1, expD(1), "out")},
		Sinks:    []Sink{{Name: "out"}}}
	r := testRun(horizon, 20, 1)
	p, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	var steps atomic.Int64
	with, err := p.Replicate(WithProgress(context.Background(), func() { steps.Add(1) }), r, 0)
	if err != nil {
		t.Fatal(err)
	}
	if steps.Load() != ProgressSteps {
		t.Errorf("horizon %g: %d steps, want %d", horizon, steps.Load(), ProgressSteps)
	}

	without, err := p.Replicate(context.Background(), r, 0)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := with.MarshalBinary()
	b, _ := without.MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Error("the results differ with a progress hook")
	}
}

// TestProgressDuringReplication checks that a long replication reports its
// checkpoints as it goes, not only at the end: cancelled from its 10th
// checkpoint, it stops with fewer than all of them reported.
func TestProgressDuringReplication(t *testing.T) {
	m := &Model{Sources: []Source{open("m", expD(2))},
		Stations: []Station{stationU("m", 1, expD(1), "out")},
		Sinks:    []Sink{{Name: "out"}}}
	p, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var steps atomic.Int64
	_, err = p.Replicate(WithProgress(ctx, func() {
		if steps.Add(1) == 10 {
			cancel()
		}
	}), testRun(20000, 20, 1), 0)
	if err == nil || steps.Load() < 10 || steps.Load() >= ProgressSteps {
		t.Errorf("err %v after %d steps; want cancelled after 10 to %d", err, steps.Load(), ProgressSteps-1)
	}
}
