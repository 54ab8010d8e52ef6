package output

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
)

// traceEvent is one call of a sim.Tracer.
type traceEvent struct {
	kind    string // "state", "level" or "part"
	t       float64
	element string
	k       int // machine, level or part event
	part    int64
	state   sim.State
}

// eventLog keeps every call of a sim.Tracer.
type eventLog []traceEvent

func (l *eventLog) MachineState(t float64, station string, k int, s sim.State) {
	*l = append(*l, traceEvent{kind: "state", t: t, element: station, k: k, state: s})
}
func (l *eventLog) PartEvent(t float64, part int64, ev sim.PartEventKind, element string) {
	*l = append(*l, traceEvent{kind: "part", t: t, element: element, k: int(ev), part: part})
}
func (l *eventLog) Level(t float64, element string, n int) {
	*l = append(*l, traceEvent{kind: "level", t: t, element: element, k: n})
}

// tracePennyFab traces replication 1 of the Penny Fab with a Recorder
// (options opt) and an event log.
func tracePennyFab(t *testing.T, opt RecorderOptions) (*Recorder, eventLog, *scenarios.Scenario) {
	t.Helper()
	sc, err := scenarios.LoadExample("penny-fab")
	if err != nil {
		t.Fatal(err)
	}
	rec := NewRecorder(sc.Model, sc.Run, opt)
	var log eventLog
	if _, err := sim.TraceReplication(context.Background(), sc.Model, sc.Run, 0, Tracers{rec, &log}); err != nil {
		t.Fatal(err)
	}
	return rec, log, sc
}

// TestAnimationEqualsTrace checks the animation data embedded in the
// report of the Penny Fab (deterministic) against the full event log of
// the same replication, event for event: the machines' states and buffer
// levels at the window's start are the last ones the log reports before
// it, and the changes and part moves inside the window are the log's, in
// its order, with the same float64 times.
func TestAnimationEqualsTrace(t *testing.T) {
	rec, log, sc := tracePennyFab(t, RecorderOptions{})
	// Default window: the first tenth after the warm-up, [24, 24 + 984/10) h.
	from, to := 24.0, 24+(1008-24)/10.0
	box := map[string]int{"blanks": 0, "head-stamp": 1, "tail-stamp": 2, "rimming": 3, "deburr": 4, "pennies": 5}
	init := make([]int, 4)
	level0 := [][2]int{{1, 0}, {2, 0}, {3, 0}, {4, 0}}
	want := struct{ S, Q []float64 }{[]float64{}, []float64{}}
	type step struct {
		t       float64
		element string
		part    int64
	}
	steps := map[step]bool{} // every part event in the log
	for _, e := range log {
		switch e.kind {
		case "state":
			if e.t <= from {
				init[box[e.element]-1] = int(e.state)
			} else if e.t < to {
				want.S = append(want.S, e.t, float64(box[e.element]-1), float64(e.state))
			}
		case "level":
			if e.element == "" {
				continue
			}
			if e.t <= from {
				level0[box[e.element]-1][1] = e.k
			} else if e.t < to {
				want.Q = append(want.Q, e.t, float64(box[e.element]), float64(e.k))
			}
		case "part":
			steps[step{e.t, e.element, e.part}] = true
		}
	}
	sec := plantSection(&sim.Summary{Scenario: sc.Name, TimeUnit: sc.TimeUnit}, rec)
	page := string(sec.HTML)
	start := strings.Index(page, `<script type="application/json" id="pl-data">`)
	if start < 0 {
		t.Fatal("no animation data in the section")
	}
	page = page[start+len(`<script type="application/json" id="pl-data">`):]
	var got animationData
	if err := json.Unmarshal([]byte(page[:strings.Index(page, "</script>")]), &got); err != nil {
		t.Fatal(err)
	}
	if got.From != from || got.To != to {
		t.Errorf("window [%v, %v), want [%v, %v)", got.From, got.To, from, to)
	}
	for _, c := range []struct {
		name      string
		got, want any
	}{
		{"initial states", got.Init, init}, {"initial levels", got.Level0, level0},
		{"state changes", got.S, want.S}, {"level changes", got.Q, want.Q},
		{"machines", got.Machines, [][2]int{{1, 0}, {2, 0}, {3, 0}, {4, 0}}},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: the report has %v, the trace %v", c.name, c.got, c.want)
		}
	}
	// The moves, by hand: every 2 h, at the even hours 24 … 122 of the
	// window (50 instants), a penny leaves deburr for the sink, a blank
	// enters head-stamp from the source, and every other penny moves one
	// station on: 5 moves. Each is the step the log reports for that part
	// at that time: at the element it reaches, or leaving the source.
	moves := map[float64][]string{}
	for i := 0; i+3 < len(got.P); i += 4 {
		tm, a, b, part := got.P[i], int(got.P[i+1]), int(got.P[i+2]), int64(got.P[i+3])
		moves[tm] = append(moves[tm], fmt.Sprintf("%d>%d", a, b))
		names := []string{"blanks", "head-stamp", "tail-stamp", "rimming", "deburr", "pennies"}
		if !steps[step{tm, names[b], part}] || a == 0 && !steps[step{tm, names[0], part}] {
			t.Errorf("move of part %d from %s to %s at %v is not in the trace", part, names[a], names[b], tm)
		}
	}
	if len(moves) != 50 {
		t.Errorf("moves at %d instants, want 50", len(moves))
	}
	for k := range 50 {
		tm := 24 + 2*float64(k)
		m := moves[tm]
		sort.Strings(m)
		if want := []string{"0>1", "1>2", "2>3", "3>4", "4>5"}; !reflect.DeepEqual(m, want) {
			t.Errorf("moves at %v h: %v, want %v", tm, m, want)
		}
	}
}

// TestAnimationCap cuts the window at the cap: the events kept are the
// first MaxAnimationEvents, and the window ends at the next one's time.
func TestAnimationCap(t *testing.T) {
	rec, _, _ := tracePennyFab(t, RecorderOptions{AnimateFrom: 100, AnimateTo: 200})
	all := rec.Animation()
	capped, _, _ := tracePennyFab(t, RecorderOptions{AnimateFrom: 100, AnimateTo: 200, MaxAnimationEvents: 12})
	a := capped.Animation()
	n := len(a.S)/3 + len(a.Q)/3 + len(a.P)/4
	if !a.Cut || n != 12 {
		t.Fatalf("cut %v with %d events, want a cut at 12", a.Cut, n)
	}
	if all.Cut || all.To != 200 {
		t.Errorf("uncapped window cut %v, to %v; want [100, 200)", all.Cut, all.To)
	}
	// The 12 events kept are the first 12 of the uncapped animation, and
	// the window ends at a later event's time.
	if !reflect.DeepEqual(a.P, all.P[:len(a.P)]) || !reflect.DeepEqual(a.Q, all.Q[:len(a.Q)]) {
		t.Errorf("the capped animation is not a prefix of the full one")
	}
	if a.To <= 100 || a.To > 200 {
		t.Errorf("the capped window ends at %v", a.To)
	}
}
