package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/takt-sim/takt/sim"
	"golang.org/x/term"
)

// progress shows a progress bar of replications on a terminal: how many
// are done, counting the simulated time of the running ones, and the time
// left. It appears only once a run has taken progressDelay, so short runs
// print nothing, and it is cleared when the run ends, so the terminal
// shows the results alone.
//
// Progress comes in two ways, both safe from any goroutine: Update counts
// completed replications (experiment.Options.Progress), Step the
// checkpoints of running ones (sim.WithProgress, or worker processes'
// progress frames), sim.ProgressSteps per replication. The bar moves with
// whichever is further; one goroutine draws.
type progress struct {
	done     atomic.Int64 // replications completed
	steps    atomic.Int64 // checkpoints passed, sim.ProgressSteps per replication
	total    int
	stop     chan struct{}
	finished chan struct{}
	stopOnce sync.Once
	note     atomic.Pointer[string] // shown after the time left, e.g. the best design so far
}

const (
	progressDelay   = time.Second
	progressRefresh = 100 * time.Millisecond
)

// startProgress starts a progress bar of total replications on w, unless
// quiet is set or w is not a terminal: then the progress is counted but
// never shown.
func startProgress(w io.Writer, total int, quiet bool) *progress {
	p := &progress{total: total}
	if quiet || total < 1 || !isTerminal(w) {
		return p
	}
	return p.show(w, progressDelay)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// show draws the bar on w after delay, until Stop. The bar counts
// checkpoints; the text before it says replications and the time left.
func (p *progress) show(w io.Writer, delay time.Duration) *progress {
	p.stop, p.finished = make(chan struct{}), make(chan struct{})
	bar := progressbar.NewOptions(p.total*sim.ProgressSteps,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(p.describe(0)),
		progressbar.OptionSetWidth(30),
		progressbar.OptionSetPredictTime(false), // its estimate reads 0s while work remains; describe has ours
		progressbar.OptionSetElapsedTime(false),
		progressbar.OptionThrottle(progressRefresh),
		progressbar.OptionClearOnFinish(),
	)
	go p.draw(bar, delay, time.Now())
	return p
}

// draw updates the bar every progressRefresh from delay on, and clears it
// on Stop.
func (p *progress) draw(bar *progressbar.ProgressBar, delay time.Duration, start time.Time) {
	defer close(p.finished)
	select {
	case <-p.stop:
		return
	case <-time.After(delay):
	}
	tick := time.NewTicker(progressRefresh)
	defer tick.Stop()
	for {
		bar.Describe(p.describe(time.Since(start)))
		bar.Set(int(p.value()))
		select {
		case <-p.stop:
			bar.Clear()
			return
		case <-tick.C:
		}
	}
}

// value is the progress in checkpoints: the completed replications or the
// checkpoints passed, whichever is further, at most the total.
func (p *progress) value() int64 {
	v := max(p.done.Load()*sim.ProgressSteps, p.steps.Load())
	return min(v, int64(p.total)*sim.ProgressSteps)
}

// describe is the text before the bar after elapsed: "3.4/10 replications,
// 12s left".
func (p *progress) describe(elapsed time.Duration) string {
	v := p.value()
	all := int64(p.total) * sim.ProgressSteps
	s := fmt.Sprintf("%.1f/%d replications", float64(v)/sim.ProgressSteps, p.total)
	if v > 0 && v < all {
		left := time.Duration(float64(elapsed) * float64(all-v) / float64(v))
		s += ", " + timeLeft(left) + " left"
	}
	if n := p.note.Load(); n != nil {
		s += "; " + *n
	}
	return s
}

// Note sets a text shown after the bar's count and time left.
func (p *progress) Note(s string) { p.note.Store(&s) }

// timeLeft formats an estimate of the time left, rounded up: while work
// remains it never reads 0s.
func timeLeft(d time.Duration) string {
	secs := int64(math.Ceil(d.Seconds()))
	switch {
	case secs < 1:
		return "<1s"
	case secs < 60:
		return fmt.Sprintf("%ds", secs)
	case secs < 3600:
		return fmt.Sprintf("%dm%02ds", secs/60, secs%60)
	}
	return fmt.Sprintf("%dh%02dm", secs/3600, secs%3600/60)
}

// Update records that done replications have completed (the counts of
// experiment.Options.Progress, over every design point). Calls may arrive
// out of order; the highest count wins.
func (p *progress) Update(done, _ int) {
	for {
		cur := p.done.Load()
		if int64(done) <= cur || p.done.CompareAndSwap(cur, int64(done)) {
			return
		}
	}
}

// Step records one checkpoint of a running replication (sim.WithProgress).
func (p *progress) Step() { p.steps.Add(1) }

// Steps records n checkpoints at once (a worker process's progress frame).
func (p *progress) Steps(n int64) { p.steps.Add(n) }

// Stop removes the bar, if shown, and returns once it is gone. Calling it
// again does nothing.
func (p *progress) Stop() {
	if p.stop == nil {
		return
	}
	p.stopOnce.Do(func() { close(p.stop) })
	<-p.finished
}
