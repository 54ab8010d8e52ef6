package main

import (
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress shows a progress bar of replications on a terminal: done/total,
// the rate and the time left. It appears only once a run has taken
// progressDelay, so short runs print nothing, and it is cleared when the
// run ends, so the terminal shows the results alone. Update may be called
// from several goroutines at once (experiment.Options.Progress); one goroutine
// draws.
type progress struct {
	done     atomic.Int64
	stop     chan struct{}
	finished chan struct{}
}

const (
	progressDelay   = time.Second
	progressRefresh = 100 * time.Millisecond
)

// startProgress starts a progress bar of total replications on w, unless
// quiet is set or w is not a terminal: then the progress is counted but
// never shown.
func startProgress(w io.Writer, total int, quiet bool) *progress {
	p := &progress{}
	if quiet || total < 1 || !isTerminal(w) {
		return p
	}
	return p.show(w, total, progressDelay)
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// show draws the bar on w after delay, until Stop.
func (p *progress) show(w io.Writer, total int, delay time.Duration) *progress {
	p.stop, p.finished = make(chan struct{}), make(chan struct{})
	bar := progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("replications"),
		progressbar.OptionSetItsString("rep"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(progressRefresh),
		progressbar.OptionClearOnFinish(),
	)
	bar.StartWithoutRender() // rates and times count from the start of the run
	go p.draw(bar, delay)
	return p
}

// draw updates the bar every progressRefresh from delay on, and clears it
// on Stop.
func (p *progress) draw(bar *progressbar.ProgressBar, delay time.Duration) {
	defer close(p.finished)
	select {
	case <-p.stop:
		return
	case <-time.After(delay):
	}
	tick := time.NewTicker(progressRefresh)
	defer tick.Stop()
	for {
		bar.Set(int(p.done.Load()))
		select {
		case <-p.stop:
			bar.Clear()
			return
		case <-tick.C:
		}
	}
}

// Update records that done replications of total have completed. Calls
// may arrive out of order; the highest count wins.
func (p *progress) Update(done, total int) {
	for {
		cur := p.done.Load()
		if int64(done) <= cur || p.done.CompareAndSwap(cur, int64(done)) {
			return
		}
	}
}

// Stop removes the bar, if shown, and returns once it is gone.
func (p *progress) Stop() {
	if p.stop == nil {
		return
	}
	close(p.stop)
	<-p.finished
}
