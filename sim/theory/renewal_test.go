package theory

import (
	"math"
	"testing"
)

// TestRenewalFunction checks the renewal function against its closed forms:
// exponential lifetimes, H(t) = t/m; Erlang-2 lifetimes of phase rate 1,
// H(t) = t/2 − 1/4 + e^{−2t}/4 (Cox, Renewal Theory, 1962, §4.2); and a
// Weibull of shape 1 is the exponential.
func TestRenewalFunction(t *testing.T) {
	exp := func(m float64) func(float64) float64 {
		return func(x float64) float64 { return 1 - math.Exp(-x/m) }
	}
	near(t, "exponential", RenewalFunction(exp(2), 5, 2000), 2.5, 1e-6)
	erlang2 := func(x float64) float64 { return 1 - math.Exp(-x)*(1+x) }
	near(t, "Erlang-2", RenewalFunction(erlang2, 3, 2000), 1.5-0.25+math.Exp(-6)/4, 1e-6)
	near(t, "Weibull shape 1", RenewalFunction(WeibullCDF(1, 4), 6, 2000), 1.5, 1e-6)
	// Maintenance every 12 h with Weibull(2.5, 30 h) wear-out: H(12) is a
	// little above F(12) = 1 − exp(−0.4^2.5) ≈ 0.0963 (a second failure
	// within 12 h is rare).
	h := RenewalFunction(WeibullCDF(2.5, 30), 12, 2000)
	if f := WeibullCDF(2.5, 30)(12); !(h > f && h < f*1.05) {
		t.Errorf("H(12) = %.5f, F(12) = %.5f", h, f)
	}
	near(t, "PM availability", PMAvailability(0.1, 12, 3, 0.75), 12/(12+0.3+0.75), 1e-12)
}
