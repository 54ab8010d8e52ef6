package scenarios

import (
	"strings"
	"testing"
)

const variantBase = reliabilityBase + `
[[variant]]
name = "second technician"
set = { "crew.maintenance.size" = 3 }

[[variant]]
name = "faster repairs"
description = "Repair kits at the press."
set = { "station.press.failures.breakdown.mttr" = "1h", "run.horizon" = "200h" }

[[variant]]
name = "bigger buffer, no pm"
set = { station.press.buffer = 10, "station.press.pm.every" = "80h" }
`

func TestVariants(t *testing.T) {
	sc, err := Parse("v.toml", []byte(variantBase))
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Variants) != 3 {
		t.Fatalf("%d variants", len(sc.Variants))
	}
	v := sc.Variants
	if v[0].Name != "second technician" || v[0].Line != 25 || v[0].Scenario.Model.Crews[0].Size != 3 {
		t.Errorf("variant 1: %+v", v[0])
	}
	if sc.Model.Crews[0].Size != 2 {
		t.Errorf("the base changed: crew size %d", sc.Model.Crews[0].Size)
	}
	fs := v[1].Scenario.Model.Stations[0].Failures
	if fs[1].TTR.String() != "exp(60)" || fs[0].TTR.String() != "exp(3)" || v[1].Scenario.Run.Horizon != 12000 {
		t.Errorf("variant 2: failures %v %v, horizon %v", fs[0].TTR, fs[1].TTR, v[1].Scenario.Run.Horizon)
	}
	st := v[2].Scenario.Model.Stations[0]
	if st.Buffer != 10 || st.PM.Every != 4800 || st.PM.Duration.String() != "const(120)" {
		t.Errorf("variant 3: buffer %d, pm %+v", st.Buffer, st.PM)
	}
	if got := len(v[2].Sets); got != 2 || v[2].Sets[0].Path != "station.press.buffer" {
		t.Errorf("variant 3 sets: %+v", v[2].Sets)
	}
}

func TestVariantProblems(t *testing.T) {
	for _, c := range []struct{ set, want string }{
		{`{ "station.weld.buffer" = 10 }`, `v.toml:27: variant "x": station.weld.buffer: no station named "weld"`},
		{`{ "station.pres.buffer" = 10 }`, `no station named "pres" (did you mean "press"?)`},
		{`{ "station.press.buffer" = -1 }`, `v.toml:27: variant "x": station "press": buffer must be >= 0, got -1`},
		{`{ "station.press.proces" = "exp(1)" }`, `v.toml:27: variant "x": station "press": unknown key "proces"`},
		{`{ "run.seed" = 3 }`, `v.toml:27: variant "x": run.seed cannot be changed`},
		{`{ "station.buffer" = 3 }`, `v.toml:27: variant "x": station.buffer: station is a list; name an element, e.g. station.NAME.KEY`},
		{`{ "line.buffer" = 3 }`, `v.toml:27: variant "x": line.buffer: no "line" in the scenario (valid names: run, source, station, sink, crew)`},
		{`{ "stations.press.buffer" = 3 }`, `no "stations" in the scenario (did you mean "station"?)`},
		{`{ "station.nope.buffer" = 3 }`, `station.nope.buffer: no station named "nope" (valid names: press)`},
		{`{ "crew.maintenance.size.x" = 3 }`, `crew.maintenance.size is a value, not a table`},
	} {
		src := reliabilityBase + "\n[[variant]]\nname = \"x\"\nset = " + c.set + "\n"
		_, err := Parse("v.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("set = %s:\ngot  %v\nwant %s", c.set, err, c.want)
		}
	}
	dup := reliabilityBase + "\n[[variant]]\nname = \"x\"\nset = {}\n[[variant]]\nname = \"x\"\nset = {}\n"
	if _, err := Parse("v.toml", []byte(dup)); err == nil || !strings.Contains(err.Error(), `variant name "x" is already used on line 25`) {
		t.Errorf("duplicate variant: %v", err)
	}
}

// TestWithForSweeps checks Scenario.With, which sweeps use.
func TestWithForSweeps(t *testing.T) {
	sc, err := Parse("v.toml", []byte(reliabilityBase))
	if err != nil {
		t.Fatal(err)
	}
	w, err := sc.With([]Set{{"station.press.machines", int64(3)}}, 0, "--set")
	if err != nil || w.Model.Stations[0].Machines != 3 || sc.Model.Stations[0].Machines != 2 {
		t.Fatalf("With: %v", err)
	}
	_, err = sc.With([]Set{{"station.press.machines", "three"}}, 0, "--set")
	if err == nil || !strings.Contains(err.Error(), `v.toml: --set: station "press": machines must be an integer, got string "three"`) {
		t.Errorf("With bad value: %v", err)
	}
}

// TestSetPathSingleTableList checks that a list written as one table is
// entered by the name of its only element.
func TestSetPathSingleTableList(t *testing.T) {
	src := strings.Replace(reliabilityBase, `failures = [
  { name = "jam",       ttf = "exp(2h)",  ttr = "exp(3min)" },
  { name = "breakdown", mtbf = "40h",     mttr = "2h", basis = "calendar", crew = "maintenance", priority = 2 },
]`, `failures = { name = "jam", mtbf = "1h", mttr = "6min" }`, 1)
	sc, err := Parse("v.toml", []byte(src+"\n[[variant]]\nname = \"x\"\nset = { \"station.press.failures.jam.mttr\" = \"3min\" }\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := sc.Variants[0].Scenario.Model.Stations[0].Failures[0].TTR.String(); got != "exp(3)" {
		t.Errorf("jam ttr = %s, want exp(3)", got)
	}
}
