package sim

import (
	"math"

	"github.com/takt-sim/takt/sim/stats"
)

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
	d := stats.MSER5(avg)
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
func WarmupBias(reps []*Replication, from, to, horizon, confidence float64) stats.Estimate {
	if len(reps) == 0 || to <= from {
		return stats.NewEstimate(nil, confidence)
	}
	n := len(reps[0].WIPSeries)
	width := horizon / float64(n)
	a, b := int(math.Ceil(from/width-1e-9)), int(math.Ceil(to/width-1e-9))
	if b <= a || b >= n {
		return stats.NewEstimate(nil, confidence)
	}
	d := make([]float64, len(reps))
	for i, r := range reps {
		d[i] = mean(r.WIPSeries[a:b]) - mean(r.WIPSeries[b:])
	}
	return stats.NewEstimate(d, confidence)
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}
