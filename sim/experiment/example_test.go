package experiment_test

import (
	"context"
	"fmt"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// Hopp & Spearman's Penny Fab at its critical WIP: four single machines of
// 2 h each under CONWIP with 4 parts reach the bottleneck rate 0.5 parts/h
// with the raw process time of 8 h.
func ExampleRun() {
	two, _ := sim.Const(2)
	m := &sim.Model{Name: "Penny Fab", TimeUnit: "h",
		Sources: []sim.Source{{Name: "release", To: "s1", Kind: sim.CONWIP, WIP: 4}},
		Sinks:   []sim.Sink{{Name: "out"}}}
	for i, next := range []string{"s2", "s3", "s4", "out"} {
		m.Stations = append(m.Stations, sim.Station{Name: fmt.Sprintf("s%d", i+1), Machines: 1,
			Process: two, Buffer: sim.Unlimited, Routes: []sim.Route{{To: next, P: 1}}})
	}
	run := sim.Run{Horizon: 1000, Warmup: 200, Replications: 3, Seed: 1, Confidence: 0.95}
	s, err := experiment.Run(context.Background(), m, run, experiment.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Printf("TH %.3f parts/h, CT %.2f h, WIP %.2f\n", s.Throughput.Mean, s.CycleTime.Mean, s.WIP.Mean)
	// Output: TH 0.500 parts/h, CT 8.00 h, WIP 4.00
}
