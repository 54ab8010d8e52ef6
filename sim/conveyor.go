package sim

import (
	"math"

	"github.com/fschuetz04/simgo"
	"github.com/takt-sim/takt/sim/stats"
)

// Conveyor is a belt or roller line that carries every part going from
// station From to the station or sink To: the route (or split branch, or
// product route step, or rework) from From to To runs over it. Lengths are
// in any one length unit (metres, feet); Speed is in that unit per time
// unit.
//
//	capacity = ⌊Length / Spacing⌋ parts    (each part takes Spacing of belt)
//	transit  = Length / Speed              (the time from head to end on a free belt)
//	pitch    = Spacing / Speed             (the least time between two entries)
//
// A part enters at the head when fewer than capacity parts are on the belt
// and the part that entered before it has moved at least Spacing away
// (pitch of belt movement ago); otherwise the machine that finished it
// keeps it and is blocked (first come, first served among the machines
// waiting). It reaches the end transit after it entered when nothing holds
// it up, and leaves when the next station takes it (or at once for a
// sink). When that station has no room, the part waits at the end:
//
//   - Accumulating: the parts behind keep moving until they close up at
//     Spacing behind it; when it leaves, the next part reaches the end pitch
//     later at the earliest. Part i reaches the end at
//     a_i = max(e_i + transit, d_{i−1} + pitch), where e_i is its entry and
//     d_{i−1} the time the part in front left.
//   - Not accumulating: the whole belt stops, every part on it stands still
//     (parts may still enter at the head while there is room), and the belt
//     runs again when the part at the end leaves.
//
// Parts on a conveyor count in the plant's WIP and cycle time and hold no
// machine and no buffer place.
type Conveyor struct {
	Name         string
	From, To     string  // a station; a station or a sink
	Length       float64 // > 0
	Speed        float64 // length units per time unit, > 0
	Spacing      float64 // > 0 and <= Length
	Accumulating bool
}

// Capacity is the most parts on the conveyor at once.
func (c Conveyor) Capacity() int {
	if !(c.Spacing > 0) || !(c.Length/c.Spacing < MaxInPlant+1) {
		return MaxInPlant
	}
	return int(math.Floor(c.Length / c.Spacing))
}

// Transit is the time a part takes from the head to the end of a free
// conveyor.
func (c Conveyor) Transit() float64 { return c.Length / c.Speed }

// ConveyorResult holds one conveyor's results in one replication.
//
//	parts       = time-average parts on the conveyor
//	utilization = parts / capacity
//	blocked     = share of the time a part waits at the end for the next station
//	throughput  = parts leaving the conveyor per time unit
//	transit     = mean time from entering to leaving (waiting at the end included)
type ConveyorResult struct {
	Parts, Utilization, Blocked, Throughput, Transit float64
}

// conveyor is the running form of a Conveyor in one replication. Its clock
// is the belt's running time: the time for an accumulating belt (its
// parts stop one by one, see arrive), the time the belt ran for one that
// stops as a whole.
type conveyor struct {
	pl      *plant
	spec    *Conveyor
	to      int // node at the end
	cap     int
	transit float64
	pitch   float64
	on      fifo[onBelt] // parts on the belt, the one nearest the end first
	holders fifo[holder] // machines waiting for room at the head, FIFO

	arriving bool    // the front part's arrival at the end is scheduled
	waiting  bool    // the front part is at the end, the next station has no room
	lastIn   float64 // clock at the last entry
	lastOut  float64 // time the last part left the end
	wakeSet  bool    // a look at the head is scheduled
	belt     float64 // clock at since
	since    float64
	stopped  bool // a non-accumulating belt stands still

	onArrive, onWake simgo.Handler

	level   stats.TimeWeighted // parts on the belt
	blocked stats.TimeWeighted // 1 while a part waits at the end
	time    stats.Tally        // time from entry to leaving the end
}

// onBelt is a part on a conveyor with its clock and time at entry.
type onBelt struct {
	p          *part
	at, joined float64
}

func newConveyor(pl *plant, spec *Conveyor, to int) *conveyor {
	c := &conveyor{pl: pl, spec: spec, to: to, cap: spec.Capacity(), transit: spec.Transit(),
		pitch: spec.Spacing / spec.Speed, lastIn: math.Inf(-1), lastOut: math.Inf(-1)}
	c.onArrive, c.onWake = c.arrive, c.wake
	return c
}

// clock is the belt's running time at now.
func (c *conveyor) clock(now float64) float64 {
	if c.stopped {
		return c.belt
	}
	return c.belt + (now - c.since)
}

// room reports whether a part may enter at the head now.
func (c *conveyor) room(now float64) bool {
	if c.on.len() >= c.cap {
		return false
	}
	free, at := c.lastIn+c.pitch, c.clock(now)
	return at >= free || simultaneous(at, free)
}

// accept puts p on the belt if there is room and no machine waits before
// it.
func (c *conveyor) accept(p *part, now float64) bool {
	if c.holders.len() > 0 || !c.room(now) {
		c.wakeLater(now)
		return false
	}
	c.put(p, now)
	return true
}

// put places p at the head.
func (c *conveyor) put(p *part, now float64) {
	c.lastIn = c.clock(now)
	c.on.push(onBelt{p: p, at: c.lastIn, joined: now})
	c.level.Set(now, float64(c.on.len()))
	if tr := c.pl.tracer; tr != nil {
		tr.PartEvent(now, p.id, PartConveying, c.spec.Name)
	}
	if c.on.len() == 1 {
		c.scheduleFront(now)
	}
}

// scheduleFront schedules the front part's arrival at the end.
func (c *conveyor) scheduleFront(now float64) {
	d := c.on.at(0).at + c.transit - c.clock(now)
	if c.spec.Accumulating {
		d = math.Max(d, c.lastOut+c.pitch-now)
	}
	c.arriving = true
	c.pl.timeout(math.Max(d, 0)).AddHandler(c.onArrive)
}

// arrive hands the front part to the next node, or leaves it waiting at the
// end: a holder blocked on the next station.
func (c *conveyor) arrive(*simgo.Event) {
	pl := c.pl
	now := pl.sim.Now()
	c.arriving = false
	p := c.on.at(0).p
	if tr := pl.tracer; tr != nil {
		tr.PartEvent(now, p.id, PartConveyed, c.spec.Name)
	}
	switch {
	case c.to >= len(pl.stations):
		c.leave(now)
		pl.sinks[c.to-len(pl.stations)].absorb(p, now)
		c.released(now)
	case pl.stations[c.to].accept(p, now):
		c.leave(now)
		c.released(now)
	default:
		c.waiting = true
		c.blocked.Set(now, 1)
		if !c.spec.Accumulating {
			c.belt, c.stopped = c.clock(now), true
		}
		pl.stations[c.to].blocked.push(c)
	}
}

// leave takes the front part off the belt.
func (c *conveyor) leave(now float64) *part {
	b := c.on.pop()
	c.level.Set(now, float64(c.on.len()))
	c.time.Add(now - b.joined)
	c.lastOut = now
	return b.p
}

// heldPart hands the part waiting at the end to the station that found
// room for it.
func (c *conveyor) heldPart(now float64) *part { return c.leave(now) }

// released goes on after the front part left: the belt runs again, the
// next part heads for the end, and waiting machines may load.
func (c *conveyor) released(now float64) {
	if c.waiting {
		c.waiting = false
		c.blocked.Set(now, 0)
		if c.stopped {
			c.stopped, c.since = false, now
		}
	}
	if c.on.len() > 0 && !c.arriving {
		c.scheduleFront(now)
	}
	c.admit(now)
}

// admit loads the parts of waiting machines while there is room.
func (c *conveyor) admit(now float64) {
	for c.holders.len() > 0 {
		if !c.room(now) {
			c.wakeLater(now)
			return
		}
		u := c.holders.pop()
		c.put(u.heldPart(now), now)
		u.released(now)
	}
}

// wakeLater schedules a look at the head for when the last part will have
// moved Spacing away, if that is what keeps the head closed and the belt
// runs; a full or stopped belt opens when a part leaves.
func (c *conveyor) wakeLater(now float64) {
	if c.wakeSet || c.stopped || c.on.len() >= c.cap {
		return
	}
	d := c.lastIn + c.pitch - c.clock(now)
	if !(d > 0) {
		return
	}
	c.wakeSet = true
	c.pl.timeout(d).AddHandler(c.onWake)
}

// wake looks at the head again.
func (c *conveyor) wake(*simgo.Event) {
	c.wakeSet = false
	c.admit(c.pl.sim.Now())
}

// reset starts the statistics window at now.
func (c *conveyor) reset(now float64) {
	c.level.Reset(now)
	c.blocked.Reset(now)
	c.time.Reset()
}

// result computes the conveyor's statistics at end for a window of the
// given length.
func (c *conveyor) result(end, window float64) ConveyorResult {
	r := ConveyorResult{Parts: c.level.Mean(end), Blocked: c.blocked.Mean(end),
		Throughput: float64(c.time.N()) / window, Transit: c.time.Mean()}
	r.Utilization = r.Parts / float64(c.cap)
	return r
}
