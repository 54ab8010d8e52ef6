package sim

import (
	"context"
	"errors"
	"runtime"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// Options control how an experiment is executed; they never change its
// results.
type Options struct {
	// Workers is the number of replications run at once; <= 0 means the
	// number of CPUs.
	Workers int
	// Progress, when not nil, is called after each replication completes with
	// the number completed so far. It may be called from several goroutines
	// at once.
	Progress func(done, total int)
}

// RunExperiment runs r.Replications independent replications of m in
// parallel and summarises them. Replication i always uses the streams of
// index i and results are summarised in index order, so the summary is
// bit-identical for any number of workers.
//
// When ctx is cancelled, replications not yet started are skipped and running
// ones stop; RunExperiment then returns a partial summary of the completed
// replications (Summary.Partial) together with ctx's error. A failed
// replication fails the experiment.
func RunExperiment(ctx context.Context, m *Model, r Run, opt Options) (*Summary, error) {
	if err := errors.Join(r.Validate(), m.Validate()); err != nil {
		return nil, err
	}
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	reps := make([]*Replication, r.Replications)
	var done atomic.Int64
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(workers)
	for i := range reps {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := gctx.Err(); err != nil {
				return err
			}
			res, err := RunReplication(gctx, m, r, i)
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
	err := g.Wait()
	if err != nil && ctx.Err() == nil {
		return nil, err
	}
	completed := make([]*Replication, 0, len(reps))
	for _, rep := range reps {
		if rep != nil {
			completed = append(completed, rep)
		}
	}
	s := Summarize(m, r, completed)
	if ctx.Err() != nil {
		s.Partial = true
		return s, ctx.Err()
	}
	return s, nil
}
