package sim

// operatorNeed is a station's Operators, resolved to its crews.
type operatorNeed struct {
	crews  []*crew
	count  int
	during Phase
}

// askOperators makes the machine wait for its operators, asking its crews
// in preference order: the first that has them free grants them, otherwise
// the request waits at all of them and the first to have them grants it;
// granted then goes on with the work.
func (m *machine) askOperators(now float64, granted func(*crew, float64)) {
	need := m.st.ops
	m.set(WaitingOperator, now)
	req := &crewRequest{count: need.count, granted: granted}
	m.opReq = req
	for _, c := range need.crews {
		if c.can(req.count) {
			c.take(req, now)
			return
		}
	}
	for _, c := range need.crews {
		c.enqueue(req)
	}
}

// operatorsArrived starts the work the machine waited for.
func (m *machine) operatorsArrived(c *crew, now float64) {
	m.opReq, m.opHeld = nil, c
	m.work(now)
}

// withdrawOperators cancels a waiting request (an outage or the end of the
// shift interrupts the wait; it is asked again afterwards).
func (m *machine) withdrawOperators() {
	if m.opReq != nil {
		m.opReq.done = true
		m.opReq = nil
	}
}

// releaseOperators lets the machine's operators go.
func (m *machine) releaseOperators(now float64) {
	if c := m.opHeld; c != nil {
		m.opHeld = nil
		c.release(m.st.ops.count, now)
	}
}

// releaseAfter lets operators needed only for phase go.
func (m *machine) releaseAfter(phase Phase, now float64) {
	if m.st.ops != nil && m.st.ops.during == phase {
		m.releaseOperators(now)
	}
}
