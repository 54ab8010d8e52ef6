package sim

import (
	"fmt"
	"testing"
)

// TestWindowEndsUpToRounding runs a saturated machine of constant 2 h over
// horizons of 2n h (n = 3 … 30) after a warm-up of 4 h, in hours and in
// units where 2 h is no binary fraction (days, weeks, 1/60 h, …). By hand:
// parts finish at 2, 4, …, 2n h; the window [4, 2n) holds those at 4, 6,
// …, 2n − 2 h, n − 2 parts, in every unit — a part finished at the
// warm-up's end is in the window, one at the horizon is not, though the
// sum of n steps of 2/24 d lands a hair before or after 2n/24 d (n = 6 in
// days counted the part at the horizon).
func TestWindowEndsUpToRounding(t *testing.T) {
	for _, hour := range []float64{1, 1.0 / 24, 1.0 / 168, 1.0 / 60, 60, 3600, 0.1} {
		for n := 3; n <= 30; n++ {
			s := runExp(t, saturatedMachine(1, 2*hour, nil, nil, nil), testRun(float64(2*n)*hour, 4*hour, 1))
			if got := s.Replications[0].Completed; got != int64(n-2) {
				t.Errorf("one hour = %v, horizon %d h: %d parts in the window, want %d", hour, 2*n, got, n-2)
			}
		}
	}
}

// TestBottleneckTieUpToRounding: two stations active over the same period,
// [0.1, 0.8) in exact arithmetic, whose ends were rounded apart
// (0.7 + 0.1 = 0.7999999999999999 and 0.8): the periods are equally long,
// both stations are shifting bottlenecks for 0.7, neither is the sole one
// (taken literally, the second would be the sole bottleneck for 0.7).
func TestBottleneckTieUpToRounding(t *testing.T) {
	d := newBottleneckDetector(2, 0, 1)
	d.begin(0, 0.1)
	d.begin(1, 0.1)
	a, b := 0.7, 0.1 // variables: a constant 0.7 + 0.1 would be exact
	d.end(0, a+b)
	d.end(1, 0.8)
	d.finish(d.to)
	for i := range 2 {
		exact(t, fmt.Sprintf("station %d sole", i), d.sole[i], 0)
		exact(t, fmt.Sprintf("station %d shifting", i), d.shifted[i], 0.7)
	}
}
