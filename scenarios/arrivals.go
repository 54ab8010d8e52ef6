package scenarios

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// decodeArrivals reads a source's weekly demand pattern:
//
//	arrivals = [{ during = "Mon-Fri 06:00-14:00", rate = "30/h" },
//	            { during = ["Sat 08:00-12:00"], rate = 0.2 }]
//
// during is a window or a list of windows as in a shift; rate is parts per
// time unit, or "N/UNIT" (parts per s, min, h, d or w). Where windows
// overlap, the first one's rate holds; outside every window it is 0. An
// entry may instead be a batch delivered on a weekly schedule:
//
//	{ at = "Mon-Fri 06:00", parts = 20 }
func decodeArrivals(t *table, unit string) *sim.Arrivals {
	u, _ := lookupUnit(unit)
	items, ok := list(t.m["arrivals"])
	if !ok || len(items) == 0 {
		t.typeError("arrivals", `a list like [{ during = "Mon-Fri 06:00-14:00", rate = "30/h" }]`, t.m["arrivals"])
		return nil
	}
	a := &sim.Arrivals{Week: u.fromMinutes(minutesPerWeek)}
	for i, item := range items {
		line := t.ps.lines.item(joinPath(t.path, "arrivals"), i)
		m, ok := item.(map[string]any)
		if !ok {
			t.ps.add(line, t.element, "arrivals", "arrivals #%d must be a table like { during = \"Mon-Fri 06:00-14:00\", rate = \"30/h\" }, got %s", i+1, describe(item))
			continue
		}
		b := &table{ps: t.ps, m: m, element: t.element, prefix: fmt.Sprintf("arrivals #%d: ", i+1), at: line}
		b.known("during", "rate", "at", "parts")
		if b.has("at") || b.has("parts") {
			if b.has("during") || b.has("rate") {
				b.bad("", "give during and rate (a rate over windows) or at and parts (a batch), not both")
				continue
			}
			if bt, ok := decodeBatch(b, u); ok {
				a.Batches = append(a.Batches, bt)
			}
			continue
		}
		if s, ok := m["during"].(string); ok {
			m["during"] = []any{s}
		}
		w := sim.RateWindow{On: weeklyIntervals(b, "during", u)}
		if !b.has("during") {
			b.missing("during", `during is missing: when, e.g. during = "Mon-Fri 06:00-14:00"`)
		}
		w.Rate, ok = arrivalRate(b, unit)
		if ok {
			a.Windows = append(a.Windows, w)
		}
	}
	if len(a.Windows)+len(a.Batches) == len(items) && !(a.MeanRate() > 0) {
		t.bad("arrivals", "arrivals: the rate is 0 all week: no part would ever arrive")
	}
	return a
}

// arrivalRate reads rate: a number of parts per time unit, or "N/UNIT".
func arrivalRate(b *table, unit string) (float64, bool) {
	if !b.has("rate") {
		b.missing("rate", `rate is missing: parts per time unit, or e.g. rate = "30/h"`)
		return 0, false
	}
	return b.perTime("rate", unit, "parts", `"30/h"`)
}

// perTime reads key: a number of what per time unit, or "N/UNIT" (N per
// UNIT, e.g. example), >= 0 and finite.
func (b *table) perTime(key, unit, what, example string) (float64, bool) {
	v := b.m[key]
	var r float64
	switch x := v.(type) {
	case int64:
		r = float64(x)
	case float64:
		r = x
	case string:
		n, per, ok := strings.Cut(x, "/")
		f, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
		if !ok || err != nil {
			b.bad(key, "%s: %q: want %s per time unit or \"N/UNIT\", e.g. %s", key, x, what, example)
			return 0, false
		}
		one, err := ParseDuration("1"+strings.TrimSpace(per), unit)
		if err != nil {
			b.bad(key, "%s: %q: %v", key, x, err)
			return 0, false
		}
		r = f / one
	default:
		b.typeError(key, `a number or "N/UNIT"`, v)
		return 0, false
	}
	if !(r >= 0) || math.IsInf(r, 0) {
		b.bad(key, "%s must be >= 0 and finite, got %v", key, v)
		return 0, false
	}
	return r, true
}

// decodeBatch reads a batch delivered on a weekly schedule: at is an
// instant "Mon-Fri 06:00" (days as in a shift) or a list of them.
func decodeBatch(b *table, u timeUnit) (sim.Batch, bool) {
	var bt sim.Batch
	ok := true
	if !b.has("at") {
		b.missing("at", `at is missing: when the batch arrives, e.g. at = "Mon-Fri 06:00"`)
		ok = false
	}
	if s, isStr := b.m["at"].(string); isStr {
		b.m["at"] = []any{s}
	}
	if b.has("at") {
		items, isList := list(b.m["at"])
		if !isList || len(items) == 0 {
			b.typeError("at", `an instant like "Mon-Fri 06:00" or a list of them`, b.m["at"])
			ok = false
		}
		for _, it := range items {
			s, isStr := it.(string)
			if !isStr {
				b.typeError("at", `a list of instants like "Mon-Fri 06:00"`, it)
				ok = false
				continue
			}
			at, err := parseInstants(s)
			if err != nil {
				b.bad("at", "at: %q: %v", s, err)
				ok = false
				continue
			}
			for _, x := range at {
				bt.At = append(bt.At, u.fromMinutes(x%minutesPerWeek))
			}
		}
	}
	n, has := b.integer("parts")
	switch {
	case !b.has("parts"):
		b.missing("parts", "parts is missing: how many parts each delivery brings")
		ok = false
	case has && n < 1:
		b.bad("parts", "parts must be >= 1, got %d", n)
		ok = false
	case has:
		ok = b.countAtMost("parts", n, sim.MaxInPlant, whyInPlant) && ok
		bt.Parts = int(n)
	default:
		ok = false
	}
	return bt, ok
}

// parseInstants reads "Mon-Fri 06:00" (days as in parseWindow) into
// instants of the week in minutes from Monday 00:00.
func parseInstants(s string) ([]int, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return nil, fmt.Errorf(`want DAYS HH:MM, e.g. "Mon-Fri 06:00"`)
	}
	days, err := parseDays(f[0])
	if err != nil {
		return nil, err
	}
	c, err := parseClock(f[1])
	if err != nil {
		return nil, fmt.Errorf("want a time HH:MM between 00:00 and 24:00, got %q", f[1])
	}
	var out []int
	for _, d := range days {
		out = append(out, 24*60*d+c)
	}
	return out, nil
}
