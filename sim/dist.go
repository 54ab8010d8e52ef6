package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// Sampler draws one value from a distribution bound to a random stream. The
// gonum distuv types satisfy it.
type Sampler interface {
	Rand() float64
}

// Dist is a distribution of non-negative durations or quantities, in the
// model's time unit. A Dist is an immutable description; Bind ties it to a
// random stream for one replication.
type Dist interface {
	// Bind returns a sampler that draws from src.
	Bind(src rand.Source) Sampler
	// Mean is the expected value of a draw.
	Mean() float64
	// String is the distribution in scenario syntax, e.g. "exp(1.5)".
	String() string
}

// Const returns the degenerate distribution at v (v >= 0).
func Const(v float64) (Dist, error) {
	if !(v >= 0) || math.IsInf(v, 0) {
		return nil, fmt.Errorf("const(%s): value must be >= 0 and finite", g(v))
	}
	return constDist(v), nil
}

// Exp returns the exponential distribution with the given mean (> 0).
func Exp(mean float64) (Dist, error) {
	if !(mean > 0) || math.IsInf(mean, 0) {
		return nil, fmt.Errorf("exp(%s): mean must be > 0", g(mean))
	}
	if !finiteDraws(maxDrawFactor * mean) {
		return nil, tooLarge("exp", mean)
	}
	return expDist{mean}, nil
}

// Uniform returns the continuous uniform distribution on [a, b], 0 <= a <= b.
func Uniform(a, b float64) (Dist, error) {
	if !(a >= 0 && b >= a) || math.IsInf(b, 0) {
		return nil, fmt.Errorf("uniform(%s, %s): need 0 <= a <= b", g(a), g(b))
	}
	return uniformDist{a, b}, nil
}

// Tri returns the triangular distribution with minimum lo, mode and maximum
// hi, 0 <= lo <= mode <= hi and lo < hi.
func Tri(lo, mode, hi float64) (Dist, error) {
	if !(lo >= 0 && lo <= mode && mode <= hi && lo < hi) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("tri(%s, %s, %s): need 0 <= min <= mode <= max and min < max", g(lo), g(mode), g(hi))
	}
	return triDist{lo, mode, hi}, nil
}

// Normal returns the normal distribution with the given mean and standard
// deviation, truncated at 0 by rejection: negative draws are drawn again, so
// the mean of the draws is slightly above mean when sd is not small against
// it. The mean must be > 0 and sd >= 0.
func Normal(mean, sd float64) (Dist, error) {
	if !(mean > 0 && sd >= 0) || math.IsInf(mean+sd, 0) {
		return nil, fmt.Errorf("normal(%s, %s): need mean > 0 and sd >= 0", g(mean), g(sd))
	}
	if !finiteDraws(mean + maxDrawFactor*sd) {
		return nil, tooLarge("normal", mean, sd)
	}
	return normalDist{mean, sd}, nil
}

// LogNormal returns the lognormal distribution whose draws have the given
// mean (> 0) and standard deviation (>= 0), not those of the underlying normal.
func LogNormal(mean, sd float64) (Dist, error) {
	if !(mean > 0 && sd >= 0) || math.IsInf(mean+sd, 0) {
		return nil, fmt.Errorf("lognormal(%s, %s): need mean > 0 and sd >= 0", g(mean), g(sd))
	}
	d := lognormalDist{mean, sd}
	if mu, sigma := d.params(); math.IsInf(math.Exp(mu+maxNormalZ*sigma), 0) || math.IsNaN(mu+sigma) {
		return nil, fmt.Errorf("lognormal(%s, %s): sd is too large against the mean: draws would overflow", g(mean), g(sd))
	}
	return d, nil
}

// Gamma returns the gamma distribution with the given mean and standard
// deviation (both > 0).
func Gamma(mean, sd float64) (Dist, error) {
	if !(mean > 0 && sd > 0) || math.IsInf(mean+sd, 0) {
		return nil, fmt.Errorf("gamma(%s, %s): need mean > 0 and sd > 0", g(mean), g(sd))
	}
	d := gammaDist{mean, sd}
	// Its tail falls like exp(−x/scale), scale = sd²/mean.
	if !finiteDraws(mean + maxDrawFactor*(sd+sd*(sd/mean))) {
		return nil, tooLarge("gamma", mean, sd)
	}
	if alpha, beta := d.params(); !positive(alpha, beta) {
		return nil, fmt.Errorf("gamma(%s, %s): shape (mean/sd)² = %s and rate mean/sd² = %s must be finite and > 0", g(mean), g(sd), g(alpha), g(beta))
	}
	return d, nil
}

// Erlang returns the Erlang distribution with the given mean made of k
// exponential phases (k a whole number >= 1).
func Erlang(mean float64, k float64) (Dist, error) {
	if !(mean > 0) || math.IsInf(mean, 0) || !(k >= 1) || k != math.Trunc(k) || k > 1e6 {
		return nil, fmt.Errorf("erlang(%s, %s): need mean > 0 and a whole k >= 1", g(mean), g(k))
	}
	if !positive(k / mean) {
		return nil, fmt.Errorf("erlang(%s, %s): the rate k/mean of each phase must be finite", g(mean), g(k))
	}
	if !finiteDraws(maxDrawFactor * mean) {
		return nil, tooLarge("erlang", mean, k)
	}
	return erlangDist{mean, int(k)}, nil
}

// Weibull returns the Weibull distribution with the given shape k and scale
// λ (both > 0):
//
//	P(X > x) = exp(−(x/λ)^k)
func Weibull(shape, scale float64) (Dist, error) {
	if !(shape > 0 && scale > 0) || math.IsInf(shape+scale, 0) {
		return nil, fmt.Errorf("weibull(%s, %s): need shape > 0 and scale > 0", g(shape), g(scale))
	}
	d := weibullDist{shape, scale}
	// The largest draw is scale·(−ln u)^(1/shape) at the smallest uniform u,
	// 2⁻⁵³, so −ln u <= 37.
	if largest := scale * math.Pow(37, 1/shape); !positive(d.Mean(), largest) {
		return nil, fmt.Errorf("weibull(%s, %s): shape is too small: the mean or the draws would overflow", g(shape), g(scale))
	}
	return d, nil
}

// Empirical returns the discrete distribution that takes values[i] with
// probability probs[i]. Values must be >= 0 and the probabilities, each
// >= 0, must sum to 1.
func Empirical(values, probs []float64) (Dist, error) {
	if len(values) == 0 || len(values) != len(probs) {
		return nil, fmt.Errorf("empirical: need at least one value:probability pair")
	}
	sum := 0.0
	for i, v := range values {
		if !(v >= 0) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("empirical: value %s must be >= 0", g(v))
		}
		if !(probs[i] >= 0) {
			return nil, fmt.Errorf("empirical: probability %s must be >= 0", g(probs[i]))
		}
		sum += probs[i]
	}
	if math.Abs(sum-1) > 1e-9 {
		return nil, fmt.Errorf("empirical: probabilities sum to %.12g, not 1", sum) // not binary noise such as 0.8999999999999999
	}
	return empiricalDist{append([]float64(nil), values...), append([]float64(nil), probs...)}, nil
}

// maxNormalZ bounds the standard normal draws the lognormal check allows
// for, and maxDrawFactor the draws of the other distributions in units of
// their scale: an exponential draw is at most 37 means (−ln 2⁻⁵³).
const (
	maxNormalZ    = 10
	maxDrawFactor = 40
)

// finiteDraws reports whether x, a bound on the draws, is finite.
func finiteDraws(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) }

// tooLarge is the error of a distribution whose draws could overflow.
func tooLarge(name string, params ...float64) error {
	s := make([]string, len(params))
	for i, p := range params {
		s[i] = g(p)
	}
	return fmt.Errorf("%s(%s): too large: draws would overflow", name, strings.Join(s, ", "))
}

// positive reports whether every x is finite and > 0.
func positive(xs ...float64) bool {
	for _, x := range xs {
		if !(x > 0) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

func g(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

type constDist float64

func (d constDist) Bind(rand.Source) Sampler { return constSampler(d) }
func (d constDist) Mean() float64            { return float64(d) }
func (d constDist) String() string           { return "const(" + g(float64(d)) + ")" }

type constSampler float64

func (s constSampler) Rand() float64 { return float64(s) }

type expDist struct{ mean float64 }

func (d expDist) Bind(src rand.Source) Sampler {
	return distuv.Exponential{Rate: 1 / d.mean, Src: src}
}
func (d expDist) Mean() float64  { return d.mean }
func (d expDist) String() string { return "exp(" + g(d.mean) + ")" }

type uniformDist struct{ a, b float64 }

func (d uniformDist) Bind(src rand.Source) Sampler {
	return distuv.Uniform{Min: d.a, Max: d.b, Src: src}
}
func (d uniformDist) Mean() float64  { return (d.a + d.b) / 2 }
func (d uniformDist) String() string { return "uniform(" + g(d.a) + ", " + g(d.b) + ")" }

type triDist struct{ lo, mode, hi float64 }

func (d triDist) Bind(src rand.Source) Sampler {
	return distuv.NewTriangle(d.lo, d.hi, d.mode, src)
}
func (d triDist) Mean() float64 { return (d.lo + d.mode + d.hi) / 3 }
func (d triDist) String() string {
	return "tri(" + g(d.lo) + ", " + g(d.mode) + ", " + g(d.hi) + ")"
}

type normalDist struct{ mean, sd float64 }

func (d normalDist) Bind(src rand.Source) Sampler {
	return truncatedNormal{distuv.Normal{Mu: d.mean, Sigma: d.sd, Src: src}}
}

// Mean is the mean of the normal truncated at 0:
//
//	μ + σ φ(μ/σ) / Φ(μ/σ)
func (d normalDist) Mean() float64 {
	if d.sd == 0 {
		return d.mean
	}
	z := d.mean / d.sd
	std := distuv.UnitNormal
	return d.mean + d.sd*std.Prob(z)/std.CDF(z)
}
func (d normalDist) String() string { return "normal(" + g(d.mean) + ", " + g(d.sd) + ")" }

type truncatedNormal struct{ n distuv.Normal }

func (t truncatedNormal) Rand() float64 {
	for {
		if x := t.n.Rand(); x >= 0 {
			return x
		}
	}
}

type lognormalDist struct{ mean, sd float64 }

func (d lognormalDist) Bind(src rand.Source) Sampler {
	mu, sigma := d.params()
	return distuv.LogNormal{Mu: mu, Sigma: sigma, Src: src}
}

// params are the mean and standard deviation of the underlying normal:
//
//	σ² = ln(1 + sd²/mean²),  μ = ln(mean) − σ²/2
func (d lognormalDist) params() (mu, sigma float64) {
	s2 := math.Log1p(d.sd * d.sd / (d.mean * d.mean))
	return math.Log(d.mean) - s2/2, math.Sqrt(s2)
}
func (d lognormalDist) Mean() float64  { return d.mean }
func (d lognormalDist) String() string { return "lognormal(" + g(d.mean) + ", " + g(d.sd) + ")" }

type gammaDist struct{ mean, sd float64 }

func (d gammaDist) Bind(src rand.Source) Sampler {
	alpha, beta := d.params()
	return distuv.Gamma{Alpha: alpha, Beta: beta, Src: src}
}

// params are the shape and rate: α = mean²/sd², β = mean/sd².
func (d gammaDist) params() (alpha, beta float64) {
	return d.mean * d.mean / (d.sd * d.sd), d.mean / (d.sd * d.sd)
}
func (d gammaDist) Mean() float64  { return d.mean }
func (d gammaDist) String() string { return "gamma(" + g(d.mean) + ", " + g(d.sd) + ")" }

type erlangDist struct {
	mean float64
	k    int
}

func (d erlangDist) Bind(src rand.Source) Sampler {
	return distuv.Gamma{Alpha: float64(d.k), Beta: float64(d.k) / d.mean, Src: src}
}
func (d erlangDist) Mean() float64  { return d.mean }
func (d erlangDist) String() string { return "erlang(" + g(d.mean) + ", " + strconv.Itoa(d.k) + ")" }

type weibullDist struct{ shape, scale float64 }

func (d weibullDist) Bind(src rand.Source) Sampler {
	return distuv.Weibull{K: d.shape, Lambda: d.scale, Src: src}
}
func (d weibullDist) Mean() float64 { return d.scale * math.Gamma(1+1/d.shape) }
func (d weibullDist) String() string {
	return "weibull(" + g(d.shape) + ", " + g(d.scale) + ")"
}

type empiricalDist struct{ values, probs []float64 }

func (d empiricalDist) Bind(src rand.Source) Sampler {
	return empiricalSampler{d.values, distuv.NewCategorical(d.probs, src)}
}
func (d empiricalDist) Mean() float64 {
	m := 0.0
	for i, v := range d.values {
		m += v * d.probs[i]
	}
	return m
}
func (d empiricalDist) String() string {
	parts := make([]string, len(d.values))
	for i, v := range d.values {
		parts[i] = g(v) + ":" + g(d.probs[i])
	}
	return "empirical(" + strings.Join(parts, ", ") + ")"
}

type empiricalSampler struct {
	values []float64
	cat    distuv.Categorical
}

func (s empiricalSampler) Rand() float64 { return s.values[int(s.cat.Rand())] }

// Scale returns the distribution of f·X for X drawn from d (f > 0). It draws
// from the same stream as d, so a scaled variant keeps common random numbers
// with the original.
func Scale(d Dist, f float64) Dist { return scaledDist{d, f} }

type scaledDist struct {
	d Dist
	f float64
}

func (s scaledDist) Bind(src rand.Source) Sampler { return scaledSampler{s.d.Bind(src), s.f} }
func (s scaledDist) Mean() float64                { return s.f * s.d.Mean() }
func (s scaledDist) String() string               { return g(s.f) + "×" + s.d.String() }

type scaledSampler struct {
	s Sampler
	f float64
}

func (s scaledSampler) Rand() float64 { return s.f * s.s.Rand() }
