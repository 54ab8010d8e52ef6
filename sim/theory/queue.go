package theory

import "math"

// Little is Little's law: the time-average number in a system equals its
// throughput times the mean time in it (Little, Operations Research 9,
// 1961),
//
//	WIP = TH · CT.
func Little(th, ct float64) float64 { return th * ct }

// Kingman is Kingman's "VUT" approximation of the mean time in queue of a
// single-server station (Hopp & Spearman, Factory Physics, 3rd ed., §8.4.1,
// eq. 8.7),
//
//	CTq = ((ca² + ce²)/2) · (u/(1 − u)) · te,
//
// with ca² and ce² the squared coefficients of variation of interarrival
// and process times, u the utilisation and te the mean process time. It is
// exact for Poisson arrivals (ca² = 1, where it equals the
// Pollaczek–Khinchine formula). It is +Inf for u >= 1.
func Kingman(ca2, ce2, u, te float64) float64 {
	if u >= 1 {
		return math.Inf(1)
	}
	return (ca2 + ce2) / 2 * u / (1 - u) * te
}

// PollaczekKhinchine is the exact mean time in queue of the M/G/1 queue
// (Kleinrock, Queueing Systems vol. 1, eq. 5.76; Pollaczek 1930,
// Khinchine 1932),
//
//	Wq = λ·E[S²] / (2(1 − ρ)),  E[S²] = te²(1 + cs²),  ρ = λ·te,
//
// with λ the Poisson arrival rate, te the mean and cs² the squared
// coefficient of variation of the service time. It is +Inf for ρ >= 1.
func PollaczekKhinchine(lambda, te, cs2 float64) float64 {
	rho := lambda * te
	if rho >= 1 {
		return math.Inf(1)
	}
	return lambda * te * te * (1 + cs2) / (2 * (1 - rho))
}

// ErlangC is the probability that an arriving customer must wait in the
// M/M/c queue with c servers and offered load a = λ/μ (Kleinrock, Queueing
// Systems vol. 1, eq. 3.42),
//
//	C(c, a) = (a^c/c! · 1/(1 − ρ)) / (Σ_{k<c} a^k/k! + a^c/c! · 1/(1 − ρ)),  ρ = a/c.
//
// It is 1 for a >= c (the queue grows without bound).
func ErlangC(c int, a float64) float64 {
	rho := a / float64(c)
	if rho >= 1 {
		return 1
	}
	sum, term := 0.0, 1.0 // term = a^k/k!
	for k := range c {
		sum += term
		term *= a / float64(k+1)
	}
	last := term / (1 - rho)
	return last / (sum + last)
}

// MMcWait is the mean time in queue of the M/M/c queue (Kleinrock, vol. 1,
// eq. 3.43),
//
//	Wq = C(c, λ/μ) / (cμ − λ).
//
// It is +Inf when λ >= cμ.
func MMcWait(c int, lambda, mu float64) float64 {
	if lambda >= float64(c)*mu {
		return math.Inf(1)
	}
	return ErlangC(c, lambda/mu) / (float64(c)*mu - lambda)
}
