package main

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// workerArg, as the first argument, makes the binary a worker process: it
// runs replications handed to it on stdin and writes their results to
// stdout, until stdin closes.
const workerArg = "__worker"

// The worker protocol is a stream of gob messages each way, over the
// worker's stdin and stdout. The parent sends one workerJob, then one
// workerTask at a time, each after the previous result; the worker answers
// each task with one workerResult, which progress frames (workerResult
// with Progress set) may precede. Closing stdin ends the worker.
type (
	workerJob struct {
		Version int // protocolVersion: a worker of another build refuses
		Points  []workerPoint
	}
	workerPoint struct {
		Name   string
		Run    sim.Run
		Recipe experiment.Recipe
	}
	workerTask struct {
		Task experiment.Task
	}
	workerResult struct {
		Task experiment.Task
		Rep  []byte // sim.Replication.MarshalBinary, nil on error
		Err  string // the replication's error, "" when it ran
		// Limit is the replication's error when it stopped at a limit, so
		// that the parent can place it in the scenario (exit 2).
		Limit *sim.LimitError
		// Steps are the checkpoints (sim.WithProgress) passed since the
		// previous message; Progress marks a frame that carries only them.
		Steps    int64
		Progress bool
	}
)

// protocolVersion changes with any change to the messages above or to the
// encoding of a replication.
const protocolVersion = 3*1000 + sim.ReplicationEncoding

// progressFrameEvery is how often a worker reports the progress of its
// running replication, when it has any.
const progressFrameEvery = 200 * time.Millisecond

// workerMain runs a worker process on stdin and stdout. It ignores
// Ctrl-C and SIGTERM: the parent decides, and stops its workers by closing
// their stdin or killing them. When stdin closes in the middle of a
// replication (the parent is gone), the replication is cancelled.
func workerMain(stdin io.Reader, stdout, stderr io.Writer) int {
	signal.Ignore(syscall.SIGINT, syscall.SIGTERM)
	if err := serveWorker(stdin, stdout); err != nil {
		fmt.Fprintf(stderr, "takt worker: %v\n", err)
		return exitFailure
	}
	return exitOK
}

func serveWorker(stdin io.Reader, stdout io.Writer) error {
	dec, enc := gob.NewDecoder(stdin), gob.NewEncoder(stdout)
	var job workerJob
	if err := dec.Decode(&job); err != nil {
		return fmt.Errorf("reading the job: %w", err)
	}
	if job.Version != protocolVersion {
		return fmt.Errorf("protocol version %d, this worker speaks %d", job.Version, protocolVersion)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tasks := make(chan experiment.Task)
	go func() { // reads ahead so that a closed stdin cancels a running replication
		defer close(tasks)
		defer cancel()
		for {
			var t workerTask
			if dec.Decode(&t) != nil {
				return
			}
			tasks <- t.Task
		}
	}()
	out := &workerOut{enc: enc}
	ctx = sim.WithProgress(ctx, func() { out.steps.Add(1) })
	go out.frames(ctx)
	plans := make([]*sim.Plan, len(job.Points))
	for t := range tasks {
		res := workerResult{Task: t}
		rep, err := replicate(ctx, job.Points, plans, t)
		if err == nil {
			res.Rep, err = rep.MarshalBinary()
		}
		if err != nil {
			res.Err = err.Error()
			errors.As(err, &res.Limit)
		}
		if err := out.send(res); err != nil {
			return fmt.Errorf("writing a result: %w", err)
		}
	}
	return nil
}

// workerOut writes a worker's messages: results, and progress frames from
// a ticker outside the replication (no clock inside it).
type workerOut struct {
	mu    sync.Mutex
	enc   *gob.Encoder
	steps atomic.Int64 // checkpoints not yet reported
}

// send writes res with the checkpoints not yet reported.
func (o *workerOut) send(res workerResult) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	res.Steps = o.steps.Swap(0)
	return o.enc.Encode(res)
}

// frames sends a progress frame every progressFrameEvery while there is
// progress to report, until ctx ends.
func (o *workerOut) frames(ctx context.Context) {
	tick := time.NewTicker(progressFrameEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		if o.steps.Load() > 0 && o.send(workerResult{Progress: true}) != nil {
			return
		}
	}
}

// replicate runs task t, compiling its design point the first time.
func replicate(ctx context.Context, points []workerPoint, plans []*sim.Plan, t experiment.Task) (*sim.Replication, error) {
	if t.Point < 0 || t.Point >= len(points) {
		return nil, fmt.Errorf("no design point %d", t.Point)
	}
	if plans[t.Point] == nil {
		m, err := points[t.Point].Recipe.Build(buildModel)
		if err != nil {
			return nil, err
		}
		if plans[t.Point], err = sim.Compile(m); err != nil {
			return nil, err
		}
	}
	return plans[t.Point].Replicate(ctx, points[t.Point].Run, t.Index)
}
