package scenarios

import (
	"math"
	"sort"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// decodeProducts reads the [[product]] tables.
func decodeProducts(tables []*table, unit string) []sim.Product {
	var out []sim.Product
	for _, t := range tables {
		t.known("name", "family", "route", "process", "priority", "material_cost", "price")
		p := sim.Product{}
		p.Name, _ = t.m["name"].(string) // checked by names
		p.Family, _ = t.str("family")
		if v, ok := t.m["route"]; ok {
			items, isList := list(v)
			if !isList {
				t.typeError("route", `a list of station names like ["cut", "weld"]`, v)
			}
			for _, it := range items {
				if s, ok := it.(string); ok {
					p.Route = append(p.Route, s)
				} else {
					t.typeError("route", "a list of names", it)
				}
			}
		}
		if n, ok := t.integer("priority"); ok {
			p.Priority = int(n)
		}
		if sub := t.sub("process", t.element); sub != nil {
			sub.prefix, sub.at = "process: ", t.line("process")
			p.Process = map[string]sim.Dist{}
			for _, k := range sortedKeys(sub.m) {
				if d, ok := sub.dist(k, unit); ok {
					p.Process[k] = d
				}
			}
		}
		out = append(out, p)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// resolveProducts checks the products' routes and process stations against
// the elements and adds the routes to the station graph for the
// reachability checks. It reports whether every route resolved (otherwise
// reachability is not checked, so that a misspelt name does not cascade).
func (pl *plant) resolveProducts(nodes map[string]node) bool {
	for k, t := range pl.products {
		p := pl.model.Products[k]
		for i, name := range p.Route {
			n, found := nodes[name]
			switch {
			case !found:
				t.bad("route", "route: %q names no station or sink%s", name, pl.hint(name, "station", "sink"))
				return false
			case n.kind == "sink" && i < len(p.Route)-1:
				t.bad("route", "route: the sink %q can only come last", name)
				return false
			case n.kind != "station" && n.kind != "sink":
				t.bad("route", "route: %q is a %s, not a station", name, n.kind)
				return false
			}
		}
		pl.addRouteEdges(p, nodes)
		for _, name := range sortedKeys(p.Process) {
			if n, found := nodes[name]; !found || n.kind != "station" {
				t.bad("process", "process: %q is not a station%s", name, pl.hint(name, "station"))
			}
		}
	}
	return true
}

// addRouteEdges adds a product's route as routes of its stations.
func (pl *plant) addRouteEdges(p sim.Product, nodes map[string]node) {
	for i, name := range p.Route {
		n := nodes[name]
		if n.kind != "station" {
			continue
		}
		target := toSink
		if i+1 < len(p.Route) && nodes[p.Route[i+1]].kind == "station" {
			target = nodes[p.Route[i+1]].index
		}
		pl.routes[n.index] = append(pl.routes[n.index], route{to: "product " + p.Name, p: 1, target: target})
	}
}

// decodeMix reads a source's "mix": product name → share, summing to 1.
func (pl *plant) decodeMix(t *table, so *sim.Source) {
	sub := t.sub("mix", t.element)
	if sub == nil {
		return
	}
	sub.prefix, sub.at = "mix: ", t.line("mix")
	sum := 0.0
	keys, order := inProductOrder(sub.m, pl.model.Products)
	if !t.has("to") {
		so.To = pl.commonStart(t, keys, order)
	}
	for _, k := range keys {
		share, ok := sub.number(k)
		if !ok {
			continue
		}
		if share < 0 || share > 1 {
			sub.bad(k, "share of %q must be between 0 and 1, got %v", k, share)
		}
		sum += share
		so.Mix = append(so.Mix, sim.Share{Product: k, P: share})
		i, known := order[k]
		switch {
		case !known:
			sub.bad(k, "%q names no [[product]]%s", k, nameHint(k, productNames(pl.model.Products)))
		case so.To != "" && len(pl.model.Products[i].Route) > 0 && pl.model.Products[i].Route[0] != so.To:
			sub.bad(k, "product %q starts its route at %q, but this source releases parts at %q", k, pl.model.Products[i].Route[0], so.To)
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		sub.bad("", "shares sum to %s, not 1", approx(sum))
	}
}

// commonStart is the station where a source without "to" releases the
// parts of its mix: the first station of every product's route, when they
// all agree. A product without a route, or routes starting at different
// stations, is a problem at "mix": one source releases at one station.
func (pl *plant) commonStart(t *table, products []string, order map[string]int) string {
	start, first := "", ""
	for _, k := range products {
		i, known := order[k]
		if !known {
			continue
		}
		route := pl.model.Products[i].Route
		switch {
		case len(route) == 0:
			t.bad("mix", "to is missing: product %q has no route, so the source needs to = \"STATION\", the station it releases parts at", k)
			return ""
		case start == "":
			start, first = route[0], k
		case route[0] != start:
			t.bad("mix", "products %q and %q start their routes at different stations (%q, %q), and a source releases at one: "+
				"split it into a source per first station, each with its products' share of the arrivals", first, k, start, route[0])
			return ""
		}
	}
	return start
}

// decodeSetup reads a station's "setup": a duration or distribution on
// every change of family (or product), or a table of "FROM->TO" times with
// an optional "default"; "*" stands for any.
func decodeSetup(t *table, unit string) *sim.Setup {
	v, ok := t.m["setup"]
	if !ok {
		return nil
	}
	if _, isTable := v.(map[string]any); !isTable {
		d, ok := t.dist("setup", unit)
		if !ok {
			return nil
		}
		return &sim.Setup{Time: d}
	}
	sub := t.sub("setup", t.element)
	sub.prefix, sub.at = "setup: ", t.line("setup")
	su := &sim.Setup{}
	for _, k := range sortedKeys(sub.m) {
		d, ok := sub.dist(k, unit)
		if !ok {
			continue
		}
		if k == "default" {
			su.Time = d
			continue
		}
		from, to, isPair := strings.Cut(k, "->")
		if !isPair {
			sub.bad(k, `%q: want "default" or "FROM->TO", e.g. "red->blue" = "5min"`, k)
			continue
		}
		su.Changes = append(su.Changes, sim.SetupChange{From: any2empty(from), To: any2empty(to), Time: d})
	}
	// Specific changes before wildcards.
	sort.SliceStable(su.Changes, func(i, j int) bool { return wild(su.Changes[i]) < wild(su.Changes[j]) })
	return su
}

func any2empty(s string) string {
	if s = strings.TrimSpace(s); s == "*" {
		return ""
	}
	return s
}

func wild(c sim.SetupChange) int {
	n := 0
	if c.From == "" {
		n++
	}
	if c.To == "" {
		n++
	}
	return n
}

// dispatchRules are the dispatch keywords in sim.Dispatch order.
var dispatchRules = []string{"fifo", "lifo", "spt", "edd", "priority", "same_family"}

// decodeDispatch reads a station's "dispatch" rule.
func decodeDispatch(t *table) sim.Dispatch {
	s, ok := t.str("dispatch")
	if !ok {
		return sim.FIFO
	}
	for i, r := range dispatchRules {
		if r == s {
			return sim.Dispatch(i)
		}
	}
	t.bad("dispatch", "dispatch must be one of %s, got %q", strings.Join(dispatchRules, ", "), s)
	return sim.FIFO
}

// decodeQuality reads a station's "yield" and "rework".
func decodeQuality(t *table) *sim.Quality {
	if !t.has("yield") && !t.has("rework") {
		return nil
	}
	q := &sim.Quality{Yield: 1}
	if y, ok := t.number("yield"); ok {
		if !(y > 0 && y <= 1) {
			t.bad("yield", "yield must be in (0, 1], got %v", y)
		}
		q.Yield = y
	}
	sub := t.sub("rework", t.element)
	if sub == nil {
		return q
	}
	sub.prefix, sub.at = "rework: ", t.line("rework")
	sub.known("p", "to")
	if p, ok := sub.number("p"); ok {
		if !(p >= 0 && p < 1) {
			sub.bad("p", "p must be in [0, 1), got %v", p)
		}
		q.Rework = p
	} else if !sub.has("p") {
		sub.missing("p", "p is missing: which share of the good parts goes to rework?")
	}
	if to, ok := sub.str("to"); ok {
		q.ReworkTo = to
	} else if !sub.has("to") {
		sub.missing("to", "to is missing: which station reworks the parts?")
	}
	return q
}

// resolveRework checks that rework targets are stations.
func (pl *plant) resolveRework(nodes map[string]node) {
	for i, t := range pl.stations {
		q := pl.model.Stations[i].Quality
		if q == nil || q.ReworkTo == "" {
			continue
		}
		if n, ok := nodes[q.ReworkTo]; !ok || n.kind != "station" {
			t.bad("rework", "rework: %q is not a station%s", q.ReworkTo, pl.hint(q.ReworkTo, "station"))
		}
	}
}

// decodeAssembly reads a station's "assemble" bill of materials (product →
// count) and "output" product.
func decodeAssembly(t *table, order []sim.Product) *sim.Assembly {
	sub := t.sub("assemble", t.element)
	if sub == nil {
		if t.has("output") {
			t.bad("output", "output needs assemble")
		}
		return nil
	}
	sub.prefix, sub.at = "assemble: ", t.line("assemble")
	a := &sim.Assembly{}
	a.Output, _ = t.str("output")
	keys, rank := inProductOrder(sub.m, order)
	for _, k := range keys {
		n, ok := sub.integer(k)
		if !ok {
			continue
		}
		if _, known := rank[k]; !known {
			sub.bad(k, "%q names no [[product]]", k)
		}
		if n < 1 {
			sub.bad(k, "count of %q must be >= 1, got %d", k, n)
		}
		a.Components = append(a.Components, sim.Component{Product: k, Count: int(n)})
	}
	if _, known := rank[a.Output]; a.Output != "" && !known {
		t.bad("output", "output %q names no [[product]]", a.Output)
	}
	return a
}

// inProductOrder returns the keys of m (product names) in the order of the
// [[product]] tables, unknown names last and sorted, and each product's rank.
func inProductOrder(m map[string]any, products []sim.Product) ([]string, map[string]int) {
	rank := map[string]int{}
	for i, p := range products {
		rank[p.Name] = i
	}
	keys := sortedKeys(m)
	sort.SliceStable(keys, func(i, j int) bool {
		ri, iok := rank[keys[i]]
		rj, jok := rank[keys[j]]
		return iok && (!jok || ri < rj)
	})
	return keys, rank
}

func productNames(products []sim.Product) []string {
	names := make([]string, len(products))
	for i, p := range products {
		names[i] = p.Name
	}
	return names
}
