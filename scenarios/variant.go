package scenarios

import (
	"fmt"
	"sort"
	"strings"
)

// Set is one change of a scenario value: a key path such as
// "station.weld.buffer" and the TOML value to put there.
type Set struct {
	Path  string
	Value any
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
		if err := setPath(doc, s.Path, s.Value); err != nil {
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
	return v, nil
}

// decodeVariants reads the [[variant]] tables of a valid base scenario.
func decodeVariants(sc *Scenario, root *table, ps *problems) {
	tables, ok := root.array("variant")
	if !ok {
		return
	}
	names := map[string]int{}
	for _, t := range tables {
		t.known("name", "description", "set")
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
		if line == 0 {
			line = t.line("")
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

// variantSets reads "set": a table of key paths to values. Nested tables
// (set = { station.weld.buffer = 10 }, without quotes) are read as paths.
func variantSets(t *table) []Set {
	v, ok := t.m["set"]
	if !ok {
		t.missing("set", `set is missing: which values does the variant change, e.g. set = { "station.weld.buffer" = 10 }?`)
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.typeError("set", `a table like { "station.weld.buffer" = 10 }`, v)
		return nil
	}
	var sets []Set
	flatten("", m, &sets)
	sort.SliceStable(sets, func(i, j int) bool { return sets[i].Path < sets[j].Path })
	return sets
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
// its failure mode jam. Missing tables on the way are created.
func setPath(doc map[string]any, path string, value any) error {
	segs := strings.Split(path, ".")
	node := doc
	for i := 0; i < len(segs)-1; i++ {
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
				return fmt.Errorf("%s: no %q in the scenario%s", path, key, nameHint(key, present))
			}
			m := map[string]any{}
			node[key] = m
			node = m
		case map[string]any:
			node = child
			// A list written as one table (failures = { name = "jam", … })
			// is entered by its name too.
			if n, _ := child["name"].(string); n != "" && i+2 < len(segs) && n == segs[i+1] {
				if _, isKey := child[n]; !isKey {
					i++
				}
			}
		case []map[string]any, []any:
			if i+1 >= len(segs)-1 {
				return fmt.Errorf("%s: %s is a list; name an element, e.g. %s.NAME.KEY", path, key, strings.Join(segs[:i+1], "."))
			}
			el, err := named(child, segs[i+1], key)
			if err != nil {
				return fmt.Errorf("%s: %v", path, err)
			}
			node = el
			i++
		default:
			return fmt.Errorf("%s: %s is a value, not a table", path, strings.Join(segs[:i+1], "."))
		}
	}
	node[segs[len(segs)-1]] = value
	return nil
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
