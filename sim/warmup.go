package sim

import "math"

// SeriesBuckets is the number of equal intervals of the horizon over which
// every replication records the time-average WIP, for warm-up analysis.
const SeriesBuckets = 500

// levelSeries records the time average of a level over equal buckets of
// [0, horizon), in constant memory.
type levelSeries struct {
	width float64
	area  []float64
	last  float64 // time of the last change
	value float64 // current level
}

func newLevelSeries(horizon float64, buckets int) *levelSeries {
	return &levelSeries{width: horizon / float64(buckets), area: make([]float64, buckets)}
}

// set changes the level to v at now, integrating the old level since the
// last change bucket by bucket.
func (s *levelSeries) set(now, v float64) {
	for s.last < now {
		k := int(s.last / s.width)
		if k >= len(s.area) {
			break
		}
		end := math.Min(now, float64(k+1)*s.width)
		if end <= s.last { // rounding at a bucket edge
			end = math.Min(now, math.Nextafter(float64(k+1)*s.width, math.Inf(1)))
		}
		s.area[k] += s.value * (end - s.last)
		s.last = end
	}
	s.last, s.value = now, v
}

// means closes the series at the horizon and returns the bucket averages.
func (s *levelSeries) means(horizon float64) []float64 {
	s.set(horizon, s.value)
	out := make([]float64, len(s.area))
	for k, a := range s.area {
		out[k] = a / s.width
	}
	return out
}

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

// MeanWIPSeries is the replications' WIP series averaged interval by
// interval; nil without replications.
func MeanWIPSeries(reps []*Replication) []float64 {
	if len(reps) == 0 {
		return nil
	}
	avg := make([]float64, len(reps[0].WIPSeries))
	for _, r := range reps {
		for k, x := range r.WIPSeries {
			avg[k] += x / float64(len(reps))
		}
	}
	return avg
}

// SuggestWarmup applies MSER-5 to the WIP series averaged over the
// replications and returns the suggested warm-up in time units, or −1 when
// the horizon is too short to tell.
func SuggestWarmup(reps []*Replication, horizon float64) float64 {
	if len(reps) == 0 {
		return 0
	}
	avg := MeanWIPSeries(reps)
	d := MSER5(avg)
	if d < 0 {
		return -1
	}
	return float64(d) * horizon / float64(len(avg))
}

// WarmupBias estimates, over the replications, how much the mean WIP during
// [from, to) differs from its mean over [to, horizon]: the bias a warm-up of
// from instead of to would leave in the WIP. Its interval tells whether the
// difference is real or noise (MSER-5 alone truncates noisy series by
// chance). N is 0 when [from, to) holds no whole interval of the series.
func WarmupBias(reps []*Replication, from, to, horizon, confidence float64) Estimate {
	if len(reps) == 0 || to <= from {
		return NewEstimate(nil, confidence)
	}
	n := len(reps[0].WIPSeries)
	width := horizon / float64(n)
	a, b := int(math.Ceil(from/width-1e-9)), int(math.Ceil(to/width-1e-9))
	if b <= a || b >= n {
		return NewEstimate(nil, confidence)
	}
	d := make([]float64, len(reps))
	for i, r := range reps {
		d[i] = mean(r.WIPSeries[a:b]) - mean(r.WIPSeries[b:])
	}
	return NewEstimate(d, confidence)
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
