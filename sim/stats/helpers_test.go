package stats

import (
	"math"
	"testing"
)

// exact checks an exact value with a relative tolerance for float rounding.
func exact(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.12g, want exactly %.12g", what, got, want)
	}
}

// closeTo checks |got − want| <= tol.
func closeTo(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !(math.Abs(got-want) <= tol) {
		t.Errorf("%s = %.10g, want %.10g ± %.3g (off by %.3g)", what, got, want, tol, got-want)
	}
}
