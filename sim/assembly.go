package sim

import "sort"

// Component is one line of a bill of materials: Count parts of Product.
type Component struct {
	Product string
	Count   int
}

// Assembly joins parts by a bill of materials: a machine starts once the
// buffer holds every component of one kit; the first component becomes the
// assembled part (of product Output, or its own product when Output is ""),
// the others are consumed into it.
type Assembly struct {
	Components []Component
	Output     string
}

// assemblyRun is a station's Assembly in one replication.
type assemblyRun struct {
	components []*productRun
	counts     []int
	output     *productRun // nil: the first component keeps its product
}

// kit returns the buffer positions of one whole kit, the first component
// first, or nil when the buffer does not hold one. Parts are taken in
// arrival order.
func (a *assemblyRun) kit(q *fifo[*part]) []int {
	need := append([]int(nil), a.counts...)
	var first []int // positions of the first component
	var rest []int
	for i := 0; i < q.len(); i++ {
		p := q.at(i)
		for k, c := range a.components {
			if p.prod == c && need[k] > 0 {
				need[k]--
				if k == 0 {
					first = append(first, i)
				} else {
					rest = append(rest, i)
				}
				break
			}
		}
	}
	for _, n := range need {
		if n > 0 {
			return nil
		}
	}
	return append(first, rest...)
}

// pullKit starts an assembly when the buffer holds a whole kit; otherwise
// the machine waits, starved.
func (m *machine) pullKit(now float64) {
	st := m.st
	pos := st.assembly.kit(&st.queue)
	if pos == nil {
		m.set(Starved, now)
		st.idle.push(m)
		return
	}
	parts := st.takeAt(pos, now)
	lead := parts[0]
	for _, p := range parts[1:] {
		st.pl.join(p, now)
	}
	if out := st.assembly.output; out != nil {
		st.pl.changeProduct(lead, out, now)
	}
	m.start(lead, now)
	for range parts {
		st.refill(now)
	}
	for st.idle.len() > 0 && st.assembly.kit(&st.queue) != nil {
		st.idle.pop().pull(now)
	}
}

// takeAt removes the parts at the given buffer positions, in that order.
func (st *station) takeAt(pos []int, now float64) []*part {
	parts := make([]*part, len(pos))
	for i, j := range pos {
		parts[i] = st.queue.at(j)
	}
	// Remove from the back so that earlier positions stay valid.
	taken := append([]int(nil), pos...)
	sort.Sort(sort.Reverse(sort.IntSlice(taken)))
	for _, j := range taken {
		p := st.queue.removeAt(j)
		st.wait.Add(now - p.queued)
	}
	st.level.Set(now, float64(st.queue.len()))
	if tr := st.pl.tracer; tr != nil {
		tr.Level(now, st.spec.Name, st.queue.len())
	}
	return parts
}

// join consumes p into an assembly: it leaves the plant's WIP without
// reaching a sink.
func (pl *plant) join(p *part, now float64) {
	pl.joined++
	pl.wip.Add(now, -1)
	pl.sojourn.Add(now - p.entered)
	pl.wipSeries.Set(now, pl.wip.Value())
	if pr := p.prod; pr != nil {
		pr.wip.Add(now, -1)
	}
	if p.order != nil {
		p.order.partLeft(now)
	}
	if p.card != nil {
		p.card.release(p, now)
	}
	pl.recycle(p)
}

// changeProduct makes p a part of product pr from now on.
func (pl *plant) changeProduct(p *part, pr *productRun, now float64) {
	if p.prod != nil {
		p.prod.wip.Add(now, -1)
	}
	pr.wip.Add(now, 1)
	p.prod, p.step, p.offRoute = pr, 0, pr.route == nil
	if pl.tracer != nil {
		pl.traceProduct(now, p)
	}
}
