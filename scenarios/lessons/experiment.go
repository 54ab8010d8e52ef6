package lessons

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
	"github.com/takt-sim/takt/sim/stats"
)

// env runs a lesson's experiments with its Config and remembers the
// settings the results were made with.
type env struct {
	ctx          context.Context
	cfg          Config
	confidence   float64
	replications int
}

// settings are a lesson's run settings; zero fields keep the scenario's.
type settings struct {
	replications    int
	horizon, warmup float64
	quickReps       int     // with Config.Quick; 0 keeps replications
	quickHorizon    float64 // with Config.Quick; 0 keeps horizon
	quickWarmup     float64
}

// settle sets r from s, then from the Config, and records the result.
func (e *env) settle(unit string, r *sim.Run, s settings) error {
	reps, horizon, warmup := s.replications, s.horizon, s.warmup
	if e.cfg.Quick {
		reps = orInt(s.quickReps, reps)
		horizon, warmup = orFloat(s.quickHorizon, horizon), orFloat(s.quickWarmup, warmup)
	}
	r.Replications = orInt(reps, r.Replications)
	r.Horizon, r.Warmup = orFloat(horizon, r.Horizon), orFloat(warmup, r.Warmup)
	if e.cfg.Apply != nil {
		if err := e.cfg.Apply(unit, r); err != nil {
			return err
		}
	}
	e.confidence, e.replications = r.Confidence, r.Replications
	return nil
}

func orInt(v, def int) int {
	if v != 0 {
		return v
	}
	return def
}

func orFloat(v, def float64) float64 {
	if v != 0 {
		return v
	}
	return def
}

// alt is one alternative of a lesson's experiment: the scenario with sets
// applied (none: as it is).
type alt struct {
	name string
	sets []scenarios.Set
}

// compare runs the alternatives of sc with common random numbers.
func (e *env) compare(sc *scenarios.Scenario, alts []alt, s settings) (*experiment.Comparison, error) {
	as := make([]experiment.Alternative, len(alts))
	opt := e.cfg.Options
	for i, a := range alts {
		v := sc
		if len(a.sets) > 0 {
			var err error
			if v, err = sc.With(a.sets, 0, fmt.Sprintf("lesson alternative %q", a.name)); err != nil {
				return nil, err
			}
		}
		as[i] = experiment.Alternative{Name: a.name, Model: v.Model, Run: v.Run, Source: e.source(sc, a.sets, a.name)}
		if err := e.settle(sc.TimeUnit, &as[i].Run, s); err != nil {
			return nil, err
		}
	}
	if e.cfg.Source == nil {
		opt.Executor = nil // nothing describes the models elsewhere: run them here
	}
	return experiment.Compare(e.ctx, as, opt)
}

// source describes the bundled scenario sc with sets applied, for
// executors outside this process; nil without Config.Source.
func (e *env) source(sc *scenarios.Scenario, sets []scenarios.Set, label string) []byte {
	if e.cfg.Source == nil {
		return nil
	}
	return e.cfg.Source(strings.TrimSuffix(sc.File, ".toml"), sets, "lesson alternative "+label)
}

// run runs sc as it is.
func (e *env) run(sc *scenarios.Scenario, s settings) (*sim.Summary, error) {
	r := sc.Run
	if err := e.settle(sc.TimeUnit, &r, s); err != nil {
		return nil, err
	}
	opt := e.cfg.Options
	if opt.Source = e.source(sc, nil, sc.Name); opt.Source == nil {
		opt.Executor = nil
	}
	return experiment.Run(e.ctx, sc.Model, r, opt)
}

// load reads a bundled scenario.
func load(name string) (*scenarios.Scenario, error) { return scenarios.LoadExample(name) }

// kpi returns the values of one KPI over an alternative's replications.
func kpi(s *sim.Summary, f func(*sim.Replication) float64) []float64 {
	xs := make([]float64, len(s.Replications))
	for i, r := range s.Replications {
		xs[i] = f(r)
	}
	return xs
}

func throughput(r *sim.Replication) float64 { return r.Throughput }
func cycleTime(r *sim.Replication) float64  { return r.CycleTime }
func wip(r *sim.Replication) float64        { return r.WIP }

// paired is the paired-t interval of b − a for one KPI over replications
// run with common random numbers.
func paired(b, a *sim.Summary, f func(*sim.Replication) float64, conf float64) stats.Estimate {
	return stats.PairedDiff(kpi(b, f), kpi(a, f), conf)
}

// familyLevel is the Bonferroni level of each of k intervals that hold
// together at level conf: 1 − (1 − conf)/k.
func familyLevel(conf float64, k int) float64 { return 1 - (1-conf)/float64(max(k, 1)) }

// at returns e with its half-width at level conf instead.
func at(e stats.Estimate, conf float64) stats.Estimate {
	if e.N > 1 && e.StdDev > 0 {
		e.HalfWidth = stats.StudentT(conf, e.N-1) * e.StdDev / math.Sqrt(float64(e.N))
	}
	return e
}

// covers reports whether x lies in e's interval widened by slack (an
// allowance for effects at the ends of the window, such as one part more or
// less, where the replications barely differ).
func covers(e stats.Estimate, x, slack float64) bool {
	return math.Abs(e.Mean-x) <= e.HalfWidth+slack
}

// below reports whether e's interval lies entirely below 0.
func below(e stats.Estimate) bool { return e.Mean+e.HalfWidth < 0 }

// above reports whether e's interval lies entirely above 0.
func above(e stats.Estimate) bool { return e.Mean-e.HalfWidth > 0 }

// pm formats an estimate for a check's detail: "0.8 ± 0.01".
func pm(e stats.Estimate) string { return fmt.Sprintf("%.4g ± %.2g", e.Mean, e.HalfWidth) }

// check returns a check with a formatted detail.
func check(holds bool, claim, format string, args ...any) Check {
	return Check{Claim: claim, Holds: holds, Detail: fmt.Sprintf(format, args...)}
}

// window is the length of the measured window of a summary's runs.
func window(s *sim.Summary) float64 { return s.Run.Horizon - s.Run.Warmup }

// means is the mean of each station's process time.
func means(m *sim.Model) []float64 {
	xs := make([]float64, len(m.Stations))
	for i, st := range m.Stations {
		xs[i] = st.Process.Mean()
	}
	return xs
}

// capacities is each station's rate: machines / mean process time.
func capacities(m *sim.Model) []float64 {
	xs := make([]float64, len(m.Stations))
	for i, st := range m.Stations {
		xs[i] = float64(st.Machines) / st.Process.Mean()
	}
	return xs
}

// grid returns xs, or quick when the Config asks for a quick run.
func (e *env) grid(xs, quick []float64) []float64 {
	if e.cfg.Quick {
		return quick
	}
	return xs
}

// scaleEstimate is e in other units: every figure times f (f > 0).
func scaleEstimate(e stats.Estimate, f float64) stats.Estimate {
	e.Mean, e.HalfWidth, e.StdDev, e.Min, e.Max = f*e.Mean, f*e.HalfWidth, f*e.StdDev, f*e.Min, f*e.Max
	return e
}
