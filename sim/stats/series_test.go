package stats

import "testing"

// TestLevelSeries checks the bucket averages of a hand-made level.
func TestLevelSeries(t *testing.T) {
	s := NewLevelSeries(10, 5) // buckets of 2
	s.Set(1, 2)                // 0 on [0, 1), 2 on [1, 5)
	s.Set(5, 4)                // 4 on [5, 10)
	got := s.Means(10)
	for k, want := range []float64{1, 2, 3, 4, 4} {
		exact(t, "bucket", got[k], want)
	}
}
