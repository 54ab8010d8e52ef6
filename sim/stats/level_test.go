package stats

import (
	"math"
	"testing"
)

// TestTimeWeightedPiecewise checks the time average of a level that changes
// at known times against the area computed by hand.
func TestTimeWeightedPiecewise(t *testing.T) {
	var tw TimeWeighted // window starts at 0 with level 0
	tw.Set(0, 2)        // 2 on [0, 3)
	tw.Set(3, 5)        // 5 on [3, 4)
	tw.Set(4, 1)        // 1 from 4 on
	exact(t, "Value", tw.Value(), 1)
	// ∫ = 2·3 + 5·1 + 1·6 = 17 over 10
	exact(t, "Mean(10)", tw.Mean(10), 1.7)
	// Mean does not change the accumulator: asking again, or earlier, agrees.
	exact(t, "Mean(10) again", tw.Mean(10), 1.7)
	// ∫ over [0, 4] = 6 + 5 = 11
	exact(t, "Mean(4)", tw.Mean(4), 11.0/4)
	// in the middle of the last level: (11 + 1·1)/5
	exact(t, "Mean(5)", tw.Mean(5), 12.0/5)
}

// TestTimeWeightedAdd checks Add as a change relative to the current level,
// like a buffer that parts enter and leave.
func TestTimeWeightedAdd(t *testing.T) {
	var tw TimeWeighted
	tw.Add(1, 1)   // 0 on [0, 1), 1 on [1, 2)
	tw.Add(2, 1)   // 2 on [2, 2.5)
	tw.Add(2.5, 1) // 3 on [2.5, 4)
	tw.Add(4, -2)  // 1 on [4, 8)
	exact(t, "Value", tw.Value(), 1)
	// ∫ = 0 + 1 + 1 + 4.5 + 4 = 10.5 over 8
	exact(t, "Mean(8)", tw.Mean(8), 10.5/8)
}

// TestTimeWeightedZeroLengthLevels checks that levels held for no time (two
// changes at the same instant) do not count.
func TestTimeWeightedZeroLengthLevels(t *testing.T) {
	var tw TimeWeighted
	tw.Set(2, 100) // replaced at once
	tw.Set(2, 3)   // 0 on [0, 2), 3 on [2, 6)
	tw.Set(6, 50)
	tw.Set(6, 0) // 0 on [6, 10)
	exact(t, "Mean(10)", tw.Mean(10), 12.0/10)
}

// TestTimeWeightedReset checks that Reset mid-way discards the area so far,
// keeps the current level and starts the window at the reset time.
func TestTimeWeightedReset(t *testing.T) {
	var tw TimeWeighted
	tw.Set(0, 2)
	tw.Set(3, 5)
	tw.Reset(3.5) // warm-up ends while the level is 5
	exact(t, "Value after Reset", tw.Value(), 5)
	if m := tw.Mean(3.5); !math.IsNaN(m) {
		t.Errorf("Mean at the reset time = %v, want NaN (empty window)", m)
	}
	exact(t, "Mean(3.75) after Reset", tw.Mean(3.75), 5)
	tw.Set(4, 1) // 5 on [3.5, 4), 1 from 4 on
	// ∫ over [3.5, 6] = 5·0.5 + 1·2 = 4.5 over 2.5
	exact(t, "Mean(6) after Reset", tw.Mean(6), 4.5/2.5)
	// A second reset works the same way.
	tw.Reset(6)
	tw.Set(7, 3) // 1 on [6, 7), 3 on [7, 8)
	exact(t, "Mean(8) after second Reset", tw.Mean(8), 2)
}

// TestTimeWeightedEmptyWindow checks that the mean of an empty window, or of
// a time before the window starts, is NaN, not 0 or ±Inf.
func TestTimeWeightedEmptyWindow(t *testing.T) {
	var tw TimeWeighted
	if m := tw.Mean(0); !math.IsNaN(m) {
		t.Errorf("zero value: Mean(0) = %v, want NaN", m)
	}
	tw.Set(0, 4)
	tw.Reset(5)
	for _, now := range []float64{5, 4} {
		if m := tw.Mean(now); !math.IsNaN(m) {
			t.Errorf("window starting at 5: Mean(%v) = %v, want NaN", now, m)
		}
	}
	exact(t, "Mean(5.5)", tw.Mean(5.5), 4)
}

// TestTallyFixedData checks Tally against values computed by hand.
func TestTallyFixedData(t *testing.T) {
	var ty Tally
	for _, x := range []float64{2, 4, 4, 4, 5, 5, 7, 9} {
		ty.Add(x)
	}
	// mean 40/8 = 5; Σ(x − 5)² = 9+1+1+1+0+0+4+16 = 32
	if ty.N() != 8 {
		t.Errorf("N = %d, want 8", ty.N())
	}
	exact(t, "Mean", ty.Mean(), 5)
	exact(t, "Variance", ty.Variance(), 32.0/7)
}

// TestTallyLargeOffset checks the numerical stability Welford's algorithm is
// chosen for: observations 1e9 + {4, 7, 13, 16} have mean 1e9 + 10 and
// variance (36+9+9+36)/3 = 30. The textbook Σx² − n·mean² formula loses
// every digit here (Σx² ≈ 4e18, far beyond 2⁵³).
func TestTallyLargeOffset(t *testing.T) {
	var ty Tally
	for _, x := range []float64{4, 7, 13, 16} {
		ty.Add(1e9 + x)
	}
	exact(t, "Mean", ty.Mean(), 1e9+10)
	// Each update rounds at the scale of the mean, 1e9·2⁻⁵³ ≈ 1e-7, and
	// m2 accumulates d·(x − mean) with |d| <= 16: an error well below 1e-4.
	closeTo(t, "Variance", ty.Variance(), 30, 1e-4)
}

// TestTallyEmptyAndSingle checks the NaN results when there are too few
// observations, and Reset.
func TestTallyEmptyAndSingle(t *testing.T) {
	var ty Tally
	if ty.N() != 0 || !math.IsNaN(ty.Mean()) || !math.IsNaN(ty.Variance()) {
		t.Errorf("empty: N, Mean, Variance = %d, %v, %v; want 0, NaN, NaN", ty.N(), ty.Mean(), ty.Variance())
	}
	ty.Add(3.5)
	if ty.N() != 1 || !math.IsNaN(ty.Variance()) {
		t.Errorf("one observation: N, Variance = %d, %v; want 1, NaN", ty.N(), ty.Variance())
	}
	exact(t, "Mean of one observation", ty.Mean(), 3.5)
	ty.Add(3.5)
	exact(t, "Variance of two equal observations", ty.Variance(), 0)

	ty.Reset()
	if ty.N() != 0 || !math.IsNaN(ty.Mean()) || !math.IsNaN(ty.Variance()) {
		t.Errorf("after Reset: N, Mean, Variance = %d, %v, %v; want 0, NaN, NaN", ty.N(), ty.Mean(), ty.Variance())
	}
	// After Reset nothing of the old observations is left.
	ty.Add(1)
	ty.Add(3)
	exact(t, "Mean after Reset", ty.Mean(), 2)
	exact(t, "Variance after Reset", ty.Variance(), 2)
}
