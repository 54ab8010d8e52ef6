package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// maxSweepPoints bounds the values one --set may expand to.
const maxSweepPoints = 1000

// ParseSetFlag reads a sweep's --set argument, PATH=VALUES, where VALUES is
// a range FROM..TO or FROM..TO:STEP of numbers (whole numbers stay
// integers), or a comma-separated list of values (commas inside parentheses,
// as in "tri(1, 2, 3)", do not split). Each value is a TOML integer, float,
// boolean, or else a string ("2h", "exp(3min)").
func ParseSetFlag(arg string) (path string, values []any, err error) {
	path, spec, ok := strings.Cut(arg, "=")
	path, spec = strings.TrimSpace(path), strings.TrimSpace(spec)
	if !ok || path == "" || spec == "" {
		return "", nil, fmt.Errorf("--set %q: want PATH=VALUES, e.g. station.weld.buffer=1..10", arg)
	}
	if from, to, ok := strings.Cut(spec, ".."); ok {
		values, err = expandRange(from, to)
	} else {
		for _, item := range splitTop(spec) {
			values = append(values, scalar(item))
		}
	}
	if err != nil {
		return "", nil, fmt.Errorf("--set %s: %v", path, err)
	}
	return path, values, nil
}

// maxExactWhole is the largest whole number a range gives as an integer:
// every whole number up to 2⁵³ is exact in a float64.
const maxExactWhole = 1 << 53

func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// expandRange expands FROM..TO[:STEP] (step 1 by default).
func expandRange(from, to string) ([]any, error) {
	to, stepText, hasStep := strings.Cut(to, ":")
	if !hasStep {
		stepText = "1"
	}
	a, errA := strconv.ParseFloat(strings.TrimSpace(from), 64)
	b, errB := strconv.ParseFloat(strings.TrimSpace(to), 64)
	step, errS := strconv.ParseFloat(strings.TrimSpace(stepText), 64)
	if errA != nil || errB != nil || errS != nil {
		return nil, fmt.Errorf("range %s..%s: want numbers FROM..TO or FROM..TO:STEP", from, to)
	}
	if !(step > 0) || b < a || (b-a)/step >= maxSweepPoints || !finite(a, b, step) {
		return nil, fmt.Errorf("range %s..%s:%s: need FROM <= TO, STEP > 0, finite numbers and at most %d values", from, to, stepText, maxSweepPoints)
	}
	// Whole numbers stay integers while float64 holds them exactly.
	whole := a == math.Trunc(a) && step == math.Trunc(step) && math.Max(math.Abs(a), math.Abs(b)) <= maxExactWhole
	n := int(math.Floor((b-a)/step+1e-9)) + 1
	out := make([]any, 0, n)
	prev := math.NaN()
	for k := range n {
		x := a + float64(k)*step
		if !whole { // drop the noise of the sum: 0.1+0.2 is 0.3
			x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
		}
		if x == prev {
			return nil, fmt.Errorf("range %s..%s:%s: the step is too small for these numbers (values repeat)", from, to, stepText)
		}
		prev = x
		if whole {
			out = append(out, int64(x))
		} else {
			out = append(out, x)
		}
	}
	return out, nil
}

// splitTop splits s at commas outside parentheses.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// scalar reads one value as the TOML type it looks like.
func scalar(s string) any {
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return f
	}
	if b, err := strconv.ParseBool(s); err == nil && (s == "true" || s == "false") {
		return b
	}
	return strings.Trim(s, `"`)
}
