package sim

import "github.com/fschuetz04/simgo"

// machine is one of a station's identical parallel machines. Its state
// accounting is kept by the station:
//
//	area[s] = Σ time spent by the station's machines in state s
type machine struct {
	st     *station
	index  int // k-th machine of its station, from 0
	state  State
	since  float64 // time the current state began
	part   *part   // the part in process or blocked on it; nil when idle
	onDone simgo.Handler
	rel    *reliability // failures and maintenance; nil for a machine that never stops

	// Operators: the request waiting for them, the crew whose members are
	// with the machine.
	opReq       *crewRequest
	opHeld      *crew
	onOperators func(*crew, float64)

	phase    phase   // what the machine does with its part
	setupKey string  // the family or product it is set up for
	setups   int64   // setups begun since the warm-up
	batch    []*part // the other parts of a process batch; part is the first
	queued   bool    // blocked: waiting in a station's queue of holders, or for a vehicle

	// ride is the request for a vehicle the machine waits for; nil for none.
	ride *carryRequest
}

// phase is a step of a machine's work on a part: setup (when the family
// changes), load, process. Every phase can be interrupted by an outage and
// resumes after it.
type phase int

const (
	phaseSetup phase = iota
	phaseLoad
	phaseProcess
)

func newMachine(st *station, k int) *machine {
	m := &machine{st: st, index: k, state: Starved}
	m.onDone, m.onOperators = m.finish, m.operatorsArrived
	return m
}

// set moves the machine into state s at now.
func (m *machine) set(s State, now float64) {
	st := m.st
	st.area[m.state] += now - m.since
	if w := s.waiting(); w != m.state.waiting() {
		st.activity(w, now)
	}
	if tr := st.pl.tracer; tr != nil && s != m.state {
		tr.MachineState(now, st.spec.Name, m.index, s)
	}
	m.state, m.since = s, now
}

// start begins work on p: at once, or once its materials and operators
// are there.
func (m *machine) start(p *part, now float64) {
	m.part = p
	if p.card != nil || len(m.batch) > 0 {
		m.withdraw(now)
	}
	if m.st.uses != nil && !m.st.uses.demand(m, now) {
		return
	}
	m.afterMaterials(now)
}

// afterMaterials asks for operators, if needed, and begins the work.
func (m *machine) afterMaterials(now float64) {
	if m.st.ops != nil {
		m.askOperators(now, m.onOperators)
		return
	}
	m.work(now)
}

// work begins the work on the part: a setup if the part's family differs
// from the last one's, then the load phase, if any, then processing.
func (m *machine) work(now float64) {
	st := m.st
	setup, d := false, 0.0
	if st.setup != nil && m.part.prod != nil {
		key := m.part.prod.key
		d, setup = st.setup.time(m.setupKey, key)
		m.setupKey = key
	}
	if setup {
		m.set(InSetup, now)
	} else {
		m.set(Busy, now)
	}
	if tr := st.pl.tracer; tr != nil {
		tr.PartEvent(now, m.part.id, PartStarted, st.spec.Name)
	}
	if setup {
		m.setups++
		m.run(phaseSetup, d, now)
		return
	}
	m.afterSetup(now)
}

// afterSetup begins the load phase, if any, else processing.
func (m *machine) afterSetup(now float64) {
	if m.st.load != nil {
		m.run(phaseLoad, m.st.load.Rand(), now)
		return
	}
	m.run(phaseProcess, m.st.processTime(m.part), now)
}

// run starts phase ph of duration d. A machine that never stops schedules
// one event, the end of the phase; one with failures, maintenance or a
// shift schedules the end of the phase or the next outage, whichever comes
// first.
func (m *machine) run(ph phase, d, now float64) {
	m.phase = ph
	s := Busy
	if ph == phaseSetup {
		s = InSetup
	}
	if m.state != s {
		m.set(s, now)
	}
	if m.rel != nil {
		m.rel.process(d, now)
		return
	}
	m.st.pl.timeout(d).AddHandler(m.onDone)
}

// finish is called when a phase ends.
func (m *machine) finish(*simgo.Event) { m.phaseDone(m.st.pl.sim.Now()) }

// phaseDone goes on to the next phase; operators needed only for the
// setup or the load leave when it ends.
func (m *machine) phaseDone(now float64) {
	switch m.phase {
	case phaseSetup:
		m.releaseAfter(DuringSetup, now)
		m.afterSetup(now)
	case phaseLoad:
		m.releaseAfter(DuringLoad, now)
		m.run(phaseProcess, m.st.processTime(m.part), now)
	default:
		m.done(now)
	}
}

// done ends processing: the operators leave and the part moves on.
func (m *machine) done(now float64) {
	if m.opHeld != nil {
		m.releaseOperators(now)
	}
	m.leave(now)
}

// leave sends the finished parts (one, or a batch) on.
func (m *machine) leave(now float64) {
	m.st.finished++
	if tr := m.st.pl.tracer; tr != nil {
		tr.PartEvent(now, m.part.id, PartFinished, m.st.spec.Name)
		for _, p := range m.batch {
			tr.PartEvent(now, p.id, PartFinished, m.st.spec.Name)
		}
	}
	if m.st.drum { // after the parts finished: then the rope releases
		m.passDrum(now)
	}
	if k := m.st.loop; k != nil && k.last == m.st {
		k.stock(m, now)
	}
	m.send(now)
}

// send sends the machine's finished parts on one by one, each to its next
// station or sink (or to scrap or rework), and then looks for work; when a
// part finds no room, the machine is blocked until it is taken.
func (m *machine) send(now float64) {
	st := m.st
	pl := st.pl
	for m.part != nil {
		to := m.route(now)
		if st.ways {
			switch m.sendAway(to, now) {
			case sentAway:
				m.nextInBatch()
				continue
			case heldAway:
				return
			}
		}
		switch {
		case to < 0: // scrapped
		case to >= len(pl.stations):
			pl.sinks[to-len(pl.stations)].absorb(m.part, now)
		case !pl.stations[to].accept(m.part, now):
			m.block(&pl.stations[to].blocked, now)
			return
		}
		m.nextInBatch()
	}
	m.pull(now)
}

// A part's way out is direct (sentDirect: handed to the node), or it is
// sent away on a move or a conveyor (sentAway), or the machine holds it
// for a full conveyor or a vehicle (heldAway).
const (
	sentDirect = iota
	sentAway
	heldAway
)

// sendAway sends the machine's part to node to on the move, conveyor or
// transporter of that way, if it has one.
func (m *machine) sendAway(to int, now float64) int {
	st := m.st
	if mv, ok := st.moves[to]; ok {
		st.pl.move(m.part, to, mv.Rand(), now, st.spec.Name)
		return sentAway
	}
	if c := st.conveyors[to]; c != nil {
		if !c.accept(m.part, now) {
			m.block(&c.holders, now)
			return heldAway
		}
		return sentAway
	}
	if t := st.carry[to]; t != nil {
		m.waitTransport(t, to, now)
		return heldAway
	}
	return sentDirect
}

// block makes the machine wait, blocked, in the queue of holders q until
// its finished part is taken.
func (m *machine) block(q *fifo[holder], now float64) {
	m.set(Blocked, now)
	m.queued = true
	q.push(m)
	if m.rel != nil {
		m.rel.closeIfDue(now)
	}
}

// waitTransport asks transporter t to carry the machine's part to node to;
// the machine waits for the vehicle, holding the part, as if blocked.
func (m *machine) waitTransport(t *transportRun, to int, now float64) {
	m.set(WaitingTransport, now)
	m.queued = true
	t.request(m, to, now)
	if m.rel != nil {
		m.rel.closeIfDue(now)
	}
}

// heldState is the state of a machine holding a finished part it could
// not send yet: waiting for a vehicle, or blocked.
func (m *machine) heldState() State {
	if m.ride != nil {
		return WaitingTransport
	}
	return Blocked
}

// route decides where the machine's current part goes: -1 for scrap, the
// rework station, or the next node of its routing.
func (m *machine) route(now float64) int {
	st := m.st
	if q := st.quality; q != nil {
		switch q.draw() {
		case scrapPart:
			if tr := st.pl.tracer; tr != nil {
				tr.PartEvent(now, m.part.id, PartScrapped, st.spec.Name)
			}
			st.pl.scrap(m.part, now)
			return -1
		case reworkPart:
			m.part.rework(q.reworkTo)
			return q.reworkTo
		}
	}
	return st.next(m.part)
}

// nextInBatch makes the next part of the batch the current one; nil after
// the last.
func (m *machine) nextInBatch() {
	m.part = nil
	if len(m.batch) > 0 {
		m.part, m.batch = m.batch[0], m.batch[1:]
	}
}

// pull looks for the next part (or batch): from the buffer first, then
// from a blocked upstream holder, then from a saturated source; otherwise
// the machine is starved until a part arrives.
func (m *machine) pull(now float64) {
	st := m.st
	if m.rel != nil && m.rel.closeIfDue(now) {
		return
	}
	if st.gated {
		switch {
		case st.kanban != nil:
			m.pullCarded(now)
		case st.batch > 1:
			m.pullBatch(now)
		default:
			m.pullKit(now)
		}
		return
	}
	switch {
	case st.queue.len() > 0:
		m.start(st.dequeue(m, now), now)
		st.refill(now)
	case st.blocked.len() > 0:
		u := st.blocked.pop()
		st.wait.Add(0)
		m.start(u.heldPart(now), now)
		u.released(now)
	case st.feeder != nil:
		st.wait.Add(0)
		m.start(st.feeder.saturatedPart(now), now)
	default:
		m.set(Starved, now)
		st.idle.push(m)
		if st.watch != nil {
			st.roomFreed()
		}
	}
}

// pullBatch starts a batch when the buffer holds a whole one (or a
// saturated source makes one); otherwise the machine waits, starved.
func (m *machine) pullBatch(now float64) {
	st := m.st
	b := st.batch
	switch {
	case st.queue.len() >= b:
		lead := st.dequeue(m, now)
		for range b - 1 {
			m.batch = append(m.batch, st.dequeue(m, now))
		}
		m.start(lead, now)
		for range b {
			st.refill(now)
		}
		for st.idle.len() > 0 && st.queue.len() >= b {
			st.idle.pop().pull(now)
		}
	case st.feeder != nil:
		for range b - 1 {
			st.wait.Add(0)
			m.batch = append(m.batch, st.feeder.saturatedPart(now))
		}
		st.wait.Add(0)
		m.start(st.feeder.saturatedPart(now), now)
	default:
		m.set(Starved, now)
		st.idle.push(m)
	}
}

// heldPart hands the blocked part to the station downstream.
func (m *machine) heldPart(float64) *part {
	p := m.part
	m.queued = false
	m.nextInBatch()
	return p
}

// released lets the machine go on once its blocked part was taken, unless
// it is out of order: then it looks for work when it is back.
func (m *machine) released(now float64) {
	if m.rel != nil && m.rel.out != nil {
		return
	}
	m.send(now)
}
