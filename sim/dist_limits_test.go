package sim

import (
	"math"
	"testing"
)

// TestDistParametersThatBreakAtRunTime is issue 11's list of distributions
// that validated and then failed or drew Inf/NaN: each is refused now.
func TestDistParametersThatBreakAtRunTime(t *testing.T) {
	for name, build := range map[string]func() (Dist, error){
		"gamma(1e-170, 1e170)":    func() (Dist, error) { return Gamma(1e-170, 1e170) },
		"gamma(1e200, 1e-200)":    func() (Dist, error) { return Gamma(1e200, 1e-200) },
		"weibull(1e-9, 1)":        func() (Dist, error) { return Weibull(1e-9, 1) },
		"weibull(0.001, 1)":       func() (Dist, error) { return Weibull(0.001, 1) },
		"lognormal(1, 1e200)":     func() (Dist, error) { return LogNormal(1, 1e200) },
		"lognormal(1e-200, 1)":    func() (Dist, error) { return LogNormal(1e-200, 1) },
		"erlang(1e-320, 1000)":    func() (Dist, error) { return Erlang(1e-320, 1000) },
		"lognormal(1e300, 1e300)": func() (Dist, error) { return LogNormal(1e300, 1e300) },
		"exp(1e307)":              func() (Dist, error) { return Exp(1e307) },
		"normal(1e307, 1e307)":    func() (Dist, error) { return Normal(1e307, 1e307) },
		"gamma(1, 1e160)":         func() (Dist, error) { return Gamma(1, 1e160) },
		"erlang(1e307, 2)":        func() (Dist, error) { return Erlang(1e307, 2) },
	} {
		if d, err := build(); err == nil {
			t.Errorf("%s: accepted as %v, want an error", name, d)
		}
	}
}

// TestDistExtremeButValidDrawsAreFinite draws from accepted distributions
// near the limits: every draw is finite and >= 0, and the mean is finite.
func TestDistExtremeButValidDrawsAreFinite(t *testing.T) {
	for _, d := range []Dist{must(Weibull(0.01, 1)), must(LogNormal(1, 1e30)), must(Gamma(1, 1e10)),
		must(Gamma(1e-100, 1e-90)), must(Exp(1e-300)), must(Erlang(1e-300, 1e6))} {
		s := d.Bind(NewStream(1, 0, "x", "y"))
		for range 2000 {
			if x := s.Rand(); !(x >= 0) || math.IsInf(x, 0) {
				t.Fatalf("%v drew %v", d, x)
			}
		}
		if m := d.Mean(); math.IsInf(m, 0) || math.IsNaN(m) {
			t.Errorf("%v: mean %v", d, m)
		}
	}
}
