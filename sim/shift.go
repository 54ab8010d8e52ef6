package sim

import (
	"fmt"
	"math"
	"sort"
)

// WorkCalendar is a weekly working time: the intervals of one week, in the
// model's time unit from Monday 00:00 (time 0 is a Monday, 00:00), during
// which work is done. It repeats every Week time units.
type WorkCalendar struct {
	Week float64      // the length of a week in the time unit
	On   [][2]float64 // sorted, disjoint [from, to) within [0, Week)
}

// NewCalendar returns the calendar of the windows minus the breaks, each an
// interval [from, to) of one week (to may exceed Week for a window running
// over Sunday midnight into Monday).
func NewCalendar(week float64, windows, breaks [][2]float64) (WorkCalendar, error) {
	if !(week > 0) {
		return WorkCalendar{}, fmt.Errorf("calendar: week must be > 0")
	}
	on := normalize(week, windows)
	for _, b := range normalize(week, breaks) {
		on = subtract(on, b)
	}
	return WorkCalendar{Week: week, On: on}, nil
}

// normalize folds intervals into [0, week), splitting those that wrap, and
// merges overlaps.
func normalize(week float64, xs [][2]float64) [][2]float64 {
	var out [][2]float64
	for _, x := range xs {
		a, b := math.Mod(x[0], week), x[1]-x[0]
		if !(b > 0) {
			continue
		}
		b = math.Min(b, week) + a
		if b > week {
			out = append(out, [2]float64{a, week}, [2]float64{0, b - week})
		} else {
			out = append(out, [2]float64{a, b})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	var merged [][2]float64
	for _, x := range out {
		if n := len(merged); n > 0 && x[0] <= merged[n-1][1] {
			merged[n-1][1] = math.Max(merged[n-1][1], x[1])
			continue
		}
		merged = append(merged, x)
	}
	return merged
}

// subtract removes [b0, b1) from sorted disjoint intervals.
func subtract(on [][2]float64, b [2]float64) [][2]float64 {
	var out [][2]float64
	for _, x := range on {
		if b[1] <= x[0] || b[0] >= x[1] {
			out = append(out, x)
			continue
		}
		if x[0] < b[0] {
			out = append(out, [2]float64{x[0], b[0]})
		}
		if b[1] < x[1] {
			out = append(out, [2]float64{b[1], x[1]})
		}
	}
	return out
}

// AlwaysOn reports whether the calendar has no off time.
func (c *WorkCalendar) AlwaysOn() bool {
	return len(c.On) == 1 && c.On[0][0] == 0 && c.On[0][1] >= c.Week
}

// At reports whether t is working time.
func (c *WorkCalendar) At(t float64) bool {
	base := math.Floor(t/c.Week) * c.Week
	r := t - base
	for _, x := range c.On {
		if r >= x[0] && r < x[1] {
			return true
		}
	}
	return false
}

// calendarChange is a change of a calendar: at time at it turns on or off.
type calendarChange struct {
	at float64
	on bool
}

// weekChanges lists the calendar's changes within one week, by offset
// from Monday 00:00 in [0, Week), in time order. A window that runs over
// Sunday midnight into Monday makes no change at Monday 00:00.
func (c *WorkCalendar) weekChanges() []calendarChange {
	n := len(c.On)
	if n == 0 || c.AlwaysOn() {
		return nil
	}
	joined := c.On[0][0] == 0 && c.On[n-1][1] >= c.Week
	var out []calendarChange
	for i, x := range c.On {
		if !(i == 0 && joined) {
			out = append(out, calendarChange{at: x[0], on: true})
		}
		switch {
		case x[1] < c.Week:
			out = append(out, calendarChange{at: x[1]})
		case !joined:
			out = append(out, calendarChange{at: 0})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].at < out[j].at })
	return out
}

// calendarClock steps through a calendar's changes in time order, from
// time 0 on. The time of a change is computed afresh from its week and
// its offset in the week, never accumulated, and its state is the
// calendar's own: asking At at that time would not do, because in a time
// unit where clock times are no binary fractions (14:00 = 0.58333… d)
// week·Week + offset can round to just before the change, where At still
// sees the old state, and the change would be lost.
type calendarClock struct {
	week   []calendarChange // the changes within one week
	length float64          // the week's length
	w, i   int              // the next change is week[i] of week w (from 0)
}

// newCalendarClock returns the clock of c positioned at its first change
// after time 0; the state at time 0 is c.At(0).
func newCalendarClock(c *WorkCalendar) *calendarClock {
	k := &calendarClock{week: c.weekChanges(), length: c.Week}
	for len(k.week) > 0 && k.next().at <= 0 {
		k.advance()
	}
	return k
}

// next returns the next change; its time is +Inf for a calendar that never
// changes.
func (k *calendarClock) next() calendarChange {
	if len(k.week) == 0 {
		return calendarChange{at: math.Inf(1)}
	}
	x := k.week[k.i]
	return calendarChange{at: float64(k.w)*k.length + x.at, on: x.on}
}

// advance moves the clock past its next change.
func (k *calendarClock) advance() {
	if k.i++; k.i == len(k.week) {
		k.i, k.w = 0, k.w+1
	}
}

// OnTime is the working time within [a, b).
func (c *WorkCalendar) OnTime(a, b float64) float64 {
	if b <= a {
		return 0
	}
	total := 0.0
	for w := math.Floor(a / c.Week); w*c.Week < b; w++ {
		base := w * c.Week
		for _, x := range c.On {
			lo, hi := math.Max(a, base+x[0]), math.Min(b, base+x[1])
			if hi > lo {
				total += hi - lo
			}
		}
	}
	return total
}

// AtShiftEnd says what a machine does with the part in process when its
// shift or a break begins.
type AtShiftEnd int

const (
	// Pause interrupts the part; it resumes in the next working time.
	Pause AtShiftEnd = iota
	// Finish completes the part in process; no new part starts.
	Finish
)

// Shift is a named working calendar that stations (and crews) follow.
type Shift struct {
	Name     string
	Calendar WorkCalendar
}
