package stats

import (
	"fmt"
	"math"
	"testing"
)

// tTable holds two-sided Student-t critical values, the (1+c)/2 quantiles,
// from a standard t table (six decimals; e.g. NIST/SEMATECH e-Handbook of
// Statistical Methods, §1.3.6.7.2). They were also recomputed, before being
// written here, by bisection on the t distribution function evaluated with
// the regularised incomplete beta function (Numerical Recipes §6.4), which
// agreed to all six decimals.
var tTable = []struct {
	conf float64
	df   int
	t    float64
}{
	{0.90, 1, 6.313752},
	{0.90, 4, 2.131847},
	{0.90, 9, 1.833113},
	{0.90, 30, 1.697261},
	{0.95, 1, 12.706205},
	{0.95, 2, 4.302653},
	{0.95, 3, 3.182446},
	{0.95, 4, 2.776445},
	{0.95, 5, 2.570582},
	{0.95, 9, 2.262157},
	{0.95, 10, 2.228139},
	{0.95, 19, 2.093024},
	{0.95, 29, 2.045230},
	{0.95, 30, 2.042272},
	{0.95, 100, 1.983972},
	{0.99, 1, 63.656741},
	{0.99, 4, 4.604095},
	{0.99, 9, 3.249836},
	{0.99, 19, 2.860935},
	{0.99, 29, 2.756386},
	{0.99, 100, 2.625891},
}

// tFromTable looks a critical value up in tTable.
func tFromTable(t *testing.T, conf float64, df int) float64 {
	t.Helper()
	for _, r := range tTable {
		if r.conf == conf && r.df == df {
			return r.t
		}
	}
	t.Fatalf("t(%g; %d) is not in the table", conf, df)
	return 0
}

// TestStudentT checks StudentT against the table to 1e-5 (the table is
// rounded to 1e-6).
func TestStudentT(t *testing.T) {
	for _, r := range tTable {
		closeTo(t, fmt.Sprintf("StudentT(%g, %d)", r.conf, r.df), StudentT(r.conf, r.df), r.t, 1e-5)
	}
}

// checkEstimate compares every field of an Estimate; the half-width is
// relative to 1e-6 because the t value from the table is rounded to 1e-6
// (relative error below 4e-7 for every t >= 1.3).
func checkEstimate(t *testing.T, what string, got, want Estimate) {
	t.Helper()
	if got.N != want.N {
		t.Errorf("%s: N = %d, want %d", what, got.N, want.N)
	}
	exact(t, what+" Mean", got.Mean, want.Mean)
	exact(t, what+" StdDev", got.StdDev, want.StdDev)
	exact(t, what+" Min", got.Min, want.Min)
	exact(t, what+" Max", got.Max, want.Max)
	closeTo(t, what+" HalfWidth", got.HalfWidth, want.HalfWidth, 1e-6*want.HalfWidth)
}

// TestEstimateFixedData checks NewEstimate on data whose moments are known
// in closed form: for 1, 2, …, n the mean is (n+1)/2 and Σ(x − mean)² is
// n(n² − 1)/12.
func TestEstimateFixedData(t *testing.T) {
	seq := func(n int) []float64 {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(i + 1)
		}
		return xs
	}
	// n = 10: mean 5.5, s² = 82.5/9
	s10 := math.Sqrt(82.5 / 9)
	checkEstimate(t, "1..10 at 95%", NewEstimate(seq(10), 0.95), Estimate{
		Mean: 5.5, StdDev: s10, Min: 1, Max: 10, N: 10,
		HalfWidth: tFromTable(t, 0.95, 9) * s10 / math.Sqrt(10),
	})
	// n = 20: mean 10.5, s² = 665/19 = 35
	s20 := math.Sqrt(35)
	checkEstimate(t, "1..20 at 99%", NewEstimate(seq(20), 0.99), Estimate{
		Mean: 10.5, StdDev: s20, Min: 1, Max: 20, N: 20,
		HalfWidth: tFromTable(t, 0.99, 19) * s20 / math.Sqrt(20),
	})
	// order does not matter; negative values are fine
	xs := []float64{3, -1, 7, 1, 5} // mean 3, Σ(x − 3)² = 0+16+16+4+4 = 40, s² = 10
	checkEstimate(t, "{3, -1, 7, 1, 5} at 90%", NewEstimate(xs, 0.90), Estimate{
		Mean: 3, StdDev: math.Sqrt(10), Min: -1, Max: 7, N: 5,
		HalfWidth: tFromTable(t, 0.90, 4) * math.Sqrt(10) / math.Sqrt(5),
	})
}

// TestEstimateSkipsNaN checks that NaN values are left out of every field,
// and that N counts only the values used.
func TestEstimateSkipsNaN(t *testing.T) {
	nan := math.NaN()
	// {4, 6, 8}: mean 6, s = 2
	checkEstimate(t, "{NaN, 4, NaN, 6, 8}", NewEstimate([]float64{nan, 4, nan, 6, 8}, 0.95), Estimate{
		Mean: 6, StdDev: 2, Min: 4, Max: 8, N: 3,
		HalfWidth: tFromTable(t, 0.95, 2) * 2 / math.Sqrt(3),
	})
}

// TestEstimateTooFew checks one value (a mean but no interval) and none.
func TestEstimateTooFew(t *testing.T) {
	nan := math.NaN()
	e := NewEstimate([]float64{nan, 3}, 0.95)
	if e.N != 1 || e.Mean != 3 || e.Min != 3 || e.Max != 3 || !math.IsNaN(e.HalfWidth) || !math.IsNaN(e.StdDev) {
		t.Errorf("one value: %+v; want N 1, Mean/Min/Max 3, HalfWidth and StdDev NaN", e)
	}
	if e.Contains(3) {
		t.Error("one value: Contains(3) = true; without an interval nothing is confirmed")
	}
	for _, xs := range [][]float64{nil, {}, {nan, nan}} {
		e := NewEstimate(xs, 0.95)
		if e.N != 0 || !math.IsNaN(e.Mean) || !math.IsNaN(e.HalfWidth) || !math.IsNaN(e.StdDev) ||
			!math.IsNaN(e.Min) || !math.IsNaN(e.Max) {
			t.Errorf("%v: %+v; want N 0 and every value NaN", xs, e)
		}
		if e.Contains(0) {
			t.Errorf("%v: Contains(0) = true", xs)
		}
	}
}

// TestEstimateZeroVariance checks that equal values, as from a deterministic
// model, give a zero-width interval that contains exactly that value.
func TestEstimateZeroVariance(t *testing.T) {
	xs := []float64{2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5}
	e := NewEstimate(xs, 0.95)
	checkEstimate(t, "ten times 2.5", e, Estimate{Mean: 2.5, StdDev: 0, Min: 2.5, Max: 2.5, N: 10, HalfWidth: 0})
	if e.HalfWidth != 0 {
		t.Errorf("HalfWidth = %v, want exactly 0", e.HalfWidth)
	}
	if !e.Contains(2.5) {
		t.Error("Contains(2.5) = false")
	}
	if e.Contains(math.Nextafter(2.5, 3)) || e.Contains(math.Nextafter(2.5, 2)) {
		t.Error("a zero-width interval contains a value other than its mean")
	}
}

// TestEstimateContains checks the interval bounds, which are inclusive.
func TestEstimateContains(t *testing.T) {
	e := Estimate{Mean: 10, HalfWidth: 2, N: 5}
	for _, c := range []struct {
		x    float64
		want bool
	}{
		{10, true}, {8, true}, {12, true}, {11.999, true}, {8.001, true},
		{7.999, false}, {12.001, false}, {-10, false}, {math.Inf(1), false}, {math.NaN(), false},
	} {
		if got := e.Contains(c.x); got != c.want {
			t.Errorf("[8, 12].Contains(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if (Estimate{Mean: 10, HalfWidth: math.NaN()}).Contains(10) {
		t.Error("an estimate without interval contains its own mean")
	}
}

// TestEstimateConstantNonDyadic checks that equal replication values that
// binary floating point cannot hold exactly give exactly that value as the
// mean, with a zero half-width.
func TestEstimateConstantNonDyadic(t *testing.T) {
	for _, v := range []float64{0.1, 0.7} {
		e := NewEstimate([]float64{v, v, v}, 0.95)
		if e.Mean != v || e.HalfWidth != 0 || e.StdDev != 0 || !e.Contains(v) {
			t.Errorf("3 × %v: mean %.17g ± %v, sd %v", v, e.Mean, e.HalfWidth, e.StdDev)
		}
	}
}
