package scenarios

import (
	"strings"
	"testing"
)

// TestMoveKeys checks the move key of a station (for every branch) and of a
// split branch (its own), in the scenario's time unit or with a unit.
func TestMoveKeys(t *testing.T) {
	sc, err := Parse("moves.toml", []byte(movesScenario))
	if err != nil {
		t.Fatal(err)
	}
	r := sc.Model.Stations[0].Routes
	if r[0].Move.Mean() != 1.5 || r[1].Move.Mean() != 2 {
		t.Errorf("cut's moves: %v, %v; want 1.5 min (its own) and 2 (the station's)", r[0].Move, r[1].Move)
	}
	if m := sc.Model.Stations[1].Routes[0].Move; m == nil || m.Mean() != 0.5 {
		t.Errorf("weld's move: %v, want exp(0.5)", m)
	}
}

// movesScenario has a station move, a branch move and a random move.
const movesScenario = `
name = "moves"
time_unit = "min"
[run]
horizon = 100
[[source]]
name = "raw"
to = "cut"
saturated = true
[[station]]
name = "cut"
process = 1
to = [{ station = "weld", p = 0.5, move = "90s" }, { sink = "done", p = 0.5 }]
move = 2
[[station]]
name = "weld"
process = 1
to = "done"
move = "exp(30s)"
[[sink]]
name = "done"
`

// TestMoveBad checks that a move that is not a duration is refused at its
// line.
func TestMoveBad(t *testing.T) {
	_, err := Parse("bad.toml", []byte(strings.Replace(movesScenario, `move = "exp(30s)"`, `move = "soon"`, 1)))
	if err == nil || !strings.Contains(err.Error(), "bad.toml:19:") || !strings.Contains(err.Error(), "move") {
		t.Errorf("err = %v, want an error at bad.toml:19 about move", err)
	}
}
