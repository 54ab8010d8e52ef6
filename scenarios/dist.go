package scenarios

import (
	"fmt"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// argKind says how a distribution argument is read.
type argKind int

const (
	durationArg argKind = iota // a duration: "90s", "2.5min" or a plain number in the time unit
	plainArg                   // a plain number without unit (a count or a shape)
)

// distForm describes one distribution of the scenario language.
type distForm struct {
	name   string
	params []string // argument names, for messages
	kinds  []argKind
	build  func(a []float64) (sim.Dist, error)
}

// distForms lists the distributions in the order messages name them.
var distForms = []distForm{
	{"const", []string{"value"}, []argKind{durationArg},
		func(a []float64) (sim.Dist, error) { return sim.Const(a[0]) }},
	{"exp", []string{"mean"}, []argKind{durationArg},
		func(a []float64) (sim.Dist, error) { return sim.Exp(a[0]) }},
	{"uniform", []string{"a", "b"}, []argKind{durationArg, durationArg},
		func(a []float64) (sim.Dist, error) { return sim.Uniform(a[0], a[1]) }},
	{"tri", []string{"min", "mode", "max"}, []argKind{durationArg, durationArg, durationArg},
		func(a []float64) (sim.Dist, error) { return sim.Tri(a[0], a[1], a[2]) }},
	{"normal", []string{"mean", "sd"}, []argKind{durationArg, durationArg},
		func(a []float64) (sim.Dist, error) { return sim.Normal(a[0], a[1]) }},
	{"lognormal", []string{"mean", "sd"}, []argKind{durationArg, durationArg},
		func(a []float64) (sim.Dist, error) { return sim.LogNormal(a[0], a[1]) }},
	{"gamma", []string{"mean", "sd"}, []argKind{durationArg, durationArg},
		func(a []float64) (sim.Dist, error) { return sim.Gamma(a[0], a[1]) }},
	{"erlang", []string{"mean", "k"}, []argKind{durationArg, plainArg},
		func(a []float64) (sim.Dist, error) { return sim.Erlang(a[0], a[1]) }},
	{"weibull", []string{"shape", "scale"}, []argKind{plainArg, durationArg},
		func(a []float64) (sim.Dist, error) { return sim.Weibull(a[0], a[1]) }},
}

// distAliases are longer names accepted for some distributions.
var distAliases = map[string]string{
	"constant": "const", "exponential": "exp", "triangular": "tri",
}

// ParseDist parses a distribution written in scenario syntax; durations in
// it are converted to timeUnit. Names are case-insensitive and spaces are
// free:
//
//	"2", "90s", "const(2)"                 a constant
//	"exp(mean)"                            exponential
//	"uniform(a, b)", "tri(min, mode, max)"
//	"normal(mean, sd)"                     truncated at 0
//	"lognormal(mean, sd)", "gamma(mean, sd)"
//	"erlang(mean, k)"                      k a whole number of phases
//	"weibull(shape, scale)"                shape a plain number
//	"empirical(v1:p1, v2:p2, …)"           values durations, p plain
func ParseDist(s string, timeUnit string) (sim.Dist, error) {
	text := strings.TrimSpace(s)
	open := strings.IndexByte(text, '(')
	if open < 0 {
		if num, _ := splitNumber(text); num == "" {
			return nil, fmt.Errorf("%q is neither a number nor a distribution like \"exp(1.5)\"", text)
		}
		v, err := parseDuration(text, timeUnit)
		if err != nil {
			return nil, err
		}
		return explain(text, "const")(sim.Const(v))
	}
	if !strings.HasSuffix(text, ")") {
		return nil, fmt.Errorf("%s: missing closing parenthesis", text)
	}
	name := strings.ToLower(strings.TrimSpace(text[:open]))
	if alias, ok := distAliases[name]; ok {
		name = alias
	}
	args := splitArgs(text[open+1 : len(text)-1])
	if name == "empirical" {
		return parseEmpirical(text, args, timeUnit)
	}
	for _, f := range distForms {
		if f.name == name {
			return parseForm(text, f, args, timeUnit)
		}
	}
	return nil, fmt.Errorf("%s: unknown distribution %q (want %s)", text, name, distNames())
}

// splitArgs splits a comma-separated argument list; "" gives no arguments.
func splitArgs(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	args := strings.Split(s, ",")
	for i := range args {
		args[i] = strings.TrimSpace(args[i])
	}
	return args
}

func parseForm(text string, f distForm, args []string, timeUnit string) (sim.Dist, error) {
	if len(args) != len(f.params) {
		return nil, fmt.Errorf("%s: %s takes %d argument(s) (%s), got %d",
			text, f.name, len(f.params), strings.Join(f.params, ", "), len(args))
	}
	vals := make([]float64, len(args))
	for i, a := range args {
		v, err := parseArg(a, f.kinds[i], timeUnit)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %v", text, f.params[i], err)
		}
		vals[i] = v
	}
	return explain(text, f.name)(f.build(vals))
}

func parseArg(a string, kind argKind, timeUnit string) (float64, error) {
	if kind == durationArg {
		return parseDuration(a, timeUnit)
	}
	if num, rest := splitNumber(a); num == "" || rest != "" {
		return 0, fmt.Errorf("%q must be a plain number without a unit", a)
	}
	return parseNumber(a)
}

// parseEmpirical reads "v1:p1, v2:p2, …" with durations v and plain p.
func parseEmpirical(text string, args []string, timeUnit string) (sim.Dist, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("%s: need at least one value:probability pair", text)
	}
	values := make([]float64, len(args))
	probs := make([]float64, len(args))
	for i, a := range args {
		v, p, ok := strings.Cut(a, ":")
		if !ok {
			return nil, fmt.Errorf("%s: %q is not a value:probability pair", text, a)
		}
		var err error
		if values[i], err = parseDuration(strings.TrimSpace(v), timeUnit); err != nil {
			return nil, fmt.Errorf("%s: value: %v", text, err)
		}
		if probs[i], err = parseArg(strings.TrimSpace(p), plainArg, timeUnit); err != nil {
			return nil, fmt.Errorf("%s: probability: %v", text, err)
		}
	}
	return explain(text, "empirical")(sim.Empirical(values, probs))
}

// explain rewrites a constructor error to name the distribution as the
// user wrote it, with its arguments before unit conversion:
//
//	tri(3s, 1s, 2s): need 0 <= min <= mode <= max and min < max
func explain(text, name string) func(sim.Dist, error) (sim.Dist, error) {
	return func(d sim.Dist, err error) (sim.Dist, error) {
		if err == nil {
			return d, nil
		}
		msg := err.Error()
		if strings.HasPrefix(msg, name+"(") {
			if i := strings.Index(msg, "): "); i >= 0 {
				msg = msg[i+3:]
			}
		} else {
			msg = strings.TrimPrefix(msg, name+": ")
		}
		return nil, fmt.Errorf("%s: %s", text, msg)
	}
}

// distNames lists the distribution names for messages.
func distNames() string {
	names := make([]string, 0, len(distForms)+1)
	for _, f := range distForms {
		names = append(names, f.name)
	}
	return strings.Join(append(names, "empirical"), ", ")
}
