package theory

import "math"

// RenewalFunction is the expected number of renewals in [0, t] of a
// renewal process whose lifetimes have distribution function cdf,
//
//	H(t) = F(t) + ∫₀ᵗ H(t − x) dF(x),
//
// solved on n equal steps by the Riemann–Stieltjes method of Xie
// (Reliability Engineering and System Safety 26, 1989), second-order in
// the step:
//
//	H_k = F_k + Σ_{j=1}^{k} ½(H_{k−j} + H_{k−j+1}) (F_j − F_{j−1}),
//
// with F_k = F(k·t/n), solved for H_k (the j = 1 term holds it). For
// exponential lifetimes of mean m it is t/m.
func RenewalFunction(cdf func(float64) float64, t float64, n int) float64 {
	if !(t > 0) || n < 1 {
		return 0
	}
	h := t / float64(n)
	F := make([]float64, n+1)
	for k := range F {
		F[k] = cdf(float64(k) * h)
	}
	H := make([]float64, n+1)
	d1 := F[1] - F[0]
	for k := 1; k <= n; k++ {
		sum := F[k] + 0.5*H[k-1]*d1
		for j := 2; j <= k; j++ {
			sum += 0.5 * (H[k-j] + H[k-j+1]) * (F[j] - F[j-1])
		}
		H[k] = sum / (1 - 0.5*d1)
	}
	return H[n]
}

// WeibullCDF is the distribution function of the Weibull law with the
// given shape and scale: 1 − exp(−(t/scale)^shape).
func WeibullCDF(shape, scale float64) func(float64) float64 {
	return func(t float64) float64 {
		if t <= 0 {
			return 0
		}
		return 1 - math.Exp(-math.Pow(t/scale, shape))
	}
}

// PMAvailability is the availability of a machine under planned
// maintenance every T of operating time (duration d), when repairs (mean
// mttr) renew it and so does the maintenance: a block-replacement policy
// (Barlow & Proschan, Mathematical Theory of Reliability, 1965, §4.2). Per
// T of operation there are H(T) breakdowns (the renewal function of the
// lifetimes) and one maintenance:
//
//	A = T / (T + H(T)·MTTR + d).
//
// Without maintenance (T = +Inf) it is MTTF / (MTTF + MTTR).
func PMAvailability(h, t, mttr, d float64) float64 { return t / (t + h*mttr + d) }
