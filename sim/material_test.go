package sim

import (
	"math"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// stockLine is an open line with the given interarrival times whose one
// station (machines, process time 0) takes one unit of material "steel"
// per part.
func stockLine(inter Dist, machines int, steel Material) *Model {
	steel.Name = "steel"
	m := &Model{Name: "stock", Sources: []Source{open("m", inter)},
		Stations:  []Station{stationU("m", machines, constD(0), "done")},
		Sinks:     []Sink{{Name: "done"}},
		Materials: []Material{steel}}
	m.Stations[0].Consumes = []Use{{Material: "steel", Count: 1}}
	return m
}

// TestMaterialSawtooth: one unit of demand every time unit (at 1, 2, …),
// (s, Q) = (6, 10), lead time 4.5, 16 units at the start. Orders go out at
// 10, 20, … and arrive 4.5 later, when 2 units are left (the safety stock
// s − 4 demands in the lead time): the stock is the sawtooth 2 + Q, …, 2
// with period Q, whose average over whole periods is exactly
//
//	Q/2 + safety stock = 5 + 2 = 7
//
// and no part waits. (s, S) = (6, 16) is the same policy for unit demand.
func TestMaterialSawtooth(t *testing.T) {
	for _, steel := range []Material{
		{Initial: 16, Policy: ReorderQuantity, Reorder: 6, Quantity: 10, LeadTime: constD(4.5)},
		{Initial: 16, Policy: OrderUpTo, Reorder: 6, UpTo: 16, LeadTime: constD(4.5)},
	} {
		s := oneRep(t, stockLine(constD(1), 1, steel), 120.5, 20.5)
		r := s.Replications[0].Materials[0]
		exact(t, steel.Policy.String()+" mean stock", r.MeanStock, 7)
		exact(t, "orders", float64(r.Orders), 10)
		exact(t, "demands", float64(r.Demands), 100)
		exact(t, "fill rate", r.FillRate, 1)
		exact(t, "starved of material", s.Stations[0].States[StarvedMaterial].Mean, 0)
	}
}

// TestMaterialEOQ: demand D = 1 per time unit, ordering cost K = 50,
// holding h = 1 per unit and time unit, s = 0 and a lead time of 0.5 (the
// order arrives half a time unit before the next demand): over whole
// cycles the stock averages Q/2 and Q is ordered every Q time units, so
//
//	cost(Q) = K·D/Q + h·Q/2,   minimal at Q* = √(2DK/h) = 10
//
// (Harris 1913; Zipkin, Foundations of Inventory Management, §3.2).
func TestMaterialEOQ(t *testing.T) {
	const d, k, h = 1.0, 50.0, 1.0
	best, bestCost := 0, math.Inf(1)
	for q := 6; q <= 14; q++ {
		m := stockLine(constD(1), 1, Material{Initial: q, Policy: ReorderQuantity, Reorder: 0, Quantity: q,
			LeadTime: constD(0.5), Holding: h, Ordering: k})
		m.Costs = &Costs{Week: 168}
		// 100 whole cycles (kQ + 0.5, (k+1)Q + 0.5] of Q time units.
		s := oneRep(t, m, 0.5+100*float64(q), 0.5)
		r := s.Replications[0]
		cost := r.Costs[CostStock] + r.Costs[CostOrdering]
		exact(t, "cost", cost, k*d/float64(q)+h*float64(q)/2)
		if cost < bestCost {
			best, bestCost = q, cost
		}
	}
	if want := int(math.Round(math.Sqrt(2 * d * k / h))); best != want {
		t.Errorf("cheapest Q = %d, EOQ %d", best, want)
	}
}

// TestMaterialPoissonFillRate: (s, Q) = (3, 4) with Poisson demand (rate
// λ = 1, one unit per part) and a constant lead time L = 4, demand
// backordered. The inventory position is uniform on s+1 … s+Q and
// independent of the lead-time demand D ~ Poisson(λL), so a demand is
// filled from stock with probability
//
//	fill rate = (1/Q) Σ_{y=s+1}^{s+Q} P(D ≤ y − 1)
//
// (Zipkin, Foundations of Inventory Management, 2000, §6.2; Hadley &
// Whitin 1963). The station has enough machines that every part asks for
// its material on arrival.
func TestMaterialPoissonFillRate(t *testing.T) {
	const lam, lead, s, q = 1.0, 4.0, 3, 4
	want := 0.0
	for y := s + 1; y <= s+q; y++ {
		want += poissonCDF(y-1, lam*lead) / q
	}
	m := stockLine(expD(1/lam), 60, Material{Initial: s + q, Policy: ReorderQuantity, Reorder: s, Quantity: q, LeadTime: constD(lead)})
	sum := runExp(t, m, testRun(4000, 100, 20))
	xs := make([]float64, len(sum.Replications))
	for i, r := range sum.Replications {
		xs[i] = r.Materials[0].FillRate
	}
	within(t, "fill rate", stats.NewEstimate(xs, sum.Confidence), want)
	if sum.Stations[0].States[StarvedMaterial].Mean <= 0 {
		t.Error("no machine ever waited for material")
	}
}

// poissonCDF is P(X ≤ k) for X ~ Poisson(mean).
func poissonCDF(k int, mean float64) float64 {
	term, sum := math.Exp(-mean), 0.0
	for i := 0; i <= k; i++ {
		sum += term
		term *= mean / float64(i+1)
	}
	return sum
}

// TestMaterialPeriodicReview: (R, S) = (10, 12) with one unit of demand
// per time unit (at 1, 2, …) and lead time 0.5. The review at 10k comes
// before the demand at 10k (it was scheduled first), so from the second
// review on each orders the 10 units used since the last one; they arrive
// at 10k + 0.5 when 1 unit is left. The stock is the sawtooth 11, 10, …,
// 1 with period 10: 11 for 0.5, 10 … 2 for 1 each, 1 for 0.5, averaging
// (5.5 + 54 + 0.5)/10 = 6 = Q/2 + safety stock 1.
func TestMaterialPeriodicReview(t *testing.T) {
	s := oneRep(t, stockLine(constD(1), 1, Material{Initial: 12, Policy: PeriodicReview, Review: 10, UpTo: 12,
		LeadTime: constD(0.5)}), 120.5, 20.5)
	r := s.Replications[0].Materials[0]
	exact(t, "orders", float64(r.Orders), 10) // at 30, 40, …, 120
	exact(t, "fill rate", r.FillRate, 1)
	exact(t, "mean stock", r.MeanStock, 6)
}
