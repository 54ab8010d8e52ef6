package scenarios

import (
	"fmt"

	"github.com/takt-sim/takt/sim"
)

// elementRef is a reference to a crew or a shift by name, checked once
// every element is known.
type elementRef struct {
	t    *table
	key  string
	name string
}

// decodeCrews reads the [[crew]] tables.
func (pl *plant) decodeCrews(tables []*table) []sim.Crew {
	var crews []sim.Crew
	for _, t := range tables {
		t.known("name", "size", "shift", "cost_per_hour", "overtime")
		c := sim.Crew{Size: 1}
		c.Name, _ = t.m["name"].(string) // checked by names
		if name, ok := t.str("shift"); ok {
			c.Shift = name
			pl.shiftRefs = append(pl.shiftRefs, elementRef{t, "shift", name})
		}
		if n, ok := t.integer("size"); ok {
			if n < 1 {
				t.bad("size", "size must be >= 1, got %d", n)
			}
			t.countAtMost("size", n, sim.MaxCrewSize, whyCrew)
			c.Size = int(n)
		}
		crews = append(crews, c)
	}
	return crews
}

// decodeFailures reads a station's "failures": one table or an array of
// them.
func (pl *plant) decodeFailures(t *table, unit string) []sim.Failure {
	v, ok := t.m["failures"]
	if !ok {
		return nil
	}
	items, ok := list(v)
	if m, one := v.(map[string]any); one {
		items, ok = []any{m}, true
	}
	if !ok {
		t.typeError("failures", `a table like { ttf = "exp(2h)", ttr = "exp(3min)" } or an array of them`, v)
		return nil
	}
	var fs []sim.Failure
	names := map[string]bool{}
	for i, item := range items {
		line := t.ps.lines.item(joinPath(t.path, "failures"), i)
		if line == 0 {
			line = t.line("failures")
		}
		m, ok := item.(map[string]any)
		if !ok {
			t.ps.add(line, t.element, "failures", "failures #%d must be a table, got %s", i+1, describe(item))
			continue
		}
		b := &table{ps: t.ps, m: m, element: t.element, prefix: fmt.Sprintf("failures #%d: ", i+1), at: line}
		f := pl.decodeFailure(b, unit, i)
		if names[f.Name] {
			b.bad("name", "failure name %q is used twice at this station", f.Name)
		}
		names[f.Name] = true
		fs = append(fs, f)
	}
	return fs
}

// decodeFailure reads one failure mode.
func (pl *plant) decodeFailure(b *table, unit string, i int) sim.Failure {
	b.known("name", "ttf", "ttr", "mtbf", "mttr", "basis", "crew", "priority")
	f := sim.Failure{Name: fmt.Sprintf("failure%d", i+1)}
	if name, ok := b.str("name"); ok && name != "" {
		f.Name = name
	}
	f.TTF = pickDist(b, unit, "ttf", "mtbf", "time to failure")
	f.TTR = pickDist(b, unit, "ttr", "mttr", "time to repair")
	if f.TTF != nil && !(f.TTF.Mean() > 0) {
		b.bad("ttf", "the mean time to failure must be > 0")
		f.TTF = nil
	}
	f.Basis = basis(b)
	f.Crew = pl.crewRef(b)
	if p, ok := b.integer("priority"); ok {
		f.Priority = int(p)
	}
	return f
}

// pickDist reads exactly one of a distribution key (ttf) and its
// exponential mean shorthand (mtbf).
func pickDist(b *table, unit, distKey, meanKey, what string) sim.Dist {
	switch hasD, hasM := b.has(distKey), b.has(meanKey); {
	case hasD && hasM:
		b.bad(meanKey, "give %s or %s, not both", distKey, meanKey)
	case hasD:
		d, _ := b.dist(distKey, unit)
		return d
	case hasM:
		mean, ok := b.duration(meanKey, unit)
		if !ok {
			return nil
		}
		d, err := sim.Exp(mean)
		if err != nil {
			b.bad(meanKey, "%s must be > 0, got %v", meanKey, mean)
			return nil
		}
		return d
	default:
		b.missing(distKey, "the %s is missing: give %s = \"exp(…)\" or %s = …", what, distKey, meanKey)
	}
	return nil
}

// basis reads "basis": "operating" (default) or "calendar".
func basis(b *table) sim.Basis {
	s, ok := b.str("basis")
	switch {
	case !ok || s == "operating":
		return sim.Operating
	case s == "calendar":
		return sim.Calendar
	}
	b.bad("basis", "basis must be \"operating\" or \"calendar\", got %q", s)
	return sim.Operating
}

// crewRef reads "crew" and remembers it for the check against [[crew]].
func (pl *plant) crewRef(b *table) string {
	name, ok := b.str("crew")
	if ok {
		pl.crewRefs = append(pl.crewRefs, elementRef{b, "crew", name})
	}
	return name
}

// decodePM reads a station's "pm" table.
func (pl *plant) decodePM(t *table, unit string) *sim.PM {
	v, ok := t.m["pm"]
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.typeError("pm", `a table like { every = "160h", duration = "2h" }`, v)
		return nil
	}
	b := &table{ps: t.ps, m: m, element: t.element, prefix: "pm: ", at: t.line("pm")}
	b.known("every", "duration", "basis", "crew", "priority", "resets_failures")
	pm := &sim.PM{Basis: basis(b), Crew: pl.crewRef(b)}
	if e, ok := b.duration("every", unit); ok && e > 0 {
		pm.Every = e
	} else if ok {
		b.bad("every", "every must be > 0")
	} else if !b.has("every") {
		b.missing("every", "every is missing: how often is maintenance due?")
	}
	if d, ok := b.dist("duration", unit); ok {
		pm.Duration = d
	} else if !b.has("duration") {
		b.missing("duration", "duration is missing: how long does maintenance take?")
	}
	if p, ok := b.integer("priority"); ok {
		pm.Priority = int(p)
	}
	if r, ok := b.boolean("resets_failures"); ok {
		pm.KeepFailureClocks = !r
	}
	return pm
}

// checkRefs reports every reference to an element of the given kind (crew,
// shift) that names none of names.
func checkRefs(kind string, names []string, refs []elementRef) {
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	for _, r := range refs {
		if !known[r.name] {
			r.t.bad(r.key, "%s %q names no [[%s]]%s", kind, r.name, kind, nameHint(r.name, names))
		}
	}
}
