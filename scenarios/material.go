package scenarios

import (
	"github.com/takt-sim/takt/sim"
)

// Raw materials: [[material]] tables and the stations' "consumes".
//
//	[[material]]
//	name = "steel"
//	initial = 40              # units on hand at time 0 (default 0)
//	reorder_point = 15        # s: (s, Q) with quantity, (s, S) with order_up_to
//	quantity = 30             # Q
//	order_up_to = 50          # S; with review instead of reorder_point: (R, S)
//	review = "8h"             # R, the review period of (R, S)
//	lead_time = "exp(4h)"     # supplier lead time of an order (required)
//	holding = 0.01            # per unit on hand per hour
//	order_cost = 25           # per order placed
//
//	[[station]]
//	consumes = { steel = 2 }  # units taken per part when a machine starts it

// decodeMaterials reads the [[material]] tables; the policy follows from
// the keys given.
func decodeMaterials(tables []*table, unit string, d *costDecoder) []sim.Material {
	var out []sim.Material
	for _, t := range tables {
		t.known("name", "initial", "reorder_point", "quantity", "order_up_to", "review", "lead_time", "holding", "order_cost")
		mt := sim.Material{}
		mt.Name, _ = t.m["name"].(string) // checked by names
		count := func(key string, min int64) int {
			n, ok := t.integer(key)
			if !ok {
				return 0
			}
			if n < min {
				t.bad(key, "%s must be >= %d, got %d", key, min, n)
			}
			if t.countAtMost(key, n, sim.MaxInPlant, whyInPlant) && n >= -sim.MaxInPlant {
				return int(n)
			}
			return 0
		}
		mt.Initial = count("initial", 0)
		mt.Reorder = count("reorder_point", -sim.MaxInPlant)
		mt.Quantity = count("quantity", 1)
		mt.UpTo = count("order_up_to", 1)
		switch s, q, up, r := t.has("reorder_point"), t.has("quantity"), t.has("order_up_to"), t.has("review"); {
		case s && q && !up && !r:
			mt.Policy = sim.ReorderQuantity
		case s && up && !q && !r:
			mt.Policy = sim.OrderUpTo
			if mt.UpTo <= mt.Reorder {
				t.bad("order_up_to", "order_up_to (%d) must exceed reorder_point (%d)", mt.UpTo, mt.Reorder)
			}
		case r && up && !s && !q:
			mt.Policy = sim.PeriodicReview
			if v, ok := t.duration("review", unit); ok && v <= 0 {
				t.bad("review", "review must be > 0")
			} else {
				mt.Review = v
			}
		default:
			t.bad("", "give a replenishment policy: reorder_point and quantity (s, Q), reorder_point and order_up_to (s, S), or review and order_up_to (R, S)")
		}
		if lt, ok := t.dist("lead_time", unit); ok {
			mt.LeadTime = lt
		} else if !t.has("lead_time") {
			t.missing("lead_time", "lead_time is missing: how long does the supplier take, e.g. lead_time = \"2d\"?")
		}
		mt.Holding = d.perHour(t, "holding")
		mt.Ordering = d.each(t, "order_cost")
		out = append(out, mt)
	}
	return out
}

// decodeConsumes reads a station's consumes = { material = count, … }, in
// name order.
func decodeConsumes(t *table, materials []sim.Material) []sim.Use {
	sub := t.sub("consumes", t.element)
	if sub == nil {
		return nil
	}
	sub.prefix, sub.at = "consumes: ", t.line("consumes")
	var names []string
	for _, m := range materials {
		names = append(names, m.Name)
	}
	var uses []sim.Use
	for _, k := range sortedKeys(sub.m) {
		n, ok := sub.integer(k)
		if !ok {
			continue
		}
		switch {
		case !contains(names, k):
			sub.bad(k, "%q is not a material%s", k, didYouMean(k, names))
		case n < 1:
			sub.bad(k, "%s: count must be >= 1, got %d", k, n)
		case sub.countAtMost(k, n, sim.MaxInPlant, whyInPlant):
			uses = append(uses, sim.Use{Material: k, Count: int(n)})
		}
	}
	return uses
}
