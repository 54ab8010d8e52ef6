package sim

import (
	"slices"

	"github.com/takt-sim/takt/sim/stats"
)

// Kanban is a loop of cards between a supermarket and the stations that
// replenish it. Stations lists the loop in routing order: the first
// starts a part only with a free card, which then travels with the part
// through the loop; after the last station the finished part waits in the
// supermarket (the next station's buffer, the last machine blocked on it,
// or on its way) holding its card until it is withdrawn: the downstream
// station starts it, or it leaves the plant (a sink, scrap, an assembly).
// Then the card is free again and the first station may start another
// part.
//
// Raw material in front of the first station waits there without a card:
// in its buffer, upstream (blocked, when the buffer is full), or, for a
// saturated source, not yet released — a saturated source releases a part
// only when a card is free for it. A machine of the first station with
// work in front of it but no free card is in state WaitingCard.
//
// Cards are shared by every part, or, with ProductCards, each listed
// product has its own: a part needs a free card of its product, parts of
// other products pass the loop without a card, and a saturated source
// releases a part of the product whose card has been free the longest
// (the card is the production order; at time 0 the products' cards take
// turns in ProductCards order). With shared cards the first
// station's dispatch rule picks among the parts waiting; with cards per
// product it takes the first part, in arrival order, whose product has a
// free card.
//
// A chain of loops, each loop's last station feeding the next loop's
// first, is a multi-stage kanban line: a part gives back the card of one
// loop when it starts at the next loop's first station, and takes that
// loop's card.
type Kanban struct {
	Name     string
	Stations []string
	// Cards is the number of cards shared by every part; 0 with
	// ProductCards.
	Cards        int
	ProductCards []ProductCards
}

// ProductCards is the number of kanban cards of one product.
type ProductCards struct {
	Product string
	Cards   int
}

// Total is the number of cards of the loop, all products.
func (k *Kanban) Total() int {
	n := k.Cards
	for _, pc := range k.ProductCards {
		n += pc.Cards
	}
	return n
}

// KanbanResult is a kanban loop's results in one replication.
//
//	cards in use = cards − free cards = parts in the loop + supermarket
//	cards in use = withdrawals × card time   (Little)
type KanbanResult struct {
	FreeCards   float64 // time-average free cards
	CardsInUse  float64 // time-average cards with a part
	Supermarket float64 // time-average parts finished by the loop and not yet withdrawn
	// WaitingCard is the fraction of the first station's machine time in
	// state WaitingCard.
	WaitingCard float64
	Withdrawals float64 // cards freed per time unit
	CardTime    float64 // mean time from a card's attachment to its release; NaN for none
}

// KanbanSummary summarises one kanban loop over the replications.
type KanbanSummary struct {
	Name                                                                   string
	Stations                                                               []string
	Cards                                                                  int // total, all products
	FreeCards, CardsInUse, Supermarket, WaitingCard, Withdrawals, CardTime stats.Estimate
}

// kanbans checks the kanban loops: their stations form a path of the
// routing, each station is in one loop at most, and the cards are valid.
func (c *compiler) kanbans() {
	m := c.m
	in := map[string]string{} // station → its loop
	for _, k := range m.Kanbans {
		c.add("kanban", k.Name)
		c.kanbanCards(k)
		if len(k.Stations) == 0 {
			c.bad("kanban %q: stations: name the stations of the loop", k.Name)
			continue
		}
		var idx []int
		for j, name := range k.Stations {
			n, ok := c.node[name]
			switch {
			case !ok || n >= len(m.Stations):
				c.bad("kanban %q: stations: %q is not a station", k.Name, name)
				continue
			case in[name] != "":
				c.bad("kanban %q: station %q is already in kanban %q", k.Name, name, in[name])
			}
			in[name] = k.Name
			if j > 0 && len(idx) == j && !c.routesTo(idx[j-1], name) {
				c.bad("kanban %q: stations: %q does not route to %q: the loop must follow the routing", k.Name, k.Stations[j-1], name)
			}
			idx = append(idx, n)
		}
		c.p.kanbanStations = append(c.p.kanbanStations, idx)
		if first, ok := c.node[k.Stations[0]]; ok && first < len(m.Stations) {
			st := m.Stations[first]
			if st.Batch > 1 || st.Assembly != nil {
				c.bad("kanban %q: the first station %q batches or assembles; a loop must start at a station that starts one part at a time", k.Name, st.Name)
			}
			if len(k.ProductCards) > 0 && st.Buffer == 0 {
				c.bad("kanban %q: cards per product need room in the buffer of %q: parts wait there for their card", k.Name, st.Name)
			}
			c.kanbanFeeders(k, st.Name)
		}
	}
}

// kanbanCards checks the cards of a loop: shared or per product.
func (c *compiler) kanbanCards(k Kanban) {
	if len(k.ProductCards) == 0 {
		if k.Cards < 1 || k.Cards > MaxInPlant {
			c.bad("kanban %q: cards must be between 1 and %d, got %d", k.Name, MaxInPlant, k.Cards)
		}
		return
	}
	if k.Cards != 0 {
		c.bad("kanban %q: give shared cards or cards per product, not both", k.Name)
	}
	seen := map[string]bool{}
	for _, pc := range k.ProductCards {
		if _, ok := c.p.productIndex[pc.Product]; !ok || seen[pc.Product] {
			c.bad("kanban %q: cards: %q is not a product, or is given twice", k.Name, pc.Product)
		}
		seen[pc.Product] = true
		if pc.Cards < 1 || pc.Cards > MaxInPlant {
			c.bad("kanban %q: cards of %q must be between 1 and %d, got %d", k.Name, pc.Product, MaxInPlant, pc.Cards)
		}
	}
}

// kanbanFeeders checks that a saturated source feeding a loop with cards
// per product releases every product that has cards: it makes the product
// of the card free the longest.
func (c *compiler) kanbanFeeders(k Kanban, first string) {
	for _, so := range c.m.Sources {
		if so.Kind != Saturated || so.To != first {
			continue
		}
		for _, pc := range k.ProductCards {
			if !slices.ContainsFunc(so.Mix, func(s Share) bool { return s.Product == pc.Product }) {
				c.bad("kanban %q: the saturated source %q releases a part of the product whose card is free, but %q is not in its mix", k.Name, so.Name, pc.Product)
			}
		}
	}
}

// routesTo reports whether station i sends parts to the station named
// next: by its own routing or as the next step of a product's route.
func (c *compiler) routesTo(i int, next string) bool {
	n := c.node[next]
	for _, to := range c.p.routes[i] {
		if to == n {
			return true
		}
	}
	from := c.m.Stations[i].Name
	for _, pr := range c.m.Products {
		for j := 1; j < len(pr.Route); j++ {
			if pr.Route[j-1] == from && pr.Route[j] == next {
				return true
			}
		}
	}
	return false
}

// summarizeKanban summarises loop k over the replications.
func summarizeKanban(spec *Kanban, k int, col func(func(*Replication) float64) stats.Estimate) KanbanSummary {
	at := func(f func(KanbanResult) float64) stats.Estimate {
		return col(func(x *Replication) float64 { return f(x.Kanbans[k]) })
	}
	return KanbanSummary{Name: spec.Name, Stations: spec.Stations, Cards: spec.Total(),
		FreeCards:   at(func(r KanbanResult) float64 { return r.FreeCards }),
		CardsInUse:  at(func(r KanbanResult) float64 { return r.CardsInUse }),
		Supermarket: at(func(r KanbanResult) float64 { return r.Supermarket }),
		WaitingCard: at(func(r KanbanResult) float64 { return r.WaitingCard }),
		Withdrawals: at(func(r KanbanResult) float64 { return r.Withdrawals }),
		CardTime:    at(func(r KanbanResult) float64 { return r.CardTime })}
}
