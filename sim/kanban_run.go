package sim

import (
	"math"

	"github.com/takt-sim/takt/sim/stats"
)

// kanbanRun is a Kanban loop in one replication. A part holding one of its
// cards has card == the loop; stocked says it has finished the loop's last
// station (it is in the supermarket).
type kanbanRun struct {
	spec  *Kanban
	pl    *plant
	first *station // starts parts only with a card
	last  *station // its finished parts are in the supermarket
	cards int      // all products
	free  int      // free cards, all products
	// freeOf is the free cards of each product that has its own; nil for
	// shared cards. order lists the products of the free cards, the card
	// free the longest first.
	freeOf map[*productRun]int
	order  fifo[*productRun]
	market int // parts in the supermarket

	freeLevel, marketLevel stats.TimeWeighted
	cardTime               stats.Tally
	freed                  int64
}

// newKanbanRun builds loop i and ties it to its stations.
func newKanbanRun(pl *plant, pln *Plan, i int) *kanbanRun {
	spec := &pln.model.Kanbans[i]
	idx := pln.kanbanStations[i]
	k := &kanbanRun{spec: spec, pl: pl, first: pl.stations[idx[0]], last: pl.stations[idx[len(idx)-1]], cards: spec.Total()}
	k.free = k.cards
	if len(spec.ProductCards) > 0 {
		k.freeOf = map[*productRun]int{}
		most := 0
		for _, pc := range spec.ProductCards {
			k.freeOf[pl.products[pln.productIndex[pc.Product]]] = pc.Cards
			most = max(most, pc.Cards)
		}
		for r := range most { // round robin: A, B, A, B, A for A = 3, B = 2
			for _, pc := range spec.ProductCards {
				if r < pc.Cards {
					k.order.push(pl.products[pln.productIndex[pc.Product]])
				}
			}
		}
	}
	k.freeLevel.Set(0, float64(k.free))
	for _, n := range idx {
		pl.stations[n].loop = k
	}
	k.first.kanban = k
	return k
}

// needs reports whether p needs a card of the loop to start at its first
// station: it holds none of the loop's, and the cards are shared or its
// product has cards.
func (k *kanbanRun) needs(p *part) bool {
	if p.card == k {
		return false
	}
	if k.freeOf == nil {
		return true
	}
	_, has := k.freeOf[p.prod]
	return p.prod != nil && has
}

// available reports whether p may start at the first station now.
func (k *kanbanRun) available(p *part) bool {
	if !k.needs(p) {
		return true
	}
	if k.freeOf == nil {
		return k.free > 0
	}
	return k.freeOf[p.prod] > 0
}

// attach gives p a free card of the loop; the card p held in an earlier
// loop is detached and returned, for wake once p has started.
func (k *kanbanRun) attach(p *part, now float64) *kanbanRun {
	old := p.card
	if old != nil {
		old.detach(p, now)
	}
	if k.freeOf != nil {
		k.freeOf[p.prod]--
		k.order.remove(p.prod, func(a, b *productRun) bool { return a == b })
	}
	k.free--
	k.freeLevel.Set(now, float64(k.free))
	p.card, p.cardProd, p.cardAt = k, p.prod, now
	if tr := k.pl.tracer; tr != nil {
		tr.PartEvent(now, p.id, PartCard, k.spec.Name)
	}
	return old
}

// detach frees p's card of the loop without waking the first station.
func (k *kanbanRun) detach(p *part, now float64) {
	if p.stocked {
		k.market--
		k.marketLevel.Set(now, float64(k.market))
	}
	if k.freeOf != nil {
		k.freeOf[p.cardProd]++
		k.order.push(p.cardProd)
	}
	k.free++
	k.freeLevel.Set(now, float64(k.free))
	k.cardTime.Add(now - p.cardAt)
	k.freed++
	p.card, p.cardProd, p.stocked = nil, nil, false
	if tr := k.pl.tracer; tr != nil {
		tr.PartEvent(now, p.id, PartCardFreed, k.spec.Name)
	}
}

// release frees p's card: p was withdrawn from the supermarket (or left
// the loop otherwise). An idle machine of the first station looks for
// work.
func (k *kanbanRun) release(p *part, now float64) {
	k.detach(p, now)
	k.wake(now)
}

// wake lets an idle machine of the first station look for work after a
// card was freed, if there is work in front of it (a machine that is
// merely starved stays where it is in the idle list).
func (k *kanbanRun) wake(now float64) {
	st := k.first
	switch {
	case st.idle.len() > 0 && st.hasWork():
		st.idle.pop().pull(now)
	case st.watch != nil: // an idle machine can take a part again
		st.roomFreed()
	}
}

// stock puts the parts machine m of the loop's last station finished into
// the supermarket.
func (k *kanbanRun) stock(m *machine, now float64) {
	put := func(p *part) {
		if p.card == k && !p.stocked {
			p.stocked = true
			k.market++
		}
	}
	put(m.part)
	for _, p := range m.batch {
		put(p)
	}
	k.marketLevel.Set(now, float64(k.market))
}

// withdraw frees the cards of other loops that the parts machine m starts
// hold: they leave those loops' supermarkets.
func (m *machine) withdraw(now float64) {
	if p := m.part; p.card != nil && p.card != m.st.loop {
		p.card.release(p, now)
	}
	for _, p := range m.batch {
		if p.card != nil && p.card != m.st.loop {
			p.card.release(p, now)
		}
	}
}

// startCarded starts p on machine m of the loop's first station, with a
// card if it needs one.
func (m *machine) startCarded(p *part, now float64) {
	k := m.st.kanban
	if !k.needs(p) {
		m.start(p, now)
		return
	}
	old := k.attach(p, now)
	m.start(p, now)
	if old != nil {
		old.wake(now)
	}
}

// pullCarded is pull at a loop's first station: the machine starts a part
// only with a card for it; without one it waits in the idle list, in state
// WaitingCard when there is work in front of it, else Starved.
func (m *machine) pullCarded(now float64) {
	st, k := m.st, m.st.kanban
	switch i := k.pick(m); {
	case i >= 0:
		m.startCarded(st.dequeueAt(i, now), now)
		st.refill(now)
	case st.queue.len() == 0 && st.blocked.len() > 0 && k.freeOf == nil && k.free > 0:
		u := st.blocked.pop()
		st.wait.Add(0)
		m.startCarded(u.heldPart(now), now)
		u.released(now)
	case st.feeder != nil && k.free > 0:
		st.wait.Add(0)
		if k.freeOf == nil {
			m.startCarded(st.feeder.saturatedPart(now), now)
		} else {
			m.startCarded(st.feeder.saturatedPartOf(k.order.at(0), now), now)
		}
	default:
		st.idle.push(m)
		if st.watch != nil {
			st.roomFreed()
		}
	}
	st.markIdle(now)
}

// pick is the index in the buffer of the part machine m starts next: the
// dispatch rule's choice when a shared card is free, else the first part
// that may start; −1 for none.
func (k *kanbanRun) pick(m *machine) int {
	q := &m.st.queue
	switch {
	case q.len() == 0:
		return -1
	case k.freeOf == nil && k.free > 0:
		return m.st.pick(m)
	}
	for i := range q.len() {
		if k.available(q.at(i)) {
			return i
		}
	}
	return -1
}

// acceptCarded is accept at a loop's first station: an idle machine takes
// p only if a card is free for it; otherwise p waits in the buffer, if
// there is room.
func (st *station) acceptCarded(p *part, now float64) bool {
	if st.idle.len() > 0 && st.kanban.available(p) {
		st.wait.Add(0)
		st.idle.pop().startCarded(p, now)
		return true
	}
	if st.capacity == Unlimited || st.queue.len() < st.capacity {
		st.enqueue(p, now)
		st.markIdle(now)
		return true
	}
	st.markIdleAs(WaitingCard, now) // p waits upstream
	return false
}

// markIdle puts the idle machines of a loop's first station in the state
// that fits: WaitingCard with work in front of them, else Starved.
func (st *station) markIdle(now float64) {
	s := Starved
	if st.hasWork() {
		s = WaitingCard
	}
	st.markIdleAs(s, now)
}

// hasWork reports whether parts wait for the station: in its buffer,
// held upstream, or at a saturated source.
func (st *station) hasWork() bool {
	return st.queue.len() > 0 || st.blocked.len() > 0 || st.feeder != nil
}

func (st *station) markIdleAs(s State, now float64) {
	for i := range st.idle.len() {
		if m := st.idle.at(i); m.state != s {
			m.set(s, now)
		}
	}
}

// reset starts the loop's statistics window at now.
func (k *kanbanRun) reset(now float64) {
	k.freeLevel.Reset(now)
	k.marketLevel.Reset(now)
	k.cardTime.Reset()
	k.freed = 0
}

// result computes the loop's statistics at end; the first station's
// states must be closed.
func (k *kanbanRun) result(end, window float64) KanbanResult {
	free := k.freeLevel.Mean(end)
	r := KanbanResult{FreeCards: free, CardsInUse: float64(k.cards) - free, Supermarket: k.marketLevel.Mean(end),
		WaitingCard: k.first.area[WaitingCard] / (window * float64(len(k.first.machines))),
		Withdrawals: float64(k.freed) / window, CardTime: k.cardTime.Mean()}
	if k.cardTime.N() == 0 {
		r.CardTime = math.NaN()
	}
	return r
}
