package main

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// processes runs replications in worker processes of this binary, one
// replication at a time per worker, handed out as workers become free (a
// slow replication does not hold up the others). Separate processes scale
// where goroutines do not: simgo's per-event finalizers serialise
// goroutines of one process on a process-wide lock.
//
// Ctrl-C (ctx cancelled) kills the workers at once. A worker that fails or
// dies stops the hand-out; replications in progress elsewhere finish and
// are kept, and the failure names the replication and its seed.
type processes struct {
	workers int
	stderr  io.Writer     // the workers' stderr
	exe     string        // this binary; "" for os.Executable
	steps   func(n int64) // progress: checkpoints the workers' replications passed; may be nil
}

// Execute implements experiment.Executor.
func (p processes) Execute(ctx context.Context, points []experiment.Point, tasks []experiment.Task, done func(experiment.Task, *sim.Replication)) error {
	n := min(p.workers, len(tasks))
	if n <= 1 {
		return experiment.Goroutines{Workers: 1}.Execute(ctx, points, tasks, done)
	}
	if _, isFile := p.stderr.(*os.File); !isFile && p.stderr != nil {
		// exec copies each worker's stderr in a goroutine of its own: one
		// writer for all of them must take turns.
		p.stderr = &lockedWriter{w: p.stderr}
	}
	job := workerJob{Version: protocolVersion}
	for _, pt := range points {
		job.Points = append(job.Points, workerPoint{Name: pt.Name, Run: pt.Run, Recipe: pt.Recipe})
	}
	h := &handout{tasks: tasks, points: points, done: done, steps: p.steps}
	ws := make([]*worker, 0, n)
	defer func() {
		for _, w := range ws {
			w.stop()
		}
	}()
	for range n {
		w, err := p.start(job)
		if err != nil {
			return err
		}
		ws = append(ws, w)
	}
	var wg sync.WaitGroup
	for _, w := range ws {
		wg.Go(func() { h.serve(ctx, w) })
	}
	stopped := make(chan struct{})
	go func() { wg.Wait(); close(stopped) }()
	select {
	case <-stopped:
	case <-ctx.Done():
		for _, w := range ws {
			w.kill()
		}
		<-stopped
	}
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return h.err
}

// handout gives tasks to workers in order and collects their results.
type handout struct {
	mu     sync.Mutex
	tasks  []experiment.Task
	next   int
	err    error // the first failure; no task is handed out after it
	points []experiment.Point
	done   func(experiment.Task, *sim.Replication)
	steps  func(n int64) // may be nil
}

// take returns the next task, or false when there is none or a task failed.
func (h *handout) take() (experiment.Task, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.err != nil || h.next == len(h.tasks) {
		return experiment.Task{}, false
	}
	h.next++
	return h.tasks[h.next-1], true
}

// serve hands tasks to one worker until none is left, a task fails or ctx
// is cancelled.
func (h *handout) serve(ctx context.Context, w *worker) {
	for ctx.Err() == nil {
		t, ok := h.take()
		if !ok {
			return
		}
		rep, err := w.run(t, h.steps)
		h.mu.Lock()
		switch {
		case ctx.Err() != nil: // killed on purpose: not a failure
		case err != nil:
			if h.err == nil {
				h.err = experiment.NewTaskError(h.points, t, err)
			}
		default:
			h.done(t, rep)
		}
		h.mu.Unlock()
		if err != nil {
			return
		}
	}
}

// worker is one running worker process.
type worker struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	enc  *gob.Encoder
	dec  *gob.Decoder
	once sync.Once
}

// start starts a worker process and sends it the job.
func (p processes) start(job workerJob) (*worker, error) {
	exe := p.exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("worker processes: %w", err)
		}
	}
	cmd := exec.Command(exe, workerArg)
	cmd.Stderr = p.stderr
	cmd.SysProcAttr = workerAttr()
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("worker processes: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("worker processes: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting a worker process: %w", err)
	}
	w := &worker{cmd: cmd, in: in, enc: gob.NewEncoder(in), dec: gob.NewDecoder(out)}
	if err := w.enc.Encode(job); err != nil {
		w.kill()
		return nil, fmt.Errorf("starting a worker process: %w", w.exited(err))
	}
	return w, nil
}

// run has the worker run task t and returns its replication, passing the
// checkpoints of its progress frames to steps (when not nil).
func (w *worker) run(t experiment.Task, steps func(int64)) (*sim.Replication, error) {
	if err := w.enc.Encode(workerTask{Task: t}); err != nil {
		return nil, w.exited(err)
	}
	var res workerResult
	for {
		res = workerResult{}
		if err := w.dec.Decode(&res); err != nil {
			return nil, w.exited(err)
		}
		if res.Steps > 0 && steps != nil {
			steps(res.Steps)
		}
		if !res.Progress {
			break
		}
	}
	switch {
	case res.Limit != nil:
		return nil, res.Limit
	case res.Err != "":
		return nil, errors.New(res.Err)
	case res.Task != t:
		return nil, fmt.Errorf("worker answered replication %d for %d", res.Task.Index+1, t.Index+1)
	}
	rep := new(sim.Replication)
	if err := rep.UnmarshalBinary(res.Rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// exited explains a broken pipe to the worker by how the process ended.
func (w *worker) exited(err error) error {
	w.stop()
	if st := w.cmd.ProcessState; st != nil {
		return fmt.Errorf("worker process %d exited: %v", w.cmd.Process.Pid, st)
	}
	return fmt.Errorf("worker process %d: %w", w.cmd.Process.Pid, err)
}

// stop closes the worker's stdin, which ends it once its replication is
// done, and waits for it.
func (w *worker) stop() {
	w.once.Do(func() {
		w.in.Close()
		w.cmd.Wait()
	})
}

// kill ends the worker at once.
func (w *worker) kill() {
	w.cmd.Process.Kill()
}

// lockedWriter serialises writes to w.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}
