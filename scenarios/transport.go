package scenarios

import (
	"fmt"
	"math"
	"slices"

	"github.com/takt-sim/takt/sim"
)

// Transporters: [[transporter]] tables and the routes' "by".
//
//	[[transporter]]
//	name = "agv"
//	count = 2                 # vehicles (default 1)
//	speed = "60/min"          # distance units per time unit, or "N/UNIT"
//	load = "30s"              # per part, a duration or distribution
//	unload = "tri(20s, 30s, 50s)"
//	capacity = 1              # parts per trip (default 1)
//	dispatch = "fifo"         # or "nearest"
//	home = "depot"            # where the vehicles park at time 0
//	distance = [{ from = "depot", to = "cut", length = 40 },
//	            { from = "cut", to = "weld", length = 120 }]
//	# or, instead of distance, places on a plan with rectilinear aisles:
//	at = { depot = [0, 0], cut = [40, 0], weld = [40, 120] }
//
//	[[station]]
//	to = "weld"
//	by = "agv"                # or per branch: { station = "weld", p = 0.5, by = "agv" }

var transportDispatch = []string{"fifo", "nearest"}

// decodeTransporters reads the [[transporter]] tables; places in the
// distance tables must be stations, sinks or the transporter's home.
func (pl *plant) decodeTransporters(unit string, nodes map[string]node) []sim.Transporter {
	var out []sim.Transporter
	for _, t := range pl.transporters {
		t.known("name", "count", "speed", "load", "unload", "capacity", "dispatch", "home", "distance", "at", "ways")
		tr := sim.Transporter{Count: 1, Capacity: 1}
		if w, ok := t.str("ways"); ok {
			switch {
			case !t.has("at"):
				t.bad("ways", "ways belongs with at (places on a plan); a distance table gives the ways' lengths itself")
			case w == "straight":
				tr.Straight = true
			case w != "aisles":
				t.bad("ways", "ways %q: want aisles (rectilinear, the default) or straight", w)
			}
		}
		tr.Name, _ = t.m["name"].(string) // checked by names
		tr.Count = t.atLeastOne("count", sim.MaxMachines)
		tr.Capacity = t.atLeastOne("capacity", sim.MaxInPlant)
		if !t.has("speed") {
			t.missing("speed", `speed is missing: distance units per time unit, or e.g. speed = "1.5/s"`)
		} else if v, ok := t.perTime("speed", unit, "distance units", `"1.5/s"`); ok && v == 0 {
			t.bad("speed", "speed must be > 0")
		} else if ok {
			tr.Speed = v
		}
		tr.Load, _ = t.dist("load", unit)
		tr.Unload, _ = t.dist("unload", unit)
		if d, ok := t.str("dispatch"); ok {
			switch i := slices.Index(transportDispatch, d); i {
			case -1:
				t.bad("dispatch", "dispatch %q: want fifo or nearest", d)
			default:
				tr.Dispatch = sim.TransportDispatch(i)
			}
		}
		home, ok := t.str("home")
		if !ok && !t.has("home") {
			t.missing("home", `home is missing: where the vehicles park at time 0, e.g. home = "cut"`)
		}
		tr.Home = home
		before := len(t.ps.list)
		switch {
		case t.has("at") && t.has("distance"):
			t.bad("at", "give distance or at, not both")
		case t.has("at"):
			tr.At = pl.decodePlan(t, home, nodes)
		default:
			tr.Distances = pl.decodeDistances(t, home, nodes)
		}
		if _, isNode := nodes[home]; ok && !isNode && len(t.ps.list) == before && !slices.ContainsFunc(tr.Distances, func(d sim.Distance) bool {
			return d.From == home || d.To == home
		}) && !slices.ContainsFunc(tr.At, func(p sim.Place) bool { return p.Name == home }) {
			t.bad("home", "home %q is neither a station nor a sink, and no distance or place leads there", home)
		}
		if len(t.ps.list) > before || !ok {
			pl.unmapped = append(pl.unmapped, tr.Name) // its ways are not checked: one problem is enough
		}
		out = append(out, tr)
	}
	return out
}

// atLeastOne reads a count that defaults to 1 and must be between 1 and
// limit.
func (t *table) atLeastOne(key string, limit int) int {
	n, ok := t.integer(key)
	switch {
	case !ok:
		return 1
	case n < 1 || n > int64(limit):
		t.bad(key, "%s must be between 1 and %d, got %d", key, limit, n)
		return 1
	}
	return int(n)
}

// decodeDistances reads a transporter's distance table.
func (pl *plant) decodeDistances(t *table, home string, nodes map[string]node) []sim.Distance {
	v, has := t.m["distance"]
	if !has {
		t.missing("distance", `distance is missing: the ways between places, e.g. distance = [{ from = "cut", to = "weld", length = 40 }], or at = { cut = [0, 0], weld = [40, 0] }`)
		return nil
	}
	items, ok := list(v)
	if !ok {
		if mv, isMap := v.([]map[string]any); isMap {
			items = make([]any, len(mv))
			for i, m := range mv {
				items[i] = m
			}
		} else {
			t.typeError("distance", `an array like [{ from = "cut", to = "weld", length = 40 }]`, v)
			return nil
		}
	}
	var out []sim.Distance
	for i, item := range items {
		path := fmt.Sprintf("%s[%d]", joinPath(t.path, "distance"), i)
		m, ok := item.(map[string]any)
		if !ok {
			t.ps.add(t.ps.lines.item(joinPath(t.path, "distance"), i), t.element, "distance", "distance #%d must be a table like { from = \"cut\", to = \"weld\", length = 40 }, got %s", i+1, describe(item))
			continue
		}
		b := &table{ps: t.ps, m: m, path: path, element: t.element, prefix: fmt.Sprintf("distance #%d: ", i+1)}
		if _, own := t.ps.lines.at[path]; !own {
			b.at = t.ps.lines.item(joinPath(t.path, "distance"), i)
		}
		if d, ok := pl.decodeDistance(b, home, nodes); ok {
			out = append(out, d)
		}
	}
	return out
}

// decodePlan reads at = { place = [x, y], … }, in name order.
func (pl *plant) decodePlan(t *table, home string, nodes map[string]node) []sim.Place {
	sub := t.sub("at", t.element)
	if sub == nil {
		return nil
	}
	sub.prefix, sub.at = "at: ", t.line("at")
	var out []sim.Place
	for _, k := range sortedKeys(sub.m) {
		xy, ok := list(sub.m[k])
		var p [2]float64
		for i := 0; ok && i < 2 && len(xy) == 2; i++ {
			switch v := xy[i].(type) {
			case int64:
				p[i] = float64(v)
			case float64:
				p[i], ok = v, !math.IsNaN(v) && !math.IsInf(v, 0)
			default:
				ok = false
			}
		}
		n, isNode := nodes[k]
		switch {
		case !ok || len(xy) != 2:
			sub.bad(k, "%s must be [x, y], two finite numbers, got %s", k, describe(sub.m[k]))
		case k != home && (!isNode || n.kind != "station" && n.kind != "sink"):
			sub.bad(k, "%q is neither a station, a sink nor the home %q%s", k, home, pl.hint(k, "station", "sink"))
		default:
			out = append(out, sim.Place{Name: k, X: p[0], Y: p[1]})
		}
	}
	return out
}

// decodeDistance reads one { from, to, length }.
func (pl *plant) decodeDistance(b *table, home string, nodes map[string]node) (sim.Distance, bool) {
	b.known("from", "to", "length")
	d := sim.Distance{}
	good := true
	for _, key := range []string{"from", "to"} {
		name, ok := b.str(key)
		n, isNode := nodes[name]
		switch {
		case !ok && !b.has(key):
			b.missing(key, "%s is missing: a station, a sink or the home", key)
		case ok && name != home && (!isNode || n.kind != "station" && n.kind != "sink"):
			b.bad(key, "%s %q is neither a station, a sink nor the home %q%s", key, name, home, pl.hint(name, "station", "sink"))
		case ok:
			if key == "from" {
				d.From = name
			} else {
				d.To = name
			}
			continue
		}
		good = false
	}
	switch l, ok := b.number("length"); {
	case !ok && !b.has("length"):
		b.missing("length", "length is missing: the distance in the units of speed")
		good = false
	case ok && l < 0:
		b.bad("length", "length must be >= 0, got %v", l)
		good = false
	case ok:
		d.Length = l
	default:
		good = false
	}
	return d, good
}

// resolveTransport checks every route's "by": the transporter exists and
// its distance table leads from its home to the pickup and the
// destination and back.
func (pl *plant) resolveTransport() {
	var names []string
	paths := map[string][][]float64{}
	places := map[string][]string{}
	for k := range pl.model.Transporters {
		tr := &pl.model.Transporters[k]
		names = append(names, tr.Name)
		places[tr.Name], paths[tr.Name] = sim.TransportPaths(tr)
	}
	for i, t := range pl.stations {
		for _, r := range pl.routes[i] {
			if r.by == "" || r.target == toUnknown {
				continue
			}
			if !slices.Contains(names, r.by) {
				t.ps.add(r.byLine, t.element, "by", "to %q by %q: no such transporter%s", r.to, r.by, nameHint(r.by, names))
				continue
			}
			if c := pl.conveyorOn(pl.model.Stations[i].Name, r.to); c != "" {
				t.ps.add(r.byLine, t.element, "by", "to %q by %q: conveyor %q runs there; give a conveyor or by, not both", r.to, r.by, c)
			}
			if slices.Contains(pl.unmapped, r.by) {
				continue
			}
			for _, place := range []string{pl.model.Stations[i].Name, r.to} {
				j := slices.Index(places[r.by], place)
				if l := paths[r.by]; j < 0 || math.IsInf(l[0][j], 1) || math.IsInf(l[j][0], 1) {
					t.ps.add(r.byLine, t.element, "by", "to %q by %q: its distance table has no way between its home %q and %q",
						r.to, r.by, places[r.by][0], place)
				}
			}
		}
	}
}

// conveyorOn is the name of the conveyor from station from to node to; ""
// for none.
func (pl *plant) conveyorOn(from, to string) string {
	for _, c := range pl.conveyors {
		f, _ := c.m["from"].(string)
		t, _ := c.m["to"].(string)
		if f == from && t == to {
			name, _ := c.m["name"].(string)
			return name
		}
	}
	return ""
}

// routeBy gives every branch without a move or by of its own the
// station's, and reports a route given both.
func routeBy(t *table, routes []route, move sim.Dist, by string) []route {
	if move != nil && by != "" {
		t.bad("by", "give move or by, not both: a part either moves by itself or waits for a vehicle")
		by = ""
	}
	for j := range routes {
		r := &routes[j]
		r.byLine = r.line
		switch {
		case r.move != nil && r.by != "":
			t.ps.add(r.line, t.element, "by", "to %q: give move or by, not both", r.to)
			r.by = ""
		case r.move == nil && r.by == "":
			r.move, r.by = move, by
			r.byLine = t.line("by")
		}
	}
	return routes
}
