package sim

import (
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// TestYield: a saturated machine of 1 time unit with a yield of 0.9 makes
// 0.9 good parts per time unit and scraps 0.1; its OEE quality is 0.9.
func TestYield(t *testing.T) {
	m := saturatedMachine(1, 1, nil, nil, nil)
	m.Stations[0].Quality = &Quality{Yield: 0.9}
	s := runExp(t, m, testRun(20000, 100, 20))
	within(t, "good throughput", s.Throughput, 0.9)
	within(t, "quality", s.Stations[0].Quality, 0.9)
	within(t, "OEE", s.Stations[0].OEE, 0.9)
	within(t, "scrap per time unit", stats.NewEstimate(scaled(s, func(r *Replication) float64 {
		return float64(r.Stations[0].Scrapped) / (20000 - 100)
	}), s.Confidence), 0.1)
	checkLittle(t, s)
}

// TestReworkFeedback: an M/M/1 station, λ = 0.4, μ = 1, that sends 30% of
// its parts back to itself is a Jackson network with feedback: the station
// sees λ' = λ/(1 − p), behaves as an M/M/1 with ρ = λ'/μ, and a part's
// total time in the plant is W = L/λ with L = ρ/(1 − ρ)
// (Kleinrock vol. 1, §4.8; Gross & Harris §4.1).
func TestReworkFeedback(t *testing.T) {
	const lam, mu, p = 0.4, 1.0, 0.3
	m := &Model{Name: "rework", Sources: []Source{open("m", expD(1/lam))},
		Stations: []Station{{Name: "m", Machines: 1, Process: expD(1 / mu), Buffer: Unlimited, Routes: to("out"),
			Quality: &Quality{Yield: 1, Rework: p, ReworkTo: "m"}}},
		Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(40000, 2000, 20))
	rho := lam / (1 - p) / mu
	l := rho / (1 - rho)
	within(t, "utilisation", s.Stations[0].Utilization, rho)
	within(t, "L", s.WIP, l)
	within(t, "W", s.CycleTime, l/lam)
	within(t, "throughput", s.Throughput, lam)
	within(t, "first-pass quality", s.Stations[0].Quality, 1-p)
	checkLittle(t, s)
}

// TestReworkOnRoute: a routed product sent back to an earlier station of
// its route takes the route up again from there; every part still leaves.
func TestReworkOnRoute(t *testing.T) {
	m := &Model{Name: "route rework",
		Sources:  []Source{{Name: "raw", To: "a", Kind: Open, Interarrival: expD(3), Mix: []Share{{"A", 1}}}},
		Products: []Product{{Name: "A", Route: []string{"a", "b", "c", "out"}}},
		Stations: []Station{stationU("a", 1, expD(1), "out"), stationU("b", 1, expD(1), "out"),
			{Name: "c", Machines: 1, Process: expD(0.5), Buffer: Unlimited, Routes: to("out"),
				Quality: &Quality{Yield: 0.95, Rework: 0.2, ReworkTo: "b"}}},
		Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(20000, 500, 10))
	// Each visit to c: 5% scrap, 0.95·0.2 = 19% rework, 76% good. b sees the
	// arrivals plus the reworked ones, λ_b = λ / (1 − 0.19); a part ends
	// good with probability 0.76 / (1 − 0.19).
	within(t, "b utilisation", s.Stations[1].Utilization, (1.0/3)/(1-0.95*0.2))
	within(t, "good throughput", s.Throughput, (1.0/3)*0.95*0.8/(1-0.95*0.2))
	checkLittle(t, s)
}
