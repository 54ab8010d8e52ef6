package sim

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim/theory"
)

// belt is a conveyor from station a to node b.
func belt(name, a, b string, length, speed, spacing float64, acc bool) Conveyor {
	return Conveyor{Name: name, From: a, To: b, Length: length, Speed: speed, Spacing: spacing, Accumulating: acc}
}

// exactBelt checks every statistic of a conveyor against an exact value.
func exactBelt(t *testing.T, c ConveyorSummary, want ConveyorResult) {
	t.Helper()
	exact(t, c.Name+" parts", c.Parts.Mean, want.Parts)
	exact(t, c.Name+" utilisation", c.Utilization.Mean, want.Utilization)
	exact(t, c.Name+" blocked", c.Blocked.Mean, want.Blocked)
	exact(t, c.Name+" throughput", c.Throughput.Mean, want.Throughput)
	exact(t, c.Name+" transit", c.Transit.Mean, want.Transit)
}

// TestConveyorTransitExact checks a deterministic line on a free conveyor:
// a saturated machine of 2 per part puts a part every 2 on a belt of
// length 10 at speed 2 (transit 5, capacity 10 at spacing 1), whose end
// feeds a machine of 1. Nothing waits: every part takes 2 + 5 + 1 = 8,
// one leaves every 2, the belt holds 0.5 · 5 = 2.5 parts on average
// (Little), a quarter of its capacity, and is never blocked.
func TestConveyorTransitExact(t *testing.T) {
	m := &Model{Name: "free belt", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(2), Buffer: Unlimited, Routes: to("b")},
			{Name: "b", Machines: 1, Process: constD(1), Buffer: 0, Routes: to("out")}},
		Sinks:     []Sink{{Name: "out"}},
		Conveyors: []Conveyor{belt("belt", "a", "b", 10, 2, 1, true)}}
	s := runExp(t, m, testRun(1000, 100, 2))
	exact(t, "cycle time", s.CycleTime.Mean, 8)
	exact(t, "throughput", s.Throughput.Mean, 0.5)
	exact(t, "WIP", s.WIP.Mean, 4)
	exactBelt(t, s.Conveyors[0], ConveyorResult{Parts: 2.5, Utilization: 0.25, Blocked: 0, Throughput: 0.5, Transit: 5})
	exact(t, "a blocked", s.Stations[0].States[Blocked].Mean, 0)
	checkLittle(t, s)
}

// TestConveyorMM1 checks a conveyor on the way out of an M/M/1 (λ = 0.8,
// μ = 1) to the sink: length 6 at speed 2, so every part rides exactly 3
// (the sink never refuses it), the cycle time is the M/M/1 sojourn
// 1/(μ − λ) = 5 plus 3, the belt holds λ · 3 = 2.4 parts on average and
// the plant λ · 8 = 6.4 (Little). The spacing of 0.001 (a pitch of 0.0005)
// holds the machine up only when two departures come closer than that,
// which moves the cycle time by about 10⁻⁷, far inside the interval.
func TestConveyorMM1(t *testing.T) {
	m := &Model{Name: "mm1+belt", Sources: []Source{open("m", expD(1.25))},
		Stations:  []Station{stationU("m", 1, expD(1), "out")},
		Sinks:     []Sink{{Name: "out"}},
		Conveyors: []Conveyor{belt("belt", "m", "out", 6, 2, 0.001, true)}}
	s := runExp(t, m, testRun(20000, 1000, 10))
	c := s.Conveyors[0]
	exact(t, "belt transit", c.Transit.Mean, 3)
	within(t, "cycle time", s.CycleTime, 5+3)
	within(t, "WIP", s.WIP, 0.8*8)
	within(t, "belt parts", c.Parts, 0.8*3)
	within(t, "belt throughput", c.Throughput, 0.8)
	within(t, "utilisation", s.Stations[0].Utilization, 0.8)
	checkLittle(t, s)
}

// TestConveyorIsAFiniteBuffer checks that a fast accumulating conveyor of
// capacity K between two machines is a buffer of K: a saturated line of
// exponential machines (μ1 = 1, μ2 = 1.25), the second with no buffer of
// its own, behind a belt of 3 places (length 3, spacing 1) so fast
// (transit 3·10⁻⁴) that it only holds parts. Its throughput and the share
// of time the first machine is blocked are those of the birth–death chain
// of a two-station line with a buffer of 3 (theory.TwoStation, Buzacott &
// Shanthikumar §5.2).
func TestConveyorIsAFiniteBuffer(t *testing.T) {
	const k = 3
	m := &Model{Name: "belt buffer", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: expD(1), Buffer: Unlimited, Routes: to("b")},
			{Name: "b", Machines: 1, Process: expD(0.8), Buffer: 0, Routes: to("out")}},
		Sinks:     []Sink{{Name: "out"}},
		Conveyors: []Conveyor{belt("belt", "a", "b", k, 1e4, 1, true)}}
	th, blocked, err := theory.TwoStation(1, 1.25, 0, 1, k)
	if err != nil {
		t.Fatal(err)
	}
	s := runExp(t, m, testRun(20000, 500, 10))
	within(t, "throughput", s.Throughput, th)
	within(t, "a blocked", s.Stations[0].States[Blocked], blocked)
	within(t, "belt throughput", s.Conveyors[0].Throughput, th)
	checkLittle(t, s)
}

// handLine is the hand-computed case of the conveyor tests: a saturated
// machine a of 2 per part puts its parts on a belt of length 3 at speed 1
// with spacing 1 (capacity 3, transit 3, pitch 1), whose end feeds a
// machine b of 5 per part with no buffer.
func handLine(acc bool) *Model {
	return &Model{Name: "hand", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(2), Buffer: Unlimited, Routes: to("b")},
			{Name: "b", Machines: 1, Process: constD(5), Buffer: 0, Routes: to("out")}},
		Sinks:     []Sink{{Name: "out"}},
		Conveyors: []Conveyor{belt("belt", "a", "b", 3, 1, 1, acc)}}
}

// TestConveyorBlocksUpstream checks the hand case in its steady state, the
// same for both kinds of belt: b is the bottleneck (one part every 5), the
// belt is full (3 parts), its front waits at the end 4 of every 5 (it
// arrives 1 after b took the one before), and a, whose part finds the
// belt full, is blocked 3 of every 5 (busy 2). A part rides 15 (3 parts,
// one leaving every 5) and spends 2 + 3 (blocked) + 15 + 5 = 25 in the
// plant; WIP = 25 / 5 = 5 (a, 3 on the belt, b). The window (500) is a
// multiple of the period 5.
func TestConveyorBlocksUpstream(t *testing.T) {
	for _, acc := range []bool{true, false} {
		t.Run(fmt.Sprint("accumulating=", acc), func(t *testing.T) {
			s := runExp(t, handLine(acc), testRun(600, 100, 2))
			exact(t, "throughput", s.Throughput.Mean, 0.2)
			exactBelt(t, s.Conveyors[0], ConveyorResult{Parts: 3, Utilization: 1, Blocked: 0.8, Throughput: 0.2, Transit: 15})
			exact(t, "a blocked", s.Stations[0].States[Blocked].Mean, 0.6)
			exact(t, "a busy", s.Stations[0].States[Busy].Mean, 0.4)
			exact(t, "cycle time", s.CycleTime.Mean, 25)
			exact(t, "WIP", s.WIP.Mean, 5)
			checkLittle(t, s)
		})
	}
}

// conveyorTrace keeps the trace lines of the belt and of machine a.
type conveyorTrace struct{ recorder }

func (r *conveyorTrace) PartEvent(t float64, part int64, ev PartEventKind, element string) {
	if element == "belt" {
		r.recorder.PartEvent(t, part, ev, element)
	}
}
func (r *conveyorTrace) MachineState(t float64, station string, k int, s State) {
	if station == "a" {
		r.recorder.MachineState(t, station, k, s)
	}
}
func (r *conveyorTrace) Level(float64, string, int) {}

// TestConveyorTrace checks the start of the hand case event by event.
// Parts enter at 2, 4 and 6; part 1 reaches the end at 5 and b takes it
// (b busy until 10); part 2 reaches the end at 7 and waits.
//
// Accumulating: part 3 moves on and waits right behind part 2; part 4
// enters at 8. When b takes part 2 at 10, part 3 reaches the end a pitch
// later, at 11 (not at 6 + 3 = 9: it was held up), and part 5 enters at
// 10; part 6, done at 12, finds the belt full (3, 4, 5) and enters at 15
// when b takes part 3.
//
// Not accumulating: the belt stops at 7 with part 3 one unit from the
// head; part 4 still enters at 8 (the head is clear), at the same belt
// position as part 3 had moved to. When the belt runs again at 10, part 3
// needs 2 more units: it reaches the end at 12; part 5, done at 10, waits
// until the belt has moved part 4 one unit away, at 11, and a is blocked
// from 10 to 11. Part 6, done at 13, finds the belt full.
func TestConveyorTrace(t *testing.T) {
	for _, tc := range []struct {
		acc  bool
		want []string
	}{
		{true, []string{"2 part1 conveying belt", "4 part2 conveying belt", "5 part1 conveyed belt",
			"6 part3 conveying belt", "7 part2 conveyed belt", "8 part4 conveying belt", "10 part5 conveying belt",
			"11 part3 conveyed belt", "12 a#0 blocked", "15 part6 conveying belt", "15 a#0 busy", "16 part4 conveyed belt"}},
		{false, []string{"2 part1 conveying belt", "4 part2 conveying belt", "5 part1 conveyed belt",
			"6 part3 conveying belt", "7 part2 conveyed belt", "8 part4 conveying belt", "10 a#0 blocked",
			"11 part5 conveying belt", "11 a#0 busy", "12 part3 conveyed belt", "13 a#0 blocked",
			"15 part6 conveying belt", "15 a#0 busy", "16 part4 conveyed belt"}},
	} {
		rec := &conveyorTrace{}
		run := Run{Horizon: 16.5, Replications: 1, Seed: 1, Confidence: 0.95}
		if _, err := TraceReplication(context.Background(), handLine(tc.acc), run, 0, rec); err != nil {
			t.Fatal(err)
		}
		got := slices.DeleteFunc(rec.lines, func(l string) bool { return strings.HasPrefix(l, "0 ") })
		if !slices.Equal(got, tc.want) {
			t.Errorf("accumulating=%v: trace\n%s\nwant\n%s", tc.acc, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

// TestConveyorOnSplit checks that a conveyor carries exactly
// the parts of its way: a split sends half of a's parts over a belt to
// the sink and half straight there, so the belt's throughput is half the
// plant's (an open line, λ = 0.5).
func TestConveyorOnSplit(t *testing.T) {
	m := &Model{Name: "split", Sources: []Source{open("a", expD(2))},
		Stations: []Station{{Name: "a", Machines: 1, Process: expD(1), Buffer: Unlimited,
			Routes: []Route{{To: "out", P: 0.5}, {To: "b", P: 0.5}}},
			stationU("b", 1, expD(1), "out")},
		Sinks:     []Sink{{Name: "out"}},
		Conveyors: []Conveyor{belt("belt", "a", "b", 4, 1, 0.01, true)}}
	s := runExp(t, m, testRun(5000, 200, 5))
	within(t, "belt throughput", s.Conveyors[0].Throughput, 0.25)
	within(t, "belt parts", s.Conveyors[0].Parts, 0.25*4)
	checkLittle(t, s)
}

// TestConveyorPitch checks the head's spacing rule exactly: a saturated
// machine of 0 per part puts a part on the belt each time the head clears,
// one every pitch = spacing / speed = 1 / 2 (so no zero-time loop: the
// belt paces it). Length 4 at speed 2 rides 2, so the belt holds
// 2 · 2 = 4 parts (Little), its whole capacity.
func TestConveyorPitch(t *testing.T) {
	m := &Model{Name: "pitch", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations:  []Station{stationU("a", 1, constD(0), "out")},
		Sinks:     []Sink{{Name: "out"}},
		Conveyors: []Conveyor{belt("belt", "a", "out", 4, 2, 1, false)}}
	s := runExp(t, m, testRun(100, 10, 2))
	exact(t, "throughput", s.Throughput.Mean, 2)
	exactBelt(t, s.Conveyors[0], ConveyorResult{Parts: 4, Utilization: 1, Blocked: 0, Throughput: 2, Transit: 2})
	exact(t, "a blocked", s.Stations[0].States[Blocked].Mean, 1)
	checkLittle(t, s)
}

// TestConveyorOnProductRoute checks that a conveyor carries the parts of
// a product whose route takes its way, and only those: products x (route
// a → b → out) and y (route a → out) in equal shares from a deterministic
// source, one part every 2, through a machine of 1. x rides the belt
// a → b (transit 3) to b (1 per part), so x takes 1 + 3 + 1 = 5 and y 1:
// the belt carries 0.25 parts per time unit and holds 0.25 · 3 = 0.75
// parts on average (Little); the plant's cycle time is (5 + 1) / 2 = 3.
// Which product a part is depends on the mix stream, so the shares and
// times are checked against their intervals, transit exactly.
func TestConveyorOnProductRoute(t *testing.T) {
	m := &Model{Name: "products",
		Products: []Product{{Name: "x", Route: []string{"a", "b", "out"}}, {Name: "y", Route: []string{"a", "out"}}},
		Sources: []Source{{Name: "src", To: "a", Kind: Open, Interarrival: constD(2),
			Mix: []Share{{Product: "x", P: 0.5}, {Product: "y", P: 0.5}}}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(1), Buffer: Unlimited},
			{Name: "b", Machines: 1, Process: constD(1), Buffer: Unlimited}},
		Sinks:     []Sink{{Name: "out"}},
		Conveyors: []Conveyor{belt("belt", "a", "b", 3, 1, 0.5, true)}}
	s := runExp(t, m, testRun(4000, 100, 5))
	c := s.Conveyors[0]
	exact(t, "belt transit", c.Transit.Mean, 3)
	exact(t, "x cycle time", s.Products[0].CycleTime.Mean, 5)
	exact(t, "y cycle time", s.Products[1].CycleTime.Mean, 1)
	within(t, "belt throughput", c.Throughput, 0.25)
	within(t, "belt parts", c.Parts, 0.75)
	within(t, "cycle time", s.CycleTime, 3)
	checkLittle(t, s)
}

// TestConveyorConservation runs conveyors with what else holds parts up:
// two machines with failures blocked on an accumulating belt, a batch of 3
// sent onto a belt that stops, and that belt feeding a station with no
// buffer. No law gives the throughput; every replication must conserve
// parts (entered = left + in the plant, belts included), keep Little's law
// and keep each belt within its capacity.
func TestConveyorConservation(t *testing.T) {
	m := &Model{Name: "mixed", Sources: []Source{open("a", expD(0.6))},
		Stations: []Station{
			{Name: "a", Machines: 2, Process: expD(1), Buffer: 5, Routes: to("oven"),
				Failures: []Failure{{Name: "jam", TTF: expD(20), TTR: expD(4)}}},
			{Name: "oven", Machines: 1, Process: constD(1.5), Buffer: 6, Batch: 3, Routes: to("pack")},
			stationUBuffer("pack", 1, expD(0.5), 0, "out")},
		Sinks: []Sink{{Name: "out"}},
		Conveyors: []Conveyor{belt("in", "a", "oven", 5, 2, 1, true),
			belt("outfeed", "oven", "pack", 4, 1, 1, false)}}
	s := runExp(t, m, testRun(3000, 100, 4))
	for k, c := range s.Conveyors {
		if c.Utilization.Max > 1 || c.Parts.Min <= 0 || c.Transit.Min < m.Conveyors[k].Transit() {
			t.Errorf("%s: utilisation up to %v, parts from %v, time on it from %v (ride %v)",
				c.Name, c.Utilization.Max, c.Parts.Min, c.Transit.Min, m.Conveyors[k].Transit())
		}
	}
	checkLittle(t, s)
}

func stationUBuffer(name string, c int, d Dist, buffer int, next string) Station {
	st := stationU(name, c, d, next)
	st.Buffer = buffer
	return st
}

// TestConveyorCompileErrors checks the model checks of conveyors.
func TestConveyorCompileErrors(t *testing.T) {
	base := func(c Conveyor) *Model {
		return &Model{Name: "bad", Sources: []Source{open("a", expD(2))},
			Stations: []Station{stationU("a", 1, expD(1), "b"), stationU("b", 1, expD(1), "out")},
			Sinks:    []Sink{{Name: "out"}}, Conveyors: []Conveyor{c}}
	}
	for _, tc := range []struct {
		c    Conveyor
		want string
	}{
		{belt("c", "x", "b", 3, 1, 1, true), `conveyor "c": from "x" is not a station`},
		{belt("c", "out", "b", 3, 1, 1, true), `conveyor "c": from "out" is not a station`},
		{belt("c", "a", "y", 3, 1, 1, true), `conveyor "c": to "y" is neither a station nor a sink`},
		{belt("c", "a", "out", 3, 1, 1, true), `conveyor "c": no route goes from "a" to "out"`},
		{belt("c", "a", "b", 3, 0, 1, true), `conveyor "c": speed must be > 0, got 0`},
		{belt("c", "a", "b", 3, 1, 4, true), `conveyor "c": spacing must be > 0 and at most the length (3), got 4`},
		{belt("c", "a", "b", -1, 1, 1, true), `conveyor "c": length must be > 0, got -1`},
		{belt("c", "a", "b", 3e9, 1, 1, true), `conveyor "c": holds more than 1000000 parts`},
		{belt("a", "a", "b", 3, 1, 1, true), `conveyor "a": name already used by a station`},
	} {
		_, err := Compile(base(tc.c))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.c, err, tc.want)
		}
	}
	m := base(belt("c", "a", "b", 3, 1, 1, true))
	m.Stations[0].Routes[0].Move = constD(1)
	if _, err := Compile(m); err == nil || !strings.Contains(err.Error(), "a move or a conveyor, not both") {
		t.Errorf("move and conveyor: %v", err)
	}
	m = base(belt("c", "a", "a", 3, 1, 1, true)) // a rework way
	m.Stations[0].Quality = &Quality{Yield: 1, Rework: 0.1, ReworkTo: "a"}
	if _, err := Compile(m); err != nil {
		t.Errorf("a conveyor on the rework way: %v", err)
	}
	m = base(belt("c", "a", "b", 3, 1, 1, true))
	m.Conveyors = append(m.Conveyors, belt("d", "a", "b", 3, 1, 1, true))
	if _, err := Compile(m); err == nil || !strings.Contains(err.Error(), `conveyor "d": another conveyor already runs from "a" to "b"`) {
		t.Errorf("two conveyors: %v", err)
	}
}
