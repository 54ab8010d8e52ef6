package sim

import (
	"fmt"
	"math"
	"sort"
	"testing"
)

// p2Draws is the sample size of the P² accuracy tests.
const p2Draws = 100_000

// quantileTol is zCheck standard errors of the sample p-quantile of n draws
// from a density f, f(x_p) being the density at the true quantile: by the
// asymptotic normality of sample quantiles (Cramér, Mathematical Methods of
// Statistics, §28.5; the binomial count of draws below x_p has variance
// np(1−p)),
//
//	sd(sample quantile) ≈ √(p(1−p)/n) / f(x_p)
func quantileTol(p float64, n int, density float64) float64 {
	return zCheck * math.Sqrt(p*(1-p)/float64(n)) / density
}

// sortedCopy returns a sorted copy of xs.
func sortedCopy(xs []float64) []float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s
}

// nearestRank is the sample p-quantile of the sorted sample s by the
// nearest-rank definition (the inverse of the empirical distribution
// function, Hyndman & Fan 1996, definition 1): the smallest x_(k) with
// k/n >= p.
func nearestRank(s []float64, p float64) float64 {
	for k := 1; k <= len(s); k++ {
		if float64(k)/float64(len(s)) >= p {
			return s[k-1]
		}
	}
	return s[len(s)-1]
}

// TestP2Exponential checks P² on exponential(1) draws against the true
// quantile −ln(1−p), where the density is f(x_p) = 1−p.
func TestP2Exponential(t *testing.T) {
	xs := drawFrom(must(Exp(1)), "p2-exp", p2Draws)
	for _, p := range []float64{0.5, 0.9, 0.95, 0.99} {
		e := NewP2(p)
		for _, x := range xs {
			e.Add(x)
		}
		want := -math.Log(1 - p)
		closeTo(t, fmt.Sprintf("P²(%g) of exp(1)", p), e.Value(), want, quantileTol(p, p2Draws, 1-p))
	}
}

// TestP2VsSortedSample checks P² against the exact quantile of the very same
// sample, on uniform(0, 1) and exponential(1) draws. P² is an approximation;
// what we require of it is that it errs by no more than the sampling error
// of the exact sample quantile (the tolerance of quantileTol), so that
// keeping five markers instead of the whole sample changes no conclusion
// drawn from the estimate. The uniform draws are also checked against the
// true quantile p.
func TestP2VsSortedSample(t *testing.T) {
	uni := drawFrom(must(Uniform(0, 1)), "p2-uniform", p2Draws)
	exp := drawFrom(must(Exp(1)), "p2-exp-sorted", p2Draws)
	uniSorted, expSorted := sortedCopy(uni), sortedCopy(exp)
	for _, p := range []float64{0.05, 0.5, 0.9, 0.95, 0.99} {
		eu, ee := NewP2(p), NewP2(p)
		for i := range uni {
			eu.Add(uni[i])
			ee.Add(exp[i])
		}
		tol := quantileTol(p, p2Draws, 1) // uniform density is 1
		closeTo(t, fmt.Sprintf("P²(%g) of uniform vs sorted sample", p), eu.Value(), nearestRank(uniSorted, p), tol)
		closeTo(t, fmt.Sprintf("P²(%g) of uniform vs true quantile", p), eu.Value(), p, tol)
		closeTo(t, fmt.Sprintf("P²(%g) of exp(1) vs sorted sample", p), ee.Value(), nearestRank(expSorted, p),
			quantileTol(p, p2Draws, 1-p))
		// The inner markers on either side track the p/2 and (1+p)/2
		// quantiles (Jain & Chlamtac, Table I); they steer the middle one.
		for _, m := range []struct {
			i  int
			pm float64
		}{{1, p / 2}, {3, (1 + p) / 2}} {
			closeTo(t, fmt.Sprintf("P²(%g) of uniform, marker %d vs sorted sample", p, m.i),
				eu.q[m.i], nearestRank(uniSorted, m.pm), quantileTol(m.pm, p2Draws, 1))
			closeTo(t, fmt.Sprintf("P²(%g) of exp(1), marker %d vs sorted sample", p, m.i),
				ee.q[m.i], nearestRank(expSorted, m.pm), quantileTol(m.pm, p2Draws, 1-m.pm))
		}
	}
}

// TestP2FewObservations checks that with fewer than five observations the
// estimate is the exact nearest-rank sample quantile.
func TestP2FewObservations(t *testing.T) {
	cases := []struct {
		p    float64
		xs   []float64
		want float64 // by hand: the ⌈pn⌉-th smallest
	}{
		{0.5, []float64{7}, 7},
		{0.01, []float64{7}, 7},
		{0.99, []float64{7}, 7},
		{0.5, []float64{3, 1}, 1},             // ⌈1⌉ = 1st
		{0.51, []float64{3, 1}, 3},            // ⌈1.02⌉ = 2nd
		{0.5, []float64{3, 1, 2}, 2},          // ⌈1.5⌉ = 2nd
		{0.9, []float64{3, 1, 2}, 3},          // ⌈2.7⌉ = 3rd
		{0.25, []float64{40, 10, 30, 20}, 10}, // ⌈1⌉ = 1st
		{0.3, []float64{40, 10, 30, 20}, 20},  // ⌈1.2⌉ = 2nd
		{0.75, []float64{40, 10, 30, 20}, 30}, // ⌈3⌉ = 3rd
		{0.9, []float64{40, 10, 30, 20}, 40},  // ⌈3.6⌉ = 4th
		{1.0 / 3, []float64{9, 8, 7}, 7},      // ⌈1⌉ = 1st
		{2.0 / 3, []float64{9, 8, 7}, 8},      // ⌈2⌉ = 2nd
	}
	for _, c := range cases {
		e := NewP2(c.p)
		for _, x := range c.xs {
			e.Add(x)
		}
		what := fmt.Sprintf("P²(%.4g) of %v", c.p, c.xs)
		exact(t, what, e.Value(), c.want)
		exact(t, what+" vs nearestRank", e.Value(), nearestRank(sortedCopy(c.xs), c.p))
	}
	e := NewP2(0.5)
	if v := e.Value(); !math.IsNaN(v) {
		t.Errorf("no observations: Value = %v, want NaN", v)
	}
}

// TestP2AllEqual checks that a constant stream gives that constant, for
// every p, whatever the number of observations.
func TestP2AllEqual(t *testing.T) {
	for _, p := range []float64{0.01, 0.5, 0.9, 0.99} {
		e := NewP2(p)
		for i := 1; i <= 1000; i++ {
			e.Add(4.2)
			if v := e.Value(); v != 4.2 {
				t.Fatalf("P²(%g) after %d observations of 4.2 = %v", p, i, v)
			}
		}
	}
}

// TestP2Reset checks that Reset forgets every observation and keeps p.
func TestP2Reset(t *testing.T) {
	e := NewP2(0.9)
	for _, x := range drawFrom(must(Exp(1)), "p2-reset", 1000) {
		e.Add(x)
	}
	e.Reset()
	if v := e.Value(); !math.IsNaN(v) {
		t.Errorf("after Reset: Value = %v, want NaN", v)
	}
	for _, x := range []float64{5, 1, 3} {
		e.Add(x)
	}
	exact(t, "P²(0.9) of {5, 1, 3} after Reset", e.Value(), 5) // ⌈2.7⌉ = 3rd
	// After Reset the estimator runs exactly like a new one.
	fresh := NewP2(0.9)
	e.Reset()
	for _, x := range drawFrom(must(Exp(1)), "p2-reset-2", 1000) {
		e.Add(x)
		fresh.Add(x)
	}
	if e != fresh {
		t.Errorf("after Reset the estimator differs from a new one: %+v vs %+v", e, fresh)
	}
}

// TestP2Invariants checks the P² invariants after every observation:
// marker heights are non-decreasing, positions strictly increasing integers
// from 1 to n, and the extreme markers are the sample minimum and maximum.
func TestP2Invariants(t *testing.T) {
	xs := drawFrom(must(Weibull(0.5, 1)), "p2-invariants", 5000)
	for _, p := range []float64{0.1, 0.5, 0.99} {
		e := NewP2(p)
		lo, hi := math.Inf(1), math.Inf(-1)
		for i, x := range xs {
			e.Add(x)
			lo, hi = math.Min(lo, x), math.Max(hi, x)
			if i < 4 {
				continue
			}
			ok := e.q[0] == lo && e.q[4] == hi && e.pos[0] == 1 && e.pos[4] == float64(i+1)
			for j := 1; j < 5; j++ {
				ok = ok && e.q[j-1] <= e.q[j] && e.pos[j-1] < e.pos[j] && e.pos[j] == math.Trunc(e.pos[j])
			}
			if !ok {
				t.Fatalf("P²(%g) after %d observations: heights %v, positions %v, min %v, max %v",
					p, i+1, e.q, e.pos, lo, hi)
			}
		}
	}
}

// TestP2SortedInput checks P² on the values 1..n fed in ascending and in
// descending order (monotone data, as during a warm-up trend). After m
// observations the sample holds m consecutive integers, so the value of rank
// r is r plus a constant offset (0 ascending, n − m descending); the
// piecewise-parabolic prediction is exact on such linear data, so every
// marker's height must be exactly its position plus that offset, and the
// estimate the exact sample quantile of rank pos[2].
func TestP2SortedInput(t *testing.T) {
	const n = 10_000
	for _, p := range []float64{0.1, 0.5, 0.9, 0.99} {
		for _, desc := range []bool{false, true} {
			e := NewP2(p)
			for m := 1; m <= n; m++ {
				x, offset := float64(m), 0.0
				if desc {
					x, offset = float64(n+1-m), float64(n-m)
				}
				e.Add(x)
				if m < 5 {
					continue
				}
				for j := range e.q {
					if e.q[j] != e.pos[j]+offset {
						t.Fatalf("P²(%g), descending %v, after %d observations: heights %v, positions %v, offset %v",
							p, desc, m, e.q, e.pos, offset)
					}
				}
			}
			// The middle marker stays within one position of its desired
			// position 1 + (n−1)p.
			closeTo(t, fmt.Sprintf("P²(%g) of 1..%d, descending %v", p, n, desc), e.Value(), 1+(n-1)*p, 1)
		}
	}
}
