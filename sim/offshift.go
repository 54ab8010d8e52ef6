package sim

import "github.com/fschuetz04/simgo"

// Time off shift is an outage of its own whose end the calendar sets: it
// interrupts the part in process (Pause) like a failure, or waits for it to
// be finished (Finish), and overlaps with no other outage — a machine that
// is down when its shift ends goes off shift once repaired, and a failure
// that comes due off shift begins when the shift starts.

// shiftDriver turns a station's machines on and off by its calendar: one
// event per change of the calendar, none per part.
type shiftDriver struct {
	st       *station
	calendar *WorkCalendar
	clock    *calendarClock
	onChange simgo.Handler
}

// start applies the calendar at time 0 and schedules its next change.
func (d *shiftDriver) start() {
	d.onChange = d.change
	d.clock = newCalendarClock(d.calendar)
	if !d.calendar.At(0) {
		for _, m := range d.st.machines {
			m.rel.shiftEnds(0)
		}
	}
	d.schedule(0)
}

func (d *shiftDriver) schedule(now float64) {
	if next := d.clock.next().at; next < d.st.pl.run.Horizon {
		d.st.pl.timeout(next - now).AddHandler(d.onChange)
	}
}

// change applies the calendar's next change, which is due now.
func (d *shiftDriver) change(*simgo.Event) {
	now := d.st.pl.sim.Now()
	on := d.clock.next().on
	d.clock.advance()
	for _, m := range d.st.machines {
		if on {
			m.rel.shiftStarts(now)
		} else {
			m.rel.shiftEnds(now)
		}
	}
	d.schedule(now)
}

// shiftEnds takes the machine off shift now, or as soon as it is back from
// an outage, or, with Finish, once its part is done.
func (r *reliability) shiftEnds(now float64) {
	r.offDue = true
	switch {
	case r.out != nil:
	case (r.m.state == Busy || r.m.state == InSetup) && (r.m.st.spec.AtShiftEnd == Finish || r.finishingAt(now)):
		r.closing = true
	default:
		r.goOff(now)
	}
}

// goOff begins time off shift, interrupting what the machine does. The
// operators with the part go home: they come back for the rest of it when
// the shift starts again (see regain).
func (r *reliability) goOff(now float64) {
	m := r.m
	r.interrupt(now)
	if !m.state.Unavailable() && !r.regain {
		r.prior = m.state
		if m.part == nil {
			r.prior = Starved // a Finish part that has just left
		}
	}
	r.closing = false
	r.out, r.outStart = r.off, now
	m.set(OffShift, now)
	if m.opHeld != nil {
		m.releaseOperators(now)
		r.regain = true
	}
}

// shiftStarts ends time off shift; a machine still in another outage (or
// finishing its part) simply carries on.
func (r *reliability) shiftStarts(now float64) {
	r.offDue, r.closing = false, false
	if r.out == r.off {
		r.out = nil
		r.afterOutage(now)
	}
}

// finishingAt reports whether the part in process ends its last phase at
// now, up to rounding (see simultaneous): then it is finished, under Pause
// too, instead of waiting for the next shift with nothing left to do.
func (r *reliability) finishingAt(now float64) bool {
	return r.seg != nil && r.segDue == nil && r.m.phase == phaseProcess && simultaneous(r.segEnd, now)
}

// closeIfDue takes a machine off shift instead of letting it start another
// part when it has finished its part at the end of its shift (closing), or
// when its shift ends now, up to rounding, and the change is still to come;
// it reports whether it did.
func (r *reliability) closeIfDue(now float64) bool {
	if !r.closing && !r.m.st.shift.endsAt(now) {
		return false
	}
	r.offDue = true
	r.goOff(now)
	return true
}

// endsAt reports whether the next change of the calendar turns it off at
// now, up to rounding; false for a station without a shift.
func (d *shiftDriver) endsAt(now float64) bool {
	if d == nil {
		return false
	}
	c := d.clock.next()
	return !c.on && simultaneous(c.at, now)
}
