package sim

import (
	"math"
	"testing"
)

// week in hours: Monday 00:00 = 0.
const weekH = 168.0

func TestCalendar(t *testing.T) {
	var windows [][2]float64
	for d := 0; d < 5; d++ { // Mon–Fri 06:00–14:00
		windows = append(windows, [2]float64{24*float64(d) + 6, 24*float64(d) + 14})
	}
	breaks := [][2]float64{{10, 10.25}} // Monday 10:00–10:15
	c, err := NewCalendar(weekH, windows, breaks)
	if err != nil {
		t.Fatal(err)
	}
	exact(t, "on time in a week", c.OnTime(0, weekH), 40-0.25)
	// Tuesday to Friday (32 h), a whole week (39.75 h), Monday (7.75 h).
	exact(t, "on time in two weeks from Tuesday", c.OnTime(24, 24+2*weekH), 32+39.75+7.75)
	for _, x := range []struct {
		at   float64
		on   bool
		next float64
	}{{0, false, 6}, {6, true, 10}, {10, false, 10.25}, {10.1, false, 10.25}, {13.99, true, 14}, {14, false, 30},
		{24*4 + 14, false, weekH + 6}, {weekH + 7, true, weekH + 10}} {
		if c.At(x.at) != x.on {
			t.Errorf("At(%v) = %v", x.at, !x.on)
		}
		next := nextChange(&c, x.at)
		exact(t, "next change", next.at, x.next)
		if next.on == x.on {
			t.Errorf("the change after %v turns the calendar on=%v again", x.at, x.on)
		}
	}
	// A night shift over Sunday midnight wraps into Monday.
	night, _ := NewCalendar(weekH, [][2]float64{{24*6 + 22, 24*6 + 30}}, nil)
	if !night.At(2) || !night.At(weekH-1) || night.At(7) {
		t.Error("wrapped night shift")
	}
	exact(t, "night on time", night.OnTime(0, weekH), 8)
	exact(t, "night: next change after Sunday 23:00 is Monday 06:00", nextChange(&night, weekH-1).at, weekH+6)
	all, _ := NewCalendar(weekH, [][2]float64{{0, weekH}}, nil)
	if !all.AlwaysOn() || !math.IsInf(nextChange(&all, 5).at, 1) {
		t.Error("always-on calendar")
	}
}

// nextChange is the first change of c after t, stepped to by its clock.
func nextChange(c *WorkCalendar, t float64) calendarChange {
	k := newCalendarClock(c)
	for k.next().at <= t {
		k.advance()
	}
	return k.next()
}

// oneShift is Mon–Fri 06:00–14:00, with the given daily breaks (hours of
// the day), in hours.
func oneShift(t *testing.T, breaks ...[2]float64) WorkCalendar {
	var windows, bs [][2]float64
	for d := 0; d < 5; d++ {
		day := 24 * float64(d)
		windows = append(windows, [2]float64{day + 6, day + 14})
		for _, b := range breaks {
			bs = append(bs, [2]float64{day + b[0], day + b[1]})
		}
	}
	c, err := NewCalendar(weekH, windows, bs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func shiftMachine(cal WorkCalendar, cycle float64, end AtShiftEnd) *Model {
	m := saturatedMachine(1, cycle, nil, nil, nil)
	m.Shifts = []Shift{{Name: "day", Calendar: cal}}
	m.Stations[0].Shift, m.Stations[0].AtShiftEnd = "day", end
	return m
}

// TestShiftExactCapacity checks a saturated deterministic machine of cycle
// 3 h on one shift Mon–Fri 06:00–14:00 over three whole weeks after a
// warm-up of one: with Pause it works exactly the 40 window hours a week,
// 40/3 parts a week, so ⌊160/3⌋ − ⌊40/3⌋ = 40 parts in the window; with
// Finish it starts 3 parts a day (at 6, 9 and 12 h, the last one finished
// at 15 h), 15 a week, 45 in the window: the 5 more parts are the overtime.
func TestShiftExactCapacity(t *testing.T) {
	r := Run{Horizon: 4 * weekH, Warmup: weekH, Replications: 2, Seed: 1, Confidence: 0.95}
	window := 3 * weekH
	for _, c := range []struct {
		end         AtShiftEnd
		parts, busy float64 // in the window
	}{{Pause, 40, 120}, {Finish, 45, 135}} {
		s := runExp(t, shiftMachine(oneShift(t), 3, c.end), r)
		exact(t, "throughput", s.Throughput.Mean, c.parts/window)
		exact(t, "busy", s.Stations[0].States[Busy].Mean, c.busy/window)
		exact(t, "off shift", s.Stations[0].States[OffShift].Mean, 1-c.busy/window)
		exact(t, "throughput per scheduled hour", s.ThroughputScheduled.Mean, c.parts/120)
		exact(t, "availability", s.Stations[0].Availability.Mean, 1)
	}
}

// TestBreaksRemoveTheirLength checks that a daily 15-minute break removes
// exactly 15 minutes of capacity a day: 31 parts of 15 min instead of 32.
func TestBreaksRemoveTheirLength(t *testing.T) {
	r := Run{Horizon: 2 * weekH, Warmup: weekH, Replications: 1, Seed: 1, Confidence: 0.95}
	plain := runExp(t, shiftMachine(oneShift(t), 0.25, Pause), r)
	withBreak := runExp(t, shiftMachine(oneShift(t, [2]float64{10, 10.25}), 0.25, Pause), r)
	exact(t, "parts a week without break", plain.Throughput.Mean*weekH, 5*32)
	exact(t, "parts a week with break", withBreak.Throughput.Mean*weekH, 5*31)
}

// TestShiftWithFailures checks that shifts, calendar failures and
// maintenance together keep the invariants, and that no outage overlaps
// another (the replication would fail).
func TestShiftWithFailures(t *testing.T) {
	for _, end := range []AtShiftEnd{Pause, Finish} {
		m := shiftMachine(oneShift(t, [2]float64{10, 10.5}), 0.7, end)
		m.Stations[0].Process = expD(0.7)
		m.Stations[0].Failures = []Failure{
			{Name: "wear", TTF: expD(20), TTR: expD(2), Basis: Calendar, Crew: "tech"},
			{Name: "jam", TTF: expD(3), TTR: expD(0.2)}}
		m.Stations[0].PM = &PM{Every: 30, Duration: constD(1), Basis: Calendar, Crew: "tech"}
		m.Crews = []Crew{{Name: "tech", Size: 1}}
		s := runExp(t, m, testRun(20*weekH, weekH, 5))
		checkLittle(t, s)
		if s.Stations[0].States[OffShift].Mean < 0.7 || s.Stations[0].Failures.Mean < 10 {
			t.Errorf("off shift %v, failures %v", s.Stations[0].States[OffShift].Mean, s.Stations[0].Failures.Mean)
		}
	}
}
