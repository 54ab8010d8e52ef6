package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// transportScenario is a cell whose saw sends its parts to the mill by
// AGV; tests replace parts of it.
const transportScenario = `name = "agv"
time_unit = "min"
[run]
horizon = 100
[[source]]
name = "raw"
to = "saw"
saturated = true
[[station]]
name = "saw"
process = 1
to = [{ station = "mill", p = 0.5, by = "agv" }, { sink = "out", p = 0.5 }]
[[station]]
name = "mill"
process = 1
to = "out"
by = "agv"
[[sink]]
name = "out"
[[transporter]]
name = "agv"
count = 2
speed = "1.5/s"
load = "30s"
capacity = 2
dispatch = "nearest"
home = "depot"
distance = [{ from = "depot", to = "saw", length = 10 },
            { from = "saw", to = "mill", length = 90 },
            { from = "mill", to = "out", length = 30 }]
`

// tableDistances is the distance table of transportScenario written as
// [[transporter.distance]] tables.
const tableDistances = `[[transporter.distance]]
from = "depot"
to = "saw"
length = 10
[[transporter.distance]]
from = "saw"
to = "mill"
length = 90
[[transporter.distance]]
from = "mill"
to = "out"
length = 30
`

// withTables is transportScenario with its distances as tables.
func withTables() string {
	i := strings.Index(transportScenario, "distance = [")
	return transportScenario[:i] + tableDistances
}

// TestTransportKeys checks that a transporter and the routes by it decode
// in the scenario's time unit: speed per minute, load in minutes, the
// branch's own by and the station's for its single route; the distances
// may be [[transporter.distance]] tables.
func TestTransportKeys(t *testing.T) {
	sc, err := Parse("agv.toml", []byte(withTables()))
	if err != nil {
		t.Fatal(err)
	}
	tr := sc.Model.Transporters[0]
	if tr.Count != 2 || tr.Speed != 90 || tr.Load.Mean() != 0.5 || tr.Unload != nil || tr.Capacity != 2 ||
		tr.Dispatch != sim.TransportNearest || tr.Home != "depot" || len(tr.Distances) != 3 {
		t.Errorf("transporter = %+v", tr)
	}
	if d := tr.Distances[2]; d.From != "mill" || d.To != "out" || d.Length != 30 {
		t.Errorf("[[transporter.distance]] = %+v", d)
	}
	saw, mill := sc.Model.Stations[0].Routes, sc.Model.Stations[1].Routes
	if saw[0].By != "agv" || saw[1].By != "" || mill[0].By != "agv" {
		t.Errorf("routes by: saw %q, %q; mill %q", saw[0].By, saw[1].By, mill[0].By)
	}
}

// TestTransportErrors checks that every mistake is reported at its file,
// line and key.
func TestTransportErrors(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{"by = \"agv\"\n[[sink]]", "by = \"forklift\"\n[[sink]]", `agv.toml:17: station "mill": to "out" by "forklift": no such transporter`},
		{`p = 0.5, by = "agv" }`, `p = 0.5, by = "agb" }`, `agv.toml:12: station "saw": to "mill" by "agb": no such transporter (did you mean "agv"?)`},
		{"by = \"agv\"\n[[sink]]", "by = \"agv\"\nmove = 2\n[[sink]]", `agv.toml:17: station "mill": give move or by, not both`},
		{`p = 0.5, by = "agv" }`, `p = 0.5, by = "agv", move = 1 }`, `agv.toml:12: station "saw": to "mill": give move or by, not both`},
		{`{ from = "mill", to = "out", length = 30 }`, `{ from = "mill", to = "shipping", length = 30 }`, `agv.toml:30: transporter "agv": distance #3: to "shipping" is neither a station, a sink nor the home "depot"`},
		{`{ from = "mill", to = "out", length = 30 }`, `{ from = "mill", to = "saw", length = 30 }`, `agv.toml:17: station "mill": to "out" by "agv": its distance table has no way between its home "depot" and "out"`},
		{`count = 2`, `count = 0`, `agv.toml:22: transporter "agv": count must be between 1 and`},
		{`speed = "1.5/s"`, `speed = 0`, `agv.toml:23: transporter "agv": speed must be > 0`},
		{`speed = "1.5/s"`, `speed = "fast"`, `agv.toml:23: transporter "agv": speed: "fast"`},
		{"speed = \"1.5/s\"\n", ``, `agv.toml:20: transporter "agv": speed is missing`},
		{`capacity = 2`, `capacity = -1`, `agv.toml:25: transporter "agv": capacity must be between 1 and`},
		{`dispatch = "nearest"`, `dispatch = "random"`, `agv.toml:26: transporter "agv": dispatch "random": want fifo or nearest`},
		{`home = "depot"`, `home = "garage"`, `agv.toml:28: transporter "agv": distance #1: from "depot" is neither a station, a sink nor the home "garage"`},
		{`length = 10 }`, `length = -10 }`, `agv.toml:28: transporter "agv": distance #1: length must be >= 0, got -10`},
		{`load = "30s"`, `load = "soon"`, `agv.toml:24: transporter "agv": load: "soon"`},
		{"[[transporter]]\nname = \"agv\"", "[[transporter]]\nname = \"mill\"", `agv.toml:21: transporter "mill": name "mill" is already used by a station on line 13`},
		{`capacity = 2`, "capacity = 2\nwheels = 4", `agv.toml:26: transporter "agv": unknown key "wheels"`},
		{"[[sink]]", "[[conveyor]]\nname = \"belt\"\nfrom = \"mill\"\nto = \"out\"\nlength = 5\nspeed = 1\nspacing = 1\n[[sink]]",
			`agv.toml:17: station "mill": to "out" by "agv": conveyor "belt" runs there; give a conveyor or by, not both`},
	} {
		src := strings.Replace(transportScenario, c.old, c.new, 1)
		if src == transportScenario {
			t.Fatalf("%q is not in the scenario", c.old)
		}
		_, err := Parse("agv.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q: err = %v,\nwant %s", c.old, c.new, err, c.want)
		}
	}
	plan := strings.Replace(transportScenario, "distance = [", "at = { depot = [0, 0], saw = [10, 0], mill = [10, 90], out = [40, 90] }\nx = [", 1)
	plan = plan[:strings.Index(plan, "x = [")]
	sc, err := Parse("agv.toml", []byte(plan))
	if err != nil {
		t.Fatal(err)
	}
	if at := sc.Model.Transporters[0].At; len(at) != 4 || at[0] != (sim.Place{Name: "depot"}) || at[1] != (sim.Place{Name: "mill", X: 10, Y: 90}) {
		t.Errorf("at = %+v, want the places in name order", at)
	}
	for _, c := range []struct{ old, new, want string }{
		{"out = [40, 90]", "out = [40]", `agv.toml:28: transporter "agv": at: out must be [x, y], two finite numbers, got an array`},
		{"out = [40, 90]", "shop = [40, 90]", `agv.toml:28: transporter "agv": at: "shop" is neither a station, a sink nor the home "depot"`},
		{"out = [40, 90] }", "out = [40, 90] }\ndistance = []", `agv.toml:28: transporter "agv": give distance or at, not both`},
		{"out = [40, 90]", `out = [40, "far"]`, `agv.toml:28: transporter "agv": at: out must be [x, y]`},
		{"out = [40, 90] }", "out = [40, 90] }\nways = \"diagonal\"", `agv.toml:29: transporter "agv": ways "diagonal": want aisles`},
	} {
		if _, err := Parse("agv.toml", []byte(strings.Replace(plan, c.old, c.new, 1))); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q: err = %v,\nwant %s", c.old, c.new, err, c.want)
		}
	}
	if sc, err := Parse("agv.toml", []byte(strings.Replace(plan, "out = [40, 90] }", "out = [40, 90] }\nways = \"straight\"", 1))); err != nil || !sc.Model.Transporters[0].Straight {
		t.Errorf("ways = \"straight\": err = %v", err)
	}
	if _, err := Parse("agv.toml", []byte(strings.Replace(withTables(), "home = ", "ways = \"straight\"\nhome = ", 1))); err == nil || !strings.Contains(err.Error(), "ways belongs with at") {
		t.Errorf("ways with a distance table: err = %v", err)
	}
	src := strings.Replace(withTables(), "to = \"out\"\nlength = 30", "to = \"out\"\nlength = -1", 1)
	if _, err := Parse("agv.toml", []byte(src)); err == nil || !strings.Contains(err.Error(), `agv.toml:39: transporter "agv": distance #3: length must be >= 0`) {
		t.Errorf("a [[transporter.distance]] table: err = %v, want it at its length's line 39", err)
	}
}
