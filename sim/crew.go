package sim

// crew is the running form of a Crew: free members and the machines waiting
// for one, by priority and then first come, first served.
type crew struct {
	spec    *Crew
	free    int
	waiting []crewRequest
	busy    TimeWeighted // members at work
}

type crewRequest struct {
	r        *reliability
	priority int
}

func newCrew(spec *Crew) *crew { return &crew{spec: spec, free: spec.Size} }

// request asks for one member for r's outage; the repair starts as soon as
// one is free.
func (c *crew) request(r *reliability, priority int, now float64) {
	if c.free > 0 {
		c.free--
		c.busy.Add(now, 1)
		r.repair(now)
		return
	}
	i := len(c.waiting)
	for i > 0 && c.waiting[i-1].priority < priority {
		i--
	}
	c.waiting = append(c.waiting, crewRequest{})
	copy(c.waiting[i+1:], c.waiting[i:])
	c.waiting[i] = crewRequest{r, priority}
}

// release frees one member, who goes straight to the next waiting machine.
func (c *crew) release(now float64) {
	if len(c.waiting) == 0 {
		c.free++
		c.busy.Add(now, -1)
		return
	}
	next := c.waiting[0]
	c.waiting = c.waiting[1:]
	next.r.repair(now)
}

// utilization is the fraction of the members' time at work since the window
// start.
func (c *crew) utilization(now float64) float64 {
	return c.busy.Mean(now) / float64(c.spec.Size)
}
