package sim

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// distSeed is the seed of every sampling test in this file. It was fixed
// before the tests were first run and is not to be changed to make a test
// pass.
const distSeed = 1

// distDraws is the sample size of the sampling tests.
const distDraws = 200_000

// zCheck is the number of standard errors a sample statistic may stray from
// its expected value: a correct implementation fails one check with
// probability about 7e-6 (two-sided normal tail beyond 4.5).
const zCheck = 4.5

// closeTo checks |got − want| <= tol.
func closeTo(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.10g, want %.10g ± %.3g (off by %.3g)", what, got, want, tol, got-want)
	}
}

// sampleMeanVar is the two-pass sample mean and unbiased sample variance.
func sampleMeanVar(xs []float64) (mean, variance float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, variance / float64(len(xs)-1)
}

// centralFourth is the fourth central moment from the raw moments m1..m4.
func centralFourth(m1, m2, m3, m4 float64) float64 {
	return m4 - 4*m1*m3 + 6*m1*m1*m2 - 3*m1*m1*m1*m1
}

// stdNormalPDF and stdNormalCDF are φ and Φ from their definitions, so that
// the expected values below do not depend on gonum's distuv, which the code
// under test uses.
func stdNormalPDF(z float64) float64 { return math.Exp(-z*z/2) / math.Sqrt(2*math.Pi) }
func stdNormalCDF(z float64) float64 { return (1 + math.Erf(z/math.Sqrt2)) / 2 }

// truncNormalRaw returns the raw moments E[X^r], r = 1..4, of N(μ, σ²)
// truncated to X >= 0, from the recursion obtained by integrating by parts
// (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions vol. 1,
// 2nd ed., §13.10.1), with λ = φ(μ/σ)/Φ(μ/σ):
//
//	m0 = 1, m1 = μ + σλ, m_r = μ m_{r−1} + (r−1) σ² m_{r−2}  (r >= 2)
func truncNormalRaw(mu, sd float64) (m1, m2, m3, m4 float64) {
	z := mu / sd
	lambda := stdNormalPDF(z) / stdNormalCDF(z)
	m1 = mu + sd*lambda
	m2 = mu*m1 + sd*sd
	m3 = mu*m2 + 2*sd*sd*m1
	m4 = mu*m3 + 3*sd*sd*m2
	return
}

// distCase is a distribution with its closed-form moments.
type distCase struct {
	name     string
	d        Dist
	mean     float64
	variance float64 // of one draw
	mu4      float64 // fourth central moment of one draw
	lo, hi   float64 // support
}

func distCases() []distCase {
	var cs []distCase
	add := func(name string, d Dist, mean, variance, mu4, lo, hi float64) {
		cs = append(cs, distCase{name, d, mean, variance, mu4, lo, hi})
	}
	inf := math.Inf(1)

	// Exponential with mean m: variance m², fourth central moment 9 m⁴.
	add("exp(2)", must(Exp(2)), 2, 4, 9*16, 0, inf)

	// Uniform on [a, b]: variance (b−a)²/12, μ4 = (b−a)⁴/80.
	add("uniform(1, 4)", must(Uniform(1, 4)), 2.5, 9.0/12, 81.0/80, 1, 4)

	// Triangular (a, c, b): mean (a+b+c)/3, variance
	// (a²+b²+c²−ab−ac−bc)/18, kurtosis 12/5 whatever the parameters
	// (excess −3/5; JKB vol. 2, ch. 26).
	triVar := func(a, c, b float64) float64 { return (a*a + b*b + c*c - a*b - a*c - b*c) / 18 }
	v := triVar(1, 2, 6) // = 21/18
	add("tri(1, 2, 6)", must(Tri(1, 2, 6)), 3, v, 2.4*v*v, 1, 6)
	v = triVar(0, 0, 1) // = 1/18, mode at the minimum
	add("tri(0, 0, 1)", must(Tri(0, 0, 1)), 1.0/3, v, 2.4*v*v, 0, 1)
	v = triVar(2, 5, 5) // = 1/2, mode at the maximum
	add("tri(2, 5, 5)", must(Tri(2, 5, 5)), 4, v, 2.4*v*v, 2, 5)

	// Normal truncated at 0 (draws below 0 are redrawn): moments of the
	// truncated normal, see truncNormalRaw. normal(1, 1) loses 16% of its
	// mass to the truncation, so the truncation matters here.
	for _, p := range [][2]float64{{1, 1}, {10, 2}, {0.5, 2}} {
		m1, m2, m3, m4 := truncNormalRaw(p[0], p[1])
		add(fmt.Sprintf("normal(%g, %g)", p[0], p[1]), must(Normal(p[0], p[1])),
			m1, m2-m1*m1, centralFourth(m1, m2, m3, m4), 0, inf)
	}

	// Lognormal with mean m and sd s of the draws: the underlying normal has
	// variance w = ln(1 + s²/m²); kurtosis e^{4w} + 2e^{3w} + 3e^{2w} − 3
	// (JKB vol. 1, eq. 14.9).
	w := math.Log1p(1.5 * 1.5 / 4)
	kurt := math.Exp(4*w) + 2*math.Exp(3*w) + 3*math.Exp(2*w) - 3
	add("lognormal(2, 1.5)", must(LogNormal(2, 1.5)), 2, 2.25, kurt*2.25*2.25, 0, inf)

	// Gamma with mean m and sd s: shape α = m²/s², kurtosis 3 + 6/α.
	alpha := 3.0 * 3 / (1.5 * 1.5) // 4
	add("gamma(3, 1.5)", must(Gamma(3, 1.5)), 3, 2.25, (3+6/alpha)*2.25*2.25, 0, inf)
	alpha = 0.5 * 0.5 / (1 * 1) // 0.25: mode at 0, strongly skewed
	add("gamma(0.5, 1)", must(Gamma(0.5, 1)), 0.5, 1, 3+6/alpha, 0, inf)

	// Erlang with mean m and k phases: gamma with shape k, variance m²/k.
	add("erlang(2, 3)", must(Erlang(2, 3)), 2, 4.0/3, (3+6.0/3)*16/9, 0, inf)
	add("erlang(1, 1)", must(Erlang(1, 1)), 1, 1, 9, 0, inf) // = exp(1)

	// Weibull with shape k and scale λ: E[X^r] = λ^r Γ(1 + r/k). The Γ
	// values are at integers and half-integers, written out so that the test
	// does not rely on math.Gamma: Γ(1.5) = √π/2, Γ(2.5) = 3√π/4.
	sp := math.Sqrt(math.Pi)
	m1, m2, m3, m4 := 3*sp/2, 9.0, 27*3*sp/4, 81.0*2
	add("weibull(2, 3)", must(Weibull(2, 3)), m1, m2-m1*m1, centralFourth(m1, m2, m3, m4), 0, inf)
	// shape 1/2, scale 2: E[X^r] = 2^r (2r)!; heavy tailed (kurtosis ≈ 88).
	m1, m2, m3, m4 = 2*2, 4*24, 8*720, 16*40320
	add("weibull(0.5, 2)", must(Weibull(0.5, 2)), m1, m2-m1*m1, centralFourth(m1, m2, m3, m4), 0, inf)

	// Empirical: moments straight from the definition.
	vals := []float64{0, 1, 2.5, 7, 10}
	probs := []float64{0.1, 0.4, 0.3, 0, 0.2}
	var e1, e2, e3, e4 float64
	for i, x := range vals {
		e1 += probs[i] * x
		e2 += probs[i] * x * x
		e3 += probs[i] * x * x * x
		e4 += probs[i] * x * x * x * x
	}
	add("empirical", must(Empirical(vals, probs)), e1, e2-e1*e1, centralFourth(e1, e2, e3, e4), 0, 10)
	return cs
}

// drawFrom binds d to the stream (distSeed, 0, "test", name) and draws n values.
func drawFrom(d Dist, name string, n int) []float64 {
	s := d.Bind(NewStream(distSeed, 0, "test", name))
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = s.Rand()
	}
	return xs
}

// TestDistSampling checks, for each distribution, that the draws lie in its
// support and that the sample mean and variance agree with the closed forms.
//
// Tolerances come from the central limit theorem with the distribution's own
// moments: the sample mean has standard error √(σ²/n), the unbiased sample
// variance has standard error √((μ4 − σ⁴)/n) (Cramér, Mathematical Methods of
// Statistics, §27.4); each check allows zCheck standard errors.
func TestDistSampling(t *testing.T) {
	for _, c := range distCases() {
		t.Run(c.name, func(t *testing.T) {
			// Mean() must agree with the closed form before we test draws
			// against it.
			closeTo(t, "Mean()", c.d.Mean(), c.mean, 1e-12*math.Max(1, c.mean))
			xs := drawFrom(c.d, c.name, distDraws)
			for i, x := range xs {
				if !(x >= c.lo && x <= c.hi) || math.IsInf(x, 0) {
					t.Fatalf("draw %d = %v outside [%v, %v]", i, x, c.lo, c.hi)
				}
			}
			n := float64(len(xs))
			m, v := sampleMeanVar(xs)
			closeTo(t, "sample mean", m, c.mean, zCheck*math.Sqrt(c.variance/n))
			closeTo(t, "sample variance", v, c.variance, zCheck*math.Sqrt((c.mu4-c.variance*c.variance)/n))
		})
	}
}

// TestEmpiricalFrequencies checks each value's frequency against its
// probability within zCheck binomial standard errors √(p(1−p)/n); values of
// probability 0 must never be drawn.
func TestEmpiricalFrequencies(t *testing.T) {
	vals := []float64{0, 1, 2.5, 7, 10}
	probs := []float64{0.1, 0.4, 0.3, 0, 0.2}
	xs := drawFrom(must(Empirical(vals, probs)), "empirical-freq", distDraws)
	count := make(map[float64]int)
	for _, x := range xs {
		count[x]++
	}
	total := 0
	for i, v := range vals {
		total += count[v]
		p := probs[i]
		f := float64(count[v]) / float64(len(xs))
		if p == 0 {
			if count[v] != 0 {
				t.Errorf("value %v of probability 0 drawn %d times", v, count[v])
			}
			continue
		}
		closeTo(t, fmt.Sprintf("frequency of %v", v), f, p, zCheck*math.Sqrt(p*(1-p)/float64(len(xs))))
	}
	if total != len(xs) {
		t.Errorf("%d of %d draws are not among the values %v", len(xs)-total, len(xs), vals)
	}
}

// TestDistDegenerate checks the distributions that have no spread: every
// draw is the value itself.
func TestDistDegenerate(t *testing.T) {
	cases := []struct {
		d    Dist
		want float64
		tol  float64 // relative; lognormal goes through exp(ln v)
	}{
		{must(Const(3)), 3, 0},
		{must(Const(0)), 0, 0},
		{must(Uniform(2, 2)), 2, 0},
		{must(Normal(5, 0)), 5, 0},
		{must(LogNormal(3, 0)), 3, 1e-15},
		{must(Empirical([]float64{4}, []float64{1})), 4, 0},
	}
	for _, c := range cases {
		closeTo(t, c.d.String()+" Mean()", c.d.Mean(), c.want, 0)
		for i, x := range drawFrom(c.d, c.d.String(), 100) {
			if math.Abs(x-c.want) > c.tol*c.want {
				t.Errorf("%s: draw %d = %v, want %v", c.d, i, x, c.want)
				break
			}
		}
	}
}

// TestDistBindDeterministic checks that a distribution bound to equal streams
// draws equal sequences, and to different streams different ones.
func TestDistBindDeterministic(t *testing.T) {
	for _, c := range distCases() {
		a, b := drawFrom(c.d, c.name, 100), drawFrom(c.d, c.name, 100)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: two bindings to the same stream differ", c.name)
		}
		other := drawFrom(c.d, c.name+"/other", 100)
		if reflect.DeepEqual(a, other) {
			t.Errorf("%s: bindings to different streams draw the same values", c.name)
		}
	}
}

// TestDistMeanClosedForm checks Mean() against closed forms computed
// independently of the implementation.
func TestDistMeanClosedForm(t *testing.T) {
	sp := math.Sqrt(math.Pi)
	cases := []struct {
		d    Dist
		want float64
		src  string
	}{
		{must(Const(2.5)), 2.5, "definition"},
		{must(Exp(0.25)), 0.25, "parameter is the mean"},
		{must(Uniform(1, 7)), 4, "(a+b)/2"},
		{must(Tri(1, 2, 6)), 3, "(a+b+c)/3"},
		{must(LogNormal(4, 9)), 4, "parameter is the mean of the draws"},
		{must(Gamma(4, 9)), 4, "parameter is the mean"},
		{must(Erlang(4, 7)), 4, "parameter is the mean"},
		// Weibull: λ Γ(1 + 1/k).
		{must(Weibull(2, 3)), 3 * sp / 2, "λΓ(3/2) = λ√π/2"},
		{must(Weibull(1, 5)), 5, "shape 1 is exponential: λΓ(2) = λ"},
		{must(Weibull(0.5, 2)), 4, "λΓ(3) = 2λ"},
		{must(Weibull(1.0/3, 1)), 6, "λΓ(4) = 6λ"},
		// Γ(5/4) = 0.9064024771, Abramowitz & Stegun table 6.1 (10 digits).
		{must(Weibull(4, 1)), 0.9064024771, "λΓ(5/4)"},
		// Truncated normal: μ + σ φ(μ/σ) / Φ(μ/σ).
		{must(Normal(1, 1)), 1 + stdNormalPDF(1)/stdNormalCDF(1), "μ + σφ(1)/Φ(1)"},
		{must(Normal(1, 2)), 1 + 2*stdNormalPDF(0.5)/stdNormalCDF(0.5), "μ + σφ(0.5)/Φ(0.5)"},
		{must(Normal(3, 0)), 3, "no spread, no truncation"},
		{must(Empirical([]float64{1, 2, 10}, []float64{0.5, 0.25, 0.25})), 0.5 + 0.5 + 2.5, "Σ v p"},
	}
	for _, c := range cases {
		// 1e-10: the table value of Γ(5/4) has 10 digits; the others are
		// exact up to rounding.
		closeTo(t, c.d.String()+" Mean() ("+c.src+")", c.d.Mean(), c.want, 1e-10*math.Max(1, c.want))
	}
	// The same truncated means from four-decimal standard normal tables
	// (φ(1) = 0.2420, Φ(1) = 0.8413; φ(0.5) = 0.3521, Φ(0.5) = 0.6915), as a
	// check on stdNormalPDF/CDF themselves. Tolerance: each table entry is
	// off by up to 5e-5, which moves σφ/Φ by at most
	// σ·5e-5·(1 + φ/Φ)/Φ: 8e-5 for normal(1, 1), 2.2e-4 for normal(1, 2).
	closeTo(t, "normal(1, 1) mean vs table", must(Normal(1, 1)).Mean(), 1+0.2420/0.8413, 8e-5)
	closeTo(t, "normal(1, 2) mean vs table", must(Normal(1, 2)).Mean(), 1+2*0.3521/0.6915, 2.2e-4)
}

// TestDistInvalid checks that every constructor rejects parameters outside
// its domain, including NaN and infinities.
func TestDistInvalid(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cases := []struct {
		name string
		make func() (Dist, error)
	}{
		{"const(-1)", func() (Dist, error) { return Const(-1) }},
		{"const(NaN)", func() (Dist, error) { return Const(nan) }},
		{"const(Inf)", func() (Dist, error) { return Const(inf) }},
		{"const(-Inf)", func() (Dist, error) { return Const(-inf) }},

		{"exp(0)", func() (Dist, error) { return Exp(0) }},
		{"exp(-1)", func() (Dist, error) { return Exp(-1) }},
		{"exp(NaN)", func() (Dist, error) { return Exp(nan) }},
		{"exp(Inf)", func() (Dist, error) { return Exp(inf) }},

		{"uniform(-1, 1)", func() (Dist, error) { return Uniform(-1, 1) }},
		{"uniform(2, 1)", func() (Dist, error) { return Uniform(2, 1) }},
		{"uniform(NaN, 1)", func() (Dist, error) { return Uniform(nan, 1) }},
		{"uniform(0, NaN)", func() (Dist, error) { return Uniform(0, nan) }},
		{"uniform(0, Inf)", func() (Dist, error) { return Uniform(0, inf) }},
		{"uniform(Inf, Inf)", func() (Dist, error) { return Uniform(inf, inf) }},

		{"tri(3, 1, 2)", func() (Dist, error) { return Tri(3, 1, 2) }},
		{"tri(1, 1, 1)", func() (Dist, error) { return Tri(1, 1, 1) }},
		{"tri(-1, 0, 1)", func() (Dist, error) { return Tri(-1, 0, 1) }},
		{"tri(0, 2, 1)", func() (Dist, error) { return Tri(0, 2, 1) }},
		{"tri(1, 0, 2)", func() (Dist, error) { return Tri(1, 0, 2) }},
		{"tri(0, 1, Inf)", func() (Dist, error) { return Tri(0, 1, inf) }},
		{"tri(NaN, 1, 2)", func() (Dist, error) { return Tri(nan, 1, 2) }},
		{"tri(0, NaN, 2)", func() (Dist, error) { return Tri(0, nan, 2) }},
		{"tri(0, 1, NaN)", func() (Dist, error) { return Tri(0, 1, nan) }},

		{"normal(0, 1)", func() (Dist, error) { return Normal(0, 1) }},
		{"normal(-1, 1)", func() (Dist, error) { return Normal(-1, 1) }},
		{"normal(1, -1)", func() (Dist, error) { return Normal(1, -1) }},
		{"normal(NaN, 1)", func() (Dist, error) { return Normal(nan, 1) }},
		{"normal(1, NaN)", func() (Dist, error) { return Normal(1, nan) }},
		{"normal(Inf, 1)", func() (Dist, error) { return Normal(inf, 1) }},
		{"normal(1, Inf)", func() (Dist, error) { return Normal(1, inf) }},

		{"lognormal(0, 1)", func() (Dist, error) { return LogNormal(0, 1) }},
		{"lognormal(-1, 1)", func() (Dist, error) { return LogNormal(-1, 1) }},
		{"lognormal(1, -1)", func() (Dist, error) { return LogNormal(1, -1) }},
		{"lognormal(NaN, 1)", func() (Dist, error) { return LogNormal(nan, 1) }},
		{"lognormal(1, NaN)", func() (Dist, error) { return LogNormal(1, nan) }},
		{"lognormal(Inf, 1)", func() (Dist, error) { return LogNormal(inf, 1) }},
		{"lognormal(1, Inf)", func() (Dist, error) { return LogNormal(1, inf) }},

		{"gamma(1, 0)", func() (Dist, error) { return Gamma(1, 0) }},
		{"gamma(0, 1)", func() (Dist, error) { return Gamma(0, 1) }},
		{"gamma(-1, 1)", func() (Dist, error) { return Gamma(-1, 1) }},
		{"gamma(1, -1)", func() (Dist, error) { return Gamma(1, -1) }},
		{"gamma(NaN, 1)", func() (Dist, error) { return Gamma(nan, 1) }},
		{"gamma(1, NaN)", func() (Dist, error) { return Gamma(1, nan) }},
		{"gamma(Inf, 1)", func() (Dist, error) { return Gamma(inf, 1) }},
		{"gamma(1, Inf)", func() (Dist, error) { return Gamma(1, inf) }},

		{"erlang(1, 2.5)", func() (Dist, error) { return Erlang(1, 2.5) }},
		{"erlang(1, 0)", func() (Dist, error) { return Erlang(1, 0) }},
		{"erlang(1, -2)", func() (Dist, error) { return Erlang(1, -2) }},
		{"erlang(1, 0.5)", func() (Dist, error) { return Erlang(1, 0.5) }},
		{"erlang(0, 2)", func() (Dist, error) { return Erlang(0, 2) }},
		{"erlang(-1, 2)", func() (Dist, error) { return Erlang(-1, 2) }},
		{"erlang(NaN, 2)", func() (Dist, error) { return Erlang(nan, 2) }},
		{"erlang(1, NaN)", func() (Dist, error) { return Erlang(1, nan) }},
		{"erlang(Inf, 2)", func() (Dist, error) { return Erlang(inf, 2) }},
		{"erlang(1, Inf)", func() (Dist, error) { return Erlang(1, inf) }},
		{"erlang(1, 2e6)", func() (Dist, error) { return Erlang(1, 2e6) }},

		{"weibull(0, 1)", func() (Dist, error) { return Weibull(0, 1) }},
		{"weibull(1, 0)", func() (Dist, error) { return Weibull(1, 0) }},
		{"weibull(-1, 1)", func() (Dist, error) { return Weibull(-1, 1) }},
		{"weibull(1, -1)", func() (Dist, error) { return Weibull(1, -1) }},
		{"weibull(NaN, 1)", func() (Dist, error) { return Weibull(nan, 1) }},
		{"weibull(1, NaN)", func() (Dist, error) { return Weibull(1, nan) }},
		{"weibull(Inf, 1)", func() (Dist, error) { return Weibull(inf, 1) }},
		{"weibull(1, Inf)", func() (Dist, error) { return Weibull(1, inf) }},

		{"empirical()", func() (Dist, error) { return Empirical(nil, nil) }},
		{"empirical length mismatch", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{1}) }},
		{"empirical sum 0.5", func() (Dist, error) { return Empirical([]float64{1}, []float64{0.5}) }},
		{"empirical sum 1.1", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{0.6, 0.5}) }},
		{"empirical sum 1+1e-6", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{0.5, 0.5 + 1e-6}) }},
		{"empirical negative value", func() (Dist, error) { return Empirical([]float64{-1, 2}, []float64{0.5, 0.5}) }},
		{"empirical NaN value", func() (Dist, error) { return Empirical([]float64{nan}, []float64{1}) }},
		{"empirical Inf value", func() (Dist, error) { return Empirical([]float64{inf}, []float64{1}) }},
		{"empirical negative probability", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{1.5, -0.5}) }},
		{"empirical NaN probability", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{nan, 1}) }},
		{"empirical Inf probability", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{inf, 0}) }},
	}
	for _, c := range cases {
		d, err := c.make()
		if err == nil {
			t.Errorf("%s: accepted as %v, want an error", c.name, d)
			continue
		}
		if d != nil {
			t.Errorf("%s: error %q but a non-nil Dist %v", c.name, err, d)
		}
		// The message names the distribution, as the scenario writer typed it.
		kind, _, _ := strings.Cut(c.name, "(")
		kind, _, _ = strings.Cut(kind, " ")
		if !strings.HasPrefix(err.Error(), kind) {
			t.Errorf("%s: error %q does not start with %q", c.name, err, kind)
		}
	}
}

// TestDistValidEdges checks that parameters on the edge of each domain are
// accepted.
func TestDistValidEdges(t *testing.T) {
	cases := []struct {
		name string
		make func() (Dist, error)
	}{
		{"const(0)", func() (Dist, error) { return Const(0) }},
		{"uniform(0, 0)", func() (Dist, error) { return Uniform(0, 0) }},
		{"tri(0, 0, 1)", func() (Dist, error) { return Tri(0, 0, 1) }},
		{"tri(0, 1, 1)", func() (Dist, error) { return Tri(0, 1, 1) }},
		{"normal(1, 0)", func() (Dist, error) { return Normal(1, 0) }},
		{"lognormal(1, 0)", func() (Dist, error) { return LogNormal(1, 0) }},
		{"erlang(1, 1)", func() (Dist, error) { return Erlang(1, 1) }},
		{"erlang(1, 1e6)", func() (Dist, error) { return Erlang(1, 1e6) }},
		{"empirical with a zero probability", func() (Dist, error) { return Empirical([]float64{1, 2}, []float64{1, 0}) }},
		// 0.1 + 0.2 + 0.7 is not 1 in binary floating point.
		{"empirical 0.1+0.2+0.7", func() (Dist, error) { return Empirical([]float64{1, 2, 3}, []float64{0.1, 0.2, 0.7}) }},
	}
	for _, c := range cases {
		if _, err := c.make(); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestDistString checks the scenario text of each distribution, and that the
// text read back (parseDistText below) gives an identical distribution: the
// numbers are written in the shortest form that reads back exactly.
func TestDistString(t *testing.T) {
	cases := []struct {
		d    Dist
		want string
	}{
		{must(Const(2.5)), "const(2.5)"},
		{must(Const(0)), "const(0)"},
		{must(Exp(1.5)), "exp(1.5)"},
		{must(Exp(0.1)), "exp(0.1)"},
		{must(Exp(1.0 / 3)), "exp(0.3333333333333333)"},
		{must(Exp(1e-7)), "exp(1e-07)"},
		{must(Exp(123456789.125)), "exp(1.23456789125e+08)"},
		{must(Uniform(1, 4)), "uniform(1, 4)"},
		{must(Tri(1, 2, 6)), "tri(1, 2, 6)"},
		{must(Normal(10, 0.5)), "normal(10, 0.5)"},
		{must(LogNormal(2, 1.5)), "lognormal(2, 1.5)"},
		{must(Gamma(3, 1.5)), "gamma(3, 1.5)"},
		{must(Erlang(2, 3)), "erlang(2, 3)"},
		{must(Weibull(2, 3)), "weibull(2, 3)"},
		{must(Empirical([]float64{1, 2.5}, []float64{0.25, 0.75})), "empirical(1:0.25, 2.5:0.75)"},
		{must(Empirical([]float64{0.1, 2, 30}, []float64{0.1, 0.2, 0.7})), "empirical(0.1:0.1, 2:0.2, 30:0.7)"},
	}
	for _, c := range cases {
		got := c.d.String()
		if got != c.want {
			t.Errorf("String() = %q, want %q", got, c.want)
			continue
		}
		back, err := parseDistText(got)
		if err != nil {
			t.Errorf("reading %q back: %v", got, err)
			continue
		}
		if !reflect.DeepEqual(back, c.d) {
			t.Errorf("%q reads back as %#v, want %#v", got, back, c.d)
		}
	}
}

// TestEmpiricalCopiesInput checks that an Empirical distribution is
// immutable: changing the caller's slices afterwards changes nothing.
func TestEmpiricalCopiesInput(t *testing.T) {
	vals, probs := []float64{1, 2}, []float64{0.5, 0.5}
	d := must(Empirical(vals, probs))
	vals[0], probs[0], probs[1] = 100, 0, 1
	if s := d.String(); s != "empirical(1:0.5, 2:0.5)" {
		t.Errorf("after changing the input slices String() = %q", s)
	}
	exact(t, "Mean() after changing the input slices", d.Mean(), 1.5)
}

// parseDistText reads the scenario text that Dist.String writes, for the
// round-trip test only: "name(a, b, ...)" or "empirical(v:p, ...)".
func parseDistText(s string) (Dist, error) {
	name, rest, ok := strings.Cut(s, "(")
	if !ok || !strings.HasSuffix(rest, ")") {
		return nil, fmt.Errorf("%q: not name(args)", s)
	}
	fields := strings.Split(strings.TrimSuffix(rest, ")"), ", ")
	if name == "empirical" {
		var vals, probs []float64
		for _, f := range fields {
			v, p, ok := strings.Cut(f, ":")
			if !ok {
				return nil, fmt.Errorf("%q: %q is not value:probability", s, f)
			}
			x, err1 := strconv.ParseFloat(v, 64)
			y, err2 := strconv.ParseFloat(p, 64)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("%q: bad number in %q", s, f)
			}
			vals, probs = append(vals, x), append(probs, y)
		}
		return Empirical(vals, probs)
	}
	a := make([]float64, len(fields))
	for i, f := range fields {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", s, err)
		}
		a[i] = x
	}
	arity := map[string]int{"const": 1, "exp": 1, "uniform": 2, "tri": 3, "normal": 2,
		"lognormal": 2, "gamma": 2, "erlang": 2, "weibull": 2}
	if n, known := arity[name]; !known || n != len(a) {
		return nil, fmt.Errorf("%q: unknown distribution or wrong number of parameters", s)
	}
	switch name {
	case "const":
		return Const(a[0])
	case "exp":
		return Exp(a[0])
	case "uniform":
		return Uniform(a[0], a[1])
	case "tri":
		return Tri(a[0], a[1], a[2])
	case "normal":
		return Normal(a[0], a[1])
	case "lognormal":
		return LogNormal(a[0], a[1])
	case "gamma":
		return Gamma(a[0], a[1])
	case "erlang":
		return Erlang(a[0], a[1])
	default:
		return Weibull(a[0], a[1])
	}
}

// TestScaleKeepsStream checks that a scaled distribution draws f times the
// original's draws from the same stream.
func TestScaleKeepsStream(t *testing.T) {
	d := must(LogNormal(2, 1))
	s := Scale(d, 0.5)
	a, b := d.Bind(NewStream(1, 0, "x", "y")), s.Bind(NewStream(1, 0, "x", "y"))
	for range 100 {
		exact(t, "scaled draw", b.Rand(), 0.5*a.Rand())
	}
	exact(t, "mean", s.Mean(), 1)
	if s.String() != "0.5×lognormal(2, 1)" {
		t.Errorf("String = %q", s.String())
	}
}

// TestEstimateCoverage checks the meaning of the interval: over 2000
// independent experiments of 10 normal(5, 1) values each, the 95% interval
// covers the true mean in a fraction of experiments that is binomial(2000,
// 0.95): within zCheck·√(0.95·0.05/2000) ≈ 0.022 of 0.95. normal(5, 1) is
// truncated at 0 only 3e-7 of the time, so its mean is 5 to 1e-6.
func TestEstimateCoverage(t *testing.T) {
	const experiments, n = 2000, 10
	mean := must(Normal(5, 1)).Mean()
	xs := drawFrom(must(Normal(5, 1)), "coverage", experiments*n)
	covered := 0
	for i := 0; i < experiments; i++ {
		if stats.NewEstimate(xs[i*n:(i+1)*n], 0.95).Contains(mean) {
			covered++
		}
	}
	closeTo(t, "coverage of 95% intervals", float64(covered)/experiments, 0.95,
		zCheck*math.Sqrt(0.95*0.05/experiments))
}

// TestTallyVsTwoPass compares Tally with the two-pass formulas on 10 000
// draws from a fixed stream.
func TestTallyVsTwoPass(t *testing.T) {
	xs := drawFrom(must(LogNormal(50, 20)), "tally", 10_000)
	var ty stats.Tally
	for _, x := range xs {
		ty.Add(x)
	}
	m, v := sampleMeanVar(xs)
	if ty.N() != int64(len(xs)) {
		t.Errorf("N = %d, want %d", ty.N(), len(xs))
	}
	// Both are backward stable; relative differences of a few hundred ulps
	// are rounding, anything larger is a formula error.
	closeTo(t, "Mean", ty.Mean(), m, 1e-12*m)
	closeTo(t, "Variance", ty.Variance(), v, 1e-10*v)
}
