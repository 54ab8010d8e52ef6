package sim

import (
	"testing"
)

// TestMoveAddsToCycleTime checks a constant move on the way out of an
// M/M/1 (λ = 0.8, μ = 1): the queue is untouched, so the cycle time is the
// M/M/1 sojourn 1/(μ − λ) = 5 plus the move 3, and Little's law counts the
// parts on their way: WIP = λ · 8 = 6.4.
func TestMoveAddsToCycleTime(t *testing.T) {
	m := &Model{Name: "mm1+move", Sources: []Source{open("m", expD(1.25))},
		Stations: []Station{{Name: "m", Machines: 1, Process: expD(1), Buffer: Unlimited,
			Routes: []Route{{To: "out", P: 1, Move: constD(3)}}}},
		Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(20000, 1000, 10))
	within(t, "cycle time", s.CycleTime, 5+3)
	within(t, "WIP", s.WIP, 0.8*8)
	within(t, "utilisation", s.Stations[0].Utilization, 0.8)
	checkLittle(t, s)
}

// TestMoveExact checks a deterministic line with moves exactly: a
// saturated machine of 2 per part, a move of 5 to a second machine of 1,
// then a move of 1 to the sink. Every part takes 2 + 5 + 1 + 1 = 9 from
// entering to the sink, one leaves every 2, and the second machine is
// busy half the time.
func TestMoveExact(t *testing.T) {
	m := &Model{Name: "moves", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(2), Buffer: Unlimited, Routes: []Route{{To: "b", P: 1, Move: constD(5)}}},
			{Name: "b", Machines: 1, Process: constD(1), Buffer: 0, Routes: []Route{{To: "out", P: 1, Move: constD(1)}}}},
		Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(1000, 100, 2))
	exact(t, "cycle time", s.CycleTime.Mean, 9)
	exact(t, "throughput", s.Throughput.Mean, 0.5)
	exact(t, "b busy", s.Stations[1].Utilization.Mean, 0.5)
	exact(t, "WIP", s.WIP.Mean, 4.5) // Little: 0.5 · 9
	checkLittle(t, s)
}

// TestMoveWaitsForRoom checks a part whose move ends at a full station: it
// waits at the end of its way (still in the plant, holding no machine) and
// enters when room frees. A fast feeder (1 per part) moving 1 to a slow
// machine (3 per part) with no buffer: throughput 1/3, the feeder never
// blocked (its parts wait at the end of the move instead), conservation
// exact.
func TestMoveWaitsForRoom(t *testing.T) {
	m := &Model{Name: "wait", Sources: []Source{{Name: "raw", To: "a", Kind: CONWIP, WIP: 4}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: []Route{{To: "b", P: 1, Move: constD(1)}}},
			{Name: "b", Machines: 1, Process: constD(3), Buffer: 0, Routes: to("out")}},
		Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(3000, 300, 2))
	exact(t, "throughput", s.Throughput.Mean, 1.0/3)
	exact(t, "a blocked", s.Stations[0].States[Blocked].Mean, 0)
	exact(t, "WIP", s.WIP.Mean, 4)
	checkLittle(t, s)
}
