package scenarios

import (
	"fmt"
	"sort"
)

// node is a named element: what kind it is and where it was defined.
type node struct {
	kind  string // "source", "station" or "sink"
	index int
	line  int
}

// names labels every element by its name, reports missing and duplicate
// names (a later definition is the duplicate) and returns the elements by
// name.
func (pl *plant) names() map[string]node {
	type named struct {
		t    *table
		name string
		node node
	}
	var all []named
	add := func(kind string, tables []*table) {
		for i, t := range tables {
			name, ok := t.str("name")
			switch {
			case ok && name != "":
				t.element = fmt.Sprintf("%s %q", kind, name)
				all = append(all, named{t, name, node{kind, i, t.line("")}})
			case ok:
				t.bad("name", "name must not be empty")
			case !t.has("name"):
				t.missing("name", "name is missing")
			}
		}
	}
	add("source", pl.sources)
	add("station", pl.stations)
	add("sink", pl.sinks)
	add("crew", pl.crews)
	add("shift", pl.shifts)
	add("product", pl.products)
	add("material", pl.materials)
	add("conveyor", pl.conveyors)
	add("transporter", pl.transporters)
	add("kanban", pl.kanbans)
	sort.SliceStable(all, func(i, j int) bool { return all[i].node.line < all[j].node.line })
	nodes := map[string]node{}
	pl.named = make([]bool, len(pl.stations))
	for _, e := range all {
		if first, dup := nodes[e.name]; dup {
			e.t.bad("name", "name %q is already used by a %s%s", e.name, first.kind, onLine(first.line))
			continue
		}
		nodes[e.name] = e.node
		if e.node.kind == "station" {
			pl.named[e.node.index] = true
		}
	}
	return nodes
}

func onLine(line int) string {
	if line > 0 {
		return fmt.Sprintf(" on line %d", line)
	}
	return ""
}

// resolve checks that every "to" names an element of the right kind and
// records the target of every route.
func (pl *plant) resolve(nodes map[string]node) {
	for _, t := range pl.sources {
		to, isStr := t.m["to"].(string)
		if !isStr {
			continue // missing or not a string, already reported
		}
		switch n, ok := nodes[to]; {
		case !ok:
			t.bad("to", "to %q names no station%s", to, pl.hint(to, "station"))
		case n.kind != "station":
			t.bad("to", "to %q is a %s; a source must feed a station", to, n.kind)
		}
	}
	for i, t := range pl.stations {
		for j := range pl.routes[i] {
			pl.routes[i][j].target = pl.resolveRoute(t, &pl.routes[i][j], nodes)
		}
	}
}

// resolveRoute returns the target of one route, reporting a bad name.
func (pl *plant) resolveRoute(t *table, r *route, nodes map[string]node) int {
	if r.invalid {
		return toUnknown // the branch names no target, already reported
	}
	bad := func(format string, args ...any) int {
		t.ps.add(r.line, t.element, "to", format, args...)
		return toUnknown
	}
	n, ok := nodes[r.to]
	switch {
	case !ok && r.kind == "":
		return bad("to %q names no station or sink%s", r.to, pl.hint(r.to, "station", "sink"))
	case !ok:
		return bad("to %q names no %s%s", r.to, r.kind, pl.hint(r.to, r.kind))
	case n.kind != "station" && n.kind != "sink":
		return bad("to %q is a %s; parts can only go to a station or a sink", r.to, n.kind)
	case r.kind != "" && n.kind != r.kind:
		return bad("to %q is a %s, not a %s (write %s = %q)", r.to, n.kind, r.kind, n.kind, r.to)
	case n.kind == "sink":
		return toSink
	}
	return n.index
}

// hint suggests the name of an element of the given kinds close to a
// misspelt name.
func (pl *plant) hint(name string, kinds ...string) string {
	var candidates []string
	for _, k := range kinds {
		tables := pl.stations
		if k == "sink" {
			tables = pl.sinks
		}
		for _, t := range tables {
			if n, ok := t.m["name"].(string); ok {
				candidates = append(candidates, n)
			}
		}
	}
	return nameHint(name, candidates)
}

// checkReach reports every station that no source reaches and every station
// from which no sink can be reached, following routes with p > 0. A station
// that routes with p = 0 only lead to gets a warning instead (a branch
// switched off, e.g. by a variant): it stays idle. A route
// whose target is unknown (already reported) counts as reaching a sink, and
// the source check is skipped when a source's target is unknown, so that one
// misspelt name does not cascade into more problems.
func (pl *plant) checkReach() {
	n := len(pl.stations)
	if n == 0 {
		return
	}
	reached, sourcesOK := pl.reachedFromSources(route.live)
	byAnyRoute, _ := pl.reachedFromSources(func(route) bool { return true })
	toSinkOK := pl.reachingSinks()
	for i, t := range pl.stations {
		if !pl.named[i] {
			continue // cannot be referred to; its name is reported
		}
		if sourcesOK && len(pl.sources) > 0 && !reached[i] {
			if byAnyRoute[i] {
				t.warn("", "no source reaches this station: the routes to it have p = 0, so it stays idle")
				continue
			}
			t.bad("", "no source reaches this station")
		}
		if len(pl.sinks) > 0 && !toSinkOK[i] {
			t.bad("", "no sink can be reached from this station: its parts would never leave the plant")
		}
	}
}

// live reports whether parts may take the route: p > 0, or p is bad and
// already reported, so the route is given the benefit of the doubt.
func (r route) live() bool { return r.p > 0 || r.badP }

// reachingSinks marks the stations from which a sink can be reached: those
// with a route (p > 0) to a sink or to an unknown target, and, walking the
// routes backwards once, every station with a route to a marked one. A
// station without routes counts as reaching a sink in a plant without
// products ("to" is missing or malformed, already reported).
func (pl *plant) reachingSinks() []bool {
	n := len(pl.stations)
	ok := make([]bool, n)
	preds := make([][]int, n)
	var queue []int
	mark := func(i int) {
		if !ok[i] {
			ok[i] = true
			queue = append(queue, i)
		}
	}
	for i := range n {
		if len(pl.routes[i]) == 0 && len(pl.products) == 0 {
			mark(i)
		}
		for _, r := range pl.routes[i] {
			switch {
			case !r.live():
			case r.target < 0:
				mark(i)
			default:
				preds[r.target] = append(preds[r.target], i)
			}
		}
	}
	for len(queue) > 0 {
		j := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, i := range preds[j] {
			mark(i)
		}
	}
	return ok
}

// reachedFromSources marks the stations reachable from a source by routes
// that follow says parts take; ok is false when some source's target is
// unknown.
func (pl *plant) reachedFromSources(follow func(route) bool) (reached []bool, ok bool) {
	reached = make([]bool, len(pl.stations))
	var queue []int
	index := map[string]int{}
	for i, st := range pl.model.Stations {
		if _, dup := index[st.Name]; !dup {
			index[st.Name] = i
		}
	}
	for _, so := range pl.model.Sources {
		i, found := index[so.To]
		if !found {
			return reached, false
		}
		if !reached[i] {
			reached[i] = true
			queue = append(queue, i)
		}
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		for _, r := range pl.routes[i] {
			if follow(r) && r.target >= 0 && !reached[r.target] {
				reached[r.target] = true
				queue = append(queue, r.target)
			}
		}
	}
	return reached, true
}
