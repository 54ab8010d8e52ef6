package experiment

import (
	"context"
	"fmt"
	"math"

	"github.com/takt-sim/takt/sim"
)

// Options control how an experiment is executed; they never change its
// results.
type Options struct {
	// Workers is the number of replications run at once by the default
	// executor (Goroutines); <= 0 means the number of CPUs.
	Workers int
	// Executor runs the replications; nil for Goroutines{Workers}.
	Executor Executor
	// Source describes the model of Run and RunToPrecision for executors
	// outside this process (see Recipe); Compare takes it per alternative.
	Source []byte
	// Progress, when not nil, is called after each replication completes
	// with the number completed so far and the number planned, never
	// concurrently.
	Progress func(done, total int)
}

// Run runs r.Replications independent replications of m and summarises
// them. Replication i always uses the streams of index i and results are
// summarised in index order, so the summary is bit-identical for any
// number of workers and any executor. m is compiled once.
//
// When ctx is cancelled, replications not yet started are skipped and running
// ones stop; Run then returns a partial summary of the completed
// replications (Summary.Partial) together with ctx's error. A failed
// replication stops the experiment the same way, with its *TaskError.
func Run(ctx context.Context, m *sim.Model, r sim.Run, opt Options) (*sim.Summary, error) {
	points, err := plan(m, r, opt.Source)
	if err != nil {
		return nil, err
	}
	reps := [][]*sim.Replication{make([]*sim.Replication, r.Replications)}
	err = execute(ctx, points, tasks(0, 0, r.Replications), reps, opt)
	return finish(m, r, reps[0], err)
}

// plan validates and compiles the one design point of Run.
func plan(m *sim.Model, r sim.Run, source []byte) ([]Point, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	p, err := sim.Compile(m)
	if err != nil {
		return nil, err
	}
	return []Point{{Name: m.Name, Plan: p, Run: r, Recipe: Recipe{Source: source}}}, nil
}

// tasks are the replications from, …, to−1 of design point k.
func tasks(k, from, to int) []Task {
	ts := make([]Task, 0, to-from)
	for i := from; i < to; i++ {
		ts = append(ts, Task{Point: k, Index: i})
	}
	return ts
}

// RunToPrecision runs replications until the half-width of the throughput
// interval is at most rel times its mean, starting with r.Replications and
// never exceeding maxReps. After each round it plans, from the current
// standard deviation, the replications the target needs (Law, Simulation
// Modeling and Analysis, §9.4.1, the sequential procedure),
//
//	n* = ⌈ n · (half-width / (rel · mean))² ⌉,
//
// and runs the missing ones. Whether the target was met is
// Summary.PrecisionMet. Replication i uses the streams of index i, so the
// result does not depend on the number of workers.
func RunToPrecision(ctx context.Context, m *sim.Model, r sim.Run, rel float64, maxReps int, opt Options) (*sim.Summary, error) {
	if !(rel > 0) {
		return nil, fmt.Errorf("precision must be > 0, got %v", rel)
	}
	r.Replications = max(r.Replications, 2)
	maxReps = max(maxReps, r.Replications)
	points, err := plan(m, r, opt.Source)
	if err != nil {
		return nil, err
	}
	reps := [][]*sim.Replication{make([]*sim.Replication, 0, r.Replications)}
	for n := r.Replications; ; {
		from := len(reps[0])
		reps[0] = append(reps[0], make([]*sim.Replication, n-from)...)
		if err := execute(ctx, points, tasks(0, from, n), reps, opt); err != nil {
			return finish(m, r, reps[0], err)
		}
		th := sim.Summarize(m, r, reps[0]).Throughput
		met := th.HalfWidth <= rel*th.Mean
		if met || n >= maxReps {
			r.Replications = n
			s, err := finish(m, r, reps[0], nil)
			s.PrecisionMet = met
			s.PrecisionTarget = rel
			return s, err
		}
		need := math.Ceil(float64(n) * math.Pow(th.HalfWidth/(rel*th.Mean), 2))
		n = min(maxReps, max(n+1, int(need)))
	}
}

// finish summarises the completed replications, in index order. With an
// error (cancelled, or a replication failed) the summary is partial.
func finish(m *sim.Model, r sim.Run, reps []*sim.Replication, err error) (*sim.Summary, error) {
	completed := make([]*sim.Replication, 0, len(reps))
	for _, rep := range reps {
		if rep != nil {
			completed = append(completed, rep)
		}
	}
	s := sim.Summarize(m, r, completed)
	s.Partial = err != nil
	return s, err
}
