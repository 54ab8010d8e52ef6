package scenarios

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Set is one change of a scenario value: a key path such as
// "station.weld.buffer" and the TOML value to put there, or, with Remove,
// the key (or the named element of a list, "station.press.failures.jam")
// to delete, so that its default applies.
type Set struct {
	Path   string
	Value  any
	Remove bool
}

// alternatives are keys of which a table holds at most one. Setting one
// drops the others from its table, so a variant may turn an open source
// into a CONWIP loop with "source.NAME.conwip" = 5 alone.
var alternatives = [][]string{
	{"interarrival", "arrivals", "saturated", "conwip", "orders", "rope", "pull"},
	{"ttf", "mtbf"},
	{"ttr", "mttr"},
}

// Variant is an alternative to the base scenario: the base with some values
// changed, decoded and validated like the base.
type Variant struct {
	Name     string
	Line     int // of its [[variant]] header
	Sets     []Set
	Scenario *Scenario
}

// locked are the key paths a variant may not change: comparisons pair
// replication i of every alternative, which needs the same replications and
// seed.
var locked = map[string]string{
	"run.seed":         "compare pairs replications with the same seed; use --seed for all",
	"run.replications": "compare pairs replications; use --replications for all",
}

// With returns the scenario with the given values changed, decoded and
// validated as a whole. Problems are reported at line (0 for none) as
// problems of element, e.g. `variant "bigger buffer"` or `--set`.
func (sc *Scenario) With(sets []Set, line int, element string) (*Scenario, error) {
	doc := copyDoc(sc.doc).(map[string]any)
	delete(doc, "variant")
	ps := &problems{file: sc.File, lines: sc.lines}
	for _, s := range sets {
		if why, ok := locked[s.Path]; ok {
			ps.add(line, element, s.Path, "%s cannot be changed: %s", s.Path, why)
			continue
		}
		apply := setPath
		if s.Remove {
			apply = func(doc map[string]any, path string, _ any) error { return removePath(doc, path) }
		}
		if err := apply(doc, s.Path, s.Value); err != nil {
			ps.add(line, element, s.Path, "%v", err)
		}
	}
	if err := ps.err(); err != nil {
		return nil, err
	}
	inner := &problems{file: sc.File, lines: sc.lines}
	v := decode(&table{ps: inner, m: doc}, sc.File, sc.read)
	if err := validateModel(inner, v); err != nil {
		for _, p := range err.(*InvalidError).Problems {
			msg := p.Msg
			if p.Element != "" {
				msg = p.Element + ": " + msg
			}
			ps.add(line, element, p.Key, "%s", msg)
		}
		return nil, ps.err()
	}
	v.doc, v.lines, v.read = doc, sc.lines, sc.read
	v.Warnings = newWarnings(sc.Warnings, inner.warnings, line, element)
	return v, nil
}

// newWarnings are the warnings of a changed scenario that the scenario it
// was made from does not have, reported at line as warnings of element.
func newWarnings(base, changed []Problem, line int, element string) []Problem {
	var out []Problem
	for _, w := range byLine(changed) {
		if slices.ContainsFunc(base, func(b Problem) bool { return b.Element == w.Element && b.Msg == w.Msg }) {
			continue
		}
		msg := w.Msg
		if w.Element != "" {
			msg = w.Element + ": " + msg
		}
		out = append(out, Problem{File: w.File, Line: line, Element: element, Key: w.Key, Msg: msg})
	}
	return out
}

// decodeVariants reads the [[variant]] tables of a valid base scenario.
func decodeVariants(sc *Scenario, root *table, ps *problems) {
	tables, ok := root.array("variant")
	if !ok {
		return
	}
	names := map[string]int{}
	for _, t := range tables {
		t.known("name", "description", "set", "remove")
		name, _ := t.str("name")
		switch {
		case name == "":
			t.missing("name", "name is missing: say what the variant changes")
			continue
		case names[name] > 0:
			t.bad("name", "variant name %q is already used on line %d", name, names[name])
			continue
		}
		names[name] = t.line("")
		t.element = fmt.Sprintf("variant %q", name)
		sets := variantSets(t)
		line := t.line("set")
		if !t.has("set") {
			line = t.line("remove")
		}
		v, err := sc.With(sets, line, t.element)
		if err != nil {
			ps.list = append(ps.list, err.(*InvalidError).Problems...)
			continue
		}
		v.Name = name
		sc.Variants = append(sc.Variants, &Variant{Name: name, Line: t.line(""), Sets: sets, Scenario: v})
	}
}

// variantSets reads "remove", a list of key paths to delete, and "set", a
// table of key paths to values: the removals first, then the values, so a
// variant may remove a key and set another in its place. Nested tables
// (set = { station.weld.buffer = 10 }, without quotes) are read as paths.
func variantSets(t *table) []Set {
	var sets []Set
	if v, ok := t.m["remove"]; ok {
		items, isList := list(v)
		for _, it := range items {
			if p, isStr := it.(string); isStr && p != "" {
				sets = append(sets, Set{Path: p, Remove: true})
			} else {
				isList = false
			}
		}
		if !isList {
			t.typeError("remove", `a list of key paths like ["station.weld.buffer"]`, v)
		}
	}
	v, ok := t.m["set"]
	if !ok {
		if len(sets) == 0 {
			t.missing("set", `set is missing: which values does the variant change, e.g. set = { "station.weld.buffer" = 10 }?`)
		}
		return sets
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.typeError("set", `a table like { "station.weld.buffer" = 10 }`, v)
		return sets
	}
	var values []Set
	flatten("", m, &values)
	sort.SliceStable(values, func(i, j int) bool { return values[i].Path < values[j].Path })
	return append(sets, values...)
}

// flatten turns nested tables into dotted key paths. A table whose keys are
// not all paths (a value such as pm = { every = "8h", … }) is kept whole
// when it is reached by a quoted path containing a dot.
func flatten(prefix string, m map[string]any, out *[]Set) {
	for k, v := range m {
		path := k
		if prefix != "" {
			path = prefix + "." + k
		}
		if sub, ok := v.(map[string]any); ok && !strings.Contains(k, ".") {
			flatten(path, sub, out)
			continue
		}
		*out = append(*out, Set{Path: path, Value: v})
	}
}

// setPath puts value at the key path in doc. Arrays of tables are entered
// by the "name" of an element: "station.weld.buffer" is the key buffer of
// the [[station]] named weld, "station.press.failures.jam.mttr" the mttr of
// its failure mode jam. Missing tables on the way are created. Keys that
// are alternatives to the one set (see alternatives) are dropped.
func setPath(doc map[string]any, path string, value any) error {
	segs := strings.Split(path, ".")
	node, err := walk(doc, path, segs[:len(segs)-1], true)
	if err != nil {
		return err
	}
	key := segs[len(segs)-1]
	for _, alt := range alternatives {
		if slices.Contains(alt, key) {
			for _, k := range alt {
				delete(node, k)
			}
		}
	}
	node[key] = value
	return nil
}

// removePath deletes the key at path from doc, or, when path ends in
// LIST.NAME, the element called NAME of that list of tables.
func removePath(doc map[string]any, path string) error {
	segs := strings.Split(path, ".")
	last := segs[len(segs)-1]
	if len(segs) >= 2 {
		parent, err := walk(doc, path, segs[:len(segs)-2], false)
		key := segs[len(segs)-2]
		if err == nil {
			switch l := parent[key].(type) {
			case []map[string]any, []any:
				items, _ := list(l)
				if _, err := named(l, last, key); err != nil {
					return fmt.Errorf("%s: %v", path, err)
				}
				kept := []any{}
				for _, it := range items {
					if m, ok := it.(map[string]any); !ok || m["name"] != last {
						kept = append(kept, it)
					}
				}
				parent[key] = kept
				return nil
			case map[string]any:
				if _, isKey := l[last]; !isKey && l["name"] == last {
					delete(parent, key) // a list written as one table
					return nil
				}
			}
		}
	}
	node, err := walk(doc, path, segs[:len(segs)-1], false)
	if err != nil {
		return err
	}
	if _, ok := node[last]; !ok {
		return fmt.Errorf("%s: nothing to remove: %s is not set", path, path)
	}
	delete(node, last)
	return nil
}

// walk follows the key path segs (a prefix of path) from doc to a table.
// Missing tables on the way are created when create is set, errors
// otherwise.
func walk(doc map[string]any, path string, segs []string, create bool) (map[string]any, error) {
	node := doc
	for i := 0; i < len(segs); i++ {
		key := segs[i]
		switch child := node[key].(type) {
		case nil:
			if i == 0 {
				var present []string
				for _, k := range topKeys {
					if v, ok := doc[k]; ok && k != "variant" && !isValue(v) {
						present = append(present, k)
					}
				}
				return nil, fmt.Errorf("%s: no %q in the scenario%s", path, key, nameHint(key, present))
			}
			if !create {
				return nil, fmt.Errorf("%s: no %q in the scenario", path, strings.Join(segs[:i+1], "."))
			}
			m := map[string]any{}
			node[key] = m
			node = m
		case map[string]any:
			node = child
			// A list written as one table (failures = { name = "jam", … })
			// is entered by its name too.
			if n, _ := child["name"].(string); n != "" && i+1 < len(segs) && n == segs[i+1] {
				if _, isKey := child[n]; !isKey {
					i++
				}
			}
		case []map[string]any, []any:
			if i+1 >= len(segs) {
				return nil, fmt.Errorf("%s: %s is a list; name an element, e.g. %s.NAME.KEY", path, key, strings.Join(segs[:i+1], "."))
			}
			el, err := named(child, segs[i+1], key)
			if err != nil {
				return nil, fmt.Errorf("%s: %v", path, err)
			}
			node = el
			i++
		default:
			return nil, fmt.Errorf("%s: %s is a value, not a table", path, strings.Join(segs[:i+1], "."))
		}
	}
	return node, nil
}

// isValue reports whether v is a plain value, not a table or a list of
// tables.
func isValue(v any) bool {
	switch v.(type) {
	case map[string]any, []map[string]any, []any:
		return false
	}
	return true
}

// named returns the element of a list of tables whose "name" is name.
func named(elements any, name, kind string) (map[string]any, error) {
	items, _ := list(elements)
	var names []string
	for _, it := range items {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		if n, _ := m["name"].(string); n == name {
			return m, nil
		} else if n != "" {
			names = append(names, n)
		}
	}
	return nil, fmt.Errorf("no %s named %q%s", kind, name, nameHint(name, names))
}

// copyDoc deep-copies a decoded TOML value.
func copyDoc(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = copyDoc(e)
		}
		return m
	case []map[string]any:
		s := make([]map[string]any, len(x))
		for i, e := range x {
			s[i] = copyDoc(e).(map[string]any)
		}
		return s
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = copyDoc(e)
		}
		return s
	}
	return v
}
