package sim

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// deterministicPair is a saturated line of two constant stations, 2 and 3
// time units, without buffers: the first part leaves at 5, the next ones
// every 3 (the slower station paces the line), the k-th at 5 + 3(k−1).
func deterministicPair() *Model {
	return &Model{Name: "pair", Sinks: []Sink{{Name: "out"}},
		Sources: []Source{{Name: "src", To: "a", Kind: Saturated}},
		Stations: []Station{{Name: "a", Machines: 1, Process: constD(2), Buffer: 0, Routes: to("b")},
			{Name: "b", Machines: 1, Process: constD(3), Buffer: 0, Routes: to("out")}}}
}

// TestUntilPartsExact: the run ends at the event of the 10th part: at
// 5 + 3·9 = 32 without a warm-up; with a warm-up of 10 the parts counted
// are those leaving at 11, 14, …, the 10th at 11 + 27 = 38, a makespan of
// 28. The statistics close then: throughput 10/makespan, and station b is
// busy from 2 on (from the warm-up on), so its utilisation is 30/32 (28/28);
// the plant holds one part until 2 and two from then on (a always holds
// one, busy or blocked): WIP (2 + 2·30)/32 = 62/32 (2).
func TestUntilPartsExact(t *testing.T) {
	for _, c := range []struct {
		warmup, makespan, util, wip float64
	}{{0, 32, 30.0 / 32, 62.0 / 32}, {10, 28, 1, 2}} {
		r := Run{Horizon: 1000, Warmup: c.warmup, Replications: 2, Seed: 1, Confidence: 0.95, Until: Until{Parts: 10}}
		s := runExp(t, deterministicPair(), r)
		exact(t, "makespan", s.Makespan.Mean, c.makespan)
		exact(t, "end", s.Replications[0].End, c.warmup+c.makespan)
		exact(t, "completed", float64(s.Replications[0].Completed), 10)
		exact(t, "throughput", s.Throughput.Mean, 10/c.makespan)
		exact(t, "sink throughput", s.Sinks[0].Throughput.Mean, 10/c.makespan)
		exact(t, "utilisation of b", s.Stations[1].Utilization.Mean, c.util)
		exact(t, "WIP", s.WIP.Mean, c.wip)
	}
}

// TestUntilErlangMakespan: a saturated exponential machine of mean 1/μ
// finishes its n-th part after the sum of n exponential times, an Erlang
// (n, μ) time: mean n/μ and variance n/μ². The replications' mean makespan
// must cover n/μ, and their variance must lie within the chi-square
// interval (level 1 − 10⁻⁴) of n/μ² (Wilson–Hilferty for the quantiles).
func TestUntilErlangMakespan(t *testing.T) {
	const n, mean, reps = 50, 2.0, 400
	m := &Model{Name: "erlang", Sinks: []Sink{{Name: "out"}},
		Sources:  []Source{{Name: "src", To: "m", Kind: Saturated}},
		Stations: []Station{{Name: "m", Machines: 1, Process: expD(mean), Buffer: 0, Routes: to("out")}}}
	r := testRun(1e6, 0, reps)
	r.Until = Until{Parts: n}
	s := runExp(t, m, r)
	within(t, "makespan", s.Makespan, n*mean)
	v := s.Makespan.StdDev * s.Makespan.StdDev
	df := float64(reps - 1)
	lo, hi := df*n*mean*mean/chi2Quantile(df, 1-0.5e-4), df*n*mean*mean/chi2Quantile(df, 0.5e-4)
	if v < lo || v > hi {
		t.Errorf("makespan variance %.2f outside [%.2f, %.2f] around n/μ² = %v", v, lo, hi, n*mean*mean)
	}
}

// chi2Quantile is the p-quantile of the chi-square distribution with df
// degrees of freedom by the Wilson–Hilferty approximation (accurate to
// well under 1% for df in the hundreds).
func chi2Quantile(df, p float64) float64 {
	z := math.Sqrt2 * math.Erfinv(2*p-1)
	a := 2 / (9 * df)
	return df * math.Pow(1-a+z*math.Sqrt(a), 3)
}

// TestUntilOrdersExact: one constant machine of 1 time unit and two
// orders, 3 parts at 0 and 2 parts at 10: they complete at 3 and 12, so the
// run ends at 12 with 5 parts made: throughput 5/12, machine busy 5 of 12.
func TestUntilOrdersExact(t *testing.T) {
	m := &Model{Name: "book", Sinks: []Sink{{Name: "out"}},
		Products: []Product{{Name: "p"}},
		Stations: []Station{{Name: "m", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: to("out")}},
		Sources: []Source{{Name: "book", To: "m", Kind: OrderBook, Orders: []Order{
			{Name: "o1", Product: "p", Quantity: 3, Release: 0, Due: math.Inf(1)},
			{Name: "o2", Product: "p", Quantity: 2, Release: 10, Due: math.Inf(1)}}}}}
	r := Run{Horizon: 100, Replications: 2, Seed: 1, Confidence: 0.95, Until: Until{Orders: true}}
	s := runExp(t, m, r)
	exact(t, "makespan", s.Makespan.Mean, 12)
	exact(t, "orders' makespan", s.Orders.Makespan.Mean, 12)
	exact(t, "throughput", s.Throughput.Mean, 5.0/12)
	exact(t, "utilisation", s.Stations[0].Utilization.Mean, 5.0/12)
	exact(t, "complete", s.Orders.Completed.Mean, 1)
}

// TestUntilNotDone: a replication that has not done its work by the
// horizon fails with how far it got, never reports a window it did not
// run.
func TestUntilNotDone(t *testing.T) {
	p, err := Compile(deterministicPair())
	if err != nil {
		t.Fatal(err)
	}
	r := Run{Horizon: 20, Replications: 1, Seed: 1, Confidence: 0.95, Until: Until{Parts: 10}}
	_, err = p.Replicate(context.Background(), r, 0)
	// Parts leave at 5, 8, 11, 14, 17 before 20.
	if err == nil || !strings.Contains(err.Error(), "5 of 10 parts") || !strings.Contains(err.Error(), "raise [run] horizon") {
		t.Fatalf("got %v, want the parts made and the advice to raise the horizon", err)
	}
}

// TestUntilOrdersNeedsBook: until orders in a model without an order
// book, or with a warm-up, is refused before running.
func TestUntilOrdersNeedsBook(t *testing.T) {
	p, err := Compile(deterministicPair())
	if err != nil {
		t.Fatal(err)
	}
	r := Run{Horizon: 20, Replications: 1, Seed: 1, Confidence: 0.95, Until: Until{Orders: true}}
	if _, err := p.Replicate(context.Background(), r, 0); err == nil || !strings.Contains(err.Error(), "no order book") {
		t.Fatalf("got %v, want a refusal", err)
	}
}

// TestUntilCostsNothingElse: a run to the horizon reports End = horizon,
// no makespan, and the same figures as before Until existed (the window
// is the horizon minus the warm-up).
func TestUntilCostsNothingElse(t *testing.T) {
	r := Run{Horizon: 50, Replications: 2, Seed: 1, Confidence: 0.95}
	s := runExp(t, deterministicPair(), r)
	exact(t, "end", s.Replications[0].End, 50)
	if s.Makespan != (stats.Estimate{}) {
		t.Errorf("makespan %+v for a run to the horizon", s.Makespan)
	}
	// Parts leave at 5, 8, …, 47: 15 of them in 50.
	exact(t, "throughput", s.Throughput.Mean, 15.0/50)
}
