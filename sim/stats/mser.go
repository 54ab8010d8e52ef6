package stats

import "math"

// MSER5 returns the truncation point of a series by the MSER-5 rule (White,
// Cobb & Spratt 2000; Franklin & White 2008): average the series in batches
// of 5, and cut the d batches that minimise the squared standard error of the
// mean of the rest,
//
//	MSER(d) = Σ_{j>d} (Zⱼ − Z̄_d)² / (m − d)²,  d < m/2,
//
// It returns the number of observations to drop (5·d), or −1 when the
// minimum lies at the end of the allowed range: then no truncation point
// within the first half of the run makes the rest steady, and the run is too
// short to tell.
func MSER5(series []float64) int {
	m := len(series) / 5
	if m < 4 {
		return 0
	}
	z := make([]float64, m)
	for j := range z {
		for _, x := range series[5*j : 5*j+5] {
			z[j] += x / 5
		}
	}
	best, bestD := math.Inf(1), 0
	for d := 0; d < m/2; d++ {
		rest := z[d:]
		mean := 0.0
		for _, x := range rest {
			mean += x
		}
		mean /= float64(len(rest))
		ss := 0.0
		for _, x := range rest {
			ss += (x - mean) * (x - mean)
		}
		if v := ss / float64(len(rest)*len(rest)); v < best {
			best, bestD = v, d
		}
	}
	if bestD == m/2-1 {
		return -1
	}
	return 5 * bestD
}
