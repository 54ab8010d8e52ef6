package sim

import (
	"context"
	"math"
	"testing"

	"github.com/takt-sim/takt/sim/internal/simtest"
	"github.com/takt-sim/takt/sim/stats"
)

// must unwraps a distribution constructor in tests.
func must(d Dist, err error) Dist {
	if err != nil {
		panic(err)
	}
	return d
}

func expD(mean float64) Dist { return must(Exp(mean)) }
func constD(v float64) Dist  { return must(Const(v)) }
func to(name string) []Route { return []Route{{To: name, P: 1}} }
func open(to string, inter Dist) Source {
	return Source{Name: "src", To: to, Kind: Open, Interarrival: inter}
}

// station returns a station with unlimited buffer.
func stationU(name string, c int, d Dist, next string) Station {
	return Station{Name: name, Machines: c, Process: d, Buffer: Unlimited, Routes: to(next)}
}

// testConfidence is the level of the intervals the tests against theory
// check. The suite makes about 100 such checks; at 1 − 10⁻⁴ each, a correct
// simulator fails any of them with probability below 1% (Bonferroni), so a
// failure points at the model, not at the seed.
const testConfidence = 0.9999

// testRun is the run used by the tests against theory.
func testRun(horizon, warmup float64, reps int) Run {
	return Run{Horizon: horizon, Warmup: warmup, Replications: reps, Seed: 20261122, Confidence: testConfidence}
}

// runExp runs r.Replications replications of m one after the other and
// summarises them: the plant's tests need no experiment runner (package
// sim/experiment runs them in parallel and is tested there).
func runExp(t *testing.T, m *Model, r Run) *Summary {
	t.Helper()
	p, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	reps := make([]*Replication, r.Replications)
	for i := range reps {
		if reps[i], err = p.Replicate(context.Background(), r, i); err != nil {
			t.Fatal(err)
		}
	}
	return Summarize(m, r, reps)
}

// within and exact are the shared checks of package simtest.
var within, exact = simtest.Within, simtest.Exact

// checkLittle checks Little's law, WIP = departure rate × time in the
// plant (throughput × cycle time when nothing is scrapped), on every
// replication's paired difference, and conservation of parts.
func checkLittle(t *testing.T, s *Summary) {
	t.Helper()
	d := make([]float64, len(s.Replications))
	for i, r := range s.Replications {
		d[i] = r.WIP - r.DepartureRate*r.Sojourn
		if r.Entered != r.Exited+r.Joined+r.InPlant {
			t.Errorf("replication %d: entered %d != exited %d + joined %d + in plant %d", i, r.Entered, r.Exited, r.Joined, r.InPlant)
		}
		sum := 0.0
		for _, st := range r.Stations {
			sum = 0
			for _, f := range st.States {
				sum += f
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Errorf("replication %d: state fractions sum to %v", i, sum)
			}
		}
		for k, tr := range r.Transporters {
			sum = 0
			for _, f := range tr.States {
				sum += f
			}
			if math.Abs(sum-1) > 1e-9 {
				t.Errorf("replication %d, transporter %d: vehicle state fractions sum to %v", i, k, sum)
			}
		}
	}
	// A deterministic model has no spread: its difference is 0 up to
	// rounding.
	if e := stats.NewEstimate(d, s.Confidence); e.HalfWidth == 0 {
		exact(t, "WIP − TH·CT (Little)", e.Mean, 0)
	} else {
		within(t, "WIP − TH·CT (Little)", e, 0)
	}
}
