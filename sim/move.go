package sim

import "github.com/fschuetz04/simgo"

// transit is a part moving from a station to its next node. When the move
// ends and the next station has no room, the part waits at the end of its
// way, as a holder blocked on that station, until a place frees there.
type transit struct {
	pl *plant
	p  *part
	to int
}

// move sends p to node to, arriving after d; from names the station it
// leaves, for the trace.
func (pl *plant) move(p *part, to int, d float64, now float64, from string) {
	pl.inTransit++
	if tr := pl.tracer; tr != nil {
		tr.PartEvent(now, p.id, PartMoving, from)
	}
	t := &transit{pl: pl, p: p, to: to}
	pl.timeout(d).AddHandler(t.arrive)
}

// arrive hands the part to its node, or leaves it waiting for room there.
func (t *transit) arrive(*simgo.Event) {
	pl := t.pl
	now := pl.sim.Now()
	switch {
	case t.to >= len(pl.stations):
		pl.inTransit--
		pl.sinks[t.to-len(pl.stations)].absorb(t.p, now)
	case pl.stations[t.to].accept(t.p, now):
		pl.inTransit--
	default:
		pl.stations[t.to].blocked.push(t)
	}
}

// heldPart hands the waiting part to the station that found room.
func (t *transit) heldPart(float64) *part {
	t.pl.inTransit--
	return t.p
}

func (t *transit) released(float64) {}
