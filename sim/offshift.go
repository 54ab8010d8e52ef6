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
	onChange simgo.Handler
}

// start applies the calendar at time 0 and schedules its next change.
func (d *shiftDriver) start() {
	d.onChange = d.change
	if !d.calendar.At(0) {
		for _, m := range d.st.machines {
			m.rel.shiftEnds(0)
		}
	}
	d.schedule(0)
}

func (d *shiftDriver) schedule(now float64) {
	if next := d.calendar.Next(now); next < d.st.pl.run.Horizon {
		d.st.pl.sim.Timeout(next - now).AddHandler(d.onChange)
	}
}

// change applies the calendar at the current time.
func (d *shiftDriver) change(*simgo.Event) {
	now := d.st.pl.sim.Now()
	on := d.calendar.At(now)
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
	case (r.m.state == Busy || r.m.state == InSetup) && r.m.st.spec.AtShiftEnd == Finish:
		r.closing = true
	default:
		r.goOff(now)
	}
}

// goOff begins time off shift, interrupting what the machine does.
func (r *reliability) goOff(now float64) {
	m := r.m
	r.interrupt(now)
	if !m.state.Unavailable() {
		r.prior = m.state
		if m.part == nil {
			r.prior = Starved // a Finish part that has just left
		}
	}
	r.closing = false
	r.out, r.outStart = r.off, now
	m.set(OffShift, now)
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

// closeIfDue takes a machine that finished its part under Finish off shift
// instead of letting it start another; it reports whether it did.
func (r *reliability) closeIfDue(now float64) bool {
	if !r.closing {
		return false
	}
	r.goOff(now)
	return true
}
