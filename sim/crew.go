package sim

import (
	"github.com/fschuetz04/simgo"
	"github.com/takt-sim/takt/sim/stats"
)

// crew is the running form of a Crew: free members and the requests
// waiting for members, served by priority and then first come, first
// served (a request that needs more members than are free lets smaller ones
// behind it go first). A crew with a shift grants members only on shift;
// members at work when the shift ends finish their task: that is overtime.
type crew struct {
	spec     *Crew
	free     int
	waiting  []*crewRequest
	busy     stats.TimeWeighted // members at work
	overtime stats.TimeWeighted // members at work off shift (finishing a task)
	calendar *WorkCalendar
	clock    *calendarClock
	off      bool // off shift
	onChange simgo.Handler
	pl       *plant
}

// crewRequest asks one crew, or several in preference order, for count
// members. The first crew that can grant it does; the others drop it.
type crewRequest struct {
	count    int
	priority int
	granted  func(c *crew, now float64)
	done     bool // granted or withdrawn
}

func newCrew(spec *Crew) *crew { return &crew{spec: spec, free: spec.Size} }

// can reports whether the crew can grant count members now.
func (c *crew) can(count int) bool { return !c.off && c.free >= count }

// take grants req now.
func (c *crew) take(req *crewRequest, now float64) {
	req.done = true
	c.free -= req.count
	c.account(now)
	req.granted(c, now)
}

// request grants req at once if the crew can, else queues it.
func (c *crew) request(req *crewRequest, now float64) {
	if c.can(req.count) {
		c.take(req, now)
		return
	}
	c.enqueue(req)
}

// enqueue adds req behind every request of the same or higher priority.
func (c *crew) enqueue(req *crewRequest) {
	i := len(c.waiting)
	for i > 0 && c.waiting[i-1].priority < req.priority {
		i--
	}
	c.waiting = append(c.waiting, nil)
	copy(c.waiting[i+1:], c.waiting[i:])
	c.waiting[i] = req
}

// release frees n members and serves the waiting requests.
func (c *crew) release(n int, now float64) {
	c.free += n
	c.account(now)
	c.serve(now)
}

// serve grants waiting requests in order while members are free.
func (c *crew) serve(now float64) {
	kept := c.waiting[:0]
	for _, req := range c.waiting {
		switch {
		case req.done:
		case c.can(req.count):
			c.take(req, now)
		default:
			kept = append(kept, req)
		}
	}
	clear(c.waiting[len(kept):])
	c.waiting = kept
}

// startShift applies the crew's calendar at time 0 and schedules its
// changes.
func (c *crew) startShift() {
	if c.calendar == nil {
		return
	}
	c.onChange = c.change
	c.clock = newCalendarClock(c.calendar)
	c.off = !c.calendar.At(0)
	c.schedule(0)
}

func (c *crew) schedule(now float64) {
	if next := c.clock.next().at; next < c.pl.run.Horizon {
		c.pl.timeout(next - now).AddHandler(c.onChange)
	}
}

func (c *crew) change(*simgo.Event) {
	now := c.pl.sim.Now()
	c.off = !c.clock.next().on
	c.clock.advance()
	c.account(now)
	if !c.off {
		c.serve(now)
	}
	c.schedule(now)
}

// utilization is the fraction of the members' time at work since the
// window start.
func (c *crew) utilization(now float64) float64 {
	return c.busy.Mean(now) / float64(c.spec.Size)
}

// account records the members at work at now, and those of them off
// shift.
func (c *crew) account(now float64) {
	working := float64(c.spec.Size - c.free)
	c.busy.Set(now, working)
	if !c.off {
		working = 0
	}
	c.overtime.Set(now, working)
}

// reset starts the statistics window at now.
func (c *crew) reset(now float64) {
	c.busy.Reset(now)
	c.overtime.Reset(now)
}

// scheduledUtilization is the members' time at work on shift over their
// scheduled time in [from, now), at most 1; overtime is their time at
// work off shift over the same scheduled time.
//
//	scheduled utilisation = ∫ at work on shift dt / (size · scheduled time)
//	overtime              = ∫ at work off shift dt / (size · scheduled time)
func (c *crew) scheduledUtilization(from, now float64) (utilization, overtime float64) {
	if c.calendar == nil {
		return c.utilization(now), 0
	}
	scheduled := float64(c.spec.Size) * c.calendar.OnTime(from, now)
	off, all := c.overtime.Mean(now)*(now-from), c.busy.Mean(now)*(now-from)
	return (all - off) / scheduled, off / scheduled
}
