// Package simtest holds the checks that the tests of sim and of its
// layers share.
package simtest

import (
	"math"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// Within checks that the theoretical value want lies in the confidence
// interval of the estimate.
func Within(t testing.TB, what string, e stats.Estimate, want float64) {
	t.Helper()
	if !e.Contains(want) {
		t.Errorf("%s = %.5g ± %.3g, theory %.5g (off by %.2f half-widths)",
			what, e.Mean, e.HalfWidth, want, math.Abs(e.Mean-want)/e.HalfWidth)
	}
}

// Exact checks an exact value with a relative tolerance for float rounding.
func Exact(t testing.TB, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.12g, want exactly %.12g", what, got, want)
	}
}
