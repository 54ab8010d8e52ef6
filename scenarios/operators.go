package scenarios

import "github.com/takt-sim/takt/sim"

// decodeOperators reads a station's "operators" (one table, or a list of
// tables in preference order that must agree on count and during) and
// "load".
func (pl *plant) decodeOperators(t *table, st *sim.Station, unit string) {
	if t.has("load") {
		st.Load, _ = t.dist("load", unit)
	}
	v, ok := t.m["operators"]
	if !ok {
		return
	}
	items, isList := list(v)
	if m, one := v.(map[string]any); one {
		items, isList = []any{m}, true
	}
	if !isList || len(items) == 0 {
		t.typeError("operators", `a table like { crew = "operators", count = 1, during = "process" } or a list of them`, v)
		return
	}
	op := &sim.Operators{Count: 1}
	line := t.line("operators")
	for i, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			t.ps.add(line, t.element, "operators", "operators #%d must be a table, got %s", i+1, describe(it))
			continue
		}
		b := &table{ps: t.ps, m: m, element: t.element, prefix: "operators: ", at: line}
		b.known("crew", "count", "during")
		if name, ok := b.str("crew"); ok {
			op.Crews = append(op.Crews, name)
			pl.crewRefs = append(pl.crewRefs, elementRef{b, "crew", name})
		} else if !b.has("crew") {
			b.missing("crew", "crew is missing: which crew's members run the machines?")
		}
		if n, ok := b.integer("count"); ok {
			if n < 1 {
				b.bad("count", "count must be >= 1, got %d", n)
			} else if i > 0 && int(n) != op.Count {
				b.bad("count", "every crew in the list needs the same count")
			}
			op.Count = int(n)
		}
		switch d, ok := b.str("during"); {
		case !ok || d == "process":
		case d == "load":
			op.During = sim.DuringLoad
		case d == "setup":
			op.During = sim.DuringSetup
		default:
			b.bad("during", `during must be "process", "load" or "setup", got %q`, d)
		}
	}
	if op.During == sim.DuringLoad && st.Load == nil && !t.has("load") {
		t.bad("operators", `operators: during = "load" needs a load time, e.g. load = "30s"`)
	}
	for _, c := range pl.model.Crews {
		for _, name := range op.Crews {
			if c.Name == name && c.Size < op.Count {
				t.bad("operators", "operators: crew %q has %d members, fewer than the %d a machine needs", name, c.Size, op.Count)
			}
		}
	}
	st.Operators = op
}
