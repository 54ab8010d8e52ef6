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

// Next returns the first time after t (strictly) at which the calendar
// turns on or off; +Inf for a calendar that never changes.
func (c *WorkCalendar) Next(t float64) float64 {
	if len(c.On) == 0 || c.AlwaysOn() {
		return math.Inf(1)
	}
	base := math.Floor(t/c.Week) * c.Week
	for k := 0; k < 2; k++ {
		for _, x := range c.On {
			for _, e := range x {
				if at := base + e; at > t && !(c.joinsPrevWeek() && (e == 0 || e == c.Week)) {
					return at
				}
			}
		}
		base += c.Week
	}
	return math.Inf(1)
}

// joinsPrevWeek reports whether the first interval continues the last one
// over the week's end (then Monday 00:00 is no change).
func (c *WorkCalendar) joinsPrevWeek() bool {
	return len(c.On) > 0 && c.On[0][0] == 0 && c.On[len(c.On)-1][1] >= c.Week
}

// OnTime is the working time within [a, b).
func (c *WorkCalendar) OnTime(a, b float64) float64 {
	if b <= a {
		return 0
	}
	weeks := math.Floor(a / c.Week)
	total := 0.0
	for base := weeks * c.Week; base < b; base += c.Week {
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
