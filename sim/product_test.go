package sim

import (
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// mixedMachine is one machine of process time 1 with a setup of 2 whenever
// the product changes, fed a 50/50 mix of A and B.
func mixedMachine(src Source, buffer int, rule Dispatch) *Model {
	src.Mix = []Share{{"A", 0.5}, {"B", 0.5}}
	return &Model{Name: "mix", Sources: []Source{src},
		Products: []Product{{Name: "A"}, {Name: "B"}},
		Stations: []Station{{Name: "m", Machines: 1, Process: constD(1), Buffer: buffer, Routes: to("out"),
			Setup: &Setup{Time: constD(2)}, Dispatch: rule}},
		Sinks: []Sink{{Name: "out"}}}
}

// TestSetupOnChange: under FIFO a saturated machine changes over between
// consecutive parts with probability 1/2, so in the long run
//
//	TH = 1 / (t + ½·s) = 1 / (1 + ½·2) = 0.5,
//
// each product half of it, and a quarter of the machine time is setup.
func TestSetupOnChange(t *testing.T) {
	s := runExp(t, mixedMachine(Source{Name: "raw", To: "m", Kind: Saturated}, Unlimited, FIFO), testRun(20000, 200, 20))
	within(t, "throughput", s.Throughput, 0.5)
	within(t, "setup share", s.Stations[0].States[InSetup], 0.5)
	within(t, "setups per time unit", stats.NewEstimate(scaled(s, func(r *Replication) float64 {
		return float64(r.Stations[0].Setups) / (20000 - 200)
	}), s.Confidence), 0.25)
	for k := range s.Products {
		within(t, "product throughput", s.Products[k].Throughput, 0.25)
	}
	checkLittle(t, s)
}

// TestSameFamilyDispatch: with parts queueing (an arrival rate above the
// FIFO capacity and a buffer of 10), picking a part of the product the
// machine is set up for cuts setups and raises throughput, paired by common
// random numbers.
func TestSameFamilyDispatch(t *testing.T) {
	r := testRun(5000, 200, 10)
	src := Source{Name: "raw", To: "m", Kind: Open, Interarrival: expD(0.6)}
	fifo, same := runExp(t, mixedMachine(src, 10, FIFO), r), runExp(t, mixedMachine(src, 10, SameFamily), r)
	throughput := func(x *Replication) float64 { return x.Throughput }
	gain := stats.PairedDiff(scaled(same, throughput), scaled(fifo, throughput), r.Confidence)
	if gain.Contains(0) || gain.Mean <= 0.1 {
		t.Errorf("same_family throughput gain %v ± %v, want clearly positive", gain.Mean, gain.HalfWidth)
	}
	setups := func(s *Summary) float64 {
		return stats.NewEstimate(scaled(s, func(x *Replication) float64 { return float64(x.Stations[0].Setups) }), 0.95).Mean
	}
	if !(setups(same) < setups(fifo)/2) {
		t.Errorf("setups fifo %v, same_family %v", setups(fifo), setups(same))
	}
}

// TestProductRoutes: A goes a → b, B goes a → c, each half of a Poisson
// stream of rate 0.5 with product-specific times at a; every station is
// an M/M/1 or M/G/1 with the thinned stream, so the utilisations are
// λ·E[S] exactly in the long run, and each product's throughput is its
// share.
func TestProductRoutes(t *testing.T) {
	m := &Model{Name: "routes",
		Sources: []Source{{Name: "raw", To: "a", Kind: Open, Interarrival: expD(2), Mix: []Share{{"A", 0.3}, {"B", 0.7}}}},
		Products: []Product{{Name: "A", Route: []string{"a", "b", "out"}, Process: map[string]Dist{"a": expD(1.5)}},
			{Name: "B", Route: []string{"a", "c"}}},
		Stations: []Station{stationU("a", 1, expD(1), "out"), stationU("b", 1, expD(1.2), "out"), stationU("c", 1, expD(0.8), "out")},
		Sinks:    []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(20000, 500, 20))
	within(t, "a utilisation", s.Stations[0].Utilization, 0.5*(0.3*1.5+0.7*1))
	within(t, "b utilisation", s.Stations[1].Utilization, 0.5*0.3*1.2)
	within(t, "c utilisation", s.Stations[2].Utilization, 0.5*0.7*0.8)
	within(t, "A throughput", s.Products[0].Throughput, 0.15)
	within(t, "B throughput", s.Products[1].Throughput, 0.35)
	d := scaled(s, func(r *Replication) float64 { return r.WIP - r.Products[0].WIP - r.Products[1].WIP })
	if e := stats.NewEstimate(d, 0.95); e.Mean > 1e-9 || e.Mean < -1e-9 {
		t.Errorf("product WIPs do not add up to the plant's: %v", e.Mean)
	}
	checkLittle(t, s)
}

// TestSetupsWithOutages: setups, operators during setups and failures
// together keep the invariants.
func TestSetupsWithOutages(t *testing.T) {
	m := mixedMachine(Source{Name: "raw", To: "m", Kind: Saturated}, Unlimited, SameFamily)
	st := &m.Stations[0]
	st.Failures = []Failure{{Name: "f", TTF: expD(7), TTR: expD(1), Basis: Calendar}}
	st.Operators = &Operators{Crews: []string{"setters"}, Count: 1, During: DuringSetup}
	st.Load = expD(0.2)
	m.Crews = []Crew{{Name: "setters", Size: 1}}
	s := runExp(t, m, testRun(5000, 100, 5))
	checkLittle(t, s)
	if s.Stations[0].States[InSetup].Mean <= 0 || s.Stations[0].States[Down].Mean <= 0 {
		t.Error("want setups and downtime")
	}
}
