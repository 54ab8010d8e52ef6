package scenarios

import (
	"math"

	"github.com/takt-sim/takt/sim"
)

// decodeRope reads a drum–buffer–rope release:
//
//	rope = { station = "grind", parts = 6 }
//	rope = { station = "grind", length = "4h" }
//
// The rope holds parts from their release to the end of their processing
// at the station (the drum); a length in time is the work the drum does in
// it: parts = ⌈length · machines / mean process time⌉.
func (pl *plant) decodeRope(t *table, so *sim.Source, unit string) {
	m, ok := t.m["rope"].(map[string]any)
	if !ok {
		t.typeError("rope", `a table like { station = "grind", parts = 6 } or { station = "grind", length = "4h" }`, t.m["rope"])
		return
	}
	b := &table{ps: t.ps, m: m, element: t.element, path: joinPath(t.path, "rope")}
	b.known("station", "parts", "length")
	name, ok := b.str("station")
	if !ok {
		if !b.has("station") {
			b.missing("station", `station is missing: the constraint (drum) the rope is tied to`)
		}
		return
	}
	so.RopeAt = name
	var st *sim.Station
	for i := range pl.model.Stations {
		if pl.model.Stations[i].Name == name {
			st = &pl.model.Stations[i]
		}
	}
	if st == nil {
		b.bad("station", "rope: station %q: no such station%s", name, pl.hint(name, "station"))
		return
	}
	n, hasN := b.integer("parts")
	length, hasL := b.duration("length", unit)
	switch {
	case hasN == hasL && (b.has("parts") == b.has("length")):
		b.bad("", "give parts or length (not both)")
	case hasN:
		if n < 1 {
			b.bad("parts", "parts must be >= 1, got %d", n)
		} else if b.countAtMost("parts", n, sim.MaxInPlant, whyInPlant) {
			so.WIP = int(n)
		}
	case hasL && st.Process != nil && st.Process.Mean() > 0:
		if k := math.Ceil(length * float64(st.Machines) / st.Process.Mean()); k < 1 || k > sim.MaxInPlant {
			b.bad("length", "length %v holds %v parts of work at %q; want 1 to %d", length, k, name, sim.MaxInPlant)
		} else {
			so.WIP = int(k)
		}
	}
}
