package sim

import "context"

// ProgressSteps is the number of checkpoints of a replication: equal
// shares of its horizon. It reports each as its clock passes it (looking
// when it checks for cancellation, every few events), and any left at
// the horizon.
const ProgressSteps = 64

type progressKey struct{}

// WithProgress returns a context that makes every replication run under it
// call step after each of its ProgressSteps checkpoints (the simulated
// time has reached k/ProgressSteps of the horizon), from the goroutine
// running the replication. step must be cheap and safe for concurrent
// use — an atomic counter, typically: a progress display then reads
// steps / ProgressSteps replications done, running ones included. The
// results do not depend on it.
func WithProgress(ctx context.Context, step func()) context.Context {
	return context.WithValue(ctx, progressKey{}, step)
}

// progressStep is the step function of ctx, or nil.
func progressStep(ctx context.Context) func() {
	step, _ := ctx.Value(progressKey{}).(func())
	return step
}

// progressTo calls step for each checkpoint from reported up to at (a
// number of checkpoints, fractional) and returns the checkpoints now
// reported.
func (pl *plant) progressTo(step func(), reported int, at float64) int {
	for k := min(int(at), ProgressSteps); reported < k; reported++ {
		step()
	}
	return reported
}
