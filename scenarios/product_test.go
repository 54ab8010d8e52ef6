package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

const productBase = `name = "products"
time_unit = "min"
[run]
horizon = "2d"
[[product]]
name = "A"
family = "red"
route = ["cut", "weld", "paint"]
process = { cut = "2min", weld = "exp(3min)" }
[[product]]
name = "B"
family = "blue"
route = ["cut", "paint", "done"]
priority = 2
[[source]]
name = "mix"
to = "cut"
interarrival = "exp(5min)"
mix = { A = 0.6, B = 0.4 }
[[station]]
name = "cut"
process = "1min"
setup = "10min"
dispatch = "same_family"
[[station]]
name = "weld"
process = "2min"
[[station]]
name = "paint"
process = "3min"
setup = { default = "10min", "red->blue" = "5min", "*->red" = "20min" }
[[sink]]
name = "done"
`

func TestProductKeys(t *testing.T) {
	sc, err := Parse("p.toml", []byte(productBase))
	if err != nil {
		t.Fatal(err)
	}
	m := sc.Model
	a, b := m.Products[0], m.Products[1]
	if a.Family != "red" || strings.Join(a.Route, ",") != "cut,weld,paint" || a.Process["cut"].String() != "const(2)" ||
		b.Priority != 2 || len(b.Process) != 0 {
		t.Errorf("products %+v", m.Products)
	}
	if mix := m.Sources[0].Mix; len(mix) != 2 || mix[0] != (sim.Share{Product: "A", P: 0.6}) {
		t.Errorf("mix %+v", mix)
	}
	cut, paint := m.Stations[0], m.Stations[2]
	if cut.Setup.Time.String() != "const(10)" || cut.Dispatch != sim.SameFamily || len(cut.Routes) != 0 {
		t.Errorf("cut %+v", cut)
	}
	ch := paint.Setup.Changes
	if len(ch) != 2 || ch[0] != (sim.SetupChange{From: "red", To: "blue", Time: ch[0].Time}) || ch[1].From != "" || ch[1].To != "red" {
		t.Errorf("paint setups %+v", ch)
	}
	if _, err := runScenario(sc); err != nil {
		t.Fatal(err)
	}
}

func TestProductProblems(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{`mix = { A = 0.6, B = 0.4 }`, `mix = { A = 0.6, C = 0.4 }`, `p.toml:19: source "mix": mix: "C" names no [[product]]`},
		{`mix = { A = 0.6, B = 0.4 }`, `mix = { A = 0.6, B = 0.3 }`, `p.toml:19: source "mix": mix: shares sum to 0.9, not 1`},
		{`route = ["cut", "weld", "paint"]`, `route = ["cut", "welt", "paint"]`, `p.toml:8: product "A": route: "welt" names no station or sink (did you mean "weld"?)`},
		{`route = ["cut", "paint", "done"]`, `route = ["paint", "done"]`, `product "B" starts its route at "paint", but this source releases parts at "cut"`},
		{`route = ["cut", "paint", "done"]`, `route = ["cut", "done", "paint"]`, `route: the sink "done" can only come last`},
		{`dispatch = "same_family"`, `dispatch = "sjf"`, `p.toml:24: station "cut": dispatch must be one of fifo, lifo, spt, edd, priority, same_family, got "sjf"`},
		{`"red->blue" = "5min"`, `"red-blue" = "5min"`, `setup: "red-blue": want "default" or "FROM->TO"`},
		{`process = { cut = "2min", weld = "exp(3min)" }`, `process = { cutt = "2min" }`, `process: "cutt" is not a station`},
		{`name = "B"`, `name = "weld"`, `name "weld" is already used by a product`},
	} {
		src := strings.Replace(productBase, c.old, c.new, 1)
		if src == productBase {
			t.Fatalf("%q not found", c.old)
		}
		_, err := Parse("p.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q:\ngot  %v\nwant %s", c.old, c.new, err, c.want)
		}
	}
}

// TestMixWithoutTo: a source with a mix and no "to" releases at the first
// station of its products' routes when they all start there — the same
// plant as with to = "cut", so the same results, bit for bit — and
// otherwise says at the mix why it cannot.
func TestMixWithoutTo(t *testing.T) {
	without := strings.Replace(productBase, "to = \"cut\"\n", "", 1)
	sc, err := Parse("p.toml", []byte(without))
	if err != nil {
		t.Fatal(err)
	}
	if to := sc.Model.Sources[0].To; to != "cut" {
		t.Fatalf("the source releases at %q, want cut", to)
	}
	base, err := Parse("p.toml", []byte(productBase))
	if err != nil {
		t.Fatal(err)
	}
	a, errA := runScenario(sc)
	b, errB := runScenario(base)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if a.Throughput != b.Throughput || a.CycleTime != b.CycleTime {
		t.Errorf("without to: throughput %v, cycle time %v; with to = \"cut\": %v, %v", a.Throughput, a.CycleTime, b.Throughput, b.CycleTime)
	}
	for _, c := range []struct{ old, new, want string }{
		{`route = ["cut", "paint", "done"]`, `route = ["paint", "done"]`,
			`p.toml:18: source "mix": products "A" and "B" start their routes at different stations ("cut", "paint"), and a source releases at one: split it into a source per first station, each with its products' share of the arrivals`},
		{`route = ["cut", "paint", "done"]`, ``,
			`p.toml:18: source "mix": to is missing: product "B" has no route, so the source needs to = "STATION", the station it releases parts at`},
	} {
		_, err := Parse("p.toml", []byte(strings.Replace(without, c.old, c.new, 1)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("without to, %q → %q:\ngot  %v\nwant %s", c.old, c.new, err, c.want)
		}
	}
}

func TestQualityKeys(t *testing.T) {
	src := strings.Replace(productBase, `process = "3min"
setup`, `process = "3min"
yield = 0.97
rework = { p = 0.05, to = "weld" }
setup`, 1)
	sc, err := Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if q := sc.Model.Stations[2].Quality; q == nil || *q != (sim.Quality{Yield: 0.97, Rework: 0.05, ReworkTo: "weld"}) {
		t.Errorf("quality %+v", q)
	}
	for _, c := range []struct{ old, new, want string }{
		{`yield = 0.97`, `yield = 1.5`, `p.toml:31: station "paint": yield must be in (0, 1], got 1.5`},
		{`to = "weld" }`, `to = "wled" }`, `p.toml:32: station "paint": rework: "wled" is not a station`},
		{`p = 0.05, `, ``, `p.toml:32: station "paint": rework: p is missing`},
	} {
		bad := strings.Replace(src, c.old, c.new, 1)
		if _, err := Parse("p.toml", []byte(bad)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q:\ngot  %v\nwant %s", c.old, c.new, err, c.want)
		}
	}
}

func TestBatchKey(t *testing.T) {
	src := strings.Replace(productBase, `name = "weld"
process = "2min"`, `name = "weld"
process = "2min"
batch = 4`, 1)
	sc, err := Parse("p.toml", []byte(src))
	if err != nil || sc.Model.Stations[1].Batch != 4 {
		t.Fatalf("batch: %v", err)
	}
	bad := strings.Replace(src, "batch = 4", "batch = 4\nbuffer = 2", 1)
	if _, err := Parse("p.toml", []byte(bad)); err == nil || !strings.Contains(err.Error(), "batch (4) must fit in the buffer (2)") {
		t.Errorf("batch larger than the buffer: %v", err)
	}
}

func TestAssembleKeys(t *testing.T) {
	src := strings.Replace(productBase, `name = "paint"
process = "3min"`, `name = "paint"
process = "3min"
assemble = { B = 2, A = 1 }
output = "B"`, 1)
	sc, err := Parse("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := sc.Model.Stations[2].Assembly
	if a == nil || a.Output != "B" || len(a.Components) != 2 || a.Components[0] != (sim.Component{Product: "A", Count: 1}) {
		t.Errorf("assembly %+v", a)
	}
	for _, c := range []struct{ old, new, want string }{
		{`B = 2, A = 1`, `B = 2, Z = 1`, `assemble: "Z" names no [[product]]`},
		{`output = "B"`, `output = "Q"`, `output "Q" names no [[product]]`},
		{`B = 2, A = 1`, `B = 0, A = 1`, `count of "B" must be >= 1`},
	} {
		bad := strings.Replace(src, c.old, c.new, 1)
		if _, err := Parse("p.toml", []byte(bad)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q:\ngot  %v\nwant %s", c.old, c.new, err, c.want)
		}
	}
}
