package scenarios

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

func TestParseWindow(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Mon-Fri 06:00-14:00", "[[6 14] [30 38] [54 62] [78 86] [102 110]]"},
		{"Sat 22:00-06:00", "[[142 150]]"},
		{"Sun 22:00-06:00", "[[166 174]]"},
		{"Mon,Wed 00:00-24:00", "[[0 24] [48 72]]"},
		{"daily 12:00-12:30", "[[12 12.5] [36 36.5] [60 60.5] [84 84.5] [108 108.5] [132 132.5] [156 156.5]]"},
		{"Fri-Mon 08:00-09:00", "[[104 105] [128 129] [152 153] [8 9]]"},
		{"monday 08:00-09:15", "[[8 9.25]]"},
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
