package experiment

import (
	"context"
	"fmt"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// TestDeterministicAcrossWorkers checks that results are bit-identical for
// any number of workers.
func TestDeterministicAcrossWorkers(t *testing.T) {
	m := &sim.Model{Name: "split",
		Sources: []sim.Source{sim.Source{Name: "src", To: "a", Kind: sim.Open, Interarrival: must(sim.Tri(0.5, 1, 2))}},
		Stations: []sim.Station{
			{Name: "a", Machines: 2, Process: must(sim.LogNormal(1.5, 0.5)), Buffer: 3,
				Routes: []sim.Route{{To: "b", P: 0.7}, {To: "c", P: 0.3}}},
			stationU("b", 1, expD(0.9), "out"),
			stationU("c", 1, must(sim.Erlang(2, 3)), "out")},
		Sinks: []sim.Sink{{Name: "out"}}}
	r := testRun(2000, 100, 12)
	var got []string
	for _, workers := range []int{1, 3, 8} {
		s, err := Run(context.Background(), m, r, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		// %v prints the shortest representation that round-trips, so equal
		// strings mean bit-identical numbers.
		out := fmt.Sprintf("%v %v %v %v %v", s.Throughput, s.WIP, s.CycleTime, s.CycleQuantiles, s.Stations)
		for _, rep := range s.Replications {
			out += fmt.Sprintf("%v", *rep)
		}
		got = append(got, out)
	}
	for i := 1; i < len(got); i++ {
		if got[i] != got[0] {
			t.Fatalf("results differ between worker counts")
		}
	}
}

// TestCancelledExperimentIsPartial checks that a cancelled experiment
// reports what completed and the context's error.
func TestCancelledExperimentIsPartial(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	done := 0
	opt := Options{Workers: 1, Progress: func(d, _ int) {
		done = d
		if d == 2 {
			cancel()
		}
	}}
	s, err := Run(ctx, pennyFab(3), sim.Run{Horizon: 100, Replications: 10, Seed: 1, Confidence: 0.95}, opt)
	if err != context.Canceled {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if !s.Partial || len(s.Replications) != 2 || done != 2 {
		t.Fatalf("partial=%v, %d replications, want partial with 2", s.Partial, len(s.Replications))
	}
}
