package stats

import "math"

// LevelSeries records the time average of a level over equal buckets of
// [0, horizon), in constant memory.
type LevelSeries struct {
	width float64
	area  []float64
	last  float64 // time of the last change
	value float64 // current level
}

// NewLevelSeries returns a series of the given number of buckets over
// [0, horizon), starting at level 0.
func NewLevelSeries(horizon float64, buckets int) *LevelSeries {
	return &LevelSeries{width: horizon / float64(buckets), area: make([]float64, buckets)}
}

// Set changes the level to v at now, integrating the old level since the
// last change bucket by bucket.
func (s *LevelSeries) Set(now, v float64) {
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

// Means closes the series at the horizon and returns the bucket averages.
func (s *LevelSeries) Means(horizon float64) []float64 {
	s.Set(horizon, s.value)
	out := make([]float64, len(s.area))
	for k, a := range s.area {
		out[k] = a / s.width
	}
	return out
}
