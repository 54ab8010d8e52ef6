package sim

import (
	"fmt"
	"math"
	"testing"
)

// twoStationTH is the exact throughput of a saturated two-station line with
// exponential rates mu1, mu2, a buffer of b between them and blocking after
// service. With n = parts in the buffer or at station 2, plus one state for
// "station 1 blocked", n ∈ {0, …, b+2} is a birth–death chain with birth
// rate mu1 and death rate mu2, so πₙ ∝ (mu1/mu2)ⁿ and TH = mu2·(1 − π₀)
// (Buzacott & Shanthikumar, Stochastic Models of Manufacturing Systems, §5.2).
func twoStationTH(mu1, mu2 float64, b int) float64 {
	r, sum, term := mu1/mu2, 0.0, 1.0
	for n := 0; n <= b+2; n++ {
		sum += term
		term *= r
	}
	return mu2 * (1 - 1/sum)
}

func TestTwoStationTHFormula(t *testing.T) {
	// Equal rates: uniform π over b+3 states, TH = (b+2)/(b+3).
	for b := 0; b <= 5; b++ {
		exact(t, fmt.Sprint("TH b=", b), twoStationTH(1, 1, b), float64(b+2)/float64(b+3))
	}
}

// TestTwoStationBlocking checks the throughput and the blocked and starved
// fractions of a saturated two-station exponential line against the exact
// birth–death solution, for several buffer sizes.
func TestTwoStationBlocking(t *testing.T) {
	for _, c := range []struct {
		mu1, mu2 float64
		b        int
	}{{1, 1, 0}, {1, 1, 1}, {1, 1, 2}, {1, 1, 5}, {1, 1.25, 2}, {1.25, 1, 3}} {
		t.Run(fmt.Sprintf("mu=%g,%g/b=%d", c.mu1, c.mu2, c.b), func(t *testing.T) {
			m := &Model{Name: "two",
				Sources: []Source{{Name: "raw", To: "m1", Kind: Saturated}},
				Stations: []Station{
					{Name: "m1", Machines: 1, Process: expD(1 / c.mu1), Buffer: Unlimited, Routes: to("m2")},
					{Name: "m2", Machines: 1, Process: expD(1 / c.mu2), Buffer: c.b, Routes: to("out")}},
				Sinks: []Sink{{Name: "out"}}}
			s := runExp(t, m, testRun(20000, 500, 20))
			th := twoStationTH(c.mu1, c.mu2, c.b)
			within(t, "throughput", s.Throughput, th)
			// Station 2 is starved in state 0: π₀ = 1 − TH/mu2.
			within(t, "m2 starved", s.Stations[1].States[Starved], 1-th/c.mu2)
			// Station 1 is busy a fraction TH/mu1 and blocked otherwise.
			within(t, "m1 blocked", s.Stations[0].States[Blocked], 1-th/c.mu1)
			within(t, "m1 starved", s.Stations[0].States[Starved], 0)
			checkLittle(t, s)
		})
	}
}

// pennyFab is Hopp & Spearman's Penny Fab (Factory Physics, ch. 7): four
// single-machine stations of 2 h each, CONWIP with w parts.
func pennyFab(w int) *Model {
	m := &Model{Name: "penny", TimeUnit: "h",
		Sources: []Source{{Name: "release", To: "s1", Kind: CONWIP, WIP: w}},
		Sinks:   []Sink{{Name: "out"}}}
	for i := 1; i <= 4; i++ {
		next := fmt.Sprintf("s%d", i+1)
		if i == 4 {
			next = "out"
		}
		m.Stations = append(m.Stations, stationU(fmt.Sprintf("s%d", i), 1, constD(2), next))
	}
	return m
}

// TestPennyFabBestCase checks the best case of Factory Physics (eq. 7.3 and
// 7.4): with no variability, T0 = 8 h and rb = 0.5/h,
//
//	TH = min(w/T0, rb),  CT = max(T0, w/rb),  WIP = w
//
// exactly, for WIP 1…8 (the window is a multiple of every period).
func TestPennyFabBestCase(t *testing.T) {
	for w := 1; w <= 8; w++ {
		r := Run{Horizon: 1000, Warmup: 200, Replications: 2, Seed: 1, Confidence: 0.95}
		s := runExp(t, pennyFab(w), r)
		wf := float64(w)
		exact(t, fmt.Sprint("TH w=", w), s.Throughput.Mean, math.Min(wf/8, 0.5))
		exact(t, fmt.Sprint("CT w=", w), s.CycleTime.Mean, math.Max(8, wf/0.5))
		exact(t, fmt.Sprint("WIP w=", w), s.WIP.Mean, wf)
		for _, q := range s.CycleQuantiles {
			exact(t, fmt.Sprint("CT quantile w=", w), q.Mean, math.Max(8, wf/0.5))
		}
		exact(t, fmt.Sprint("bottleneck utilisation w=", w), s.Stations[3].Utilization.Mean, math.Min(wf/4, 1))
		if w >= 4 {
			// A balanced line at or above critical WIP: every station is
			// always active, so all are equally (shifting) bottlenecks.
			for _, st := range s.Stations {
				exact(t, fmt.Sprint(st.Name, " sole w=", w), st.BottleneckSole.Mean, 0)
				exact(t, fmt.Sprint(st.Name, " shifting w=", w), st.BottleneckShifting.Mean, 1)
			}
		}
	}
}
