package scenarios

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// TestParseWindow checks windows in minutes from Monday 00:00.
func TestParseWindow(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Mon-Fri 06:00-14:00", "[[360 840] [1800 2280] [3240 3720] [4680 5160] [6120 6600]]"},
		{"Sat 22:00-06:00", "[[8520 9000]]"},
		{"Sun 22:00-06:00", "[[9960 10440]]"},
		{"Mon,Wed 00:00-24:00", "[[0 1440] [2880 4320]]"},
		{"daily 12:00-12:30", "[[720 750] [2160 2190] [3600 3630] [5040 5070] [6480 6510] [7920 7950] [9360 9390]]"},
		{"Fri-Mon 08:00-09:00", "[[6240 6300] [7680 7740] [9120 9180] [480 540]]"},
		{"monday 08:00-09:15", "[[480 555]]"},
	} {
		got, err := parseWindow(c.in)
		if err != nil || fmt.Sprint(got) != c.want {
			t.Errorf("parseWindow(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"Mon-Fri", "Mox 06:00-14:00", "Mon 06:00", "Mon 25:00-26:00", "Mon 06:60-07:00", "Mon 06:00-06:00", "Mon 6-14"} {
		if _, err := parseWindow(bad); err == nil {
			t.Errorf("parseWindow(%q): want an error", bad)
		}
	}
}

const shiftBase = `name = "shift"
time_unit = "min"
[run]
horizon = "4w"
warmup = "1w"
replications = 2
[[shift]]
name = "day"
windows = ["Mon-Fri 06:00-14:00"]
breaks = ["Mon-Fri 10:00-10:15"]
[[source]]
name = "raw"
to = "m"
saturated = true
[[station]]
name = "m"
process = "15min"
shift = "day"
at_shift_end = "pause"
to = "done"
[[sink]]
name = "done"
`

// TestShiftScenario decodes a shift and checks it end to end: a machine of
// 15 min working Mon–Fri 06:00–14:00 with a 15-minute break makes exactly
// 31 parts a day.
func TestShiftScenario(t *testing.T) {
	sc, err := Parse("s.toml", []byte(shiftBase))
	if err != nil {
		t.Fatal(err)
	}
	cal := sc.Model.Shifts[0].Calendar
	if cal.Week != 10080 || cal.OnTime(0, 10080) != 5*465 || sc.Model.Stations[0].Shift != "day" {
		t.Fatalf("calendar %+v", cal)
	}
	s, err := runScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Throughput.Mean * 10080; got != 5*31 {
		t.Errorf("parts a week %v, want 155", got)
	}
}

func TestShiftProblems(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{`shift = "day"`, `shift = "dai"`, `s.toml:18: station "m": shift "dai" names no [[shift]] (did you mean "day"?)`},
		{`at_shift_end = "pause"`, `at_shift_end = "stop"`, `s.toml:19: station "m": at_shift_end must be "pause" or "finish", got "stop"`},
		{`shift = "day"`, ``, `s.toml:19: station "m": at_shift_end needs a shift`},
		{`windows = ["Mon-Fri 06:00-14:00"]`, `windows = ["Mon-Fry 06:00-14:00"]`, `s.toml:9: shift "day": windows: "Mon-Fry 06:00-14:00": unknown day`},
		{`windows = ["Mon-Fri 06:00-14:00"]`, `windows = "Mon-Fri 06:00-14:00"`, `s.toml:9: shift "day": windows must be a list like`},
		{`breaks = ["Mon-Fri 10:00-10:15"]`, `breaks = ["Mon-Fri 06:00-14:00"]`, `the breaks cover every window: the shift never works`},
		{`name = "day"`, `name = "m"`, `name "m" is already used by a shift`},
	} {
		src := strings.Replace(shiftBase, c.old, c.new, 1)
		_, err := Parse("s.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q:\ngot  %v\nwant %s", c.old, c.new, err, c.want)
		}
	}
}

func runScenario(sc *Scenario) (*sim.Summary, error) {
	return experiment.Run(context.Background(), sc.Model, sc.Run, experiment.Options{})
}

// TestShiftSameInEveryUnit runs one saturated station on Mon–Fri
// 06:00–14:00 in every time unit, over 9 weeks after a warm-up of one.
// By hand: with parts of 1 h it makes 8 parts a day, 40 a week, each
// finished within its shift (the 8th at 14:00 exactly: done, not paused
// overnight), so the cycle time is 1 h, the machine is busy 40 of 168 h
// and WIP = 40/168 (Little). With parts of 3 h under Finish it starts
// parts at 06:00, 09:00 and 12:00 (done at 15:00): 15 parts and 45 busy
// hours a week. The counts must be exact; times and fractions agree with
// the hand values up to float64 rounding (1/24 d and 1/168 w are no binary
// fractions), hence the relative 1e-9.
func TestShiftSameInEveryUnit(t *testing.T) {
	for _, c := range []struct {
		process, end string
		parts, busy  float64 // a week; busy in hours
		cycle        float64 // hours
	}{{"1h", "pause", 40, 40, 1}, {"1h", "finish", 40, 40, 1}, {"3h", "finish", 15, 45, 3}} {
		for _, u := range timeUnits {
			src := strings.NewReplacer(`time_unit = "min"`, `time_unit = "`+u.canonical+`"`,
				`horizon = "4w"`, `horizon = "10w"`, `process = "15min"`, `process = "`+c.process+`"`,
				`at_shift_end = "pause"`, `at_shift_end = "`+c.end+`"`, `breaks = ["Mon-Fri 10:00-10:15"]`, ``).Replace(shiftBase)
			sc, err := Parse("s.toml", []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			s, err := runScenario(sc)
			if err != nil {
				t.Fatal(err)
			}
			week := sc.Model.Shifts[0].Calendar.Week
			hour := week / 168
			what := fmt.Sprintf("%s parts, %s, in %s: ", c.process, c.end, u.canonical)
			if got := s.Replications[0].Completed; got != int64(9*c.parts) {
				t.Errorf("%sparts in 9 weeks %d, want %v", what, got, 9*c.parts)
			}
			near(t, what+"throughput a week", s.Throughput.Mean*week, c.parts)
			near(t, what+"busy", s.Stations[0].States[sim.Busy].Mean, c.busy/168)
			near(t, what+"off shift", s.Stations[0].States[sim.OffShift].Mean, 1-c.busy/168)
			near(t, what+"cycle time in hours", s.CycleTime.Mean/hour, c.cycle)
			near(t, what+"WIP", s.WIP.Mean, c.parts*c.cycle/168)
		}
	}
}

// near checks got against want with a relative tolerance of 1e-9, for
// values that differ from a hand-computed one only by float64 rounding.
func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Abs(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
