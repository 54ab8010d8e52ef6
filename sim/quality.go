package sim

import "math/rand/v2"

// Quality is what becomes of the parts a station finishes: a share Yield is
// good (the rest is scrap and leaves the plant), and of the good ones a
// share Rework goes back to the station ReworkTo instead of on.
type Quality struct {
	Yield    float64 // 0 < Yield <= 1
	Rework   float64 // 0 <= Rework < 1
	ReworkTo string  // a station
}

// qualityRun is a station's Quality in one replication.
type qualityRun struct {
	spec     *Quality
	r        *rand.Rand
	reworkTo int // station index

	good, scrapped, reworked int64 // since the warm-up
}

// outcome of a finished part.
type outcome int

const (
	goodPart outcome = iota
	scrapPart
	reworkPart
)

// draw decides the outcome of one finished part.
func (q *qualityRun) draw() outcome {
	u := q.r.Float64()
	switch {
	case u >= q.spec.Yield:
		q.scrapped++
		return scrapPart
	case u < q.spec.Yield*q.spec.Rework:
		q.reworked++
		return reworkPart
	}
	q.good++
	return goodPart
}

// firstPass is the share of finished parts that were neither scrapped nor
// sent to rework: the quality rate of OEE. 1 without parts.
func (q *qualityRun) firstPass() float64 {
	n := q.good + q.scrapped + q.reworked
	if n == 0 {
		return 1
	}
	return float64(q.good) / float64(n)
}

// rework sends p back to station i: a part on a product route takes up its
// route from that station's first place on it; otherwise, or if the
// station is not on its route, it follows the stations' routing from there.
func (p *part) rework(i int) {
	if p.prod == nil || p.prod.route == nil || p.offRoute {
		return
	}
	for step, st := range p.prod.stations {
		if st == i {
			p.step = step
			return
		}
	}
	p.offRoute = true
}

// scrap takes p out of the plant at now as scrap. A CONWIP part is
// replaced like one that reached a sink.
func (pl *plant) scrap(p *part, now float64) {
	pl.exited++
	pl.scrapped++
	pl.depart(p, now)
}
