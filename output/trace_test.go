package output

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// blockingLine is sim's hand-computed trace case: a saturated station of
// 2 time units feeding one of 3 with no buffer, so the first machine is
// blocked from 4 to 5 (and from 8 to 11, 14 to 17, …).
func blockingLine() *sim.Model {
	return &sim.Model{Name: "trace",
		Sources: []sim.Source{{Name: "raw", To: "a", Kind: sim.Saturated}},
		Stations: []sim.Station{
			{Name: "a", Machines: 1, Process: must(sim.Const(2)), Buffer: sim.Unlimited, Routes: []sim.Route{{To: "b", P: 1}}},
			{Name: "b", Machines: 1, Process: must(sim.Const(3)), Buffer: 0, Routes: []sim.Route{{To: "out", P: 1}}}},
		Sinks: []sim.Sink{{Name: "out"}}}
}

func trace(t *testing.T, m *sim.Model, run sim.Run, tr sim.Tracer) {
	t.Helper()
	if _, err := sim.TraceReplication(context.Background(), m, run, 0, tr); err != nil {
		t.Fatal(err)
	}
}

func segments(row GanttRow) string {
	var parts []string
	for _, s := range row.Segments {
		parts = append(parts, fmt.Sprintf("%g-%g %s", s.From, s.To, s.State))
	}
	return row.Name + ": " + strings.Join(parts, ", ")
}

// TestRecorderGantt checks the Gantt rows of the hand-computed line in a
// window that starts inside a state.
func TestRecorderGantt(t *testing.T) {
	run := sim.Run{Horizon: 20, Warmup: 2, Replications: 1, Seed: 1, Confidence: 0.95}
	rec := NewRecorder(blockingLine(), run, RecorderOptions{From: 3, To: 12})
	trace(t, blockingLine(), run, rec)
	rows := rec.GanttRows()
	want := []string{
		"a: 3-4 busy, 4-5 blocked, 5-7 busy, 7-8 blocked, 8-10 busy, 10-11 blocked, 11-12 busy",
		"b: 3-12 busy",
	}
	for i, w := range want {
		if got := segments(rows[i]); got != w {
			t.Errorf("row %d:\n%s\nwant\n%s", i, got, w)
		}
	}
	if from, to, short := rec.GanttWindow(); from != 3 || to != 12 || short != "" {
		t.Errorf("window %g..%g shortened by %q", from, to, short)
	}
}

// TestRecorderGanttCap checks that the window ends where a machine reached
// MaxChanges, for every machine, and that the default window is at most
// the first tenth after the warm-up. Nothing changes in its first 2 of 6
// (more than a quarter): it starts 5% of the rest, 0.2, before the first
// change at 22.
func TestRecorderGanttCap(t *testing.T) {
	run := sim.Run{Horizon: 200, Warmup: 20, Replications: 1, Seed: 1, Confidence: 0.95}
	if from, to := DefaultGanttWindow(run); from != 20 || to != 38 {
		t.Errorf("default window %g..%g, want 20..38", from, to)
	}
	rec := NewRecorder(blockingLine(), run, RecorderOptions{MaxChanges: 3})
	trace(t, blockingLine(), run, rec)
	from, to, short := rec.GanttWindow()
	// a changes state at 22 (blocked), 23 (busy), 25 (blocked), 26 (busy).
	if from != 21.8 || to != 26 || short != "a" {
		t.Errorf("window %g..%g shortened by %q, want 21.8..26 by a", from, to, short)
	}
	if got := segments(rec.GanttRows()[0]); got != "a: 21.8-22 busy, 22-23 blocked, 23-25 busy, 25-26 blocked" {
		t.Errorf("capped row %s", got)
	}
}

// integral is ∫ level dt of a step series up to its last point.
func integral(s LevelSeries) float64 {
	var a float64
	for i := 1; i < len(s.Points); i++ {
		a += s.Points[i-1].N * (s.Points[i].T - s.Points[i-1].T)
	}
	return a
}

// TestRecorderLevels checks that downsampling keeps the integral of a
// level (its time-average) and bounds the points.
func TestRecorderLevels(t *testing.T) {
	m := tinyLine(true)
	run := sim.Run{Horizon: 600, Warmup: 60, Replications: 1, Seed: 3, Confidence: 0.95}
	exact := NewRecorder(m, run, RecorderOptions{MaxLevelPoints: 1 << 30})
	coarse := NewRecorder(m, run, RecorderOptions{MaxLevelPoints: 50})
	trace(t, m, run, Tracers{exact, coarse})
	if coarse.Levels()[0].Bucket == 0 {
		t.Fatal("the plant's WIP changed more than 50 times, yet was not downsampled")
	}
	for i, e := range exact.Levels() {
		c := coarse.Levels()[i]
		if e.Bucket != 0 {
			t.Fatalf("%s: exact series has bucket %g", e.Name, e.Bucket)
		}
		if len(e.Points) <= 51 {
			if c.Bucket != 0 || len(c.Points) != len(e.Points) {
				t.Errorf("%s: %d changes downsampled", e.Name, len(e.Points))
			}
		} else if c.Bucket != 600.0/LevelBuckets || len(c.Points) != LevelBuckets+1 {
			t.Errorf("%s: downsampled series has bucket %g, %d points", c.Name, c.Bucket, len(c.Points))
		}
		if e.Points[len(e.Points)-1].T != 600 || e.Max != c.Max {
			t.Errorf("%s: closed at %g, max %g vs %g", e.Name, e.Points[len(e.Points)-1].T, e.Max, c.Max)
		}
		if a, b := integral(e), integral(c); math.Abs(a-b) > 1e-9*a {
			t.Errorf("%s: ∫ exact %g, downsampled %g", e.Name, a, b)
		}
	}
	var names []string
	for _, l := range exact.Levels() {
		names = append(names, l.Name)
	}
	if got := strings.Join(names, "|"); got != "WIP (plant)|cut|weld" {
		t.Errorf("series %q, want the plant's WIP, then the stations in model order", got)
	}
}

// TestRecorderCycleTimes checks Penny Fab's cycle times (all 8 h, one part
// every 2 h after the warm-up) and the cap.
func TestRecorderCycleTimes(t *testing.T) {
	run := sim.Run{Horizon: 600, Warmup: 60, Replications: 1, Seed: 1, Confidence: 0.95}
	all := NewRecorder(pennyFab(), run, RecorderOptions{})
	capped := NewRecorder(pennyFab(), run, RecorderOptions{MaxCycleTimes: 10})
	trace(t, pennyFab(), run, Tracers{all, capped})
	cts, dropped := all.CycleTimes()
	if len(cts) != 270 || dropped != 0 {
		t.Fatalf("%d cycle times, %d dropped; want 270 = (600 − 60) / 2, 0", len(cts), dropped)
	}
	for _, ct := range cts {
		if ct != 8 {
			t.Fatalf("cycle time %g, want 8", ct)
		}
	}
	if cts, dropped := capped.CycleTimes(); len(cts) != 10 || dropped != 260 {
		t.Errorf("capped: %d kept, %d dropped; want 10, 260", len(cts), dropped)
	}
}

// TestTraceCSV checks the rows of the hand-computed line and the limit.
func TestTraceCSV(t *testing.T) {
	run := sim.Run{Horizon: 5.5, Replications: 1, Seed: 1, Confidence: 0.95}
	var b strings.Builder
	tw := NewTraceCSV(&b, 0)
	trace(t, blockingLine(), run, tw)
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	want := `time,element,event,part,product,state
0,a#1,state,,,starved
0,b#1,state,,,starved
0,raw,entered,1,,
0,a#1,state,,,busy
0,a,started,1,,
2,a,finished,1,,
2,b#1,state,,,busy
2,b,started,1,,
2,raw,entered,2,,
2,a,started,2,,
4,a,finished,2,,
4,a#1,state,,,blocked
5,b,finished,1,,
5,out,exited,1,,
5,b,started,2,,
5,raw,entered,3,,
5,a#1,state,,,busy
5,a,started,3,,
`
	if b.String() != want {
		t.Errorf("trace:\n%s\nwant:\n%s", b.String(), want)
	}
	if tw.Rows() != 18 || tw.Dropped() != 0 {
		t.Errorf("%d rows, %d dropped", tw.Rows(), tw.Dropped())
	}
	var lb strings.Builder
	lim := NewTraceCSV(&lb, 5)
	trace(t, blockingLine(), run, lim)
	lim.Close()
	if lb.String() != strings.Join(strings.SplitAfter(want, "\n")[:6], "") || lim.Rows() != 5 || lim.Dropped() != 13 {
		t.Errorf("limited to 5: %d rows, %d dropped:\n%s", lim.Rows(), lim.Dropped(), lb.String())
	}
	if err := NewTraceCSV(failingWriter{}, 0).Close(); err == nil {
		t.Error("no error from a failing writer")
	}
}

// TestTraceCSVProducts checks the product column: the product of each
// part on its events, through the Tracers multiplexer as takt run uses it,
// and empty on machine states. Wheels (1 per unit) and frames (1 per 2)
// arrive at an assembly of one frame and one wheel into a bike; the
// assembled part, a frame, is a bike from its start there on.
func TestTraceCSVProducts(t *testing.T) {
	m := &sim.Model{Name: "bikes",
		Products: []sim.Product{{Name: "frame"}, {Name: "wheel"}, {Name: "bike"}},
		Sources: []sim.Source{
			{Name: "frames", To: "assemble", Kind: sim.Open, Interarrival: must(sim.Const(2)), Mix: []sim.Share{{Product: "frame", P: 1}}},
			{Name: "wheels", To: "assemble", Kind: sim.Open, Interarrival: must(sim.Const(1)), Mix: []sim.Share{{Product: "wheel", P: 1}}}},
		Stations: []sim.Station{{Name: "assemble", Machines: 1, Process: must(sim.Const(1)), Buffer: sim.Unlimited,
			Routes:   []sim.Route{{To: "out", P: 1}},
			Assembly: &sim.Assembly{Components: []sim.Component{{Product: "frame", Count: 1}, {Product: "wheel", Count: 1}}, Output: "bike"}}},
		Sinks: []sim.Sink{{Name: "out"}}}
	var b strings.Builder
	tw := NewTraceCSV(&b, 0)
	trace(t, m, sim.Run{Horizon: 4.5, Replications: 1, Seed: 1, Confidence: 0.95}, Tracers{tw})
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"1,assemble,queued,1,wheel,\n", // the product from the part's first event on
		"1,wheels,entered,1,wheel,\n",
		"2,assemble,queued,2,frame,\n",
		"2,assemble,started,2,bike,\n",
		"3,out,exited,2,bike,\n",
		"0,assemble#1,state,,,starved\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in the trace:\n%s", want, b.String())
		}
	}
}

// TestRecorderDefaultGanttWindow checks the default window on a hand-made
// trace: warm-up 100, horizon 1100, so at most [100, 200]; the machine is
// off shift until 150, then changes state every 0.5. The window starts 5%
// of what follows before the first change and ends at the change that
// would be the 61st: [148.5, 180].
func TestRecorderDefaultGanttWindow(t *testing.T) {
	m := &sim.Model{Stations: []sim.Station{{Name: "m", Machines: 1}}}
	rec := NewRecorder(m, sim.Run{Horizon: 1100, Warmup: 100}, RecorderOptions{})
	rec.MachineState(0, "m", 0, sim.OffShift)
	for i := range 100 {
		s := sim.Busy
		if i%2 == 1 {
			s = sim.Starved
		}
		rec.MachineState(150+0.5*float64(i), "m", 0, s)
	}
	from, to, by := rec.GanttWindow()
	if from != 148.5 || to != 180 || by != "m" {
		t.Errorf("window [%g, %g] shortened by %q, want [148.5, 180] by m", from, to, by)
	}
	if segs := rec.GanttRows()[0].Segments; segs[0].From != 148.5 || segs[0].State != "off_shift" || len(segs) != 61 {
		t.Errorf("%d segments, the first %+v", len(segs), segs[0])
	}
}
