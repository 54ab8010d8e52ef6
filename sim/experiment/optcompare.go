package experiment

import "github.com/takt-sim/takt/sim"

// Comparison is the selection's candidates as a comparison: the selected
// design first (the others in candidate order), each summarised over the
// replications all of them ran (the selection's first stage, common random
// numbers), with its paired differences to the selected one. Without a
// selected design the candidates keep their order. Nil without candidates.
func (o *Optimization) Comparison() *Comparison {
	if len(o.Candidates) == 0 {
		return nil
	}
	order := o.order()
	n := len(o.Candidates[order[0]].Summary.Replications)
	for _, d := range o.Candidates {
		n = min(n, len(d.Summary.Replications))
	}
	c := &Comparison{Confidence: o.Candidates[0].Summary.Confidence}
	common := func(d *Design) *sim.Summary {
		return sim.Summarize(d.model, d.run, d.Summary.Replications[:n])
	}
	base := common(o.Candidates[order[0]])
	for _, i := range order {
		s := common(o.Candidates[i])
		c.Alternatives = append(c.Alternatives, AlternativeResult{Name: o.Candidates[i].Name, Summary: s,
			Diffs: diffs(base, s, c.Confidence)})
	}
	return c
}

// Ranked are the candidates in the order of Comparison: the selected
// design first.
func (o *Optimization) Ranked() []*Design {
	var out []*Design
	for _, i := range o.order() {
		out = append(out, o.Candidates[i])
	}
	return out
}

// order lists the candidates' indices, the selected design first.
func (o *Optimization) order() []int {
	order := make([]int, 0, len(o.Candidates))
	if o.Best >= 0 {
		order = append(order, o.Best)
	}
	for i := range o.Candidates {
		if i != o.Best {
			order = append(order, i)
		}
	}
	return order
}
