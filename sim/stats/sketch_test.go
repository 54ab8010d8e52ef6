package stats

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// exactRank is the observation of rank ⌊p·(n−1)⌋ of xs, sorted.
func exactRank(sorted []float64, p float64) float64 {
	return sorted[int(math.Floor(p*float64(len(sorted)-1)))]
}

// TestSketchRelativeAccuracy checks the sketch's guarantee (Masson, Rim &
// Lee 2019, Prop. 3): every estimate is within α of the exact sample
// quantile of the same rank, relatively — deterministically, on several
// distributions spanning many decades.
func TestSketchRelativeAccuracy(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 0x736b65746368))
	gens := map[string]func() float64{
		"exp(1)":          r.ExpFloat64,
		"lognormal(0, 3)": func() float64 { return math.Exp(3 * r.NormFloat64()) },
		"uniform(5, 6)":   func() float64 { return 5 + r.Float64() },
		"bimodal":         func() float64 { return []float64{18.7, 300}[r.IntN(2)] * (1 + 0.01*r.Float64()) },
	}
	for _, name := range []string{"exp(1)", "lognormal(0, 3)", "uniform(5, 6)", "bimodal"} {
		var s Sketch
		xs := make([]float64, 50000)
		for i := range xs {
			xs[i] = gens[name]()
			s.Add(xs[i])
		}
		sort.Float64s(xs)
		for _, p := range []float64{0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1} {
			want, got := exactRank(xs, p), s.Quantile(p)
			if math.Abs(got-want) > SketchAccuracy*want*(1+1e-12) {
				t.Errorf("%s p=%v: sketch %v, exact %v (relative error %.4g > %v)", name, p, got, want, math.Abs(got-want)/want, SketchAccuracy)
			}
		}
		if s.N() != int64(len(xs)) {
			t.Errorf("%s: N = %d", name, s.N())
		}
	}
}

// TestSketchExponentialQuantiles compares with the quantiles of exp(1),
// −ln(1−p): the tolerance is 4.5 standard errors of a sample quantile,
// √(p(1−p)/n)/f(x_p) (Serfling 1980, §2.3.3), plus the sketch's α.
func TestSketchExponentialQuantiles(t *testing.T) {
	const n = 100000
	r := rand.New(rand.NewPCG(2, 0x736b65746368))
	var s Sketch
	for range n {
		s.Add(r.ExpFloat64())
	}
	for _, p := range []float64{0.5, 0.9, 0.95, 0.99} {
		x := -math.Log(1 - p)
		tol := 4.5*math.Sqrt(p*(1-p)/n)/math.Exp(-x) + SketchAccuracy*x
		if got := s.Quantile(p); math.Abs(got-x) > tol {
			t.Errorf("p=%v: %v, want %v ± %v", p, got, x, tol)
		}
	}
}

func TestSketchEdgeCases(t *testing.T) {
	var s Sketch
	if !math.IsNaN(s.Quantile(0.5)) {
		t.Error("empty sketch: want NaN")
	}
	for range 10 {
		s.Add(0.1)
	}
	for _, p := range []float64{0, 0.5, 1} {
		exact(t, "constant stream", s.Quantile(p), 0.1)
	}
	s.Reset()
	s.Add(0)
	s.Add(0)
	s.Add(4)
	exact(t, "zeros: median", s.Quantile(0.5), 0)
	exact(t, "zeros: max", s.Quantile(1), 4)
	// Growth in both directions keeps earlier counts.
	s.Reset()
	for _, x := range []float64{1, 1e6, 1e-6, 1e3} {
		s.Add(x)
	}
	for i, want := range []float64{1e-6, 1, 1e3, 1e6} {
		got := s.Quantile(float64(i) / 3)
		if math.Abs(got-want) > SketchAccuracy*want {
			t.Errorf("rank %d: %v, want %v", i, got, want)
		}
	}
}

// TestSketchMemoryBounded checks that the buckets depend on the range of
// the observations, not their number.
func TestSketchMemoryBounded(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 0x736b65746368))
	var s Sketch
	for range 1000 {
		s.Add(1 + r.Float64())
	}
	before := len(s.counts)
	for range 1000000 {
		s.Add(1 + r.Float64())
	}
	// [1, 2] spans ln 2 / ln γ ≈ 139 buckets; the slice starts at 64 and
	// grows by half, so it ends below 64 + 2·139.
	span := int(math.Ceil(math.Ln2 / sketchLnGamma))
	if len(s.counts) != before || before > 64+2*span {
		t.Errorf("buckets %d after 1e3 observations, %d after 1e6", before, len(s.counts))
	}
}

// TestSketchInterpolatesWithinBucket checks that streams whose quantile
// falls in one bucket get different estimates, ordered as the streams'
// exact quantiles, and that estimates rise with p inside a bucket.
func TestSketchInterpolatesWithinBucket(t *testing.T) {
	// 1000 observations spread evenly over [10, 10.02], inside one or two
	// buckets (10.02/10 < γ²), shifted by 0, 0.004 and 0.008.
	var prev float64
	for k, shift := range []float64{0, 0.004, 0.008} {
		var s Sketch
		for i := range 1000 {
			s.Add(10 + shift + 0.02*float64(i)/999)
		}
		got, want := s.Quantile(0.5), 10.01+shift
		if math.Abs(got-want) > SketchAccuracy*want {
			t.Errorf("shift %v: median %v, want %v", shift, got, want)
		}
		if k > 0 && !(got > prev) {
			t.Errorf("shift %v: median %v not above the previous stream's %v", shift, got, prev)
		}
		prev = got
		last := 0.0
		for _, p := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
			q := s.Quantile(p)
			if !(q > last) {
				t.Errorf("shift %v: quantile %v = %v does not rise above %v", shift, p, q, last)
			}
			last = q
		}
	}
}
