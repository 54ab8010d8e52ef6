package sim

import "math"

// part is one unit of work moving through the plant.
type part struct {
	id       int64 // from 1, in creation order
	src      *source
	prod     *productRun // nil in a model without products
	step     int         // index of the current station in the product's route
	offRoute bool        // reworked off its route: follows the stations' routing
	due      float64     // due date, +Inf without one
	order    *orderRun   // the order it belongs to; nil for none
	entered  float64     // time it entered the plant
	roped    bool        // released by a Rope source and not yet past its constraint
	queued   float64     // time it entered its current buffer
	// card is the kanban loop whose card the part holds, nil for none;
	// cardProd the product of that card, cardAt when it was attached, and
	// stocked whether the part is in the loop's supermarket.
	card     *kanbanRun
	cardProd *productRun
	cardAt   float64
	stocked  bool
	next     *part // free list link
}

// newPart returns a part from the replication's free list, or a new one.
func (pl *plant) newPart(src *source) *part {
	var pr *productRun
	if src.mix != nil {
		pr = src.mix.draw()
	}
	return pl.newPartOf(src, pr)
}

// newPartOf returns a new part of product pr (nil for none).
func (pl *plant) newPartOf(src *source, pr *productRun) *part {
	p := pl.free
	if p == nil {
		p = &part{}
	} else {
		pl.free = p.next
	}
	pl.nextPart++
	*p = part{id: pl.nextPart, src: src, due: math.Inf(1), prod: pr}
	if pl.tracer != nil {
		pl.traceProduct(pl.sim.Now(), p)
	}
	return p
}

// recycle returns a part that left the plant to the free list.
func (pl *plant) recycle(p *part) {
	*p = part{next: pl.free}
	pl.free = p
}

// enter records that p entered the plant at now.
func (pl *plant) enter(p *part, now float64) {
	p.entered = now
	p.roped = p.src != nil && p.src.spec.Kind == Rope
	pl.entered++
	pl.checkInPlant()
	pl.wip.Add(now, 1)
	pl.wipSeries.Set(now, pl.wip.Value())
	if p.prod != nil {
		p.prod.entered++
		p.prod.wip.Add(now, 1)
	}
	if pl.tracer != nil {
		pl.tracer.PartEvent(now, p.id, PartEntered, p.src.spec.Name)
		pl.tracer.Level(now, "", int(pl.wip.Value()))
	}
}

// holder is something upstream that holds a part for a station that had no
// room for it: a blocked machine or a blocked source. The station takes the
// part with heldPart, places it, then calls released so that the holder can
// go on.
type holder interface {
	heldPart(now float64) *part
	released(now float64)
}

// priority is the part's priority for the priority dispatch rule.
func (p *part) priority() int {
	if p.order != nil && p.order.spec.Priority != 0 {
		return p.order.spec.Priority
	}
	if p.prod != nil {
		return p.prod.spec.Priority
	}
	return 0
}
