package theory

import (
	"math"
	"testing"
)

// near checks got against want with a relative-or-absolute tolerance.
func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.10g, want %.10g (tolerance %g)", what, got, want, tol)
	}
}

// TestQueueFormulas checks the single-station formulas against M/M/1,
// M/D/1 and M/M/3 values computed by hand (the bundled mm1.toml and
// mmc.toml derive the same numbers in their comments).
func TestQueueFormulas(t *testing.T) {
	near(t, "Little(0.8, 5)", Little(0.8, 5), 4, 1e-12)
	// M/M/1, λ = 0.8, μ = 1: Wq = ρ/(μ − λ) = 4.
	near(t, "Kingman M/M/1", Kingman(1, 1, 0.8, 1), 4, 1e-12)
	near(t, "P-K M/M/1", PollaczekKhinchine(0.8, 1, 1), 4, 1e-12)
	// M/D/1: Wq = ρ/(2μ(1 − ρ)) = 0.8/0.4 = 2.
	near(t, "P-K M/D/1", PollaczekKhinchine(0.8, 1, 0), 2, 1e-12)
	near(t, "Kingman M/D/1", Kingman(1, 0, 0.8, 1), 2, 1e-12)
	// M/G/1 with cs² = 2 at ρ = 0.5, te = 2 (λ = 0.25): Wq = 0.25·4·3/(2·0.5) = 3.
	near(t, "P-K cs²=2", PollaczekKhinchine(0.25, 2, 2), 3, 1e-12)
	if !math.IsInf(Kingman(1, 1, 1, 1), 1) || !math.IsInf(PollaczekKhinchine(1, 1, 1), 1) {
		t.Error("an overloaded station should wait forever")
	}
	// Erlang C, c = 3, a = 2.5: 15.625/22.25 (Kleinrock vol. 1 eq. 3.42, by hand).
	near(t, "ErlangC(3, 2.5)", ErlangC(3, 2.5), 15.625/22.25, 1e-12)
	near(t, "MMcWait(3, 2.5, 1)", MMcWait(3, 2.5, 1), 15.625/22.25/0.5, 1e-12)
	// One server: P(wait) = ρ.
	near(t, "ErlangC(1, 0.8)", ErlangC(1, 0.8), 0.8, 1e-12)
	near(t, "MMcWait(1, 0.8, 1)", MMcWait(1, 0.8, 1), 4, 1e-12)
}

// TestPennyFabBounds checks the CONWIP bounds on the Penny Fab (Hopp &
// Spearman, Factory Physics, §7.3, Table 7.1 and 7.2: four stations of
// 2 h, rb = 0.5/h, T0 = 8 h, W0 = 4).
func TestPennyFabBounds(t *testing.T) {
	rb, t0 := 0.5, 8.0
	near(t, "W0", CriticalWIP(rb, t0), 4, 1e-12)
	for _, c := range []struct{ w, best, bestCT, pwc, pwcCT float64 }{
		{1, 0.125, 8, 0.125, 8},
		{2, 0.25, 8, 0.2, 10},
		{4, 0.5, 8, 2.0 / 7, 14},
		{6, 0.5, 12, 1.0 / 3, 18},
		{12, 0.5, 24, 0.4, 30},
	} {
		near(t, "best TH", BestCaseTH(c.w, rb, t0), c.best, 1e-12)
		near(t, "best CT", BestCaseCT(c.w, rb, t0), c.bestCT, 1e-12)
		near(t, "PWC TH", PracticalWorstCaseTH(c.w, rb, t0), c.pwc, 1e-12)
		near(t, "PWC CT", PracticalWorstCaseCT(c.w, rb, t0), c.pwcCT, 1e-12)
		near(t, "worst CT", WorstCaseCT(c.w, t0), 8*c.w, 1e-12)
	}
	near(t, "worst TH", WorstCaseTH(t0), 0.125, 1e-12)
}

// TestMVA checks mean value analysis by hand on two stations (s = 1, 2;
// n = 2: TH = 3/7, Q = 4/7, 10/7) and against the practical worst case,
// which is MVA of a balanced exponential line (Factory Physics, §7.4).
func TestMVA(t *testing.T) {
	th, ct, q := MVA([]float64{1, 2}, 2)
	near(t, "TH", th, 3.0/7, 1e-12)
	near(t, "CT", ct, 14.0/3, 1e-12)
	near(t, "Q1", q[0], 4.0/7, 1e-12)
	near(t, "Q2", q[1], 10.0/7, 1e-12)
	for w := 1; w <= 12; w++ {
		th, ct, _ := MVA([]float64{2, 2, 2, 2}, w)
		near(t, "balanced TH", th, PracticalWorstCaseTH(float64(w), 0.5, 8), 1e-12)
		near(t, "balanced CT", ct, PracticalWorstCaseCT(float64(w), 0.5, 8), 1e-12)
	}
}

// TestTwoStation checks the two-station chain against the closed forms of
// its special cases: equal rates without failures, (b+2)/(b+3) and
// blocked 1/(b+3) (the uniform birth–death chain, two-station-buffer.toml);
// mu1 = 1, mu2 = 2, b = 0 by hand (P(n) ∝ 1, 1/2, 1/4, TH = 2·3/7); and a
// second machine so fast that the first is never blocked, where the
// throughput is mu1 times the availability 1/(1 + fail/repair).
func TestTwoStation(t *testing.T) {
	for b := 0; b <= 6; b++ {
		th, blocked, err := TwoStation(1, 1, 0, 0, b)
		if err != nil {
			t.Fatal(err)
		}
		near(t, "TH", th, float64(b+2)/float64(b+3), 1e-12)
		near(t, "blocked", blocked, 1/float64(b+3), 1e-12)
	}
	th, _, err := TwoStation(1, 2, 0, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "TH(1, 2, b=0)", th, 6.0/7, 1e-12)
	th, _, err = TwoStation(1, 1e7, 0.1, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	near(t, "TH with a fast second machine", th, Availability(10, 1), 1e-6)
	// Failures cost throughput; at equal availability, long rare ones cost more.
	short, _, _ := TwoStation(1, 1, 1.0/9, 1, 4)
	long, _, _ := TwoStation(1, 1, 1.0/90, 1.0/10, 4)
	if !(long < short && short < 6.0/7) {
		t.Errorf("TH short failures %.4f, long %.4f, no failures %.4f: want long < short < none", short, long, 6.0/7)
	}
}

func TestStationaryRejectsReducibleChain(t *testing.T) {
	if _, err := Stationary([][]float64{{0, 0}, {0, 0}}); err == nil {
		t.Error("want an error for a chain without transitions")
	}
}

// TestBatchAndLean checks process batching and the lean formulas by hand.
func TestBatchAndLean(t *testing.T) {
	// k = 1 is the M/M/1: W = 1/(μ − λ) = 5.
	near(t, "batch k=1", BatchCycleTime(0.8, 1, 1, 1, 1), 5, 1e-12)
	// ra = 1, ca² = 1, k = 6, te = 5 (2 setup + 6·0.5), ce² = 0:
	// WTBT 2.5, u = 5/6, CTq = (1/6)/2 · 5 · 5 = 25/12, CT = 2.5 + 25/12 + 5.
	near(t, "batch k=6", BatchCycleTime(1, 1, 6, 5, 0), 2.5+25.0/12+5, 1e-12)
	near(t, "availability", Availability(9, 1), 0.9, 1e-12)
	near(t, "capacity", Capacity(2, 1.5, 0.9), 1.2, 1e-12)
	near(t, "bottleneck", BottleneckRate([]float64{1, 0.625, 0.8}), 0.625, 1e-12)
	near(t, "takt", TaktTime(450, 225), 2, 1e-12)
}
