package scenarios

import "github.com/takt-sim/takt/sim"

// decodeUntil reads when each replication ends, if not at the horizon:
//
//	until = { parts = 1000 }     # the 1000th part (after the warm-up) reaching a sink
//	until = { orders = "all" }   # the last order of the order books complete
//
// The horizon stays required: it is the longest a replication may take.
func decodeUntil(t *table, r *sim.Run) {
	if !t.has("until") {
		return
	}
	m, ok := t.m["until"].(map[string]any)
	if !ok {
		t.typeError("until", `a table like { parts = 1000 } or { orders = "all" }`, t.m["until"])
		return
	}
	u := &table{ps: t.ps, m: m, element: t.element, path: joinPath(t.path, "until")}
	u.known("parts", "orders")
	switch {
	case u.has("parts") == u.has("orders"):
		u.bad("", `give parts or orders (not both): until = { parts = 1000 } or until = { orders = "all" }`)
	case u.has("parts"):
		if n, ok := u.integer("parts"); ok {
			if n < 1 {
				u.bad("parts", "parts must be >= 1, got %d", n)
			} else {
				r.Until.Parts = n
			}
		}
	default:
		if s, ok := u.m["orders"].(string); !ok || s != "all" {
			u.bad("orders", `orders must be "all" (every order of the order books complete), got %s`, describe(u.m["orders"]))
			return
		}
		r.Until.Orders = true
	}
}

// checkUntil refuses a run until the orders are done in a plant without an
// order book, or with a warm-up (an order book runs from time 0).
func checkUntil(t *table, r sim.Run, m *sim.Model) {
	if t == nil || !r.Until.Orders {
		return
	}
	if r.Warmup > 0 {
		t.bad("until", "until orders: an order book runs from time 0; remove the warmup")
	}
	for _, so := range m.Sources {
		if so.Kind == sim.OrderBook {
			return
		}
	}
	t.bad("until", "until orders: no source has an order book (orders = \"FILE.csv\")")
}
