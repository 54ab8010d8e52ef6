package scenarios

import "github.com/takt-sim/takt/sim"

// decodeStore reads a sink's make-to-stock keys: a finished-goods store
// with a base stock that customers draw from, replenished by a source with
// pull = "SINK"; nil for a plain sink.
//
//	[[sink]]
//	name = "warehouse"
//	base_stock = 5            # units on the shelf at time 0, the target
//	demand = "exp(10min)"     # time between customer demands, one unit each
//	lost_sales = false        # default false: unmet demand is backordered
//
//	[[source]]
//	name = "kanban"
//	to = "cut"
//	pull = "warehouse"        # releases one part per demand met or backordered
func decodeStore(t *table, unit string) *sim.Store {
	if !t.has("base_stock") && !t.has("demand") && !t.has("lost_sales") {
		return nil
	}
	st := &sim.Store{}
	if n, ok := t.integer("base_stock"); ok {
		if n < 0 {
			t.bad("base_stock", "base_stock must be >= 0, got %d", n)
		} else if t.countAtMost("base_stock", n, sim.MaxInPlant, whyInPlant) {
			st.BaseStock = int(n)
		}
	} else if !t.has("base_stock") {
		t.missing("base_stock", "base_stock is missing: how many units does the store keep?")
	}
	if d, ok := t.dist("demand", unit); ok {
		if !(d.Mean() > 0) {
			t.bad("demand", "demand: %s has mean 0: the time between customer demands must be > 0", d)
		} else {
			st.Demand = d
		}
	} else if !t.has("demand") {
		t.missing("demand", "demand is missing: the time between customer demands, e.g. demand = \"exp(10min)\"")
	}
	st.LostSales, _ = t.boolean("lost_sales")
	return st
}
