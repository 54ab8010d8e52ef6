package experiment

import (
	"context"
	"fmt"
	"runtime"
	"sync"

	"github.com/takt-sim/takt/sim"
	"golang.org/x/sync/errgroup"
)

// Point is one design point of an experiment: a compiled plant and the run
// settings of its replications. Recipe says how to build the same plant
// where Plan cannot go (another process or machine).
type Point struct {
	Name   string
	Plan   *sim.Plan
	Run    sim.Run
	Recipe Recipe
}

// Task is one replication of one design point: replication Index of
// Points[Point], which always uses the random streams of index Index.
type Task struct {
	Point, Index int
}

// TaskError is the failure of one task, naming the design point, the
// replication (counted from 1, as people do) and its seed.
type TaskError struct {
	Task  Task
	Name  string // of the design point; "" when there is only one
	Seed  uint64
	Cause error
}

func (e *TaskError) Error() string {
	where := ""
	if e.Name != "" {
		where = fmt.Sprintf(" of %q", e.Name)
	}
	return fmt.Sprintf("replication %d%s (seed %d) failed: %v", e.Task.Index+1, where, e.Seed, e.Cause)
}

func (e *TaskError) Unwrap() error { return e.Cause }

// An Executor decides where tasks run. Execute runs every task and calls
// done with each result as it completes, in any order but never
// concurrently. It returns at the first failure (a *TaskError) or when
// ctx is cancelled, after every task it started has stopped; results
// already passed to done are kept by the caller.
type Executor interface {
	Execute(ctx context.Context, points []Point, tasks []Task, done func(Task, *sim.Replication)) error
}

// Goroutines runs tasks in this process, Workers at a time (<= 0: one per
// CPU). It is the executor of library use and of the tests. simgo gives
// every event a finalizer, which takes a process-wide lock: replications in
// goroutines of one process do not scale past a few cores; the command line
// uses worker processes for that reason.
type Goroutines struct {
	Workers int
}

// Execute implements Executor.
func (g Goroutines) Execute(ctx context.Context, points []Point, tasks []Task, done func(Task, *sim.Replication)) error {
	workers := g.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var mu sync.Mutex
	eg, gctx := errgroup.WithContext(ctx)
	eg.SetLimit(workers)
	for _, t := range tasks {
		if gctx.Err() != nil {
			break
		}
		eg.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			p := points[t.Point]
			rep, err := p.Plan.Replicate(gctx, p.Run, t.Index)
			if err != nil {
				if gctx.Err() != nil {
					return gctx.Err()
				}
				return NewTaskError(points, t, err)
			}
			mu.Lock()
			defer mu.Unlock()
			done(t, rep)
			return nil
		})
	}
	err := eg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// NewTaskError wraps the failure of task t.
func NewTaskError(points []Point, t Task, cause error) *TaskError {
	name := ""
	if len(points) > 1 {
		name = points[t.Point].Name
	}
	return &TaskError{Task: t, Name: name, Seed: points[t.Point].Run.Seed, Cause: cause}
}

// executor is the executor of opt: Goroutines unless one is given.
func (opt Options) executor() Executor {
	if opt.Executor != nil {
		return opt.Executor
	}
	return Goroutines{Workers: opt.Workers}
}

// execute runs tasks with opt's executor, storing the replication of task
// t at reps[t.Point][t.Index] and reporting progress.
func execute(ctx context.Context, points []Point, tasks []Task, reps [][]*sim.Replication, opt Options) error {
	total := 0
	for _, r := range reps {
		total += len(r)
	}
	completed := 0
	for _, r := range reps {
		for _, x := range r {
			if x != nil {
				completed++
			}
		}
	}
	return opt.executor().Execute(ctx, points, tasks, func(t Task, rep *sim.Replication) {
		reps[t.Point][t.Index] = rep
		completed++
		if opt.Progress != nil {
			opt.Progress(completed, total)
		}
	})
}

// Recipe builds a design point's model outside this process: Source is the
// caller's description of the base model (for the command line, the
// scenario and its flags; opaque here), Faster and Speedup the change this
// package made to it (Sensitivity: station Faster−1's process times ÷
// (1 + Speedup); 0 for none).
type Recipe struct {
	Source  []byte
	Faster  int
	Speedup float64
}

// Build returns the recipe's model: load(Source), changed as the recipe
// says.
func (r Recipe) Build(load func(source []byte) (*sim.Model, error)) (*sim.Model, error) {
	m, err := load(r.Source)
	if err != nil || r.Faster == 0 {
		return m, err
	}
	if r.Faster > len(m.Stations) {
		return nil, fmt.Errorf("recipe: station %d of %d", r.Faster, len(m.Stations))
	}
	return faster(m, r.Faster-1, r.Speedup), nil
}

// faster is m with station i's processing faster by the fraction speedup.
func faster(m *sim.Model, i int, speedup float64) *sim.Model {
	v := *m
	v.Stations = append([]sim.Station(nil), m.Stations...)
	v.Stations[i].Process = sim.Scale(m.Stations[i].Process, 1/(1+speedup))
	return &v
}
