package sim

import (
	"math"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// mtsLine is make to stock on one exponential machine: customers take a
// unit every exp(1/λ), the store's base stock is s, and each demand met or
// backordered releases one part to the machine (service exp(1/μ)).
func mtsLine(lam, mu float64, s int, lost bool) *Model {
	return &Model{Name: "mts",
		Sources:  []Source{{Name: "kanban", To: "m", Kind: Pull, Store: "fg"}},
		Stations: []Station{stationU("m", 1, expD(1/mu), "fg")},
		Sinks:    []Sink{{Name: "fg", Store: &Store{BaseStock: s, Demand: expD(1 / lam), LostSales: lost}}}}
}

// TestMakeToStockMM1: with base stock S and backorders, the parts in
// production N form an M/M/1 queue (ρ = λ/μ); the shelf holds S − N when N
// ≤ S, and N − S demands wait otherwise. By PASTA a demand is met at once
// with probability P(N < S), so
//
//	fill rate        = 1 − ρ^S
//	mean backorders  = Σ_{n>S} (n − S)(1 − ρ)ρⁿ = ρ^(S+1)/(1 − ρ)
//	mean stock       = Σ_{n<S} (S − n)(1 − ρ)ρⁿ = S − ρ(1 − ρ^S)/(1 − ρ)
//
// (Buzacott & Shanthikumar, Stochastic Models of Manufacturing Systems,
// 1993, §4.2; Hopp & Spearman, Factory Physics, §2.4.3 base stock).
func TestMakeToStockMM1(t *testing.T) {
	const lam, mu, s = 0.8, 1.0, 3
	rho := lam / mu
	sum := runExp(t, mtsLine(lam, mu, s, false), testRun(10000, 500, 20))
	col := func(f func(StoreResult) float64) stats.Estimate {
		xs := make([]float64, len(sum.Replications))
		for i, r := range sum.Replications {
			xs[i] = f(r.Stores[0])
		}
		return stats.NewEstimate(xs, sum.Confidence)
	}
	within(t, "fill rate", col(func(r StoreResult) float64 { return r.FillRate }), 1-math.Pow(rho, s))
	within(t, "mean backorders", col(func(r StoreResult) float64 { return r.Backorders }), math.Pow(rho, s+1)/(1-rho))
	within(t, "mean stock", col(func(r StoreResult) float64 { return r.MeanStock }), s-rho*(1-math.Pow(rho, s))/(1-rho))
	within(t, "throughput", sum.Throughput, lam)
	if len(sum.Stores) != 1 || sum.Stores[0].Name != "fg" {
		t.Errorf("stores %v", sum.Stores)
	}
}

// TestMakeToStockLostSales: with lost sales the parts in production never
// exceed S: they form an M/M/1/S queue, and a demand is lost when all S
// are in production, with probability (1 − ρ)ρ^S/(1 − ρ^(S+1)).
func TestMakeToStockLostSales(t *testing.T) {
	const lam, mu, s = 0.8, 1.0, 3
	rho := lam / mu
	sum := runExp(t, mtsLine(lam, mu, s, true), testRun(10000, 500, 20))
	xs := make([]float64, len(sum.Replications))
	for i, r := range sum.Replications {
		xs[i] = float64(r.Stores[0].Lost) / float64(r.Stores[0].Demands)
		if r.Stores[0].Backorders != 0 {
			t.Errorf("backorders %v with lost sales", r.Stores[0].Backorders)
		}
	}
	within(t, "share lost", stats.NewEstimate(xs, sum.Confidence), (1-rho)*math.Pow(rho, s)/(1-math.Pow(rho, s+1)))
}
