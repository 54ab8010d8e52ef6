package experiment

import (
	"context"
	"fmt"
	"math"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// selectionBase is the first replication index of the selection stage: its
// replications are fresh, independent of the search's (indices 0, 1, …),
// and common to every candidate.
const selectionBase = 1 << 30

// evaluator simulates designs on demand and keeps their replications, per
// stage: the search's from index 0, the selection's from selectionBase.
type evaluator struct {
	p       Problem
	opt     Options
	designs map[string]*Design
	order   []*Design
	points  map[*Design]Point
	reps    map[*Design][]*sim.Replication // search stage
	sel     map[*Design][]*sim.Replication // selection stage
	used    int
	budget  int
}

// design returns the design x, built and compiled once.
func (e *evaluator) design(x []float64) (*Design, error) {
	if d, ok := e.designs[key(x)]; ok {
		return d, nil
	}
	alt, err := e.p.Build(x)
	if err != nil {
		return nil, fmt.Errorf("design %s: %w", designName(e.p.Vars, x), err)
	}
	pl, err := sim.Compile(alt.Model)
	if err != nil {
		return nil, fmt.Errorf("design %s: %w", designName(e.p.Vars, x), err)
	}
	d := &Design{X: append([]float64(nil), x...), Name: designName(e.p.Vars, x)}
	if e.points == nil {
		e.points = map[*Design]Point{}
	}
	e.points[d] = Point{Name: d.Name, Plan: pl, Run: alt.Run, Recipe: Recipe{Source: alt.Source}}
	e.designs[key(x)] = d
	e.order = append(e.order, d)
	return d, nil
}

// key identifies a design.
func key(x []float64) string { return fmt.Sprint(x) }

// simulate runs replications so that each design of ds has n of the given
// stage (search or selection), as one batch of tasks.
func (e *evaluator) simulate(ctx context.Context, ds []*Design, n int, selection bool) error {
	store, base := e.reps, 0
	if selection {
		if e.sel == nil {
			e.sel = map[*Design][]*sim.Replication{}
		}
		store, base = e.sel, selectionBase
	}
	var points []Point
	var tasks []Task
	var reps [][]*sim.Replication
	for _, d := range ds {
		have := store[d]
		if len(have) >= n {
			continue
		}
		k := len(points)
		pt := e.points[d]
		points = append(points, pt)
		// reps[k][i] holds replication base+i; only the missing ones run.
		full := make([]*sim.Replication, n)
		copy(full, have)
		reps = append(reps, full)
		for i := len(have); i < n; i++ {
			tasks = append(tasks, Task{Point: k, Index: base + i})
		}
	}
	if len(tasks) == 0 {
		return nil
	}
	e.used += len(tasks)
	err := e.opt.executor().Execute(ctx, points, tasks, func(t Task, r *sim.Replication) {
		reps[t.Point][t.Index-base] = r
		if e.opt.Progress != nil {
			e.opt.Progress(min(e.used, e.budget), e.budget)
		}
	})
	if err != nil {
		return err
	}
	k := 0
	for _, d := range ds {
		if len(store[d]) >= n {
			continue
		}
		store[d] = reps[k]
		k++
	}
	return nil
}

// values are the objective's values of d's replications of a stage, signed
// so that larger is better.
func (e *evaluator) values(d *Design, selection bool) []float64 {
	rs := e.reps[d]
	if selection {
		rs = e.sel[d]
	}
	xs := make([]float64, len(rs))
	for i, r := range rs {
		xs[i] = e.p.Objective.Value(r)
		if !e.p.Maximize {
			xs[i] = -xs[i]
		}
	}
	return xs
}

// mean is the signed sample mean of d's objective in a stage.
func (e *evaluator) mean(d *Design, selection bool) float64 {
	xs := e.values(d, selection)
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// finish fills every design's summary, estimate and feasibility from
// its selection replications when it has them, else from its search ones.
func (e *evaluator) finish(o *Optimization) *Optimization {
	o.Visited = nil
	for _, d := range e.order {
		rs := e.sel[d]
		if len(rs) == 0 {
			rs = e.reps[d]
		}
		if len(rs) == 0 {
			continue
		}
		pt := e.points[d]
		d.model, d.run = pt.Plan.Model(), pt.Run
		d.Summary = sim.Summarize(d.model, d.run, rs)
		xs := make([]float64, len(rs))
		for i, r := range rs {
			xs[i] = e.p.Objective.Value(r)
		}
		d.Objective = stats.NewEstimate(xs, pt.Run.Confidence)
		d.Feasible = e.meets(rs)
		if len(e.reps[d]) > 0 {
			o.Visited = append(o.Visited, d)
		}
	}
	o.Replications = e.used
	return o
}

// meets reports whether the replications' means meet every bound.
func (e *evaluator) meets(rs []*sim.Replication) bool {
	for _, b := range e.p.Bounds {
		s := 0.0
		for _, r := range rs {
			s += b.KPI.Value(r)
		}
		if m := s / float64(len(rs)); math.IsNaN(m) || !b.meets(m) {
			return false
		}
	}
	return true
}
