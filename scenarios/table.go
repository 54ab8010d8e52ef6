package scenarios

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/takt-sim/takt/sim"
)

// table is one decoded TOML table together with its place in the file. Its
// getters check the TOML type and report a problem on the key's line when it
// is wrong; they return ok = false when the key is missing or wrong.
type table struct {
	ps      *problems
	m       map[string]any
	path    string // line index path, e.g. "station[2]"
	element string // e.g. `station "weld"`; empty for the top level
	prefix  string // put before every message, e.g. "to #2: "
	at      int    // if > 0, the line of the table and all its keys
}

// line returns the line of key, or of the table itself when key is "".
func (t *table) line(key string) int {
	if t.at > 0 {
		return t.at
	}
	if key == "" {
		return t.ps.lines.line(t.path)
	}
	return t.ps.lines.line(joinPath(t.path, key))
}

// bad records a problem on key (or on the table when key is "").
func (t *table) bad(key, format string, args ...any) {
	t.ps.add(t.line(key), t.element, key, t.prefix+format, args...)
}

// warn records a warning about key (or the table when key is "").
func (t *table) warn(key, format string, args ...any) {
	t.ps.warn(t.line(key), t.element, key, t.prefix+format, args...)
}

// missing records that a required key is missing, on the table's line.
func (t *table) missing(key, format string, args ...any) {
	t.ps.add(t.line(""), t.element, key, t.prefix+format, args...)
}

func (t *table) has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// known reports every key of t that is not in keys, in file order.
func (t *table) known(keys ...string) {
	if t.ps.keys != nil {
		t.ps.keys[t.kind()] = keys
	}
	var unknown []string
	for k := range t.m {
		if !contains(keys, k) {
			unknown = append(unknown, k)
		}
	}
	sort.Slice(unknown, func(i, j int) bool {
		li, lj := t.line(unknown[i]), t.line(unknown[j])
		return li < lj || li == lj && unknown[i] < unknown[j]
	})
	for _, k := range unknown {
		msg := fmt.Sprintf("unknown key %q", k) + didYouMean(k, keys)
		t.bad(k, "%s", msg)
	}
}

// kind names the kind of table t is, as Schema does: "" for the top level,
// "run", "station", "station.failures", … (the path without indexes, or,
// for the tables inside a key's value, the element's kind and the key).
func (t *table) kind() string {
	if t.path == "" && t.prefix != "" {
		key, _, _ := strings.Cut(strings.TrimSuffix(t.prefix, ": "), " ")
		kind, _, _ := strings.Cut(t.element, " ")
		return kind + "." + key
	}
	var b strings.Builder
	skip := false
	for _, r := range t.path {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// typeError reports that key holds a value of the wrong TOML type.
func (t *table) typeError(key, want string, v any) {
	t.bad(key, "%s must be %s, got %s", key, want, describe(v))
}

// approx formats a computed number for a message: 12 significant digits,
// so that binary noise such as 0.8999999999999999 (0.3 + 0.6) reads 0.9
// while any difference the checks care about (1e-9) still shows.
func approx(x float64) string { return strconv.FormatFloat(x, 'g', 12, 64) }

// describe names the TOML type of a decoded value, with the value when short.
func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("string %q", v)
	case int64:
		return fmt.Sprintf("integer %d", v)
	case float64:
		return "float " + strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return fmt.Sprintf("boolean %t", v)
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date/time"
	}
	return fmt.Sprintf("%T", v)
}

func (t *table) str(key string) (string, bool) {
	v, ok := t.m[key]
	if !ok {
		return "", false
	}
	s, ok := v.(string)
	if !ok {
		t.typeError(key, "a string", v)
	}
	return s, ok
}

func (t *table) integer(key string) (int64, bool) {
	v, ok := t.m[key]
	if !ok {
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		t.typeError(key, "an integer", v)
	}
	return n, ok
}

// number accepts an integer or a finite float.
func (t *table) number(key string) (float64, bool) {
	v, ok := t.m[key]
	if !ok {
		return 0, false
	}
	switch n := v.(type) {
	case int64:
		return float64(n), true
	case float64:
		if !math.IsNaN(n) && !math.IsInf(n, 0) {
			return n, true
		}
	}
	t.typeError(key, "a finite number", v)
	return 0, false
}

func (t *table) boolean(key string) (bool, bool) {
	v, ok := t.m[key]
	if !ok {
		return false, false
	}
	b, ok := v.(bool)
	if !ok {
		t.typeError(key, "true or false", v)
	}
	return b, ok
}

// duration reads a number (in unit) or a string such as "90s", >= 0.
func (t *table) duration(key, unit string) (float64, bool) {
	v, ok := t.m[key]
	if !ok {
		return 0, false
	}
	var d float64
	var err error
	switch x := v.(type) {
	case string:
		d, err = ParseDuration(x, unit)
	case int64, float64:
		d, err = ParseDuration(fmt.Sprint(x), unit)
	default:
		t.typeError(key, `a duration (a number or a string like "90s")`, v)
		return 0, false
	}
	if err != nil {
		t.bad(key, "%s: %v", key, err)
		return 0, false
	}
	return d, true
}

// dist reads a distribution: a string like "exp(1.5)" or a number (const).
func (t *table) dist(key, unit string) (sim.Dist, bool) {
	v, ok := t.m[key]
	if !ok {
		return nil, false
	}
	var text string
	switch x := v.(type) {
	case string:
		text = x
	case int64, float64:
		text = fmt.Sprint(x)
	default:
		t.typeError(key, `a distribution (a string like "exp(1.5)" or a number)`, v)
		return nil, false
	}
	d, err := ParseDist(text, unit)
	if err != nil {
		t.bad(key, "%s: %v", key, err)
		return nil, false
	}
	return d, true
}

// sub returns the table under key, or nil when it is missing or not a table.
func (t *table) sub(key, element string) *table {
	v, ok := t.m[key]
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.typeError(key, "a table (["+key+"])", v)
		return nil
	}
	return &table{ps: t.ps, m: m, path: joinPath(t.path, key), element: element}
}

// array returns the elements of the array of tables under key; ok is
// false when key holds something else.
func (t *table) array(key string) (tables []*table, ok bool) {
	v, ok := t.m[key]
	if !ok {
		return nil, true
	}
	var maps []map[string]any
	switch x := v.(type) {
	case []map[string]any:
		maps = x
	case []any:
		for _, e := range x {
			m, ok := e.(map[string]any)
			if !ok {
				t.typeError(key, "an array of tables ([["+key+"]])", v)
				return nil, false
			}
			maps = append(maps, m)
		}
	default:
		t.typeError(key, "an array of tables ([["+key+"]])", v)
		return nil, false
	}
	out := make([]*table, len(maps))
	for i, m := range maps {
		out[i] = &table{ps: t.ps, m: m, path: fmt.Sprintf("%s[%d]", joinPath(t.path, key), i),
			element: fmt.Sprintf("%s #%d", key, i+1)}
	}
	return out, true
}

// didYouMean is " (did you mean "x"?)" for the candidate closest to name
// when it is a likely typo, or "".
func didYouMean(name string, candidates []string) string {
	if s := suggest(name, candidates); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// nameHint follows a name that is none of candidates: " (did you mean
// "done"?)" when one is close, else the valid names, " (valid names: cut,
// weld, done)", the first 12 of a long list; "" when there are none.
func nameHint(name string, candidates []string) string {
	if s := didYouMean(name, candidates); s != "" || len(candidates) == 0 {
		return s
	}
	const most = 12
	list := strings.Join(candidates[:min(len(candidates), most)], ", ")
	if len(candidates) > most {
		list += ", …"
	}
	return " (valid names: " + list + ")"
}

// suggest returns the key in keys closest to k, if it is a likely typo.
func suggest(k string, keys []string) string {
	best, bestD := "", 3
	for _, c := range keys {
		if d := editDistance(strings.ToLower(k), c); d < bestD && 2*d < len(c) {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// list returns v as a list of items when it is a TOML array, of tables or
// of values.
func list(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case []map[string]any:
		items := make([]any, len(x))
		for i, m := range x {
			items[i] = m
		}
		return items, true
	}
	return nil, false
}
