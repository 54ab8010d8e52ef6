package sim

import (
	"math"
	"sort"
)

// Bottlenecks are found with the active-period method of Roser, Nakano &
// Tanaka ("Shifting bottleneck detection", Winter Simulation Conference
// 2002). A station is active while none of its machines waits for work or
// for room downstream (starved or blocked): busy, down, waiting for a crew
// or in maintenance all count as active. At every instant the momentary
// bottleneck is the station whose uninterrupted active period covering that
// instant is the longest. Where the active periods of one bottleneck and the
// next overlap, both are shifting bottlenecks; the rest of a bottleneck's
// time it is the sole bottleneck. Lengths count inside the statistics
// window; where several periods are equally the longest (a perfectly
// balanced line), all their stations are shifting bottlenecks.
//
// The detector streams: it settles the bottleneck for every instant before
// the earliest start of an ongoing active period, and drops completed
// periods that lie inside a longer one (they can never be the longest), so
// its memory stays bounded.

// period is an active period of a station.
type period struct {
	st         int
	start, end float64
}

// winner is the current bottleneck period and its winning segment.
type winner struct {
	p                period
	segStart, segEnd float64
	prevLo, prevHi   float64 // overlap with the previous bottleneck's period
}

type bottleneckDetector struct {
	from, to      float64   // statistics window
	ongoing       []float64 // per station: start of its ongoing period, NaN if none
	ending        []float64 // per station: time its ongoing period ends, NaN if not ending
	endings       []int     // stations with an ending period
	cuts          []float64 // scratch for settle
	done          []period  // completed, not settled, not dominated
	settled       float64   // instants before this are settled
	cur           *winner
	sole, shifted []float64 // per station, time in the window
}

func newBottleneckDetector(stations int, from, to float64) *bottleneckDetector {
	d := &bottleneckDetector{from: from, to: to, ongoing: make([]float64, stations),
		ending: make([]float64, stations), sole: make([]float64, stations), shifted: make([]float64, stations)}
	for i := range d.ongoing {
		d.ongoing[i], d.ending[i] = math.NaN(), math.NaN()
	}
	return d
}

// begin records that station st became active at now. A station that
// stopped at this very instant (a part left and the next arrived at the same
// time), up to rounding (see simultaneous), goes on with its period: a gap
// of zero length does not split it.
func (d *bottleneckDetector) begin(st int, now float64) {
	d.flush(now)
	if e := d.ending[st]; !math.IsNaN(e) && simultaneous(e, now) {
		d.ending[st] = math.NaN()
		d.endings = remove(d.endings, st)
		return
	}
	d.ongoing[st] = now
}

// remove deletes x from xs (a short list), keeping the order.
func remove(xs []int, x int) []int {
	for i, y := range xs {
		if y == x {
			return append(xs[:i], xs[i+1:]...)
		}
	}
	return xs
}

// end records that station st stopped being active at now. The period ends
// once time has moved on without the station resuming.
func (d *bottleneckDetector) end(st int, now float64) {
	d.flush(now)
	d.ending[st] = now
	d.endings = append(d.endings, st)
}

// flush ends the periods that stopped before now, in station order.
func (d *bottleneckDetector) flush(now float64) {
	if len(d.endings) == 0 || simultaneous(d.ending[d.endings[0]], now) {
		return // all pending endings are of this instant
	}
	sort.Ints(d.endings)
	for _, st := range d.endings {
		t := d.ending[st]
		d.ending[st] = math.NaN()
		d.close1(st, t)
	}
	d.endings = d.endings[:0]
}

// close1 ends the period of station st at t.
func (d *bottleneckDetector) close1(st int, t float64) {
	p := period{st, d.ongoing[st], t}
	d.ongoing[st] = math.NaN()
	if p.end > p.start && !d.dominated(p, t) {
		d.keep(p)
	}
	d.settle(d.frontier(t))
}

// dominated reports whether some period contains p and is longer: then p
// is never the longest.
func (d *bottleneckDetector) dominated(p period, now float64) bool {
	for _, s := range d.ongoing {
		if s <= p.start && d.longer(d.clip(s, now), d.clen(p)) {
			return true
		}
	}
	for _, q := range d.done {
		if q.start <= p.start && q.end >= p.end && d.longer(d.clen(q), d.clen(p)) {
			return true
		}
	}
	return false
}

// keep adds p to the completed periods, dropping those it dominates.
func (d *bottleneckDetector) keep(p period) {
	kept := d.done[:0]
	for _, q := range d.done {
		if !(p.start <= q.start && p.end >= q.end && d.longer(d.clen(p), d.clen(q))) {
			kept = append(kept, q)
		}
	}
	d.done = append(kept, p)
}

// longer reports whether length a exceeds b by more than rounding: the
// lengths are differences of times, whose rounding grows with their size,
// up to the horizon (see simultaneous). Periods that are equally long in
// exact arithmetic — a deterministic station's — tie in every time unit.
func (d *bottleneckDetector) longer(a, b float64) bool { return a > b+timeTolerance*d.to }

// clen is the length of p inside the statistics window.
func (d *bottleneckDetector) clen(p period) float64 { return d.clip(p.start, p.end) }

// frontier is the earliest start of an ongoing period, or now.
func (d *bottleneckDetector) frontier(now float64) float64 {
	f := now
	for _, s := range d.ongoing {
		if s < f {
			f = s
		}
	}
	return f
}

// settle decides the bottleneck for every instant in [settled, f): only
// completed periods cover it.
func (d *bottleneckDetector) settle(f float64) {
	if f <= d.settled {
		return
	}
	cuts := append(d.cuts[:0], d.settled, f)
	for _, p := range d.done {
		for _, x := range [2]float64{p.start, p.end} {
			if x > d.settled && x < f {
				cuts = append(cuts, x)
			}
		}
	}
	sort.Float64s(cuts)
	d.cuts = cuts
	for k := 0; k+1 < len(cuts); k++ {
		if lo, hi := cuts[k], cuts[k+1]; d.longer(hi-lo, 0) { // not an instant
			d.decide(lo, hi)
		}
	}
	kept := d.done[:0]
	for _, p := range d.done {
		if p.end > f {
			kept = append(kept, p)
		}
	}
	d.done, d.settled = kept, f
}

// decide finds the bottleneck over [lo, hi): the longest completed period
// covering it, or, when several are equally long, all of them as shifting
// bottlenecks.
func (d *bottleneckDetector) decide(lo, hi float64) {
	var best []period
	for _, p := range d.done {
		if p.start > lo || p.end < hi {
			continue
		}
		switch l := d.clen(p); {
		case len(best) == 0 || d.longer(l, d.clen(best[0])):
			best = append(best[:0], p)
		case !d.longer(d.clen(best[0]), l):
			best = append(best, p)
		}
	}
	switch {
	case len(best) == 1:
		d.win(best[0], lo, hi)
	case len(best) > 1:
		if d.cur != nil {
			d.close(0, 0)
			d.cur = nil
		}
		for _, p := range best {
			d.shifted[p.st] += d.clip(lo, hi)
		}
	}
}

// win makes p the bottleneck over [lo, hi).
func (d *bottleneckDetector) win(p period, lo, hi float64) {
	if c := d.cur; c != nil && c.p == p {
		c.segEnd = hi
		return
	}
	var olo, ohi float64
	if c := d.cur; c != nil {
		olo, ohi = math.Max(c.p.start, p.start), math.Min(c.p.end, p.end)
		d.close(olo, ohi)
		if ov := d.clip(olo, ohi); ov > 0 {
			d.shifted[p.st] += ov
		}
	}
	d.cur = &winner{p: p, segStart: lo, segEnd: hi, prevLo: olo, prevHi: ohi}
}

// close accounts the current bottleneck's segment, given the overlap
// [nlo, nhi) of its period with the next bottleneck's.
func (d *bottleneckDetector) close(nlo, nhi float64) {
	c := d.cur
	seg := d.clip(c.segStart, c.segEnd)
	// The overlaps with the previous and the next bottleneck are disjoint
	// in time, or the same overlap when the periods nest.
	inPrev := d.clip(math.Max(c.segStart, c.prevLo), math.Min(c.segEnd, c.prevHi))
	inNext := d.clip(math.Max(c.segStart, nlo), math.Min(c.segEnd, nhi))
	both := d.clip(math.Max(c.segStart, math.Max(c.prevLo, nlo)), math.Min(c.segEnd, math.Min(c.prevHi, nhi)))
	d.sole[c.p.st] += seg - (inPrev + inNext - both)
	d.shifted[c.p.st] += d.clip(nlo, nhi)
}

// clip is the length of [lo, hi) inside the statistics window.
func (d *bottleneckDetector) clip(lo, hi float64) float64 {
	return math.Max(0, math.Min(hi, d.to)-math.Max(lo, d.from))
}

// finish ends every ongoing period at end (the horizon, or the end of an
// Until run) and settles the rest.
func (d *bottleneckDetector) finish(end float64) {
	d.to = end
	d.flush(math.Inf(1))
	for st, s := range d.ongoing {
		if !math.IsNaN(s) {
			d.close1(st, d.to)
		}
	}
	d.settle(d.to)
	if d.cur != nil {
		d.close(0, 0)
		d.cur = nil
	}
}
