package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// TestProgressSilentOffTerminal checks that no bar is drawn on a writer
// that is not a terminal, nor with --quiet, and that Update and Stop are
// safe then.
func TestProgressSilentOffTerminal(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		var b bytes.Buffer
		p := startProgress(&b, 10, quiet)
		p.Update(3, 10)
		p.Step()
		p.Stop()
		if b.Len() > 0 {
			t.Errorf("quiet=%v: wrote %q", quiet, b.String())
		}
	}
}

// TestProgressUpdateConcurrent checks that concurrent, out-of-order updates
// keep the highest count and that concurrent steps all count (run with
// -race).
func TestProgressUpdateConcurrent(t *testing.T) {
	p := &progress{total: 50}
	var wg sync.WaitGroup
	for i := 1; i <= 50; i++ {
		wg.Go(func() { p.Update(i, 50); p.Step() })
	}
	wg.Wait()
	p.Update(7, 50)
	if got := p.done.Load(); got != 50 {
		t.Errorf("done = %d, want 50", got)
	}
	if got := p.steps.Load(); got != 50 {
		t.Errorf("steps = %d, want 50", got)
	}
}

// TestProgressMovesWithinReplications checks that the bar counts the
// checkpoints of running replications: with none complete, half of the
// steps of 2 of 4 replications read 1.0 of 4, and the steps never count
// for more than the completed replications when those are further.
func TestProgressMovesWithinReplications(t *testing.T) {
	p := &progress{total: 4}
	p.Steps(sim.ProgressSteps) // two replications half way
	if got := p.describe(0); !strings.HasPrefix(got, "1.0/4 replications") {
		t.Errorf("describe = %q, want 1.0/4 replications", got)
	}
	p.Update(3, 4) // three complete, their last frames not yet in
	if got := p.value(); got != 3*sim.ProgressSteps {
		t.Errorf("value = %d, want %d", got, 3*sim.ProgressSteps)
	}
	p.Steps(10 * sim.ProgressSteps) // never beyond the total
	if got := p.value(); got != 4*sim.ProgressSteps {
		t.Errorf("value = %d, want %d", got, 4*sim.ProgressSteps)
	}
}

// TestProgressTimeLeft checks the estimate: the elapsed time scaled by the
// work left over the work done, rounded up, and never 0s while work
// remains.
func TestProgressTimeLeft(t *testing.T) {
	p := &progress{total: 10}
	p.Steps(9*sim.ProgressSteps + sim.ProgressSteps/2) // 9.5 of 10 after 19 s: 1 s left
	if got := p.describe(19 * time.Second); got != "9.5/10 replications, 1s left" {
		t.Errorf("describe = %q", got)
	}
	if got := p.describe(time.Second); got != "9.5/10 replications, 1s left" { // 0.05 s, rounded up
		t.Errorf("describe = %q", got)
	}
	for _, c := range []struct {
		d    time.Duration
		want string
	}{{0, "<1s"}, {10 * time.Millisecond, "1s"}, {59500 * time.Millisecond, "1m00s"}, {3599 * time.Second, "59m59s"}, {7300 * time.Second, "2h01m"}} {
		if got := timeLeft(c.d); got != c.want {
			t.Errorf("timeLeft(%v) = %q, want %q", c.d, got, c.want)
		}
	}
}

// TestProgressDraws checks the bar on a "terminal": replications and time
// left, then cleared at Stop.
func TestProgressDraws(t *testing.T) {
	var b bytes.Buffer
	p := (&progress{total: 8}).show(&b, 0)
	for i := 1; i <= 5; i++ {
		p.Update(i, 8)
	}
	time.Sleep(3 * progressRefresh / 2)
	p.Stop()
	out := b.String()
	for _, want := range []string{"5.0/8 replications", "left"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in %q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("bar not cleared at the end: %q", out[max(0, len(out)-40):])
	}
	p.Stop() // a second Stop (a deferred one after an explicit one) is harmless
}

// TestProgressShortRunDrawsNothing checks that a run ending before the
// delay leaves no trace on the terminal.
func TestProgressShortRunDrawsNothing(t *testing.T) {
	var b bytes.Buffer
	p := (&progress{total: 8}).show(&b, time.Hour)
	p.Update(8, 8)
	p.Stop()
	if b.Len() > 0 {
		t.Errorf("wrote %q", b.String())
	}
}

// TestProgressFromWorkers checks that the checkpoints of replications run
// in worker processes (-j 2) and in this process (-j 1) all reach the bar:
// sim.ProgressSteps per replication, whichever way they come.
func TestProgressFromWorkers(t *testing.T) {
	for _, j := range []int{1, 2} {
		cmd := &cobra.Command{}
		cmd.SetContext(context.Background())
		o := &expFlags{workers: j, quiet: true}
		o.register(cmd)
		sc, err := o.load(filepath.Join("..", "..", "scenarios", "mm1.toml"))
		if err != nil {
			t.Fatal(err)
		}
		sc.Run.Replications = 3
		ctx, opt, bar := o.start(cmd, io.Discard, sc.Run.Replications)
		if _, err := experiment.Run(ctx, sc.Model, sc.Run, opt); err != nil {
			t.Fatal(err)
		}
		bar.Stop()
		if got, want := bar.steps.Load(), int64(3*sim.ProgressSteps); got != want {
			t.Errorf("-j %d: %d checkpoints reported, want %d", j, got, want)
		}
	}
}

// TestProgressNote checks that a note (optimize's best design so far)
// follows the count and the time left.
func TestProgressNote(t *testing.T) {
	p := &progress{total: 4}
	p.Update(1, 4)
	p.Note("3 designs visited, best so far b=2")
	if got := p.describe(time.Second); !strings.HasSuffix(got, "; 3 designs visited, best so far b=2") || !strings.HasPrefix(got, "1.0/4 replications") {
		t.Errorf("describe = %q", got)
	}
}
