package sim

import (
	"context"
	"math"
	"testing"
)

// ahead counts, from the trace, the parts between their release and the end
// of their processing at the drum, and keeps the largest count.
type ahead struct {
	drum     string
	now, max int
}

func (a *ahead) MachineState(float64, string, int, State) {}
func (a *ahead) Level(float64, string, int)               {}
func (a *ahead) PartEvent(_ float64, _ int64, ev PartEventKind, element string) {
	switch {
	case ev == PartEntered:
		a.now++
		a.max = max(a.max, a.now)
	case ev == PartFinished && element == a.drum:
		a.now--
	}
}

// ropeLine is a → grind → b with exponential means 1, 1.5, 1, unlimited
// buffers, released by a rope of n parts tied to grind.
func ropeLine(n int, grind Dist) *Model {
	return &Model{Name: "dbr", Sources: []Source{{Name: "rel", To: "a", Kind: Rope, WIP: n, RopeAt: "grind"}},
		Stations: []Station{stationU("a", 1, expD(1), "grind"), stationU("grind", 1, grind, "b"), stationU("b", 1, expD(1), "out")},
		Sinks:    []Sink{{Name: "out"}}}
}

// TestRopeNeverExceeded checks from the trace that the parts released and
// not yet through the drum never exceed the rope.
func TestRopeNeverExceeded(t *testing.T) {
	tr := &ahead{drum: "grind"}
	p, err := Compile(ropeLine(5, expD(1.5)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Trace(context.Background(), testRun(5000, 0, 1), 0, tr); err != nil {
		t.Fatal(err)
	}
	if tr.max != 5 {
		t.Errorf("at most %d parts ahead of the drum, want exactly the rope, 5", tr.max)
	}
}

// TestRopeThroughput checks throughput against theory. The parts ahead of
// the drum circulate between a and grind like a closed network of two
// exponential stations with N = rope parts: the number at grind is a
// birth–death chain with πₙ ∝ (μa/μg)ⁿ, n = 0…N, so TH = μg (1 − π₀)
// (Gordon & Newell). With a deterministic drum and a rope of 3, the drum
// is never starved after the first part: TH = 1/2 exactly.
func TestRopeThroughput(t *testing.T) {
	const n = 4
	r, sum, term := 1.5, 0.0, 1.0 // μa/μg = 1/(1/1.5)
	for range n + 1 {
		sum += term
		term *= r
	}
	s := runExp(t, ropeLine(n, expD(1.5)), testRun(20000, 500, 10))
	within(t, "throughput", s.Throughput, (1/1.5)*(1-1/sum))
	checkLittle(t, s)

	det := &Model{Name: "dbr", Sources: []Source{{Name: "rel", To: "a", Kind: Rope, WIP: 3, RopeAt: "grind"}},
		Stations: []Station{stationU("a", 1, constD(1), "grind"), stationU("grind", 1, constD(2), "b"), stationU("b", 1, constD(1), "out")},
		Sinks:    []Sink{{Name: "out"}}}
	d := runExp(t, det, testRun(1000, 100, 2))
	exact(t, "deterministic throughput", d.Throughput.Mean, 0.5)
	exact(t, "drum busy", d.Stations[1].Utilization.Mean, 1)
	if math.IsNaN(d.WIP.Mean) {
		t.Error("WIP is NaN")
	}
}
