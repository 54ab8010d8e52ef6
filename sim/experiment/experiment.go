package experiment

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync/atomic"

	"github.com/takt-sim/takt/sim"
	"golang.org/x/sync/errgroup"
)

// Options control how an experiment is executed; they never change its
// results.
type Options struct {
	// Workers is the number of replications run at once; <= 0 means the
	// number of CPUs.
	Workers int
	// Progress, when not nil, is called after each replication completes with
	// the number completed so far and the number planned. It may be called
	// from several goroutines at once.
	Progress func(done, total int)
}

// Run runs r.Replications independent replications of m in
// parallel and summarises them. Replication i always uses the streams of
// index i and results are summarised in index order, so the summary is
// bit-identical for any number of workers.
//
// When ctx is cancelled, replications not yet started are skipped and running
// ones stop; Run then returns a partial summary of the completed
// replications (Summary.Partial) together with ctx's error. A failed
// replication fails the experiment.
func Run(ctx context.Context, m *sim.Model, r sim.Run, opt Options) (*sim.Summary, error) {
	if err := errors.Join(r.Validate(), m.Validate()); err != nil {
		return nil, err
	}
	reps := make([]*sim.Replication, r.Replications)
	err := runRange(ctx, m, r, reps, 0, opt)
	return finish(ctx, m, r, reps, err)
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
	if err := errors.Join(r.Validate(), m.Validate()); err != nil {
		return nil, err
	}
	reps := make([]*sim.Replication, 0, r.Replications)
	for n := r.Replications; ; {
		from := len(reps)
		reps = append(reps, make([]*sim.Replication, n-from)...)
		if err := runRange(ctx, m, r, reps, from, opt); err != nil {
			return finish(ctx, m, r, reps, err)
		}
		th := sim.Summarize(m, r, reps).Throughput
		met := th.HalfWidth <= rel*th.Mean
		if met || n >= maxReps {
			r.Replications = n
			s, err := finish(ctx, m, r, reps, nil)
			if s != nil {
				s.PrecisionMet = met
				s.PrecisionTarget = rel
			}
			return s, err
		}
		need := math.Ceil(float64(n) * math.Pow(th.HalfWidth/(rel*th.Mean), 2))
		n = min(maxReps, max(n+1, int(need)))
	}
}

// runRange runs the replications of the nil entries of reps from index from
// on, in parallel, storing replication i at reps[i].
func runRange(ctx context.Context, m *sim.Model, r sim.Run, reps []*sim.Replication, from int, opt Options) error {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var done atomic.Int64
	done.Store(int64(from))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i := from; i < len(reps); i++ {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			res, err := sim.RunReplication(gctx, m, r, i)
			if err != nil {
				return err
			}
			reps[i] = res
			if opt.Progress != nil {
				opt.Progress(int(done.Add(1)), len(reps))
			}
			return nil
		})
	}
	return g.Wait()
}

// finish summarises the completed replications. An error other than the
// context's fails the experiment; a cancelled one gives a partial summary.
func finish(ctx context.Context, m *sim.Model, r sim.Run, reps []*sim.Replication, err error) (*sim.Summary, error) {
	if err != nil && ctx.Err() == nil {
		return nil, err
	}
	completed := make([]*sim.Replication, 0, len(reps))
	for _, rep := range reps {
		if rep != nil {
			completed = append(completed, rep)
		}
	}
	s := sim.Summarize(m, r, completed)
	if ctx.Err() != nil {
		s.Partial = true
		return s, ctx.Err()
	}
	return s, nil
}
