package scenarios

import (
	"slices"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// Conveyors: [[conveyor]] tables. A conveyor lies on the way from a
// station to the next station or sink: every part going that way (by the
// station's to, a split branch, a product's route or rework) rides it.
//
//	[[conveyor]]
//	name = "belt"
//	from = "cut"            # a station
//	to = "weld"             # the station or sink one of its routes goes to
//	length = 12             # any length unit (m)
//	speed = "0.2/s"         # length units per time unit, or "N/UNIT"
//	spacing = 1.5           # belt each part takes: capacity ⌊12 / 1.5⌋ = 8
//	accumulating = true     # default; false: the whole belt stops when its end is blocked

// decodeConveyors reads the [[conveyor]] tables; resolve says the element
// lists are well formed, so that names can be checked.
func (pl *plant) decodeConveyors(unit string, nodes map[string]node, resolve bool) {
	seen := map[[2]string]int{}
	for _, t := range pl.conveyors {
		t.known("name", "from", "to", "length", "speed", "spacing", "accumulating")
		c := sim.Conveyor{Accumulating: true}
		c.Name, _ = t.m["name"].(string) // checked by names
		c.From, _ = t.str("from")
		c.To, _ = t.str("to")
		c.Length = positive(t, "length", "length is missing: how long is the belt, e.g. length = 12 (metres)?")
		c.Spacing = positive(t, "spacing", "spacing is missing: how much belt does each part take, e.g. spacing = 1.5?")
		if c.Length > 0 && c.Spacing > c.Length {
			t.bad("spacing", "spacing (%s) must be at most the length (%s): the belt would hold no part", approx(c.Spacing), approx(c.Length))
		} else if c.Spacing > 0 && c.Length/c.Spacing >= sim.MaxInPlant+1 {
			t.bad("spacing", "length / spacing = %s: a belt holds at most %d parts", approx(c.Length/c.Spacing), sim.MaxInPlant)
		}
		if !t.has("speed") {
			t.missing("speed", `speed is missing: length units per time unit, or e.g. speed = "0.5/s"`)
		} else if v, ok := t.perTime("speed", unit, "length units", `"0.5/s"`); ok {
			if v <= 0 {
				t.bad("speed", "speed must be > 0, got %v", t.m["speed"])
			}
			c.Speed = v
		}
		if acc, ok := t.boolean("accumulating"); ok {
			c.Accumulating = acc
		}
		if resolve {
			pl.checkConveyorEnds(t, c, nodes, seen)
		}
		pl.model.Conveyors = append(pl.model.Conveyors, c)
	}
}

// positive reads a number > 0 under key; missing says what to write when
// it is not there.
func positive(t *table, key, missing string) float64 {
	v, ok := t.number(key)
	switch {
	case !ok && !t.has(key):
		t.missing(key, "%s", missing)
	case ok && !(v > 0):
		t.bad(key, "%s must be > 0, got %s", key, approx(v))
		return 0
	}
	return v
}

// checkConveyorEnds checks that from is a station, to a station or sink
// that a route of from reaches without a move time, and that no other
// conveyor lies on that way.
func (pl *plant) checkConveyorEnds(t *table, c sim.Conveyor, nodes map[string]node, seen map[[2]string]int) {
	from, okFrom := pl.conveyorEnd(t, "from", c.From, nodes, "the station whose finished parts the belt takes", "starts at a station", "station")
	to, okTo := pl.conveyorEnd(t, "to", c.To, nodes, "the station or sink at the end of the belt", "ends at a station or a sink", "station", "sink")
	if !okFrom || !okTo {
		return
	}
	way := [2]string{c.From, c.To}
	if line, dup := seen[way]; dup {
		t.bad("to", "another conveyor already runs from %q to %q%s", c.From, c.To, onLine(line))
		return
	}
	seen[way] = t.line("")
	st := pl.model.Stations[from.index]
	reached, moved := false, false
	for _, r := range st.Routes {
		if r.To == c.To {
			reached, moved = true, moved || r.Move != nil
		}
	}
	if q := st.Quality; q != nil && q.Rework > 0 && q.ReworkTo == c.To {
		reached = true
	}
	for _, p := range pl.model.Products {
		for i := 1; i < len(p.Route); i++ {
			reached = reached || p.Route[i-1] == c.From && p.Route[i] == c.To
		}
		if n := len(p.Route); n > 0 && p.Route[n-1] == c.From && to.kind == "sink" && pl.firstSink() == c.To {
			reached = true // a route ending at a station goes on to the first sink
		}
	}
	switch {
	case !reached:
		t.bad("", "no route goes from %q to %q: give station %q to = %q (or a split branch to it)", c.From, c.To, c.From, c.To)
	case moved:
		t.bad("", "the way from %q to %q has a move time and this conveyor: give one of them", c.From, c.To)
	}
}

// conveyorEnd looks up the element a conveyor's key names, which must be
// of one of kinds; ok is false (and the problem reported) otherwise. what
// says what the key is for, rule where a conveyor may start or end.
func (pl *plant) conveyorEnd(t *table, key, name string, nodes map[string]node, what, rule string, kinds ...string) (node, bool) {
	n, ok := nodes[name]
	switch {
	case name == "" && !t.has(key):
		t.missing(key, "%s is missing: %s", key, what)
	case name == "":
	case !ok:
		t.bad(key, "%s %q names no %s%s", key, name, strings.Join(kinds, " or "), pl.hint(name, kinds...))
	case !slices.Contains(kinds, n.kind):
		t.bad(key, "%s %q is a %s; a conveyor %s", key, name, n.kind, rule)
	default:
		return n, true
	}
	return n, false
}

// firstSink is the name of the first sink, "" without one.
func (pl *plant) firstSink() string {
	if len(pl.model.Sinks) == 0 {
		return ""
	}
	return pl.model.Sinks[0].Name
}
