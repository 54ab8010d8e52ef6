package stats_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// TestMSER5FindsTransient checks MSER-5 on a synthetic series whose first
// 100 of 500 observations are shifted by a step of 5 standard deviations:
// the truncation point must be at the end of the step, to a batch.
func TestMSER5FindsTransient(t *testing.T) {
	r := rand.New(sim.NewStream(1, 0, "test", "mser"))
	x := make([]float64, 500)
	for i := range x {
		x[i] = r.NormFloat64()
		if i < 100 {
			x[i] += 5
		}
	}
	if d := stats.MSER5(x); d < 95 || d > 105 {
		t.Errorf("MSER-5 truncation %d, want 100 ± 5", d)
	}
	// A steady series needs (almost) no truncation.
	for i := range x {
		x[i] = r.NormFloat64()
	}
	if d := stats.MSER5(x); d > 50 {
		t.Errorf("steady series: truncation %d, want small", d)
	}
	// A series still trending at mid-run: too short to tell.
	for i := range x {
		x[i] = 10 * math.Exp(-float64(i)/2000)
	}
	if d := stats.MSER5(x); d != -1 {
		t.Errorf("trending series: %d, want -1", d)
	}
}
