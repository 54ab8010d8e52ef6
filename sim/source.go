package sim

import (
	"github.com/fschuetz04/simgo"
	"github.com/takt-sim/takt/sim/stats"
)

// source is the running form of a Source in one replication.
type source struct {
	pl       *plant
	spec     *Source
	to       *station
	inter    Sampler   // Open: interarrival times
	arrivals *thinning // Open with a weekly rate pattern, instead of inter
	held     *part     // Open: the part waiting for room at the station
	// deliveries releases an Open source's batches on their weekly
	// schedule, nil without. With them, parts that find no room wait in
	// backlog in arrival order, the held one among them; resume says the
	// held one has entered and the next arrival is to be drawn.
	deliveries *deliveries
	resume     bool
	pending    int // CONWIP: releases waiting for room at the station
	onArrive   simgo.Handler
	mix        *mixer // the product of each part; nil without products
	book       *orderBook
	backlog    fifo[*part] // OrderBook: released parts waiting for room at the station
	// holding is 1 while the source holds parts the station has no room
	// for (it is blocked), 0 otherwise.
	holding stats.TimeWeighted
}

// hold records that the source holds a part it cannot release.
func (s *source) hold(now float64) {
	s.holding.Set(now, 1)
	s.to.blocked.push(s)
}

// start releases the first parts at time 0.
func (s *source) start() {
	switch s.spec.Kind {
	case Open:
		if s.inter != nil || s.arrivals != nil {
			s.schedule()
		}
		if s.deliveries != nil {
			s.deliveries.schedule(0)
		}
	case Saturated:
		if s.to.kanban != nil { // each machine starts a part if a card is free
			for range len(s.to.machines) {
				if s.to.idle.len() > 0 {
					s.to.idle.pop().pull(0)
				}
			}
			return
		}
		for s.to.idle.len() > 0 {
			s.to.wait.Add(0)
			s.to.idle.pop().start(s.saturatedPart(0), 0)
		}
	case CONWIP, Rope:
		for range s.spec.WIP {
			s.release(0)
		}
	case OrderBook:
		s.book.start()
	}
}

// offer puts an order's part into the plant, or queues it at the source
// while the station has no room.
func (s *source) offer(p *part, now float64) {
	if s.to.accept(p, now) {
		s.pl.enter(p, now)
		return
	}
	s.backlog.push(p)
	s.hold(now)
	s.pl.waiting++
	s.pl.checkInPlant()
}

// schedule draws the time to the next arrival of an open source.
func (s *source) schedule() {
	var d float64
	if s.arrivals != nil {
		d = s.arrivals.next(s.pl.sim.Now())
	} else {
		d = s.inter.Rand()
	}
	s.pl.timeout(d).AddHandler(s.onArrive)
}

// ArrivalRate is the mean arrival rate of an open source, in parts per
// time unit: 1 / mean interarrival time, or the weekly pattern's mean.
func (so *Source) ArrivalRate() float64 {
	if so.Arrivals != nil {
		return so.Arrivals.MeanRate()
	}
	return 1 / so.Interarrival.Mean()
}

// arrive releases a part of an open source; if the station has no room the
// source holds it and is blocked.
func (s *source) arrive(*simgo.Event) {
	now := s.pl.sim.Now()
	p := s.pl.newPart(s)
	if s.to.accept(p, now) {
		s.pl.enter(p, now)
		s.schedule()
		return
	}
	s.held = p
	if s.deliveries != nil { // it waits in arrival order with delivered parts
		s.backlog.push(p)
		s.pl.waiting++
		s.pl.checkInPlant()
	}
	s.hold(now)
}

// release puts one CONWIP part into the plant, or queues it at the source
// while the station has no room.
func (s *source) release(now float64) {
	p := s.pl.newPart(s)
	if s.to.accept(p, now) {
		s.pl.enter(p, now)
		return
	}
	s.pl.recycle(p)
	s.pending++
	s.hold(now)
}

// saturatedPart is a new part for an idle machine of the station fed by a
// saturated source.
func (s *source) saturatedPart(now float64) *part {
	p := s.pl.newPart(s)
	s.pl.enter(p, now)
	return p
}

// saturatedPartOf is saturatedPart of product pr: the product whose
// kanban card is free.
func (s *source) saturatedPartOf(pr *productRun, now float64) *part {
	p := s.pl.newPartOf(s, pr)
	s.pl.enter(p, now)
	return p
}

// heldPart hands the part the source is blocked on to the station.
func (s *source) heldPart(now float64) *part {
	var p *part
	switch s.spec.Kind {
	case Open:
		if s.deliveries == nil {
			p, s.held = s.held, nil
			break
		}
		p = s.backlog.pop()
		s.pl.waiting--
		if p == s.held {
			s.held, s.resume = nil, true
		}
	case OrderBook:
		p = s.backlog.pop()
		s.pl.waiting--
	default:
		p = s.pl.newPart(s)
		s.pending--
	}
	if s.held == nil && s.pending == 0 && s.backlog.len() == 0 {
		s.holding.Set(now, 0)
	}
	s.pl.enter(p, now)
	return p
}

// released lets an open source draw its next interarrival time once the
// part it was blocked on has entered.
func (s *source) released(float64) {
	if s.spec.Kind == Open && (s.deliveries == nil || s.resume) {
		s.resume = false
		s.schedule()
	}
}
