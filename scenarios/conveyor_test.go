package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// conveyorScenario has its conveyor's keys on lines 19–25 (BELT replaced).
const conveyorScenario = `name = "belt line"
time_unit = "min"
[run]
horizon = 100
[[source]]
name = "raw"
to = "cut"
interarrival = "exp(2)"
[[station]]
name = "cut"
process = "exp(1)"
to = [{ station = "weld", p = 0.9 }, { sink = "done", p = 0.1 }]
[[station]]
name = "weld"
process = "exp(1)"
to = "done"
[[sink]]
name = "done"
[[conveyor]]
name = "belt"
from = "cut"
to = "weld"
length = 12
speed = "0.5/s"
spacing = 1.5
BELT`

// TestConveyorKeys checks the decoded conveyor: speed 0.5 per second is
// 30 per minute, accumulating by default.
func TestConveyorKeys(t *testing.T) {
	sc, err := Parse("belt.toml", []byte(strings.Replace(conveyorScenario, "BELT", "", 1)))
	if err != nil {
		t.Fatal(err)
	}
	want := sim.Conveyor{Name: "belt", From: "cut", To: "weld", Length: 12, Speed: 30, Spacing: 1.5, Accumulating: true}
	if got := sc.Model.Conveyors; len(got) != 1 || got[0] != want {
		t.Fatalf("conveyors %+v, want %+v", got, want)
	}
	if c := want.Capacity(); c != 8 {
		t.Errorf("capacity %d, want ⌊12 / 1.5⌋ = 8", c)
	}
	sc, err = Parse("belt.toml", []byte(strings.Replace(strings.Replace(conveyorScenario, `speed = "0.5/s"`, "speed = 3", 1), "BELT", "accumulating = false", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if c := sc.Model.Conveyors[0]; c.Speed != 3 || c.Accumulating {
		t.Errorf("speed %v, accumulating %v; want 3 per minute, false", c.Speed, c.Accumulating)
	}
}

// TestConveyorErrors checks every conveyor problem at its file and line:
// each case replaces old by new in the scenario, BELT by belt.
func TestConveyorErrors(t *testing.T) {
	for _, tc := range []struct{ old, new, belt, want string }{
		{`from = "cut"`, `from = "cutt"`, "", `belt.toml:21: conveyor "belt": from "cutt" names no station (did you mean "cut"?)`},
		{`from = "cut"`, `from = "done"`, "", `belt.toml:21: conveyor "belt": from "done" is a sink; a conveyor starts at a station`},
		{`to = "weld"`, `to = "raw"`, "", `belt.toml:22: conveyor "belt": to "raw" is a source; a conveyor ends at a station or a sink`},
		{`to = "weld"`, `to = "wled"`, "", `belt.toml:22: conveyor "belt": to "wled" names no station or sink (valid names: cut, weld, done)`},
		{`spacing = 1.5`, `spacing = 13`, "", `belt.toml:25: conveyor "belt": spacing (13) must be at most the length (12): the belt would hold no part`},
		{`spacing = 1.5`, `spacing = 1e-9`, "", `belt.toml:25: conveyor "belt": length / spacing = 12000000000: a belt holds at most 1000000 parts`},
		{`spacing = 1.5`, `spacing = 0`, "", `belt.toml:25: conveyor "belt": spacing must be > 0, got 0`},
		{`speed = "0.5/s"`, `speed = 0`, "", `belt.toml:24: conveyor "belt": speed must be > 0, got 0`},
		{`speed = "0.5/s"`, `speed = -2`, "", `belt.toml:24: conveyor "belt": speed must be >= 0 and finite, got -2`},
		{`speed = "0.5/s"`, `speed = "fast"`, "", `belt.toml:24: conveyor "belt": speed: "fast": want length units per time unit or "N/UNIT", e.g. "0.5/s"`},
		{`length = 12`, `length = -1`, "", `belt.toml:23: conveyor "belt": length must be > 0, got -1`},
		{"length = 12\n", "", "", `belt.toml:19: conveyor "belt": length is missing`},
		{"speed = \"0.5/s\"\n", "", "", `belt.toml:19: conveyor "belt": speed is missing`},
		{`from = "cut"`, ``, "", `belt.toml:19: conveyor "belt": from is missing`},
		{`name = "belt"`, `name = "weld"`, "", `belt.toml:20: conveyor "weld": name "weld" is already used by a station on line 13`},
		{`from = "cut"`, `from = "weld"`, "", `belt.toml:19: conveyor "belt": no route goes from "weld" to "weld"`},
		{"", "", `accumulating = "yes"`, `belt.toml:26: conveyor "belt": accumulating must be true or false, got string "yes"`},
		{"", "", "belts = 2", `belt.toml:26: conveyor "belt": unknown key "belts"`},
		{"", "", "[[conveyor]]\nname = \"b2\"\nfrom = \"cut\"\nto = \"weld\"\nlength = 3\nspeed = 1\nspacing = 1",
			`belt.toml:29: conveyor "b2": another conveyor already runs from "cut" to "weld" on line 19`},
		{`{ station = "weld", p = 0.9 }`, `{ station = "weld", p = 0.9, move = "1min" }`, "",
			`belt.toml:19: conveyor "belt": the way from "cut" to "weld" has a move time and this conveyor: give one of them`},
	} {
		src := strings.Replace(strings.Replace(conveyorScenario, "BELT", tc.belt, 1), tc.old, tc.new, 1)
		_, err := Parse("belt.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q → %q, %q: error\n%v\nwant %q", tc.old, tc.new, tc.belt, err, tc.want)
		}
	}
}

// TestConveyorOnProductRoutes checks that a conveyor may lie on a way only
// products' routes take (the stations have no to), including a route's
// last station to the first sink, and that a way no route takes is an
// error at the conveyor's line.
func TestConveyorOnProductRoutes(t *testing.T) {
	const src = `name = "routes"
[run]
horizon = 100
[[product]]
name = "A"
route = ["saw", "paint"]
[[source]]
name = "in"
to = "saw"
interarrival = 2
mix = { A = 1 }
[[station]]
name = "saw"
process = 1
[[station]]
name = "paint"
process = 1
[[sink]]
name = "done"
[[conveyor]]
name = "belt"
from = "FROM"
to = "TO"
length = 3
speed = 1
spacing = 1
`
	for _, way := range [][2]string{{"saw", "paint"}, {"paint", "done"}} {
		s := strings.Replace(strings.Replace(src, "FROM", way[0], 1), "TO", way[1], 1)
		if _, err := Parse("routes.toml", []byte(s)); err != nil {
			t.Errorf("%s → %s: %v", way[0], way[1], err)
		}
	}
	s := strings.Replace(strings.Replace(src, "FROM", "saw", 1), "TO", "done", 1)
	_, err := Parse("routes.toml", []byte(s))
	if want := `routes.toml:20: conveyor "belt": no route goes from "saw" to "done"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("saw → done: %v, want %q", err, want)
	}
}
