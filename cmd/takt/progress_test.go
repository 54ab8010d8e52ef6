package main

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestProgressSilentOffTerminal checks that no bar is drawn on a writer
// that is not a terminal, nor with --quiet, and that Update and Stop are
// safe then.
func TestProgressSilentOffTerminal(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		var b bytes.Buffer
		p := startProgress(&b, 10, quiet)
		p.Update(3, 10)
		p.Stop()
		if b.Len() > 0 {
			t.Errorf("quiet=%v: wrote %q", quiet, b.String())
		}
	}
}

// TestProgressUpdateConcurrent checks that concurrent, out-of-order updates
// keep the highest count (run with -race).
func TestProgressUpdateConcurrent(t *testing.T) {
	p := &progress{}
	var wg sync.WaitGroup
	for i := 1; i <= 50; i++ {
		wg.Go(func() { p.Update(i, 50) })
	}
	wg.Wait()
	p.Update(7, 50)
	if got := p.done.Load(); got != 50 {
		t.Errorf("done = %d, want 50", got)
	}
}

// TestProgressDraws checks the bar on a "terminal": count, rate and time
// left, then cleared at Stop. (A bar that reaches its total clears itself.)
func TestProgressDraws(t *testing.T) {
	var b bytes.Buffer
	p := (&progress{}).show(&b, 8, 0)
	for i := 1; i <= 5; i++ {
		p.Update(i, 8)
	}
	time.Sleep(3 * progressRefresh / 2)
	p.Stop()
	out := b.String()
	for _, want := range []string{"replications", "5/8", "rep/s"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in %q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\r") {
		t.Errorf("bar not cleared at the end: %q", out[max(0, len(out)-40):])
	}
}

// TestProgressShortRunDrawsNothing checks that a run ending before the
// delay leaves no trace on the terminal.
func TestProgressShortRunDrawsNothing(t *testing.T) {
	var b bytes.Buffer
	p := (&progress{}).show(&b, 8, time.Hour)
	p.Update(8, 8)
	p.Stop()
	if b.Len() > 0 {
		t.Errorf("wrote %q", b.String())
	}
}
