package sim

// sink absorbs finished parts and records cycle times.
type sink struct {
	pl    *plant
	spec  *Sink
	count int64     // parts absorbed since the end of the warm-up
	store *storeRun // nil for a plain sink
}

// absorb takes p out of the plant at now. A CONWIP part is replaced by a new
// release of its source.
func (k *sink) absorb(p *part, now float64) {
	pl := k.pl
	k.count++
	pl.exited++
	ct := now - p.entered
	pl.cycle.Add(ct)
	pl.ctSketch.Add(ct)
	if pr := p.prod; pr != nil {
		pr.completed++
		pr.cycle.Add(ct)
		pr.sketch.Add(ct)
	}
	if pl.tracer != nil {
		pl.tracer.PartEvent(now, p.id, PartExited, k.spec.Name)
	}
	pl.depart(p, now)
	if k.store != nil {
		k.store.put(now)
	}
	if pl.untilParts > 0 && pl.cycle.N() >= pl.untilParts {
		pl.done(now)
	}
}

// depart takes p out of the plant at now, good or scrap: the WIP falls, and
// a CONWIP source releases a new part.
func (pl *plant) depart(p *part, now float64) {
	pl.wip.Add(now, -1)
	pl.wipSeries.Set(now, pl.wip.Value())
	pl.sojourn.Add(now - p.entered)
	if p.order != nil && p.order.partLeft(now) {
		pl.orderComplete(now)
	}
	if pr := p.prod; pr != nil {
		pr.wip.Add(now, -1)
	}
	if pl.tracer != nil {
		pl.tracer.Level(now, "", int(pl.wip.Value()))
	}
	if p.card != nil {
		p.card.release(p, now)
	}
	src, roped := p.src, p.roped
	pl.recycle(p)
	if src.spec.Kind == CONWIP || roped {
		src.release(now)
	}
}
