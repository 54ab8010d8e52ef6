package experiment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// Var is a discrete decision variable: a name (a scenario key path, for
// the command line) and its values in increasing order.
type Var struct {
	Name   string
	Values []float64
}

// Bound is a constraint on a KPI: its mean must be at least (AtLeast) or
// at most Bound.
type Bound struct {
	KPI     KPI
	AtLeast bool
	Bound   float64
}

func (b Bound) String() string {
	op := "<="
	if b.AtLeast {
		op = ">="
	}
	return fmt.Sprintf("%s %s %g", b.KPI.Name, op, b.Bound)
}

// meets reports whether a mean satisfies the bound.
func (b Bound) meets(mean float64) bool {
	if b.AtLeast {
		return mean >= b.Bound
	}
	return mean <= b.Bound
}

// Problem is a discrete stochastic optimisation: choose one value of every
// Var, subject to Feasible (constraints on the values, e.g. a total number
// of buffer slots) and Bounds (constraints on KPI means), to maximise or
// minimise the mean of Objective.
type Problem struct {
	Vars []Var
	// Feasible says whether a design (one value per Var) is allowed; nil
	// allows every design.
	Feasible func(x []float64) bool
	// Build returns the alternative of a design: its model, run and source.
	Build     func(x []float64) (Alternative, error)
	Objective KPI
	Maximize  bool
	Bounds    []Bound
	// Start is a design to start the search from (e.g. the scenario as
	// written); nil or infeasible for a random feasible one.
	Start []float64
	// Run gives the seed, the confidence level of the intervals and, in
	// Replications, the first-stage sample size n0 of every design (at
	// least 2).
	Run sim.Run
	// Delta is the indifference zone: designs whose objective means differ
	// by less are equally good. Confidence is the probability with which
	// the selected design is within Delta of the best (of the candidates
	// that reach the selection).
	Delta, Confidence float64
	// Budget caps the replications of the whole optimisation; 0 for
	// 200 per design of the space, at most 20 000.
	Budget int
	// Exhaustive is the largest number of feasible designs that are all
	// compared, without a search; 0 for 30. Use a negative value to always
	// search.
	Exhaustive int
	// Status, when not nil, is told after each search iteration how many
	// designs were visited and which is best so far.
	Status func(visited int, best *Design)
}

// Design is one evaluated design with its summary over the replications
// it received (search and selection replications are kept apart).
type Design struct {
	X       []float64
	Name    string
	Summary *sim.Summary // of the replications of the selection, or of the search
	// Objective is the estimate of the objective; Feasible whether its
	// means meet every Bound.
	Objective stats.Estimate
	Feasible  bool

	model *sim.Model // for summaries over fewer replications
	run   sim.Run
}

// Optimization is the answer of Optimize.
type Optimization struct {
	// Method is "exhaustive" or "COMPASS"; Selection the ranking-and-
	// selection procedure of the clean-up.
	Method, Selection string
	Objective         KPI
	Maximize          bool
	Bounds            []Bound
	Delta, Confidence float64
	// Feasible is the number of feasible designs (counted only when the
	// space was enumerated; -1 otherwise). Visited are the designs the
	// search simulated, in the order it visited them; Path the index in
	// Visited of the best design after each search iteration.
	Feasible int
	Visited  []*Design
	Path     []int
	// Candidates are the designs that went into the selection; Best is
	// the index in Candidates of the selected design, −1 when no candidate
	// meets the Bounds. Close are the other candidates still in contention
	// when the selection stopped: within Delta of the best, as far as the
	// replications can tell.
	Candidates []*Design
	Best       int
	Close      []int
	// Guaranteed says the selection finished before the budget ran out,
	// so the guarantee holds: with probability at least Confidence the
	// best candidate's mean is within Delta of the best mean.
	Guaranteed   bool
	Replications int // used in all
}

// Optimize searches the designs of p and selects the best with a
// statistical guarantee. With few feasible designs (p.Exhaustive) every one
// is a candidate; otherwise COMPASS (Hong & Nelson 2006) searches the space
// with common random numbers and its best designs are the candidates. The
// candidates then go through Kim & Nelson's fully sequential procedure KN
// (2001) with common random numbers, on fresh replications: it selects a
// design whose mean is within Delta of the best candidate's with
// probability at least Confidence. Bounds on KPIs are judged on the
// candidates' means after the selection.
//
// Every random choice of the search comes from the stream (seed, "optimize"),
// and replication i of every design uses the streams of index i, so the
// answer is the same for any executor and number of workers.
func Optimize(ctx context.Context, p Problem, opt Options) (*Optimization, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	e := &evaluator{p: p, opt: opt, designs: map[string]*Design{}, reps: map[*Design][]*sim.Replication{}}
	o := &Optimization{Objective: p.Objective, Maximize: p.Maximize, Bounds: p.Bounds, Delta: p.Delta,
		Confidence: p.Confidence, Selection: "KN (Kim & Nelson 2001)", Feasible: -1, Best: -1}
	space := enumerate(p, p.exhaustive())
	var candidates []*Design
	var err error
	if space != nil && len(space) == 0 {
		return nil, errNoFeasible
	}
	if space != nil {
		o.Method, o.Feasible = "exhaustive", len(space)
		e.budget = p.budget(len(space))
		for _, x := range space {
			d, err := e.design(x)
			if err != nil {
				return nil, err
			}
			candidates = append(candidates, d)
		}
	} else {
		o.Method = "COMPASS (Hong & Nelson 2006)"
		if candidates, err = compass(ctx, e, o); err != nil {
			return e.finish(o), err
		}
	}
	err = e.select_(ctx, o, candidates)
	return e.finish(o), err
}

func (p Problem) check() error {
	var errs []error
	if len(p.Vars) == 0 {
		errs = append(errs, errors.New("optimize: no decision variable"))
	}
	for _, v := range p.Vars {
		if len(v.Values) == 0 {
			errs = append(errs, fmt.Errorf("optimize: %s has no value", v.Name))
		}
	}
	if p.Build == nil || p.Objective.Value == nil {
		errs = append(errs, errors.New("optimize: no model or no objective"))
	}
	if !(p.Delta > 0) || math.IsInf(p.Delta, 0) {
		errs = append(errs, fmt.Errorf("optimize: delta must be > 0, got %v", p.Delta))
	}
	if !(p.Confidence > 0 && p.Confidence < 1) {
		errs = append(errs, fmt.Errorf("optimize: confidence must be between 0 and 1, got %v", p.Confidence))
	}
	if p.Run.Replications < 2 {
		errs = append(errs, fmt.Errorf("optimize: the first stage needs at least 2 replications, got %d", p.Run.Replications))
	}
	return errors.Join(append(errs, p.Run.Validate())...)
}

func (p Problem) exhaustive() int {
	switch {
	case p.Exhaustive < 0:
		return 0
	case p.Exhaustive == 0:
		return 30
	}
	return p.Exhaustive
}

func (p Problem) budget(designs int) int {
	if p.Budget > 0 {
		return p.Budget
	}
	return min(20000, 200*max(designs, 1))
}

// feasible applies p.Feasible.
func (p Problem) feasible(x []float64) bool { return p.Feasible == nil || p.Feasible(x) }

// errNoFeasible says that no design meets the constraints on the variables.
var errNoFeasible = errors.New("optimize: no design meets the constraints on the variables")

// maxEnumerate bounds the designs enumerate looks at.
const maxEnumerate = 1_000_000

// enumerate lists the feasible designs in lexicographic order, or returns
// nil when there are more than limit or the space has more than
// maxEnumerate designs (the space is then searched).
func enumerate(p Problem, limit int) [][]float64 {
	out := [][]float64{}
	complete := forEachDesign(p, func(x []float64) bool {
		if p.feasible(x) {
			out = append(out, x)
		}
		return len(out) <= limit
	})
	if !complete {
		return nil
	}
	return out
}

// forEachDesign calls fn with every design (feasible or not) in
// lexicographic order while fn returns true, and reports whether it saw
// them all; it sees none of a space of more than maxEnumerate designs.
func forEachDesign(p Problem, fn func(x []float64) bool) bool {
	size := 1.0
	for _, v := range p.Vars {
		size *= float64(len(v.Values))
	}
	if size > maxEnumerate {
		return false
	}
	idx := make([]int, len(p.Vars))
	for {
		x := make([]float64, len(idx))
		for i, k := range idx {
			x[i] = p.Vars[i].Values[k]
		}
		if !fn(x) {
			return false
		}
		i := len(idx) - 1
		for ; i >= 0; i-- {
			if idx[i]++; idx[i] < len(p.Vars[i].Values) {
				break
			}
			idx[i] = 0
		}
		if i < 0 {
			return true
		}
	}
}

// designName names a design by the last part of each variable's name.
func designName(vars []Var, x []float64) string {
	parts := make([]string, len(vars))
	for i, v := range vars {
		name := v.Name
		if k := strings.Count(name, "."); k >= 2 {
			name = name[strings.Index(name, ".")+1:] // station.cnc.buffer → cnc.buffer
		}
		parts[i] = fmt.Sprintf("%s=%g", name, x[i])
	}
	return strings.Join(parts, ", ")
}
