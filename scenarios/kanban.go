package scenarios

import (
	"slices"

	"github.com/takt-sim/takt/sim"
)

// Kanban loops: [[kanban]] tables.
//
//	[[kanban]]
//	name = "cut-loop"
//	stations = ["cut", "weld"]   # the loop, in routing order
//	cards = 4                    # shared by every part
//	# cards = { A = 3, B = 2 }   # or per product
//
// The first station starts a part only with a free card; the card travels
// with the part through the loop and is free again when the part, finished
// by the last station, is withdrawn: the next station starts it, or it
// leaves the plant.

// decodeKanbans reads the [[kanban]] tables and checks them against the
// stations and products decoded before.
func (pl *plant) decodeKanbans() {
	in := map[string]string{} // station → the loop it is in
	for _, t := range pl.kanbans {
		t.known("name", "stations", "cards")
		k := sim.Kanban{}
		k.Name, _ = t.m["name"].(string) // checked by names
		pl.kanbanStations(t, &k, in)
		pl.kanbanCards(t, &k)
		pl.model.Kanbans = append(pl.model.Kanbans, k)
	}
}

// kanbanStations reads a loop's stations: stations that exist, each in
// one loop at most, each routing to the next.
func (pl *plant) kanbanStations(t *table, k *sim.Kanban, in map[string]string) {
	v, ok := t.m["stations"]
	if !ok {
		t.missing("stations", `stations is missing: the stations of the loop in order, e.g. stations = ["cut", "weld"]`)
		return
	}
	items, isList := list(v)
	if !isList || len(items) == 0 {
		t.typeError("stations", `a non-empty list of station names like ["cut", "weld"]`, v)
		return
	}
	for i, it := range items {
		name, isStr := it.(string)
		st := pl.station(name)
		switch {
		case !isStr:
			t.typeError("stations", "a list of station names", it)
			return
		case st == nil:
			t.bad("stations", "stations: %q is not a station%s", name, pl.hint(name, "station"))
			return
		case in[name] != "":
			t.bad("stations", "stations: %q is already in kanban %q: a station is in one loop at most", name, in[name])
			return
		case i > 0 && !pl.routesTo(k.Stations[i-1], name):
			t.bad("stations", "stations: %q does not route to %q: the loop must follow the routing (to, or a product's route)", k.Stations[i-1], name)
			return
		}
		in[name] = k.Name
		k.Stations = append(k.Stations, name)
	}
	first := pl.station(k.Stations[0])
	if first.Batch > 1 || first.Assembly != nil {
		t.bad("stations", "stations: the loop starts at %q, which batches or assembles; start it at a station that starts one part at a time", first.Name)
	}
}

// kanbanCards reads a loop's cards: a number shared by every part, or a
// table of product → number.
func (pl *plant) kanbanCards(t *table, k *sim.Kanban) {
	v, ok := t.m["cards"]
	if !ok {
		t.missing("cards", "cards is missing: how many cards circulate in the loop, e.g. cards = 4 or cards = { A = 3, B = 2 }")
		return
	}
	count := func(b *table, key string) int {
		n, ok := b.integer(key)
		switch {
		case !ok:
		case n < 1:
			b.bad(key, "%s must be >= 1, got %d", key, n)
		case b.countAtMost(key, n, sim.MaxInPlant, whyInPlant):
			return int(n)
		}
		return 0
	}
	m, isTable := v.(map[string]any)
	if !isTable {
		k.Cards = count(t, "cards")
		return
	}
	b := &table{ps: t.ps, m: m, element: t.element, prefix: "cards: ", at: t.line("cards")}
	for _, name := range sortedKeys(m) {
		if !pl.isProduct(name) {
			b.bad(name, "%q is not a product%s", name, nameHint(name, pl.productNames()))
			continue
		}
		k.ProductCards = append(k.ProductCards, sim.ProductCards{Product: name, Cards: count(b, name)})
	}
	if len(m) == 0 {
		t.bad("cards", "cards: name at least one product, e.g. cards = { A = 3 }")
	}
	if st := pl.station(firstOf(k.Stations)); st != nil && len(m) > 0 && st.Buffer == 0 {
		t.bad("cards", "cards per product need room in the buffer of %q (buffer = 0): its parts wait there for a card of their product", st.Name)
	}
	for _, so := range pl.model.Sources {
		if so.Kind != sim.Saturated || so.To != firstOf(k.Stations) || so.To == "" {
			continue
		}
		for _, pc := range k.ProductCards {
			if !slices.ContainsFunc(so.Mix, func(s sim.Share) bool { return s.Product == pc.Product }) {
				t.bad("cards", "cards: the saturated source %q makes the product whose card is free, but %q is not in its mix", so.Name, pc.Product)
			}
		}
	}
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// station is the decoded station of that name, nil for none.
func (pl *plant) station(name string) *sim.Station {
	for i := range pl.model.Stations {
		if pl.model.Stations[i].Name == name && name != "" {
			return &pl.model.Stations[i]
		}
	}
	return nil
}

// routesTo reports whether station from sends parts to station to: by its
// own routing or as the next step of a product's route.
func (pl *plant) routesTo(from, to string) bool {
	for _, r := range pl.station(from).Routes {
		if r.To == to {
			return true
		}
	}
	for _, p := range pl.model.Products {
		for j := 1; j < len(p.Route); j++ {
			if p.Route[j-1] == from && p.Route[j] == to {
				return true
			}
		}
	}
	return false
}

func (pl *plant) isProduct(name string) bool {
	for _, p := range pl.model.Products {
		if p.Name == name {
			return true
		}
	}
	return false
}

func (pl *plant) productNames() []string {
	var out []string
	for _, p := range pl.model.Products {
		out = append(out, p.Name)
	}
	return out
}
