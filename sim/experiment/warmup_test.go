package experiment

import (
	"context"
	"fmt"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// TestRunToPrecision checks the sequential procedure: it stops once the
// throughput half-width is within 1% of the mean, with more replications
// than it started with, and the same result for any number of workers.
func TestRunToPrecision(t *testing.T) {
	m := twoStation(1)
	r := sim.Run{Horizon: 500, Warmup: 50, Replications: 3, Seed: 5, Confidence: 0.95}
	var got []string
	for _, w := range []int{1, 4} {
		s, err := RunToPrecision(context.Background(), m, r, 0.01, 500, Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		th := s.Throughput
		if !s.PrecisionMet || th.HalfWidth > 0.01*th.Mean || len(s.Replications) <= 3 {
			t.Errorf("precision not met: %v ± %v with %d replications", th.Mean, th.HalfWidth, len(s.Replications))
		}
		got = append(got, fmt.Sprint(th, len(s.Replications)))
	}
	if got[0] != got[1] {
		t.Errorf("results depend on workers: %v", got)
	}
	s, err := RunToPrecision(context.Background(), m, r, 0.0001, 6, Options{})
	if err != nil || s.PrecisionMet || len(s.Replications) != 6 {
		t.Errorf("capped run: met=%v with %d replications, err %v", s.PrecisionMet, len(s.Replications), err)
	}
}

// TestWarmupBias checks the gate of the warm-up warning on hand-made
// series: a start 3 below the rest, and a steady series.
func TestWarmupBias(t *testing.T) {
	mk := func(start float64, noise float64) []*sim.Replication {
		var reps []*sim.Replication
		for i := range 5 {
			s := make([]float64, 100)
			for k := range s {
				s[k] = 10 + noise*float64(i%2*2-1)
				if k < 20 {
					s[k] += start
				}
			}
			reps = append(reps, &sim.Replication{WIPSeries: s})
		}
		return reps
	}
	b := sim.WarmupBias(mk(-3, 0.1), 0, 20, 100, 0.95) // buckets of width 1
	exact(t, "bias", b.Mean, -3)
	if b.Contains(0) {
		t.Errorf("a start 3 below: %+v should exclude 0", b)
	}
	if b := sim.WarmupBias(mk(0, 0.5), 0, 20, 100, 0.95); !b.Contains(0) {
		t.Errorf("steady series: %+v should contain 0", b)
	}
	if b := sim.WarmupBias(mk(-3, 0), 30, 20, 100, 0.95); b.N != 0 {
		t.Errorf("empty segment: N = %d", b.N)
	}
}
