package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// timeUnit is one unit of time with the names it may be written as.
type timeUnit struct {
	canonical string
	seconds   float64
	names     []string
}

// timeUnits are the units of time_unit and of durations, smallest first.
var timeUnits = []timeUnit{
	{"s", 1, []string{"s", "sec", "secs", "second", "seconds"}},
	{"min", 60, []string{"min", "mins", "minute", "minutes"}},
	{"h", 3600, []string{"h", "hr", "hrs", "hour", "hours"}},
	{"d", 86400, []string{"d", "day", "days"}},
	{"w", 604800, []string{"w", "wk", "week", "weeks"}},
}

const unitChoices = "s, min, h, d or w"

// lookupUnit finds a unit by any of its names (case-insensitive).
func lookupUnit(name string) (timeUnit, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, u := range timeUnits {
		for _, n := range u.names {
			if n == name {
				return u, true
			}
		}
	}
	return timeUnit{}, false
}

// CanonicalUnit returns the canonical name ("s", "min", "h", "d" or "w") of
// a time unit written as any of its accepted names ("sec", "minutes", "hour",
// "days", "week", …).
func CanonicalUnit(name string) (string, error) {
	u, ok := lookupUnit(name)
	if !ok {
		return "", fmt.Errorf("unknown time unit %q (want %s)", name, unitChoices)
	}
	return u.canonical, nil
}

// ParseDuration converts a duration to timeUnit. The duration is a
// non-negative number followed by an optional unit, s, sec, min, h, d or w
// (longer names such as "minutes" work too); a plain number is already in
// timeUnit:
//
//	ParseDuration("90s", "min")  = 1.5
//	ParseDuration("1.5d", "h")   = 36
//	ParseDuration("3", "h")      = 3
func ParseDuration(s, timeUnit string) (float64, error) {
	v, err := parseDuration(s, timeUnit)
	if err == nil && v < 0 {
		return 0, fmt.Errorf("duration %q must be >= 0", strings.TrimSpace(s))
	}
	return v, err
}

// parseDuration is ParseDuration without the sign check, so that the
// distribution constructors can judge negative arguments themselves.
func parseDuration(s, timeUnit string) (float64, error) {
	to, ok := lookupUnit(timeUnit)
	if !ok {
		return 0, fmt.Errorf("unknown time unit %q (want %s)", timeUnit, unitChoices)
	}
	text := strings.TrimSpace(s)
	num, rest := splitNumber(text)
	if num == "" {
		return 0, fmt.Errorf("bad duration %q: want a number with an optional unit, like \"90s\" or \"2.5min\"", clip(text))
	}
	v, err := parseNumber(num)
	if err != nil {
		return 0, fmt.Errorf("bad duration %q: %v", clip(text), err)
	}
	if rest = strings.TrimSpace(rest); rest == "" {
		return v, nil
	}
	from, ok := lookupUnit(rest)
	if !ok {
		return 0, fmt.Errorf("bad duration %q: unknown unit %q (want %s)", clip(text), clip(rest), unitChoices)
	}
	d := v * from.seconds / to.seconds
	if math.IsInf(d, 0) {
		return 0, fmt.Errorf("bad duration %q: too large (more than %g %s)", clip(text), math.MaxFloat64, to.canonical)
	}
	return d, nil
}

// parseNumber parses a finite decimal number.
func parseNumber(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a finite number", clip(s))
	}
	return v, nil
}

// splitNumber splits s into a leading decimal number (sign, digits, point,
// exponent) and the rest.
func splitNumber(s string) (num, rest string) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && (isDigit(s[i]) || s[i] == '.'); i++ {
		if isDigit(s[i]) {
			digits++
		}
	}
	if digits == 0 {
		return "", s
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			for j < len(s) && isDigit(s[j]) {
				j++
			}
			i = j
		}
	}
	return s[:i], s[i:]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
