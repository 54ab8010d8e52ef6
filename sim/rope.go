package sim

// passDrum lets the parts the machine finished at a drum station pass
// their rope: each releases a new part at its source.
func (m *machine) passDrum(now float64) {
	m.passRope(m.part, now)
	for _, p := range m.batch {
		m.passRope(p, now)
	}
}

func (m *machine) passRope(p *part, now float64) {
	if p.roped && p.src.spec.RopeAt == m.st.spec.Name {
		p.roped = false
		p.src.release(now)
	}
}
