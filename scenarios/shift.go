package scenarios

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// dayNames are the days of the week in calendar order; time 0 is Monday
// 00:00.
var dayNames = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// decodeShifts reads the [[shift]] tables.
func decodeShifts(tables []*table, unit string) []sim.Shift {
	u, _ := lookupUnit(unit)
	var shifts []sim.Shift
	for _, t := range tables {
		t.known("name", "windows", "breaks")
		sh := sim.Shift{}
		sh.Name, _ = t.m["name"].(string) // checked by names
		windows := weeklyIntervals(t, "windows", u)
		switch items, isList := list(t.m["windows"]); {
		case !t.has("windows"):
			t.missing("windows", `windows is missing: when does the shift work, e.g. windows = ["Mon-Fri 06:00-14:00"]?`)
		case isList && len(items) == 0:
			t.bad("windows", `windows is empty: the shift would never work; give its working times, e.g. windows = ["Mon-Fri 06:00-14:00"]`)
		}
		breaks := weeklyIntervals(t, "breaks", u)
		cal, err := sim.NewCalendar(u.fromMinutes(minutesPerWeek), windows, breaks)
		if err != nil {
			t.bad("windows", "%v", err)
		}
		if len(cal.On) == 0 && len(windows) > 0 {
			t.bad("breaks", "the breaks cover every window: the shift never works")
		}
		sh.Calendar = cal
		shifts = append(shifts, sh)
	}
	return shifts
}

// minutesPerWeek is the length of a week in minutes.
const minutesPerWeek = 7 * 24 * 60

// fromMinutes converts a whole number of minutes to the unit with one
// correctly rounded division, so that the same clock time is the same
// number wherever it appears (13:30 is 13.5 h exactly, 14:00 the double
// nearest to 14/24 d), and a week of 7 d or 1 w is exactly that.
func (u timeUnit) fromMinutes(minutes int) float64 {
	return float64(minutes*60) / u.seconds
}

// weeklyIntervals reads a list of "DAYS HH:MM-HH:MM" strings as intervals
// of the week, in the time unit u.
func weeklyIntervals(t *table, key string, u timeUnit) [][2]float64 {
	v, ok := t.m[key]
	if !ok {
		return nil
	}
	items, ok := list(v)
	if !ok {
		t.typeError(key, `a list like ["Mon-Fri 06:00-14:00"]`, v)
		return nil
	}
	var out [][2]float64
	for _, it := range items {
		s, ok := it.(string)
		if !ok {
			t.typeError(key, `a list of strings like "Mon-Fri 06:00-14:00"`, it)
			continue
		}
		iv, err := parseWindow(s)
		if err != nil {
			t.bad(key, "%s: %q: %v", key, s, err)
			continue
		}
		for _, x := range iv {
			out = append(out, [2]float64{u.fromMinutes(x[0]), u.fromMinutes(x[1])})
		}
	}
	return out
}

// parseWindow reads "Mon-Fri 06:00-14:00" (days: a day, a range Mon-Fri, a
// list Mon,Wed,Fri, or daily) into intervals of the week in minutes from
// Monday 00:00. An end before the start runs over midnight.
func parseWindow(s string) ([][2]int, error) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return nil, fmt.Errorf(`want DAYS HH:MM-HH:MM, e.g. "Mon-Fri 06:00-14:00"`)
	}
	days, err := parseDays(f[0])
	if err != nil {
		return nil, err
	}
	from, to, ok := strings.Cut(f[1], "-")
	if !ok {
		return nil, fmt.Errorf("want a time range HH:MM-HH:MM, got %q", f[1])
	}
	a, errA := parseClock(from)
	b, errB := parseClock(to)
	if errA != nil || errB != nil {
		return nil, fmt.Errorf("want times HH:MM between 00:00 and 24:00, got %q", f[1])
	}
	if b == a {
		return nil, fmt.Errorf("the window %q is empty", f[1])
	}
	if b < a {
		b += 24 * 60
	}
	var out [][2]int
	for _, d := range days {
		out = append(out, [2]int{24*60*d + a, 24*60*d + b})
	}
	return out, nil
}

// parseDays reads "Mon-Fri", "Mon,Wed,Fri", "Sat" or "daily".
func parseDays(s string) ([]int, error) {
	s = strings.ToLower(s)
	if s == "daily" {
		return []int{0, 1, 2, 3, 4, 5, 6}, nil
	}
	var days []int
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, b := dayIndex(lo), dayIndex(hi)
		if !isRange {
			b = a
		}
		if a < 0 || b < 0 {
			return nil, fmt.Errorf("unknown day in %q (use Mon, Tue, Wed, Thu, Fri, Sat, Sun, ranges like Mon-Fri, or daily)", part)
		}
		for d := a; ; d = (d + 1) % 7 {
			days = append(days, d)
			if d == b {
				break
			}
		}
	}
	return days, nil
}

func dayIndex(s string) int {
	for i, d := range dayNames {
		if strings.HasPrefix(s, d) && len(s) <= len(d)+6 { // Mon, Monday
			return i
		}
	}
	return -1
}

// parseClock reads HH:MM as minutes from midnight.
func parseClock(s string) (int, error) {
	h, m, ok := strings.Cut(s, ":")
	hh, errH := strconv.Atoi(h)
	mm, errM := strconv.Atoi(m)
	if !ok || errH != nil || errM != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || hh == 24 && mm > 0 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return 60*hh + mm, nil
}

// decodeStationShift reads a station's shift and at_shift_end.
func (pl *plant) decodeStationShift(t *table, st *sim.Station) {
	if name, ok := t.str("shift"); ok {
		st.Shift = name
		pl.shiftRefs = append(pl.shiftRefs, elementRef{t, "shift", name})
	}
	switch v, ok := t.str("at_shift_end"); {
	case !ok:
	case v == "pause":
		st.AtShiftEnd = sim.Pause
	case v == "finish":
		st.AtShiftEnd = sim.Finish
	default:
		t.bad("at_shift_end", `at_shift_end must be "pause" or "finish", got %q`, v)
	}
	if t.has("at_shift_end") && !t.has("shift") {
		t.bad("at_shift_end", "at_shift_end needs a shift")
	}
}
