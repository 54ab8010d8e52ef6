package experiment

import (
	"context"
	"fmt"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// KPI is a plant indicator that alternatives are compared on.
type KPI struct {
	Name string // as in the output: "throughput", "wip", "cycle_time", …
	// Higher says whether larger values are better.
	Higher bool
	Value  func(*sim.Replication) float64
}

// KPIs are the indicators of a comparison, in output order.
func KPIs() []KPI {
	k := []KPI{
		{"throughput", true, func(r *sim.Replication) float64 { return r.Throughput }},
		{"wip", false, func(r *sim.Replication) float64 { return r.WIP }},
		{"cycle_time", false, func(r *sim.Replication) float64 { return r.CycleTime }},
	}
	for i, p := range sim.Quantiles {
		k = append(k, KPI{fmt.Sprintf("cycle_time_p%g", 100*p), false,
			func(r *sim.Replication) float64 { return r.CycleQuantiles[i] }})
	}
	k = append(k, KPI{"throughput_scheduled", true, func(r *sim.Replication) float64 { return r.ThroughputScheduled }})
	// A run until done (NaN otherwise).
	k = append(k, KPI{"makespan", false, func(r *sim.Replication) float64 { return r.Makespan }})
	// Order books (NaN without orders).
	k = append(k,
		KPI{"on_time", true, (*sim.Replication).OnTime},
		KPI{"max_lateness", false, (*sim.Replication).MaxLateness},
		KPI{"mean_tardiness", false, (*sim.Replication).MeanTardiness},
		KPI{"mean_flow_time", false, (*sim.Replication).MeanFlowTime})
	// Money (NaN without costs): per good part, per week, per time unit.
	k = append(k,
		KPI{"cost_per_part", false, (*sim.Replication).CostPerPart},
		KPI{"profit", true, (*sim.Replication).Profit},
		KPI{"cost", false, (*sim.Replication).TotalCost},
		KPI{"revenue", true, (*sim.Replication).RevenueRate})
	for _, c := range sim.CostCategories() {
		k = append(k, KPI{"cost_" + c.String(), false, func(r *sim.Replication) float64 { return r.Cost(c) }})
	}
	return k
}

// KPIByName returns the KPI called name.
func KPIByName(name string) (KPI, error) {
	var names []string
	for _, k := range KPIs() {
		if k.Name == name {
			return k, nil
		}
		names = append(names, k.Name)
	}
	return KPI{}, fmt.Errorf("unknown KPI %q (one of %v)", name, names)
}

// Alternative is one model to compare: the base or a variant of it.
type Alternative struct {
	Name  string
	Model *sim.Model
	Run   sim.Run
	// Source describes Model for executors outside this process (see
	// Recipe); nil for in-process use.
	Source []byte
}

// Comparison is the result of running alternatives with common random
// numbers: Alternatives[0] is the base.
type Comparison struct {
	Alternatives []AlternativeResult
	Confidence   float64
	// Partial says the comparison was interrupted or a replication failed:
	// only the replications every alternative completed are in it.
	Partial bool
}

// AlternativeResult is one alternative's summary and, for every KPI, its
// difference to the base (this minus base).
type AlternativeResult struct {
	Name    string
	Summary *sim.Summary
	Diffs   []Diff // in KPIs() order, those that apply; zero values for the base
}

// Diff is the difference of a KPI to the base. Paired is the paired-t
// interval over replications (common random numbers make the pairs
// correlated and the interval narrow); Unpaired is Welch's interval, for
// reference. Significant says whether the paired interval excludes 0.
type Diff struct {
	KPI         string
	Paired      stats.Estimate
	Unpaired    stats.Estimate
	Significant bool
}

// Compare runs every alternative's replications with the same seed, so
// replication i of each alternative uses the same random streams for every
// element they share, and computes the differences to alts[0]. Every
// alternative must run the same number of replications with the same seed.
func Compare(ctx context.Context, alts []Alternative, opt Options) (*Comparison, error) {
	if len(alts) == 0 {
		return nil, fmt.Errorf("compare: nothing to compare")
	}
	base := alts[0].Run
	for _, a := range alts[1:] {
		if a.Run.Replications != base.Replications || a.Run.Seed != base.Seed {
			return nil, fmt.Errorf("compare: %q runs %d replications with seed %d, the base %d with seed %d; paired comparisons need the same",
				a.Name, a.Run.Replications, a.Run.Seed, base.Replications, base.Seed)
		}
	}
	points := make([]Point, len(alts))
	for k, a := range alts {
		p, err := plan(a.Model, a.Run, a.Source)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", a.Name, err)
		}
		points[k] = p[0]
		points[k].Name = a.Name
	}
	return compare(ctx, alts, points, opt)
}

// compare runs the points' replications as one pool of tasks, replication
// by replication (replication i of every alternative before i+1), so an
// interrupted comparison holds complete pairs, and computes the diffs.
func compare(ctx context.Context, alts []Alternative, points []Point, opt Options) (*Comparison, error) {
	n := alts[0].Run.Replications
	reps := make([][]*sim.Replication, len(alts))
	var ts []Task
	for k := range alts {
		reps[k] = make([]*sim.Replication, n)
	}
	for i := range n {
		for k := range alts {
			ts = append(ts, Task{Point: k, Index: i})
		}
	}
	err := execute(ctx, points, ts, reps, opt)
	if err != nil {
		keepPairs(reps)
	}
	c := &Comparison{Confidence: alts[0].Run.Confidence, Partial: err != nil}
	for k, a := range alts {
		s, _ := finish(a.Model, a.Run, reps[k], err)
		c.Alternatives = append(c.Alternatives, AlternativeResult{Name: a.Name, Summary: s})
	}
	for i := range c.Alternatives {
		c.Alternatives[i].Diffs = diffs(c.Alternatives[0].Summary, c.Alternatives[i].Summary, c.Confidence)
	}
	return c, err
}

// keepPairs drops replication i of every alternative unless all of them
// completed it, so the partial results still pair up.
func keepPairs(reps [][]*sim.Replication) {
	for i := range reps[0] {
		all := true
		for k := range reps {
			all = all && reps[k][i] != nil
		}
		if !all {
			for k := range reps {
				reps[k][i] = nil
			}
		}
	}
}

// diffs computes the difference of s to base in every KPI that applies
// (order KPIs only with order books).
func diffs(base, s *sim.Summary, conf float64) []Diff {
	var out []Diff
	for _, k := range KPIs() {
		a, b := values(base, k), values(s, k)
		if stats.NewEstimate(a, conf).N == 0 {
			continue
		}
		d := Diff{KPI: k.Name, Paired: stats.PairedDiff(b, a, conf), Unpaired: stats.WelchDiff(b, a, conf)}
		d.Significant = significant(d.Paired)
		out = append(out, d)
	}
	return out
}

func values(s *sim.Summary, k KPI) []float64 {
	xs := make([]float64, len(s.Replications))
	for i, r := range s.Replications {
		xs[i] = k.Value(r)
	}
	return xs
}

// Rank orders the alternatives by the mean of kpi, best first (by KPI
// direction); equal means keep the given order. It returns indices into
// c.Alternatives; Ranking also says which are ties.
func (c *Comparison) Rank(kpi KPI) []int {
	var idx []int
	for _, p := range c.Ranking(kpi, nil) {
		idx = append(idx, p.Index)
	}
	return idx
}
