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
	onLoaded    simgo.Handler
}

func newMachine(st *station, k int) *machine {
	m := &machine{st: st, index: k, state: Starved}
	m.onDone, m.onLoaded, m.onOperators = m.finish, m.loaded, m.operatorsArrived
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

// start begins work on p: at once, or once its operators are there.
func (m *machine) start(p *part, now float64) {
	m.part = p
	if m.st.ops != nil {
		m.askOperators(now)
		return
	}
	m.work(now)
}

// work begins the load phase, if any, and then processing.
func (m *machine) work(now float64) {
	m.set(Busy, now)
	if tr := m.st.pl.tracer; tr != nil {
		tr.PartEvent(now, m.part.id, PartStarted, m.st.spec.Name)
	}
	if m.st.load != nil {
		m.st.pl.sim.Timeout(m.st.load.Rand()).AddHandler(m.onLoaded)
		return
	}
	m.process(now)
}

// process draws the processing time. A machine that never stops schedules
// one event, the end of processing; one with failures, maintenance or a
// shift schedules the end of processing or the next outage, whichever
// comes first.
func (m *machine) process(now float64) {
	d := m.st.process.Rand()
	if m.rel != nil {
		m.rel.process(d, now)
		return
	}
	m.st.pl.sim.Timeout(d).AddHandler(m.onDone)
}

// finish is called when processing ends.
func (m *machine) finish(*simgo.Event) { m.done(m.st.pl.sim.Now()) }

// done ends processing: the operators leave and the part moves on.
func (m *machine) done(now float64) {
	if m.opHeld != nil {
		m.releaseOperators(now)
	}
	m.leave(now)
}

// leave sends the finished part on, or blocks the machine until the next
// station has room for it.
func (m *machine) leave(now float64) {
	st := m.st
	pl := st.pl
	if pl.tracer != nil {
		pl.tracer.PartEvent(now, m.part.id, PartFinished, st.spec.Name)
	}
	to := st.next()
	if to >= len(pl.stations) {
		pl.sinks[to-len(pl.stations)].absorb(m.part, now)
		m.part = nil
		m.pull(now)
		return
	}
	tgt := pl.stations[to]
	if tgt.accept(m.part, now) {
		m.part = nil
		m.pull(now)
		return
	}
	m.set(Blocked, now)
	tgt.blocked.push(m)
	if m.rel != nil {
		m.rel.closeIfDue(now)
	}
}

// pull looks for the next part: from the buffer first, then from a blocked
// upstream holder, then from a saturated source; otherwise the machine is
// starved until a part arrives.
func (m *machine) pull(now float64) {
	st := m.st
	if m.rel != nil && m.rel.closeIfDue(now) {
		return
	}
	switch {
	case st.queue.len() > 0:
		m.start(st.dequeue(now), now)
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
	}
}

// heldPart hands the blocked part to the station downstream.
func (m *machine) heldPart(float64) *part {
	p := m.part
	m.part = nil
	return p
}

// released lets the machine go on once its blocked part was taken, unless
// it is out of order: then it looks for work when it is back.
func (m *machine) released(now float64) {
	if m.rel != nil && m.rel.out != nil {
		return
	}
	m.pull(now)
}
