package sim

import (
	"math"
	"math/rand/v2"

	"github.com/takt-sim/takt/sim/stats"
)

// station is the running form of a Station in one replication: its machines,
// the buffer in front of them, the upstream holders blocked on it, and its
// statistics.
type station struct {
	pl       *plant
	spec     *Station
	index    int // in the model
	waiting  int // machines starved or blocked; the station is active at 0
	machines []*machine
	idle     fifo[*machine] // starved machines, longest idle first
	queue    fifo[*part]    // the buffer
	capacity int            // buffer capacity or Unlimited
	blocked  fifo[holder]   // upstream holders waiting for room, FIFO
	feeder   *source        // a saturated source feeding this station
	shift    *shiftDriver   // nil around the clock
	ops      *operatorNeed  // nil when the machines need no operators
	load     Sampler        // load time at the start of each part, nil for none
	process  Sampler
	setup    *setupRun // nil without setups
	dispatch Dispatch
	quality  *qualityRun  // nil when every part is good
	batch    int          // parts processed together, 1 without batching
	assembly *assemblyRun // nil unless the station assembles
	uses     uses         // raw materials taken per part; nil for none

	routes []int           // target nodes
	cumP   []float64       // cumulative route probabilities
	router *rand.Rand      // nil with a single route
	moves  map[int]Sampler // move time to a node; nil when no route moves
	// ways says whether a way out has a move, a conveyor or a transporter,
	// gated whether parts enter and start through a kanban loop, a batch or
	// a kit: a plant that uses none of them pays one test of each per part.
	ways, gated bool
	// conveyors carry the parts to a node; nil when no route has one.
	conveyors map[int]*conveyor
	drum      bool // the constraint of a Rope source
	// kanban is the loop whose first station this is (it starts parts
	// only with a card), loop the loop the station is in; nil for none.
	kanban, loop *kanbanRun

	finished int64 // parts (or batches) finished, for the stuck-clock check

	// carry is the transporter carrying parts to a node; nil when none does.
	// watch are the transporters delivering here, told when room frees;
	// promised is the room promised to their vehicles on their way.
	carry    map[int]*transportRun
	watch    []*transportRun
	promised int

	area  [NumStates]float64 // machine-time per state
	level stats.TimeWeighted // parts in the buffer
	wait  stats.Tally        // time in the buffer, 0 for parts that did not wait
}

// activity records that one machine started (w) or stopped waiting: the
// station's active periods feed the bottleneck detector.
func (st *station) activity(w bool, now float64) {
	if w {
		if st.waiting == 0 {
			st.pl.bottleneck.end(st.index, now)
		}
		st.waiting++
		return
	}
	st.waiting--
	if st.waiting == 0 {
		st.pl.bottleneck.begin(st.index, now)
	}
}

// accept takes p if a machine is idle or the buffer has room.
func (st *station) accept(p *part, now float64) bool {
	if st.gated {
		if st.kanban != nil {
			return st.acceptCarded(p, now)
		}
		return st.acceptForBatch(p, now)
	}
	if st.idle.len() > 0 {
		st.wait.Add(0)
		st.idle.pop().start(p, now)
		return true
	}
	if st.capacity == Unlimited || st.queue.len() < st.capacity {
		st.enqueue(p, now)
		return true
	}
	return false
}

// dequeue removes the part the dispatch rule picks for machine m from the
// buffer.
func (st *station) dequeue(m *machine, now float64) *part {
	return st.dequeueAt(st.pick(m), now)
}

// pick is the index in the buffer of the part the dispatch rule picks for
// machine m; the buffer must not be empty.
func (st *station) pick(m *machine) int {
	if st.dispatch == FIFO {
		return 0
	}
	return pick(&st.queue, st.dispatch, st.index, m.setupKey)
}

// dequeueAt removes the i-th oldest part from the buffer.
func (st *station) dequeueAt(i int, now float64) *part {
	var p *part
	if i == 0 {
		p = st.queue.pop()
	} else {
		p = st.queue.removeAt(i)
	}
	st.level.Set(now, float64(st.queue.len()))
	st.wait.Add(now - p.queued)
	if tr := st.pl.tracer; tr != nil {
		tr.Level(now, st.spec.Name, st.queue.len())
	}
	return p
}

// refill moves the part of the first blocked holder into the buffer after a
// place was freed there.
func (st *station) refill(now float64) {
	if st.blocked.len() == 0 {
		if st.watch != nil {
			st.roomFreed()
		}
		return
	}
	u := st.blocked.pop()
	st.enqueue(u.heldPart(now), now)
	u.released(now)
}

// enqueue puts p at the end of the buffer.
func (st *station) enqueue(p *part, now float64) {
	p.queued = now
	st.queue.push(p)
	st.level.Set(now, float64(st.queue.len()))
	if tr := st.pl.tracer; tr != nil {
		tr.PartEvent(now, p.id, PartQueued, st.spec.Name)
		tr.Level(now, st.spec.Name, st.queue.len())
	}
}

// next is the node a finished part goes to: the next step of its
// product's route, or the station's routing.
func (st *station) next(p *part) int {
	if p.prod != nil && p.prod.route != nil && !p.offRoute {
		p.step++
		return p.prod.route[p.step-1]
	}
	if st.router == nil {
		return st.routes[0]
	}
	return st.routes[pickCumulative(st.router, st.cumP)]
}

// pickCumulative draws an index by cumulative probabilities cum (the last
// one is 1, up to rounding, which the last index absorbs).
func pickCumulative(r *rand.Rand, cum []float64) int {
	u := r.Float64()
	for i, c := range cum {
		if u < c {
			return i
		}
	}
	return len(cum) - 1
}

// reset starts the statistics window at now (end of the warm-up).
func (st *station) reset(now float64) {
	for _, m := range st.machines {
		m.since, m.setups = now, 0
		if m.rel != nil {
			m.rel.reset()
		}
	}
	if q := st.quality; q != nil {
		q.good, q.scrapped, q.reworked = 0, 0, 0
	}
	st.area = [NumStates]float64{}
	st.level.Reset(now)
	st.wait.Reset()
}

// inside counts the parts in the station: buffer and machines.
func (st *station) inside() int {
	n := st.queue.len()
	for _, m := range st.machines {
		if m.part != nil {
			n += 1 + len(m.batch)
		}
	}
	return n
}

// result computes the station's statistics at end for a window of the
// given length; the machines' states must be closed at end.
func (st *station) result(end, window float64) StationResult {
	var sr StationResult
	var restored stats.Tally
	for _, m := range st.machines {
		if m.rel != nil {
			sr.Failures += m.rel.failures
			restored.Merge(&m.rel.restore)
		}
	}
	total := window * float64(len(st.machines))
	for s := range sr.States {
		sr.States[s] = st.area[s] / total
	}
	sr.Utilization = sr.States[Busy]
	sr.Queue = st.level.Mean(end)
	sr.Wait = st.wait.Mean()
	planned := 1 - sr.States[OffShift]
	sr.Availability = (planned - sr.States[Down] - sr.States[WaitingCrew] - sr.States[Maintenance]) / planned
	sr.Performance = sr.States[Busy] / (sr.Availability * planned)
	sr.Quality = 1
	if q := st.quality; q != nil {
		sr.Quality, sr.Scrapped, sr.Reworked = q.firstPass(), q.scrapped, q.reworked
	}
	sr.OEE = sr.Availability * sr.Performance * sr.Quality
	sr.MTBF = math.NaN()
	if sr.Failures > 0 {
		sr.MTBF = sr.Availability * planned * total / float64(sr.Failures)
	}
	sr.MTTR = restored.Mean()
	for _, m := range st.machines {
		sr.Setups += m.setups
	}
	sr.BottleneckSole = st.pl.bottleneck.sole[st.index] / window
	sr.BottleneckShifting = st.pl.bottleneck.shifted[st.index] / window
	return sr
}

// processTime draws the processing time of p: its product's own, or the
// station's.
func (st *station) processTime(p *part) float64 {
	if p.prod != nil {
		if s := p.prod.process[st.index]; s != nil {
			return s.Rand()
		}
	}
	return st.process.Rand()
}

// acceptForBatch puts p into the buffer of a batching or assembling
// station if there is room, and starts an idle machine once a whole batch or
// kit waits.
func (st *station) acceptForBatch(p *part, now float64) bool {
	if st.capacity != Unlimited && st.queue.len() >= st.capacity {
		return false
	}
	st.enqueue(p, now)
	if st.idle.len() > 0 && (st.assembly == nil && st.queue.len() >= st.batch ||
		st.assembly != nil && st.assembly.kit(&st.queue) != nil) {
		st.idle.pop().pull(now)
	}
	return true
}
