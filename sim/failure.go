package sim

import (
	"math/rand/v2"
	"strconv"

	"github.com/fschuetz04/simgo"
	"github.com/takt-sim/takt/sim/stats"
)

// outage is one failure mode, or the planned maintenance, of one machine.
type outage struct {
	r        *reliability
	pm       bool
	offShift bool // the outage is time off shift; it ends with the calendar
	basis    Basis
	ttf, ttr Sampler
	crew     *crew // nil when no crew is needed
	priority int
	left     float64      // operating basis: operating time until due
	timer    *simgo.Event // calendar basis: the pending due event
	onDue    simgo.Handler
}

// reliability is the failure and maintenance state of one machine. The
// machine processes a part in segments: each ends at the end of processing
// or at the next operating-time outage, whichever comes first, so an outage
// costs no event per part. Calendar-time outages are events of their own
// that interrupt the segment in progress.
type reliability struct {
	m         *machine
	outages   []*outage
	seg       *simgo.Event // the pending segment event, nil when not processing
	segStart  float64
	segEnd    float64 // the time the pending segment ends
	segDue    *outage // the operating-time outage the segment ends with, or nil
	remaining float64 // processing time left on the part
	out       *outage // the outage the machine is in; nil when up
	outStart  float64
	prior     State         // what the machine was doing when the outage began
	due       fifo[*outage] // outages that came due during another one
	onSegment simgo.Handler
	onBack    simgo.Handler

	failures int64       // failures begun since the warm-up
	restore  stats.Tally // time from failure to back up, of failures ended since the warm-up

	// Shifts: off is the outage of time off shift; offDue says the calendar
	// is off (the machine goes off shift as soon as it can); closing says
	// the machine finishes its part before going off shift (Finish).
	off     *outage
	offDue  bool
	closing bool
	// regain says the operators went home with the shift in the middle of
	// a part (prior is Busy or InSetup): the work resumes once they are
	// back.
	regain bool
}

// machineElement names machine k of a station for its random streams.
func machineElement(station string, k int) string { return station + "#" + strconv.Itoa(k+1) }

// newReliability builds the outages of machine k of its station, each
// sampler on its own stream, or returns nil when the station has none.
func newReliability(m *machine, k int, crews []*crew, pln *Plan, stream func(string, string) *rand.PCG) *reliability {
	spec := m.st.spec
	if len(spec.Failures) == 0 && spec.PM == nil && pln.calendar[m.st.index] == nil {
		return nil
	}
	r := &reliability{m: m}
	r.off = &outage{r: r, offShift: true}
	r.onSegment, r.onBack = r.segmentEnd, r.back
	el := machineElement(spec.Name, k)
	crewOf := func(name string) *crew {
		if i := pln.crewOf(name); i >= 0 {
			return crews[i]
		}
		return nil
	}
	for _, f := range spec.Failures {
		r.add(&outage{basis: f.Basis, priority: f.Priority, crew: crewOf(f.Crew),
			ttf: f.TTF.Bind(stream(el, "failure/"+f.Name+"/ttf")),
			ttr: f.TTR.Bind(stream(el, "failure/"+f.Name+"/ttr"))})
	}
	if pm := spec.PM; pm != nil {
		r.add(&outage{pm: true, basis: pm.Basis, priority: pm.Priority, crew: crewOf(pm.Crew),
			ttf: constSampler(pm.Every), ttr: pm.Duration.Bind(stream(el, "pm/duration"))})
	}
	return r
}

func (r *reliability) add(o *outage) {
	o.r = r
	o.onDue = o.calendarDue
	r.outages = append(r.outages, o)
}

// start draws every outage's first time to failure at time 0.
func (r *reliability) start() {
	for _, o := range r.outages {
		o.renew()
	}
}

// renew restarts the outage's clock with a fresh draw.
func (o *outage) renew() {
	d := o.ttf.Rand()
	if o.basis == Operating {
		o.left = d
		return
	}
	if o.timer != nil {
		o.timer.Abort()
	}
	o.timer = o.r.m.st.pl.timeout(d)
	o.timer.AddHandler(o.onDue)
}

// process starts processing a part of processing time d.
func (r *reliability) process(d, now float64) {
	r.remaining = d
	r.segment(now)
}

// segment schedules the end of processing or the next operating-time
// outage, whichever comes first.
func (r *reliability) segment(now float64) {
	next, due := r.remaining, (*outage)(nil)
	for _, o := range r.outages {
		if o.basis == Operating && o.left < next {
			next, due = o.left, o
		}
	}
	r.segStart, r.segEnd, r.segDue = now, now+next, due
	r.seg = r.m.st.pl.timeout(next)
	r.seg.AddHandler(r.onSegment)
}

// stopSegment ends the segment in progress at now and books the operating
// time it lasted.
func (r *reliability) stopSegment(now float64) {
	el := now - r.segStart
	r.remaining = max(0, r.remaining-el)
	for _, o := range r.outages {
		if o.basis == Operating {
			o.left = max(0, o.left-el)
		}
	}
	r.seg = nil
}

// segmentEnd handles the end of a segment: an operating-time outage begins,
// or the part is finished.
func (r *reliability) segmentEnd(*simgo.Event) {
	now := r.m.st.pl.sim.Now()
	r.stopSegment(now)
	if o := r.segDue; o != nil {
		o.left = 0
		r.begin(o, now)
		return
	}
	r.remaining = 0
	r.m.phaseDone(now)
}

// calendarDue handles a calendar-time outage coming due. During another
// outage it waits and begins as soon as the machine is back.
func (o *outage) calendarDue(*simgo.Event) {
	r := o.r
	o.timer = nil
	now := r.m.st.pl.sim.Now()
	if r.out != nil {
		r.due.push(o)
		return
	}
	r.begin(o, now)
}

// begin takes the machine out of order for o at now: a part in process is
// interrupted, a starved machine leaves the idle list, a blocked part stays
// where it is (the next station may still take it).
func (r *reliability) begin(o *outage, now float64) {
	m := r.m
	if r.out != nil {
		panic("an outage began while the machine was already out of order")
	}
	r.interrupt(now)
	if !o.pm {
		r.failures++
	}
	if !r.regain { // else it was waiting for its operators to resume the part
		r.prior = m.state
	}
	r.closing = false // a Finish part interrupted by a failure resumes after it
	r.out, r.outStart = o, now
	r.call(o, now)
}

// interrupt stops what the machine does for an outage: a part in process
// is interrupted (it resumes afterwards), a starved machine leaves the idle
// list, a request for operators is withdrawn; a blocked part stays where it
// is (the next station may still take it).
func (r *reliability) interrupt(now float64) {
	m := r.m
	switch {
	case r.seg != nil:
		r.seg.Abort()
		r.stopSegment(now)
	case m.state == Starved || m.state == WaitingCard:
		m.st.idle.remove(m, func(a, b *machine) bool { return a == b })
	case m.state == WaitingOperator:
		m.withdrawOperators()
	case m.state == StarvedMaterial:
		m.st.uses.withdraw(m)
	}
}

// call asks for a crew member for o, or starts the repair at once when none
// is needed.
func (r *reliability) call(o *outage, now float64) {
	if o.crew == nil {
		r.repair(now)
		return
	}
	r.m.set(WaitingCrew, now)
	o.crew.request(&crewRequest{count: 1, priority: o.priority, granted: r.crewArrived}, now)
}

// crewArrived starts the repair once the crew member is there.
func (r *reliability) crewArrived(_ *crew, now float64) { r.repair(now) }

// repair starts the repair or maintenance of the current outage; a crew
// member, if needed, is present.
func (r *reliability) repair(now float64) {
	s := Down
	if r.out.pm {
		s = Maintenance
	}
	r.m.set(s, now)
	r.m.st.pl.timeout(r.out.ttr.Rand()).AddHandler(r.onBack)
}

// back ends the current outage: the crew member leaves, the clocks restart,
// and the machine takes up what it was doing, unless another outage is due.
func (r *reliability) back(*simgo.Event) {
	now := r.m.st.pl.sim.Now()
	o := r.out
	if o.crew != nil {
		o.crew.release(1, now)
	}
	o.renew()
	if !o.pm {
		r.restore.Add(now - r.outStart)
	} else if !r.m.st.spec.PM.KeepFailureClocks {
		r.renewFailures()
	}
	r.out = nil
	r.afterOutage(now)
}

// afterOutage decides what follows an outage: time off shift if the
// calendar is off, else an outage that came due meanwhile, else the work.
func (r *reliability) afterOutage(now float64) {
	switch {
	case r.offDue:
		r.goOff(now)
	case r.due.len() > 0:
		next := r.due.pop()
		if !next.pm {
			r.failures++
		}
		r.out, r.outStart = next, now
		r.call(next, now)
	default:
		r.resume(now)
	}
}

// renewFailures restarts every failure clock after maintenance and drops
// failures that came due during it.
func (r *reliability) renewFailures() {
	for _, o := range r.outages {
		if !o.pm {
			o.renew()
		}
	}
	for n := r.due.len(); n > 0; n-- {
		if o := r.due.pop(); o.pm {
			r.due.push(o)
		}
	}
}

// resume takes up the machine's work after an outage: the interrupted part
// (which may have been interrupted at the very instant it was finished) once
// its operators, if they went home with the shift, are back; the blocked
// part if the next station has not taken it yet; or the next part.
func (r *reliability) resume(now float64) {
	m := r.m
	switch {
	case r.regain:
		m.askOperators(now, r.regained)
	case r.prior == WaitingOperator:
		m.askOperators(now, m.onOperators)
	case r.prior == StarvedMaterial:
		m.st.uses.retry(m, now)
	default:
		r.carryOn(now)
	}
}

// regained resumes the part once its operators are back.
func (r *reliability) regained(c *crew, now float64) {
	r.m.opReq, r.m.opHeld, r.regain = nil, c, false
	r.carryOn(now)
}

// carryOn takes up the interrupted part, or the blocked one, or looks for
// work.
func (r *reliability) carryOn(now float64) {
	m := r.m
	switch {
	case (r.prior == Busy || r.prior == InSetup) && r.remaining > 0:
		m.set(r.prior, now)
		r.segment(now)
	case (r.prior == Busy || r.prior == InSetup) && m.part != nil:
		m.set(r.prior, now) // the phase ended at the very instant it was interrupted
		m.phaseDone(now)
	case m.queued:
		m.set(m.heldState(), now)
	default:
		m.send(now) // parts of a batch still to send, or none: look for work
	}
}

// reset starts the statistics window at now.
func (r *reliability) reset() {
	r.failures = 0
	r.restore.Reset()
}
