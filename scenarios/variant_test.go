package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
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
	w, err := sc.With([]Set{{Path: "station.press.machines", Value: int64(3)}}, 0, "--set")
	if err != nil || w.Model.Stations[0].Machines != 3 || sc.Model.Stations[0].Machines != 2 {
		t.Fatalf("With: %v", err)
	}
	_, err = sc.With([]Set{{Path: "station.press.machines", Value: "three"}}, 0, "--set")
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

// TestVariantRemoveAndReplace checks remove = [...] (a key, an element of
// a list, a whole table) and that setting one of a table's alternative
// keys drops the others: a saturated source becomes a CONWIP loop with
// conwip alone, a failure mode's mtbf gives way to ttf.
func TestVariantRemoveAndReplace(t *testing.T) {
	src := reliabilityBase + `
[[variant]]
name = "pull"
set = { "source.raw.conwip" = 5, "station.press.failures.breakdown.ttf" = "weibull(2, 40h)" }

[[variant]]
name = "no jams, no pm, unlimited buffer"
remove = ["station.press.failures.jam", "station.press.pm", "station.press.buffer"]

[[variant]]
name = "remove then set"
remove = ["station.press.failures.jam"]
set = { "station.press.failures.breakdown.mttr" = "1h" }
`
	src = strings.Replace(src, "machines = 2\n", "machines = 2\nbuffer = 4\n", 1)
	sc, err := Parse("v.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	v := sc.Variants
	so := v[0].Scenario.Model.Sources[0]
	if so.Kind != sim.CONWIP || so.WIP != 5 {
		t.Errorf("pull: source %+v, want CONWIP 5", so)
	}
	if f := v[0].Scenario.Model.Stations[0].Failures[1]; f.TTF.String() != "weibull(2, 2400)" {
		t.Errorf("pull: breakdown ttf %s", f.TTF)
	}
	st := v[1].Scenario.Model.Stations[0]
	if len(st.Failures) != 1 || st.Failures[0].Name != "breakdown" || st.PM != nil || st.Buffer != sim.Unlimited {
		t.Errorf("removals: failures %+v, pm %+v, buffer %d", st.Failures, st.PM, st.Buffer)
	}
	st = v[2].Scenario.Model.Stations[0]
	if len(st.Failures) != 1 || st.Failures[0].TTR.String() != "exp(60)" {
		t.Errorf("remove then set: failures %+v", st.Failures)
	}
	if b := sc.Model.Stations[0]; b.Buffer != 4 || len(b.Failures) != 2 || b.PM == nil || sc.Model.Sources[0].Kind != sim.Saturated {
		t.Errorf("the base changed: %+v", b)
	}
	for _, c := range []struct{ remove, want string }{
		{`["station.press.failures.jams"]`, `v.toml:27: variant "x": station.press.failures.jams: no failures named "jams" (did you mean "jam"?)`},
		{`["station.press.yield"]`, `v.toml:27: variant "x": station.press.yield: nothing to remove: station.press.yield is not set`},
		{`["run.seed"]`, `v.toml:27: variant "x": run.seed cannot be changed`},
		{`["station.press.process"]`, `v.toml:27: variant "x": station "press": process is missing`},
		{`"station.press.pm"`, `v.toml:27: variant "x": remove must be a list of key paths`},
	} {
		bad := reliabilityBase + "\n[[variant]]\nname = \"x\"\nremove = " + c.remove + "\n"
		_, err := Parse("v.toml", []byte(bad))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("remove = %s:\ngot  %v\nwant %s", c.remove, err, c.want)
		}
	}
}

// TestZeroBranchWarns checks that a station reached only by a split branch
// with p = 0 is a warning, in the base and in a variant that switches the
// branch off, while a station no route leads to stays an error.
func TestZeroBranchWarns(t *testing.T) {
	const line = `name = "split"
[run]
horizon = 100
[[source]]
name = "in"
to = "a"
interarrival = "exp(2)"
[[station]]
name = "a"
process = "exp(1)"
to = [{ station = "b", p = 1 }, { station = "c", p = P }]
[[station]]
name = "b"
process = "exp(1)"
to = "out"
[[station]]
name = "c"
process = "exp(1)"
to = "out"
[[sink]]
name = "out"
`
	sc, err := Parse("s.toml", []byte(strings.Replace(line, "p = 1 }, { station = \"c\", p = P", "p = 1 }, { station = \"c\", p = 0", 1)))
	if err != nil {
		t.Fatal(err)
	}
	want := `s.toml:16: station "c": no source reaches this station: the routes to it have p = 0, so it stays idle`
	if len(sc.Warnings) != 1 || sc.Warnings[0].Error() != want {
		t.Errorf("warnings %v, want %s", sc.Warnings, want)
	}
	half := strings.Replace(line, "p = 1 }, { station = \"c\", p = P", "p = 0.5 }, { station = \"c\", p = 0.5", 1) +
		"[[variant]]\nname = \"only b\"\nset = { \"station.a.to\" = [{ station = \"b\", p = 1 }, { station = \"c\", p = 0 }] }\n"
	sc, err = Parse("s.toml", []byte(half))
	if err != nil {
		t.Fatal(err)
	}
	want = `s.toml:24: variant "only b": station "c": no source reaches this station: the routes to it have p = 0, so it stays idle`
	if w := sc.Variants[0].Scenario.Warnings; len(sc.Warnings) != 0 || len(w) != 1 || w[0].Error() != want {
		t.Errorf("base warnings %v, variant warnings %v, want %s", sc.Warnings, w, want)
	}
	orphan := strings.Replace(line, `to = [{ station = "b", p = 1 }, { station = "c", p = P }]`, `to = "b"`, 1)
	if _, err := Parse("s.toml", []byte(orphan)); err == nil || !strings.Contains(err.Error(), `station "c": no source reaches this station`) {
		t.Errorf("a station nothing leads to: %v", err)
	}
}

// TestVariantReleaseKinds: setting one release key of a source drops the
// others, whichever kind the base has: a rope becomes an open source, a
// CONWIP loop or a weekly pattern, and an open source a rope.
func TestVariantReleaseKinds(t *testing.T) {
	base := `name = "r"
[run]
horizon = 1000
[[source]]
name = "rel"
to = "a"
RELEASE
[[station]]
name = "a"
process = 1
to = "done"
[[sink]]
name = "done"
[[variant]]
name = "v"
set = { SET }
`
	for _, c := range []struct {
		release, set string
		want         sim.SourceKind
	}{
		{`rope = { station = "a", parts = 3 }`, `"source.rel.interarrival" = "exp(2)"`, sim.Open},
		{`rope = { station = "a", parts = 3 }`, `"source.rel.conwip" = 2`, sim.CONWIP},
		{`rope = { station = "a", parts = 3 }`, `"source.rel.arrivals" = [{ during = "daily 00:00-24:00", rate = 0.5 }]`, sim.Open},
		{`interarrival = 2`, `"source.rel.rope" = { station = "a", parts = 3 }`, sim.Rope},
	} {
		src := strings.NewReplacer("RELEASE", c.release, "SET", c.set).Replace(base)
		sc, err := Parse("r.toml", []byte(src))
		if err != nil {
			t.Errorf("%s → %s: %v", c.release, c.set, err)
			continue
		}
		if k := sc.Variants[0].Scenario.Model.Sources[0].Kind; k != c.want {
			t.Errorf("%s → %s: kind %v, want %v", c.release, c.set, k, c.want)
		}
	}
}
