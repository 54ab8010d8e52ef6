package sim

import (
	"math"
	"slices"

	"github.com/takt-sim/takt/sim/stats"
)

// conveyors checks every conveyor and resolves its ends: From is a
// station, To a station or a sink that some route of From reaches (its
// routing, a split branch, a product's route or its rework), without a
// move of its own, and no other conveyor lies on the same way.
func (c *compiler) conveyors() {
	m := c.m
	for _, cv := range m.Conveyors {
		c.add("conveyor", cv.Name)
		bad := func(format string, args ...any) { c.bad("conveyor %q: "+format, append([]any{cv.Name}, args...)...) }
		finite := func(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) }
		switch {
		case !(cv.Length > 0) || !finite(cv.Length):
			bad("length must be > 0, got %v", cv.Length)
		case !(cv.Spacing > 0) || !(cv.Spacing <= cv.Length):
			bad("spacing must be > 0 and at most the length (%v), got %v", cv.Length, cv.Spacing)
		case !(cv.Length/cv.Spacing < MaxInPlant+1):
			bad("holds more than %d parts (length / spacing = %v)", MaxInPlant, cv.Length/cv.Spacing)
		}
		if !(cv.Speed > 0) || !finite(cv.Speed) {
			bad("speed must be > 0, got %v", cv.Speed)
		}
		from, okFrom := c.node[cv.From]
		to, okTo := c.node[cv.To]
		if !okFrom || from >= len(m.Stations) {
			bad("from %q is not a station", cv.From)
		}
		if !okTo {
			bad("to %q is neither a station nor a sink", cv.To)
		}
		ends := [2]int{from, to}
		switch {
		case !okFrom || from >= len(m.Stations) || !okTo:
		case slices.Contains(c.p.conveyorEnds, ends):
			bad("another conveyor already runs from %q to %q", cv.From, cv.To)
		case !c.p.reaches(from, to):
			bad("no route goes from %q to %q: give station %q a to (or a split branch) of %q", cv.From, cv.To, cv.From, cv.To)
		case c.p.moves != nil && c.p.moves[from] != nil && c.p.moves[from][to] != nil:
			bad("the route from %q to %q has a move time too: give it a move or a conveyor, not both", cv.From, cv.To)
		}
		c.p.conveyorEnds = append(c.p.conveyorEnds, ends)
	}
}

// reaches reports whether a part may go from station from straight to
// node to: by the station's routing, a product's route or rework.
func (p *Plan) reaches(from, to int) bool {
	if slices.Contains(p.routes[from], to) {
		return true
	}
	if q := p.model.Stations[from].Quality; q != nil && q.Rework > 0 && p.stationOf[q.ReworkTo] == to {
		return true
	}
	for k, steps := range p.productStations {
		for j, st := range steps {
			if st == from && j < len(p.productRoute[k]) && p.productRoute[k][j] == to {
				return true
			}
		}
	}
	return false
}

// buildConveyors creates the conveyors in model order and puts each on the
// way of the station at its head.
func buildConveyors(pl *plant, pln *Plan) {
	m := pln.model
	for k := range m.Conveyors {
		ends := pln.conveyorEnds[k]
		c := newConveyor(pl, &m.Conveyors[k], ends[1])
		st := pl.stations[ends[0]]
		if st.conveyors == nil {
			st.conveyors = map[int]*conveyor{}
		}
		st.conveyors[ends[1]] = c
		pl.conveyors = append(pl.conveyors, c)
	}
}

// ConveyorSummary summarises one conveyor over the replications (see
// ConveyorResult).
type ConveyorSummary struct {
	Name                                             string
	From, To                                         string
	Capacity                                         int
	Accumulating                                     bool
	Parts, Utilization, Blocked, Throughput, Transit stats.Estimate
}

// summarizeConveyors summarises every conveyor's results.
func summarizeConveyors(m *Model, col func(func(*Replication) float64) stats.Estimate) []ConveyorSummary {
	var out []ConveyorSummary
	for k, cv := range m.Conveyors {
		at := func(f func(ConveyorResult) float64) stats.Estimate {
			return col(func(x *Replication) float64 { return f(x.Conveyors[k]) })
		}
		out = append(out, ConveyorSummary{Name: cv.Name, From: cv.From, To: cv.To, Capacity: cv.Capacity(), Accumulating: cv.Accumulating,
			Parts:       at(func(r ConveyorResult) float64 { return r.Parts }),
			Utilization: at(func(r ConveyorResult) float64 { return r.Utilization }),
			Blocked:     at(func(r ConveyorResult) float64 { return r.Blocked }),
			Throughput:  at(func(r ConveyorResult) float64 { return r.Throughput }),
			Transit:     at(func(r ConveyorResult) float64 { return r.Transit })})
	}
	return out
}
