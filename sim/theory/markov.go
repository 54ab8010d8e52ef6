package theory

import (
	"fmt"
	"math"
)

// Stationary solves the balance equations π·Q = 0, Σ π = 1 of an
// irreducible continuous-time Markov chain with generator q (q[i][j] the
// rate from state i to j for i ≠ j; the diagonal is ignored and taken as
// minus the row sum). It replaces the last balance equation by the
// normalisation and solves by Gaussian elimination with partial pivoting
// (Stewart, Introduction to the Numerical Solution of Markov Chains, 1994,
// §2.3). It fails when the chain is not irreducible (a singular system).
func Stationary(q [][]float64) ([]float64, error) {
	n := len(q)
	// a·x = rhs with a = Qᵀ, its last row replaced by ones.
	a := make([][]float64, n)
	for i := range a {
		a[i] = make([]float64, n+1)
	}
	for i := range n {
		out := 0.0
		for j := range n {
			if j != i {
				a[j][i] += q[i][j]
				out += q[i][j]
			}
		}
		a[i][i] -= out
	}
	for j := range n {
		a[n-1][j] = 1
	}
	a[n-1][n] = 1
	for col := range n {
		p := col
		for r := col + 1; r < n; r++ {
			if math.Abs(a[r][col]) > math.Abs(a[p][col]) {
				p = r
			}
		}
		if math.Abs(a[p][col]) < 1e-300 {
			return nil, fmt.Errorf("stationary distribution: the chain is not irreducible")
		}
		a[col], a[p] = a[p], a[col]
		for r := range n {
			if r == col || a[r][col] == 0 {
				continue
			}
			f := a[r][col] / a[col][col]
			for c := col; c <= n; c++ {
				a[r][c] -= f * a[col][c]
			}
		}
	}
	pi := make([]float64, n)
	for i := range n {
		pi[i] = a[i][n] / a[i][i]
	}
	return pi, nil
}

// TwoStation is the exact throughput of a saturated two-station line with
// exponential process times (rates mu1, mu2), a buffer of b parts between
// them and blocking after service, when the first machine fails at rate
// fail while it processes (exponential time to failure in operating time)
// and is repaired at rate repair, the interrupted part resuming. Let n be
// the parts past the first machine (in the buffer, on the second, and the
// one the first holds when blocked), n = 0 … b+2, and u whether the first
// machine is up. (u, n) is a Markov chain (Buzacott & Shanthikumar,
// Stochastic Models of Manufacturing Systems, 1993, §5.2):
//
//	(up, n)   → (up, n+1)   at mu1     for n ≤ b+1
//	(up, n)   → (down, n)   at fail    for n ≤ b+1
//	(down, n) → (up, n)     at repair
//	(u, n)    → (u, n−1)    at mu2     for n ≥ 1
//
// and the throughput is mu2 · P(n ≥ 1); P(first blocked) = P(n = b+2). With
// fail = 0 and mu1 = mu2 the chain is uniform on n and the throughput is
// (b+2)/(b+3).
func TwoStation(mu1, mu2, fail, repair float64, b int) (th, blocked float64, err error) {
	levels := b + 3
	states := levels
	if fail > 0 {
		states = 2 * levels
	}
	q := make([][]float64, states)
	for i := range q {
		q[i] = make([]float64, states)
	}
	for s := range states {
		down, n := s >= levels, s%levels
		if !down && n <= b+1 {
			q[s][s+1] = mu1
			if fail > 0 {
				q[s][s+levels] = fail
			}
		}
		if down {
			q[s][s-levels] = repair
		}
		if n >= 1 {
			q[s][s-1] = mu2
		}
	}
	pi, err := Stationary(q)
	if err != nil {
		return 0, 0, err
	}
	for s, p := range pi {
		if s%levels >= 1 {
			th += mu2 * p
		}
		if s%levels == b+2 {
			blocked += p
		}
	}
	return th, blocked, nil
}
