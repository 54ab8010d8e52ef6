package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

const ropeScenario = `name = "dbr"
time_unit = "min"
[run]
horizon = 1000
[[source]]
name = "rel"
to = "a"
rope = ROPE
[[station]]
name = "a"
process = 1
to = "grind"
[[station]]
name = "grind"
machines = 2
process = "exp(1.5)"
to = "done"
[[sink]]
name = "done"
`

// TestRopeKey checks a rope in parts and as the drum's work: 10 min of
// work at 2 machines of 1.5 min a part is ⌈10 · 2 / 1.5⌉ = 14 parts.
func TestRopeKey(t *testing.T) {
	for rope, want := range map[string]int{`{ station = "grind", parts = 6 }`: 6, `{ station = "grind", length = "10min" }`: 14} {
		sc, err := Parse("dbr.toml", []byte(strings.Replace(ropeScenario, "ROPE", rope, 1)))
		if err != nil {
			t.Fatal(err)
		}
		so := sc.Model.Sources[0]
		if so.Kind != sim.Rope || so.RopeAt != "grind" || so.WIP != want {
			t.Errorf("%s: kind %v at %q holding %d, want rope at grind holding %d", rope, so.Kind, so.RopeAt, so.WIP, want)
		}
	}
}

// TestRopeBad checks the errors at the rope's line.
func TestRopeBad(t *testing.T) {
	for rope, want := range map[string]string{
		`{ station = "mill", parts = 6 }`:                 `dbr.toml:8: source "rel": rope: station "mill": no such station`,
		`{ station = "grind" }`:                           "give parts or length",
		`{ station = "grind", parts = 2, length = "1h" }`: "give parts or length",
		`{ station = "grind", parts = 0 }`:                "parts must be >= 1",
		`6`:                                               "a table like",
	} {
		_, err := Parse("dbr.toml", []byte(strings.Replace(ropeScenario, "ROPE", rope, 1)))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", rope, err, want)
		}
	}
}
