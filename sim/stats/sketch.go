package stats

import "math"

// SketchAccuracy is the relative accuracy of the quantile sketch: every
// quantile estimate lies within this fraction of an observation of the
// requested rank. It is also the sketch's resolution: its buckets are
// SketchAccuracy wide, relatively.
const SketchAccuracy = 0.005

// sketchFloor is the smallest observation told apart from 0; smaller ones
// count as 0.
const sketchFloor = 1e-9

// Sketch estimates quantiles of a stream of non-negative observations in
// bounded memory with relative accuracy SketchAccuracy (α): a log-bucket
// sketch after Masson, Rim & Lee (DDSketch, VLDB 2019). Bucket i counts the
// observations in (γ^(i−1), γ^i] with γ = 1 + α. A quantile is
// interpolated within its bucket by rank: the c observations of a bucket
// that starts at rank r₀ are taken as spread evenly over it in log scale,
// between lo = max(γ^(i−1), min) and hi = min(γ^i, max) (the exact extremes
// tighten the outer buckets), so the estimate of rank r is
//
//	x̂ = lo·(hi/lo)^f,  f = (r − r₀ + ½) / c  (clamped to [0, 1]),  |x̂ − x| ≤ α·x
//
// for the observation x of that rank. The interpolation keeps estimates
// from different streams apart when their quantiles fall in one bucket (a
// bucket's midpoint alone would give every replication the same value and
// an interval of ±0). The number of buckets grows with the log of the
// observations' range (ln(10)/α ≈ 460 per decade), never with their count.
// Estimates are clamped to the exact minimum and maximum, so a constant
// stream gives exactly its value.
type Sketch struct {
	counts   []int64 // counts[k] is bucket offset+k
	offset   int
	zero     int64 // observations below sketchFloor
	n        int64
	min, max float64
}

var (
	sketchLnGamma = math.Log1p(SketchAccuracy) // ln γ
)

// Add records one observation x >= 0.
func (s *Sketch) Add(x float64) {
	if s.n == 0 || x < s.min {
		s.min = x
	}
	if s.n == 0 || x > s.max {
		s.max = x
	}
	s.n++
	if x < sketchFloor {
		s.zero++
		return
	}
	i := int(math.Ceil(math.Log(x) / sketchLnGamma))
	s.counts[s.slot(i)]++
}

// slot returns the index in counts of bucket i, growing counts as needed.
func (s *Sketch) slot(i int) int {
	switch {
	case len(s.counts) == 0:
		s.counts = make([]int64, 64)
		s.offset = i - 32
	case i < s.offset:
		grow := max(s.offset-i, len(s.counts)/2)
		s.counts = append(make([]int64, grow, grow+len(s.counts)), s.counts...)
		s.offset -= grow
	case i >= s.offset+len(s.counts):
		grow := max(i-s.offset-len(s.counts)+1, len(s.counts)/2)
		s.counts = append(s.counts, make([]int64, grow)...)
	}
	return i - s.offset
}

// N is the number of observations.
func (s *Sketch) N() int64 { return s.n }

// Quantile estimates the p-quantile (0 <= p <= 1), the observation of rank
// p·(n−1) in sorted order, interpolated within its bucket; NaN without
// observations.
func (s *Sketch) Quantile(p float64) float64 {
	switch {
	case s.n == 0:
		return math.NaN()
	case p <= 0:
		return s.min
	case p >= 1:
		return s.max
	}
	rank := p * float64(s.n-1)
	cum := s.zero
	if float64(cum) > rank {
		return s.min
	}
	for k, c := range s.counts {
		if float64(cum+c) > rank {
			f := min(max((rank-float64(cum)+0.5)/float64(c), 0), 1)
			lo := math.Max(math.Exp(float64(s.offset+k-1)*sketchLnGamma), s.min)
			hi := math.Min(math.Exp(float64(s.offset+k)*sketchLnGamma), s.max)
			return math.Min(math.Max(lo*math.Pow(hi/lo, f), s.min), s.max)
		}
		cum += c
	}
	return s.max
}

// Reset forgets every observation, keeping the buckets' memory.
func (s *Sketch) Reset() {
	clear(s.counts)
	s.zero, s.n, s.min, s.max = 0, 0, 0, 0
}
