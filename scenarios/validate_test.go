package scenarios

import (
	"errors"
	"strings"
	"testing"
)

// head is a valid start of a scenario, lines 1–9; tests append stations
// from line 10.
const head = `name = "t"
[run]
horizon = 100
[[source]]
name = "in"
to = "a"
interarrival = "exp(2)"
[[sink]]
name = "done"
`

// stationA is a valid station "a" on lines 10–13.
const stationA = `[[station]]
name = "a"
process = "exp(1)"
to = "done"
`

// want is one expected problem: its line, element and part of its message.
type want struct {
	line    int
	element string
	msg     string
}

func TestValidationProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []want
	}{
		{"negative buffer", head + stationA + "buffer = -2\n",
			[]want{{14, `station "a"`, "buffer must be >= 0, got -2"}}},
		{"no machines", head + stationA + "machines = 0\n",
			[]want{{14, `station "a"`, "machines must be >= 1, got 0"}}},
		{"machines not an integer", head + stationA + "machines = \"two\"\n",
			[]want{{14, `station "a"`, `machines must be an integer, got string "two"`}}},
		{"machines a float", head + stationA + "machines = 2.5\n",
			[]want{{14, `station "a"`, "machines must be an integer, got float 2.5"}}},
		{"missing process", head + "[[station]]\nname = \"a\"\nto = \"done\"\n",
			[]want{{10, `station "a"`, "process is missing"}}},
		{"typo proces", head + "[[station]]\nname = \"a\"\n\nproces = \"exp(1)\"\nto = \"done\"\n",
			[]want{{10, `station "a"`, "process is missing"},
				{13, `station "a"`, `unknown key "proces" (did you mean "process"?)`}}},
		{"bad distribution", head + "[[station]]\nname = \"a\"\nprocess = \"tri(3, 1, 2)\"\nto = \"done\"\n",
			[]want{{12, `station "a"`, "process: tri(3, 1, 2): need 0 <= min <= mode <= max and min < max"}}},
		{"process wrong type", head + "[[station]]\nname = \"a\"\nprocess = true\nto = \"done\"\n",
			[]want{{12, `station "a"`, "process must be a distribution"}}},
		{"to names nothing", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = \"nowhere\"\n",
			[]want{{13, `station "a"`, `to "nowhere" names no station or sink (valid names: a, done)`}}},
		{"to misspelt", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = \"don\"\n",
			[]want{{13, `station "a"`, `to "don" names no station or sink (did you mean "done"?)`}}},
		{"to wrong type", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = 3\n",
			[]want{{13, `station "a"`, "to must be a name, or a split"}}},
		{"to missing", head + "[[station]]\nname = \"a\"\nprocess = 1\n",
			[]want{{10, `station "a"`, "to is missing"}}},
		// 0.3 + 0.6 is 0.8999999999999999 in float64; the message says 0.9.
		{"split sums to 0.9", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = [\n  { sink = \"done\", p = 0.3 },\n  { station = \"a\", p = 0.6 },\n]\n",
			[]want{{13, `station "a"`, "to: probabilities sum to 0.9, not 1"}}},
		{"split p out of range", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = [\n  { sink = \"done\", p = -0.5 },\n  { station = \"a\", p = 1.5 },\n]\n",
			[]want{{14, `station "a"`, "to #1: p must be between 0 and 1, got -0.5"},
				{15, `station "a"`, "to #2: p must be between 0 and 1, got 1.5"}}},
		{"split unknown key", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = [\n  { sink = \"done\", p = 0.5 },\n  { sink = \"done\", prob = 0.5 },\n]\n",
			[]want{{15, `station "a"`, `to #2: unknown key "prob"`},
				{15, `station "a"`, "to #2: p is missing"}}},
		{"split branch without target", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = [{ p = 1 }]\n",
			[]want{{13, `station "a"`, `to #1: needs station = "name" or sink = "name"`}}},
		{"split branch of the wrong kind", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = [{ station = \"done\", p = 1 }]\n",
			[]want{{13, `station "a"`, `to "done" is a sink, not a station (write sink = "done")`}}},
		{"split with a name in it", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = [\n  \"done\",\n  { sink = \"done\", p = 1, x = 2 },\n]\n",
			[]want{{14, `station "a"`, `to #1 must be a table like { station = "a", p = 0.5 }, got string "done"`},
				{15, `station "a"`, `to #2: unknown key "x"`}}},
		{"split empty", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = []\n",
			[]want{{13, `station "a"`, "to: a split needs at least one branch"}}},
		{"route to a source", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = \"in\"\n",
			[]want{{13, `station "a"`, `to "in" is a source`}}},
		{"duplicate name", head + stationA + "[[station]]\nname = \"a\"\nprocess = 1\nto = \"done\"\n",
			[]want{{15, `station "a"`, `name "a" is already used by a station on line 10`}}},
		{"duplicate across kinds", head + stationA + "[[sink]]\nname = \"in\"\n",
			[]want{{15, `sink "in"`, `name "in" is already used by a source on line 4`}}},
		{"name not a string", head + stationA + "[[sink]]\nname = 5\n",
			[]want{{15, "sink #2", "name must be a string, got integer 5"}}},
		{"nameless station", head + stationA + "[[station]]\nprocess = 1\nto = \"done\"\n",
			[]want{{14, "station #2", "name is missing"}}},
		{"source feeds a sink", strings.Replace(head, `to = "a"`, `to = "done"`, 1) + stationA,
			[]want{{6, `source "in"`, `to "done" is a sink; a source must feed a station`}}},
		{"source feeds nothing", strings.Replace(head, `to = "a"`, `to = "b"`, 1) + stationA,
			[]want{{6, `source "in"`, `to "b" names no station`}}},
		{"source without kind", strings.Replace(head, "interarrival = \"exp(2)\"\n", "", 1) + stationA,
			[]want{{4, `source "in"`, "needs one of interarrival"}}},
		{"source with two kinds", strings.Replace(head, "interarrival = \"exp(2)\"\n", "interarrival = 2\nconwip = 3\n", 1) + stationA,
			[]want{{8, `source "in"`, "give only one of interarrival, arrivals, saturated, conwip, rope and pull, not interarrival and conwip"}}},
		{"conwip zero", strings.Replace(head, "interarrival = \"exp(2)\"", "conwip = 0", 1) + stationA,
			[]want{{7, `source "in"`, "conwip must be >= 1, got 0"}}},
		{"saturated not a bool", strings.Replace(head, "interarrival = \"exp(2)\"", "saturated = \"yes\"", 1) + stationA,
			[]want{{7, `source "in"`, `saturated must be true or false, got string "yes"`}}},
		{"station not reached", head + stationA + "[[station]]\nname = \"b\"\nprocess = 1\nto = \"done\"\n",
			[]want{{14, `station "b"`, "no source reaches this station"}}},
		{"no sink reachable", head + "[[station]]\nname = \"a\"\nprocess = 1\nto = \"b\"\n[[station]]\nname = \"b\"\nprocess = 1\nto = [{ station = \"a\", p = 1 }, { sink = \"done\", p = 0 }]\n",
			[]want{{10, `station "a"`, "no sink can be reached from this station"},
				{14, `station "b"`, "no sink can be reached from this station"}}},
		{"horizon missing", strings.Replace(head, "horizon = 100", "warmup = 5", 1) + stationA,
			[]want{{2, "run", "horizon is missing"}}},
		{"horizon zero", strings.Replace(head, "horizon = 100", "horizon = \"0h\"", 1) + stationA,
			[]want{{3, "run", "horizon must be > 0, got 0 min"}}},
		{"horizon negative", strings.Replace(head, "horizon = 100", "horizon = \"-5h\"", 1) + stationA,
			[]want{{3, "run", `horizon: duration "-5h" must be >= 0`}}},
		{"horizon bad unit", strings.Replace(head, "horizon = 100", "horizon = \"5 parsecs\"", 1) + stationA,
			[]want{{3, "run", `horizon: bad duration "5 parsecs": unknown unit "parsecs"`}}},
		{"run values", strings.Replace(head, "horizon = 100", "horizon = \"2h\"\nwarmup = \"3h\"\nreplications = 0\nseed = -1\nconfidence = 1.5", 1) + stationA,
			[]want{{4, "run", "warmup (180 min) must be less than horizon (120 min)"},
				{5, "run", "replications must be >= 1, got 0"},
				{6, "run", "seed must be >= 0, got -1"},
				{7, "run", "confidence must be between 0 and 1 (exclusive), got 1.5"}}},
		{"run missing", strings.Replace(head, "[run]\nhorizon = 100\n", "", 1) + stationA,
			[]want{{0, "", "[run] is missing"}}},
		{"run not a table", strings.Replace(head, "[run]\nhorizon = 100\n", "run = 5\n", 1) + stationA,
			[]want{{2, "", "run must be a table ([run]), got integer 5"}}},
		{"unknown table", head + stationA + "[[stations]]\nname = \"x\"\n",
			[]want{{14, "", `unknown key "stations" (did you mean "station"?)`}}},
		{"unknown key in run", strings.Replace(head, "horizon = 100", "horizon = 100\nreplicatoins = 3", 1) + stationA,
			[]want{{4, "run", `unknown key "replicatoins" (did you mean "replications"?)`}}},
		{"station not an array", head + "[station]\nname = \"a\"\n",
			[]want{{10, "", "station must be an array of tables ([[station]]), got a table"}}},
		{"bad time unit", "time_unit = \"parsec\"\n" + head + stationA,
			[]want{{1, "", `time_unit: unknown time unit "parsec"`}}},
		{"name missing", strings.Replace(head, "name = \"t\"\n", "", 1) + stationA,
			[]want{{0, "", "name is missing"}}},
		{"no sink", strings.Replace(head, "[[sink]]\nname = \"done\"\n", "", 1) + "[[station]]\nname = \"a\"\nprocess = 1\nto = \"a\"\n",
			[]want{{0, "", "no [[sink]]: a scenario needs at least one sink"}}},
		{"no source", "name = \"t\"\n[run]\nhorizon = 1\n[[sink]]\nname = \"done\"\n" + "[[station]]\nname = \"a\"\nprocess = 1\nto = \"done\"\n",
			[]want{{0, "", "no [[source]]: a scenario needs at least one source"}}},
		{"syntax error", head + "[[station]]\nname = \"a\nprocess = 1\n",
			[]want{{11, "", "syntax error: "}}},
		// The decoder itself says line 11 here: it has read the newline.
		{"syntax error at the end of a line", head + "[[station]\nname = \"a\"\n",
			[]want{{10, "", "syntax error: "}}},
		{"unclosed table name", head + "[run\n",
			[]want{{10, "", "syntax error: "}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("t.toml", []byte(tt.src))
			checkProblems(t, err, tt.want)
		})
	}
}

// checkProblems asserts that err is an *InvalidError holding exactly the
// wanted problems, in order.
func checkProblems(t *testing.T, err error, wants []want) {
	t.Helper()
	var inv *InvalidError
	if !errors.As(err, &inv) {
		t.Fatalf("error = %v, want an *InvalidError", err)
	}
	if len(inv.Problems) != len(wants) {
		t.Errorf("got %d problems, want %d:\n%v", len(inv.Problems), len(wants), err)
	}
	for i, w := range wants {
		if i >= len(inv.Problems) {
			break
		}
		p := inv.Problems[i]
		if p.File != "t.toml" || p.Line != w.line || p.Element != w.element || !strings.Contains(p.Msg, w.msg) {
			t.Errorf("problem %d = %+v\nwant line %d, element %q, message containing %q", i, p, w.line, w.element, w.msg)
		}
	}
}

func TestManyProblemsAtOnce(t *testing.T) {
	src := `name = "many"
time_unit = "min"

[run]
horizon = "8h"
replications = 0

[[source]]
name = "raw"
to = "cut"
interarrival = "exp(0)"

[[station]]
name = "cut"
proces = "exp(1)"
buffer = -1
to = "weld"

[[station]]
name = "weld"
process = "tri(0.5, 0.9, 1.4)"
machines = "two"
to = "don"

[[sink]]
name = "done"
`
	_, err := Parse("many.toml", []byte(src))
	var keys []string
	if inv, ok := err.(*InvalidError); ok {
		for _, p := range inv.Problems {
			keys = append(keys, p.Key)
		}
	}
	if got, want := strings.Join(keys, ","), "replications,interarrival,process,proces,buffer,machines,to"; got != want {
		t.Errorf("keys = %s, want %s", got, want)
	}
	checkProblemsIn(t, err, []string{
		"many.toml:6: run: replications must be >= 1, got 0",
		`many.toml:11: source "raw": interarrival: exp(0): mean must be > 0`,
		`many.toml:13: station "cut": process is missing: how long does one part take, e.g. process = "exp(1.5)"?`,
		`many.toml:15: station "cut": unknown key "proces" (did you mean "process"?)`,
		`many.toml:16: station "cut": buffer must be >= 0, got -1`,
		`many.toml:22: station "weld": machines must be an integer, got string "two"`,
		`many.toml:23: station "weld": to "don" names no station or sink (did you mean "done"?)`,
	})
}

// checkProblemsIn asserts the exact text of every problem, in order.
func checkProblemsIn(t *testing.T, err error, wants []string) {
	t.Helper()
	if !IsInvalid(err) {
		t.Fatalf("error = %v, want an *InvalidError", err)
	}
	if got, want := err.Error(), strings.Join(wants, "\n"); got != want {
		t.Errorf("error:\n%s\nwant:\n%s", got, want)
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "line.toml", Line: 14, Element: `station "weld"`, Key: "buffer", Msg: "buffer must be >= 0, got -2"},
			`line.toml:14: station "weld": buffer must be >= 0, got -2`},
		{Problem{File: "line.toml", Line: 3, Key: "time_unit", Msg: "time_unit: unknown time unit"},
			"line.toml:3: time_unit: unknown time unit"},
		{Problem{File: "line.toml", Msg: "no [[sink]]"}, "line.toml: no [[sink]]"},
		{Problem{File: "line.toml", Element: "run", Msg: "horizon is missing"}, "line.toml: run: horizon is missing"},
		{Problem{Line: 7, Element: "run", Msg: "horizon is missing"}, "line 7: run: horizon is missing"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}
