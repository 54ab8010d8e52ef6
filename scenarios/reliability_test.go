package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

const reliabilityBase = `name = "r"
time_unit = "min"
[run]
horizon = "100h"
[[crew]]
name = "maintenance"
size = 2
[[source]]
name = "raw"
to = "press"
saturated = true
[[station]]
name = "press"
machines = 2
process = "exp(1.2min)"
failures = [
  { name = "jam",       ttf = "exp(2h)",  ttr = "exp(3min)" },
  { name = "breakdown", mtbf = "40h",     mttr = "2h", basis = "calendar", crew = "maintenance", priority = 2 },
]
pm = { every = "160h", duration = "2h", basis = "operating", crew = "maintenance" }
to = "done"
[[sink]]
name = "done"
`

func TestReliabilityKeys(t *testing.T) {
	sc, err := Parse("r.toml", []byte(reliabilityBase))
	if err != nil {
		t.Fatal(err)
	}
	m := sc.Model
	if len(m.Crews) != 1 || m.Crews[0] != (sim.Crew{Name: "maintenance", Size: 2}) {
		t.Fatalf("crews = %+v", m.Crews)
	}
	fs := m.Stations[0].Failures
	if len(fs) != 2 {
		t.Fatalf("failures = %+v", fs)
	}
	if fs[0].Name != "jam" || fs[0].TTF.String() != "exp(120)" || fs[0].TTR.String() != "exp(3)" ||
		fs[0].Basis != sim.Operating || fs[0].Crew != "" {
		t.Errorf("jam = %+v", fs[0])
	}
	if fs[1].TTF.String() != "exp(2400)" || fs[1].TTR.String() != "exp(120)" || fs[1].Basis != sim.Calendar ||
		fs[1].Crew != "maintenance" || fs[1].Priority != 2 {
		t.Errorf("breakdown = %+v", fs[1])
	}
	pm := m.Stations[0].PM
	if pm == nil || pm.Every != 9600 || pm.Duration.String() != "const(120)" || pm.Basis != sim.Operating ||
		pm.Crew != "maintenance" || pm.KeepFailureClocks {
		t.Errorf("pm = %+v", pm)
	}
}

// TestFailuresSingleTable checks that failures may be one table.
func TestFailuresSingleTable(t *testing.T) {
	src := strings.Replace(reliabilityBase, `failures = [
  { name = "jam",       ttf = "exp(2h)",  ttr = "exp(3min)" },
  { name = "breakdown", mtbf = "40h",     mttr = "2h", basis = "calendar", crew = "maintenance", priority = 2 },
]`, `failures = { mtbf = "10h", mttr = "30min" }`, 1)
	sc, err := Parse("r.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	fs := sc.Model.Stations[0].Failures
	if len(fs) != 1 || fs[0].Name != "failure1" || fs[0].TTF.String() != "exp(600)" {
		t.Errorf("failures = %+v", fs)
	}
}

func TestReliabilityProblems(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{`ttf = "exp(2h)",  ttr`, `ttf = "exp(2h)", mtbf = "3h", ttr`, `r.toml:17: station "press": failures #1: give ttf or mtbf, not both`},
		{`ttr = "exp(3min)" }`, `}`, `r.toml:17: station "press": failures #1: the time to repair is missing`},
		{`basis = "calendar"`, `basis = "calender"`, `r.toml:18: station "press": failures #2: basis must be "operating" or "calendar", got "calender"`},
		{`crew = "maintenance", priority`, `crew = "maintenace", priority`, `r.toml:18: station "press": failures #2: crew "maintenace" names no [[crew]] (did you mean "maintenance"?)`},
		{`mttr = "2h",`, `mttr = "2h", mtr = 1,`, `r.toml:18: station "press": failures #2: unknown key "mtr"`},
		{`every = "160h"`, `every = "0h"`, `r.toml:20: station "press": pm: every must be > 0`},
		{`duration = "2h", `, ``, `r.toml:20: station "press": pm: duration is missing`},
		{`size = 2`, `size = 0`, `r.toml:7: crew "maintenance": size must be >= 1, got 0`},
		{`name = "jam"`, `name = "breakdown"`, `failure name "breakdown" is used twice`},
		{`to = "done"`, `to = "maintenance"`, `to "maintenance" is a crew; parts can only go to a station or a sink`},
		{`name = "raw"`, `name = "maintenance"`, `name "maintenance" is already used by a crew on line 5`},
	} {
		src := strings.Replace(reliabilityBase, c.old, c.new, 1)
		if src == reliabilityBase {
			t.Fatalf("replacement %q not found", c.old)
		}
		_, err := Parse("r.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q:\ngot  %v\nwant %s", c.old, c.new, err, c.want)
		}
	}
}
