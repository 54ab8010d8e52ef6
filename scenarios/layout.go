package scenarios

import (
	"fmt"
	"sort"

	"github.com/takt-sim/takt/sim"
)

// LayoutHint places one element in the report's drawing of the plant: its
// column (1 is the leftmost, counted before long lines wrap) and its row
// within the column (1 is the top). 0 leaves it to the automatic layout.
type LayoutHint struct{ Row, Column int }

// decodeLayout reads the optional [layout] table: element name → { row,
// column }, for sources, stations and sinks.
func decodeLayout(root *table, m *sim.Model) map[string]LayoutHint {
	t := root.sub("layout", "layout")
	if t == nil || m == nil {
		return nil
	}
	var names []string
	for _, s := range m.Sources {
		names = append(names, s.Name)
	}
	for _, s := range m.Stations {
		names = append(names, s.Name)
	}
	for _, s := range m.Sinks {
		names = append(names, s.Name)
	}
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		li, lj := t.line(keys[i]), t.line(keys[j])
		return li < lj || li == lj && keys[i] < keys[j]
	})
	hints := map[string]LayoutHint{}
	for _, name := range keys {
		if !contains(names, name) {
			t.bad(name, "%q is no source, station or sink%s", name, didYouMean(name, names))
			continue
		}
		h := t.sub(name, fmt.Sprintf("layout %q", name))
		if h == nil {
			continue // not a table: reported by sub
		}
		var hint LayoutHint
		for k := range h.m {
			if k != "row" && k != "column" {
				h.bad(k, "unknown key %q; a layout hint has row and column", k)
			}
		}
		for _, k := range []struct {
			key string
			to  *int
		}{{"row", &hint.Row}, {"column", &hint.Column}} {
			if v, ok := h.integer(k.key); ok {
				if v < 1 || v > 1000 {
					h.bad(k.key, "%s must be between 1 and 1000, got %d", k.key, v)
					continue
				}
				*k.to = int(v)
			}
		}
		hints[name] = hint
	}
	return hints
}
