package sim

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// runLimited runs replication 0 of m with the plant's limits lowered to
// maxHeld parts and maxStill events at one instant, so that reaching them
// is cheap.
func runLimited(t *testing.T, m *Model, r Run, maxHeld, maxStill int64) error {
	t.Helper()
	p, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	pl := build(p, r, 0)
	pl.maxHeld, pl.maxStill = maxHeld, maxStill
	defer pl.sim.Shutdown()
	return pl.simulate(context.Background())
}

func limitError(t *testing.T, err error, name string, parts ...string) {
	t.Helper()
	var le *LimitError
	if !errors.As(err, &le) || le.Name != name {
		t.Fatalf("err = %v, want a *LimitError naming %q", err, name)
	}
	for _, p := range parts {
		if !strings.Contains(le.Msg, p) {
			t.Errorf("message %q lacks %q", le.Msg, p)
		}
	}
}

// overloadedLine is an open M/M/1 line with λ = 1.2 > μ = 1 and an
// unlimited buffer: the queue grows by about 0.2 parts per time unit.
func overloadedLine() *Model {
	return &Model{Name: "over", TimeUnit: "min", Sources: []Source{open("m", expD(1/1.2))},
		Stations: []Station{stationU("m", 1, expD(1), "out")}, Sinks: []Sink{{Name: "out"}}}
}

// TestOverloadedOpenLineStopsAtLimit: the replication stops when the parts
// it holds reach the limit, naming the station whose queue grew and the
// rates of the traffic equations (λ = 1/(1/1.2) = 1.2, μ = 1/1).
func TestOverloadedOpenLineStopsAtLimit(t *testing.T) {
	err := runLimited(t, overloadedLine(), testRun(1e5, 0, 1), 1000, maxEventsAtOneInstant)
	limitError(t, err, "m", "1000 parts in the plant", "this line cannot keep up: arrivals 1.2/min, capacity 1/min", "finite buffer")
}

// TestOverloadedOpenLineRefusedBeforeRunning: when the queue would outgrow
// MaxInPlant within the horizon ((1.2 − 1) × 1e9 = 2e8 parts), the
// replication is refused at once.
func TestOverloadedOpenLineRefusedBeforeRunning(t *testing.T) {
	p, err := Compile(overloadedLine())
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Replicate(context.Background(), testRun(1e9, 0, 1), 0)
	limitError(t, err, "m", "arrivals 1.2/min, capacity 1/min", "2e+08 parts")
	// A short horizon of the same line runs: its queue stays small.
	if _, err := p.Replicate(context.Background(), testRun(100, 0, 1), 0); err != nil {
		t.Fatal(err)
	}
}

// TestOrderQuantityOverLimitStops: an order releasing more parts than the
// limit at one instant stops inside the release, at the source.
func TestOrderQuantityOverLimitStops(t *testing.T) {
	m := &Model{Name: "book", Products: []Product{{Name: "A"}},
		Sources:  []Source{{Name: "book", To: "m", Kind: OrderBook, Orders: []Order{{Name: "big", Product: "A", Quantity: 5000, Due: 1e9}}}},
		Stations: []Station{{Name: "m", Machines: 1, Process: constD(1), Buffer: 10, Routes: to("out")}},
		Sinks:    []Sink{{Name: "out"}}}
	err := runLimited(t, m, testRun(100, 0, 1), 1000, maxEventsAtOneInstant)
	limitError(t, err, "book", "wait at this source")
}

// TestStuckClockStopsAtRunTime: a CONWIP loop of products whose process
// time is 0 (not judged before running: products decide their own times)
// is stopped once the clock has not moved for maxStill events, naming the
// station of the loop.
func TestStuckClockStopsAtRunTime(t *testing.T) {
	m := &Model{Name: "stuck", TimeUnit: "min", Products: []Product{{Name: "A", Route: []string{"m", "out"}}},
		Sources:  []Source{{Name: "loop", To: "m", Kind: CONWIP, WIP: 2, Mix: []Share{{"A", 1}}}},
		Stations: []Station{stationU("m", 1, constD(0), "out")}, Sinks: []Sink{{Name: "out"}}}
	err := runLimited(t, m, testRun(100, 0, 1), MaxInPlant, 100_000)
	limitError(t, err, "m", "clock is stuck at 0 min", `going round "m" in zero time`)
}

// TestZeroTimeLoopRefused: issue 11's hangs at time 0, found before
// running: process time 0 in a CONWIP loop, with a saturated source, and in
// a split back to itself (p < 1) fed by a saturated source.
func TestZeroTimeLoopRefused(t *testing.T) {
	zero := constD(0)
	self := Station{Name: "m", Machines: 1, Process: zero, Buffer: Unlimited,
		Routes: []Route{{To: "m", P: 0.5}, {To: "out", P: 0.5}}}
	for name, m := range map[string]*Model{
		"conwip":     {Sources: []Source{{Name: "s", To: "m", Kind: CONWIP, WIP: 3}}, Stations: []Station{stationU("m", 1, zero, "b"), stationU("b", 2, zero, "out")}},
		"saturated":  {Sources: []Source{{Name: "s", To: "m", Kind: Saturated}}, Stations: []Station{stationU("m", 1, zero, "out")}},
		"self-split": {Sources: []Source{{Name: "s", To: "m", Kind: Saturated}}, Stations: []Station{self}},
	} {
		m.Name, m.Sinks = name, []Sink{{Name: "out"}}
		if _, err := Compile(m); err == nil || !strings.Contains(err.Error(), "zero-time loop") {
			t.Errorf("%s: err = %v, want a zero-time loop", name, err)
		}
	}
	// A move on the way out does not pace a saturated source's station:
	// the moving part holds no machine.
	moved := stationU("m", 1, zero, "out")
	moved.Routes[0].Move = constD(2)
	m := &Model{Name: "saturated-move", Sources: []Source{{Name: "s", To: "m", Kind: Saturated}}, Stations: []Station{moved}, Sinks: []Sink{{Name: "out"}}}
	if _, err := Compile(m); err == nil || !strings.Contains(err.Error(), "zero-time loop") {
		t.Errorf("saturated source, move out: err = %v, want a zero-time loop", err)
	}
	// Not loops: an open source (each part leaves), a saturated zero-time
	// station feeding a timed one (it blocks once the buffer is full), and
	// a CONWIP loop whose parts move to the sink (each round takes the move).
	for name, m := range map[string]*Model{
		"open":         {Sources: []Source{open("m", expD(1))}, Stations: []Station{self}},
		"conwip-moved": {Sources: []Source{{Name: "s", To: "m", Kind: CONWIP, WIP: 3}}, Stations: []Station{moved}},
		"blocked":      {Sources: []Source{{Name: "s", To: "m", Kind: Saturated}}, Stations: []Station{stationU("m", 1, zero, "b"), {Name: "b", Machines: 1, Process: expD(1), Buffer: 2, Routes: to("out")}}},
	} {
		m.Name, m.Sinks = name, []Sink{{Name: "out"}}
		if _, err := Compile(m); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// cancelAfter is a tracer that cancels a context at its n-th machine event
// and counts the events after that.
type cancelAfter struct {
	n, seen, after int
	cancel         context.CancelFunc
}

func (c *cancelAfter) MachineState(float64, string, int, State) { c.event() }
func (c *cancelAfter) PartEvent(float64, int64, PartEventKind, string) {
	c.event()
}
func (c *cancelAfter) Level(float64, string, int) {}
func (c *cancelAfter) event() {
	c.seen++
	switch {
	case c.seen == c.n:
		c.cancel()
	case c.seen > c.n:
		c.after++
	}
}

// TestCancelStopsWithinEventsNotHorizon: a cancelled replication of an M/M/1
// with a horizon of 1e9 stops within a few thousand events of the
// cancellation (it checks every checkEvery events), not after a share of
// the horizon.
func TestCancelStopsWithinEventsNotHorizon(t *testing.T) {
	m := &Model{Name: "mm1", Sources: []Source{open("m", expD(1.25))},
		Stations: []Station{stationU("m", 1, expD(1), "out")}, Sinks: []Sink{{Name: "out"}}}
	p, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	tr := &cancelAfter{n: 5000, cancel: cancel}
	if _, err := p.Trace(ctx, testRun(1e9, 0, 1), 0, tr); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	// Each simgo event reports at most a few part and machine events.
	if tr.after > 8*checkEvery {
		t.Errorf("%d trace events after the cancellation, want at most %d", tr.after, 8*checkEvery)
	}
}

// TestConwipMoveNotZeroTime: a CONWIP loop of 3 parts through a station of
// process time 0 whose way to the sink is a constant move of 2 runs (it is
// no zero-time loop): every part takes exactly 2 a round, so throughput is
// 3/2 and the cycle time 2.
func TestConwipMoveNotZeroTime(t *testing.T) {
	st := stationU("m", 1, constD(0), "out")
	st.Routes[0].Move = constD(2)
	m := &Model{Name: "conwip-move", Sources: []Source{{Name: "s", To: "m", Kind: CONWIP, WIP: 3}},
		Stations: []Station{st}, Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, Run{Horizon: 101, Replications: 2, Seed: 1, Confidence: 0.95})
	exact(t, "throughput", s.Throughput.Mean, 150.0/101)
	exact(t, "cycle time", s.CycleTime.Mean, 2)
}
