package scenarios

import (
	"math"
	"strings"
	"testing"
)

func TestParseDist(t *testing.T) {
	tests := []struct {
		in, unit string
		str      string // canonical form, after unit conversion
		mean     float64
	}{
		{"2", "min", "const(2)", 2},
		{"90s", "min", "const(1.5)", 1.5},
		{"const(2)", "min", "const(2)", 2},
		{"Constant( 3 )", "min", "const(3)", 3},
		{"exp(1.25)", "min", "exp(1.25)", 1.25},
		{"exp(90s)", "min", "exp(1.5)", 1.5},
		{"EXP (2h)", "min", "exp(120)", 120},
		{"exponential(4)", "min", "exp(4)", 4},
		{"uniform(1, 3)", "min", "uniform(1, 3)", 2},
		{"tri(0.5, 0.9, 1.4)", "min", "tri(0.5, 0.9, 1.4)", 0.9333333333333332},
		{"tri(30s,1min,120s)", "min", "tri(0.5, 1, 2)", 3.5 / 3},
		// Truncated at 0: μ + σ φ(μ/σ)/Φ(μ/σ) with μ/σ = 5.
		{"normal(10, 2)", "min", "normal(10, 2)", 10 + 2*math.Exp(-12.5)/math.Sqrt(2*math.Pi)/(0.5*math.Erfc(-5/math.Sqrt2))},
		{"lognormal(10, 3)", "min", "lognormal(10, 3)", 10},
		{"gamma(8, 4)", "min", "gamma(8, 4)", 8},
		{"erlang(3, 2)", "min", "erlang(3, 2)", 3},
		{"erlang(1h, 4)", "min", "erlang(60, 4)", 60},
		{"weibull(2, 10)", "min", "weibull(2, 10)", 10 * math.Gamma(1.5)},
		{"weibull(1, 1h)", "min", "weibull(1, 60)", 60},
		{"empirical(2:0.5, 3:0.3, 5:0.2)", "min", "empirical(2:0.5, 3:0.3, 5:0.2)", 2.9},
		{"empirical(60s:1)", "min", "empirical(1:1)", 1},
	}
	for _, tt := range tests {
		d, err := ParseDist(tt.in, tt.unit)
		if err != nil {
			t.Errorf("ParseDist(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.str {
			t.Errorf("ParseDist(%q) = %s, want %s", tt.in, d, tt.str)
		}
		if math.Abs(d.Mean()-tt.mean) > 1e-12*math.Max(1, tt.mean) {
			t.Errorf("ParseDist(%q).Mean() = %v, want %v", tt.in, d.Mean(), tt.mean)
		}
	}
}

func TestParseDistErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"tri(3, 1, 2)", "tri(3, 1, 2): need 0 <= min <= mode <= max and min < max"},
		{"tri(3s, 1s, 2s)", "tri(3s, 1s, 2s): need 0 <= min <= mode <= max and min < max"},
		{"exp(0)", "exp(0): mean must be > 0"},
		{"exp(-1)", "exp(-1): mean must be > 0"},
		{"-2", "-2: value must be >= 0 and finite"},
		{"uniform(3, 1)", "uniform(3, 1): need 0 <= a <= b"},
		{"normal(-1, 2)", "normal(-1, 2): need mean > 0 and sd >= 0"},
		{"lognormal(1, -1)", "lognormal(1, -1): need mean > 0 and sd >= 0"},
		{"gamma(1, 0)", "gamma(1, 0): need mean > 0 and sd > 0"},
		{"erlang(3, 2.5)", "erlang(3, 2.5): need mean > 0 and a whole k >= 1"},
		{"erlang(3, 2s)", `erlang(3, 2s): k: "2s" must be a plain number without a unit`},
		{"weibull(2h, 1)", `weibull(2h, 1): shape: "2h" must be a plain number without a unit`},
		{"weibull(0, 1)", "weibull(0, 1): need shape > 0 and scale > 0"},
		// 0.3 + 0.6 is 0.8999999999999999 in float64; the message says 0.9.
		{"empirical(1:0.3, 2:0.6)", "empirical(1:0.3, 2:0.6): probabilities sum to 0.9, not 1"},
		{"empirical(1, 2)", `empirical(1, 2): "1" is not a value:probability pair`},
		{"empirical()", "need at least one value:probability pair"},
		{"tri(1, 2)", "tri(1, 2): tri takes 3 argument(s) (min, mode, max), got 2"},
		{"exp()", "exp(): exp takes 1 argument(s) (mean), got 0"},
		{"exp(1, 2)", "got 2"},
		{"poisson(3)", `poisson(3): unknown distribution "poisson" (want const, exp, uniform, tri, normal, lognormal, gamma, erlang, weibull, empirical)`},
		{"exp(abc)", `exp(abc): mean: bad duration "abc"`},
		{"exp(1", "exp(1: missing closing parenthesis"},
		{"expo 2", `"expo 2" is neither a number nor a distribution`},
		{"exp(5x)", `unknown unit "x"`},
	}
	for _, tt := range tests {
		d, err := ParseDist(tt.in, "min")
		if err == nil {
			t.Errorf("ParseDist(%q) = %v, want an error", tt.in, d)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDist(%q) error = %q, want it to contain %q", tt.in, err, tt.want)
		}
	}
}
