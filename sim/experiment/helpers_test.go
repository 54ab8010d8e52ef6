package experiment

import (
	"fmt"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/internal/simtest"
)

// must unwraps a distribution constructor in tests.
func must(d sim.Dist, err error) sim.Dist {
	if err != nil {
		panic(err)
	}
	return d
}

func expD(mean float64) sim.Dist { return must(sim.Exp(mean)) }
func to(name string) []sim.Route { return []sim.Route{{To: name, P: 1}} }

// stationU returns a station with unlimited buffer.
func stationU(name string, c int, d sim.Dist, next string) sim.Station {
	return sim.Station{Name: name, Machines: c, Process: d, Buffer: sim.Unlimited, Routes: to(next)}
}

// testRun is a run at the tests' confidence level, 1 − 10⁻⁴ per check (see
// package sim's tests for the Bonferroni argument).
func testRun(horizon, warmup float64, reps int) sim.Run {
	return sim.Run{Horizon: horizon, Warmup: warmup, Replications: reps, Seed: 20261122, Confidence: 0.9999}
}

// within and exact are the shared checks of package simtest.
var within, exact = simtest.Within, simtest.Exact

// twoStationTH is the exact throughput of a saturated two-station line with
// exponential rates mu1, mu2 and a buffer of b, blocking after service: a
// birth–death chain on b+3 states (Buzacott & Shanthikumar, §5.2).
func twoStationTH(mu1, mu2 float64, b int) float64 {
	r, sum, term := mu1/mu2, 0.0, 1.0
	for n := 0; n <= b+2; n++ {
		sum += term
		term *= r
	}
	return mu2 * (1 - 1/sum)
}

// pennyFab is Hopp & Spearman's Penny Fab: four single-machine stations of
// 2 h each, CONWIP with w parts.
func pennyFab(w int) *sim.Model {
	two := must(sim.Const(2))
	m := &sim.Model{Name: "penny", TimeUnit: "h",
		Sources: []sim.Source{{Name: "release", To: "s1", Kind: sim.CONWIP, WIP: w}},
		Sinks:   []sim.Sink{{Name: "out"}}}
	for i := 1; i <= 4; i++ {
		next := fmt.Sprintf("s%d", i+1)
		if i == 4 {
			next = "out"
		}
		m.Stations = append(m.Stations, stationU(fmt.Sprintf("s%d", i), 1, two, next))
	}
	return m
}

// bottleneckLine is a saturated line of single exponential machines with
// the given mean times and buffers of 5.
func bottleneckLine(means ...float64) *sim.Model {
	m := &sim.Model{Name: "line", Sources: []sim.Source{{Name: "raw", To: "s1", Kind: sim.Saturated}},
		Sinks: []sim.Sink{{Name: "out"}}}
	for i, mean := range means {
		next := fmt.Sprintf("s%d", i+2)
		if i == len(means)-1 {
			next = "out"
		}
		buf := 5
		if i == 0 {
			buf = sim.Unlimited
		}
		m.Stations = append(m.Stations, sim.Station{Name: fmt.Sprintf("s%d", i+1), Machines: 1,
			Process: expD(mean), Buffer: buf, Routes: to(next)})
	}
	return m
}
