package scenarios

import (
	"math"
	"strings"
	"testing"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in, unit string
		want     float64
	}{
		{"90s", "min", 1.5},
		{"2.5min", "min", 2.5},
		{"2.5min", "s", 150},
		{"8h", "min", 480},
		{"1.5d", "h", 36},
		{"2w", "d", 14},
		{"1w", "min", 10080},
		{"3", "h", 3},
		{"0", "s", 0},
		{" 45 sec ", "min", 0.75},
		{"30 seconds", "min", 0.5},
		{"2 hours", "d", 2.0 / 24},
		{"1e3s", "s", 1000},
		{".5h", "min", 30},
		{"120MIN", "h", 2},
		{"90s", "minutes", 1.5}, // the time unit may use any accepted name
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in, tt.unit)
		if err != nil {
			t.Errorf("ParseDuration(%q, %q): %v", tt.in, tt.unit, err)
			continue
		}
		if math.Abs(got-tt.want) > 1e-12*math.Max(1, tt.want) {
			t.Errorf("ParseDuration(%q, %q) = %v, want %v", tt.in, tt.unit, got, tt.want)
		}
	}
}

func TestParseDurationErrors(t *testing.T) {
	tests := []struct{ in, unit, want string }{
		{"-5min", "min", `duration "-5min" must be >= 0`},
		{"8x", "min", `unknown unit "x"`},
		{"5m", "min", `unknown unit "m"`},
		{"", "min", "want a number"},
		{"min", "min", "want a number"},
		{"1.2.3s", "min", `"1.2.3" is not a finite number`},
		{"inf", "min", "want a number"},
		{"5s", "parsec", `unknown time unit "parsec"`},
	}
	for _, tt := range tests {
		_, err := ParseDuration(tt.in, tt.unit)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseDuration(%q, %q) error = %v, want it to contain %q", tt.in, tt.unit, err, tt.want)
		}
	}
}

func TestCanonicalUnit(t *testing.T) {
	tests := map[string]string{
		"s": "s", "sec": "s", "second": "s", "seconds": "s",
		"min": "min", "minute": "min", "minutes": "min",
		"h": "h", "hour": "h", "hours": "h",
		"d": "d", "day": "d", "days": "d",
		"w": "w", "week": "w", "weeks": "w", "Hours": "h",
	}
	for in, want := range tests {
		if got, err := CanonicalUnit(in); err != nil || got != want {
			t.Errorf("CanonicalUnit(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := CanonicalUnit("m"); err == nil {
		t.Error(`CanonicalUnit("m") succeeded; "m" is ambiguous and must be rejected`)
	}
}
