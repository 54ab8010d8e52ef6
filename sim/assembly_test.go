package sim

import (
	"fmt"
	"testing"
)

// bikeShop assembles a bike from a frame and two wheels: frames arrive
// every 2 time units from time 2, wheels every unit from time 1, and the
// assembly takes 1.
func bikeShop() *Model {
	return &Model{Name: "bikes",
		Products: []Product{{Name: "frame"}, {Name: "wheel"}, {Name: "bike"}},
		Sources: []Source{
			{Name: "frames", To: "assemble", Kind: Open, Interarrival: constD(2), Mix: []Share{{"frame", 1}}},
			{Name: "wheels", To: "assemble", Kind: Open, Interarrival: constD(1), Mix: []Share{{"wheel", 1}}}},
		Stations: []Station{{Name: "assemble", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: to("out"),
			Assembly: &Assembly{Components: []Component{{"frame", 1}, {"wheel", 2}}, Output: "bike"}}},
		Sinks: []Sink{{Name: "out"}}}
}

// TestAssemblyConservesParts: over [0, 100) the kits start at 2, 4, …, 98
// (a frame and the wheels of 2k−1 and 2k), 49 bikes leave by 99, the 98
// wheels are consumed, and the wheel of 99 still waits: entered 148 =
// exited 49 + joined 98 + in the plant 1, exactly.
func TestAssemblyConservesParts(t *testing.T) {
	s := runExp(t, bikeShop(), Run{Horizon: 100, Replications: 1, Seed: 1, Confidence: 0.95})
	r := s.Replications[0]
	for _, c := range []struct {
		what      string
		got, want int64
	}{{"entered", r.Entered, 148}, {"exited", r.Exited, 49}, {"joined", r.Joined, 98}, {"in plant", r.InPlant, 1},
		{"bikes", r.Products[2].Completed, 49}, {"frames out", r.Products[0].Completed, 0}} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.what, c.got, c.want)
		}
	}
	exact(t, "bike cycle time", s.Products[2].CycleTime.Mean, 1)
}

// TestAssemblyStochastic: random arrivals in the ratio of the bill of
// materials keep Little's law and conservation over every part that
// leaves, assembled or consumed.
func TestAssemblyStochastic(t *testing.T) {
	m := bikeShop()
	m.Sources[0].Interarrival, m.Sources[1].Interarrival = expD(2), expD(1)
	m.Stations[0].Process = expD(1)
	s := runExp(t, m, testRun(5000, 100, 5))
	checkLittle(t, s)
	for i, r := range s.Replications {
		if r.Joined%2 != 0 {
			t.Errorf("replication %d: %s wheels joined", i, fmt.Sprint(r.Joined))
		}
	}
}
