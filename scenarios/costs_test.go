package scenarios

import (
	"strings"
	"testing"
)

// TestCostsDecode: rates per hour, per week and per day become rates per
// time unit (here minutes): 60/h = 1/min, 10080 per week = 1/min, 1440 per
// day = 1/min; defaults fill the products and crews.
func TestCostsDecode(t *testing.T) {
	src := `name = "c"
time_unit = "min"
[run]
horizon = "10h"
[costs]
material = 3
price = 20
scrap = 2
holding = 6
lateness = 1440
[[crew]]
name = "op"
cost_per_hour = 30
[[crew]]
name = "night"
cost_per_hour = 60
overtime = 2
[[product]]
name = "p"
price = 50
[[source]]
name = "in"
to = "a"
interarrival = "exp(2)"
mix = { p = 1 }
[[station]]
name = "a"
process = "exp(1)"
to = "done"
cost = { running = 60, idle = 6, down = 120, fixed = 10080, setup = 7 }
[[sink]]
name = "done"
`
	sc, err := Parse("c.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	m := sc.Model
	c := m.Costs
	if c == nil {
		t.Fatal("no costs")
	}
	check := func(what string, got, want float64) {
		t.Helper()
		if d := got - want; d > 1e-12 || d < -1e-12 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	check("week", c.Week, 10080)
	check("material", c.Material, 3)
	check("price", c.Revenue, 20)
	check("scrap", c.Scrap, 2)
	check("holding", c.Holding, 0.1)
	check("lateness", c.Lateness, 1)
	mc := m.Stations[0].Cost
	check("running", mc.Running, 1)
	check("idle", mc.Idle, 0.1)
	check("down", mc.Down, 2)
	check("fixed", mc.Fixed, 1)
	check("setup", mc.Setup, 7)
	check("op rate", m.Crews[0].Cost.Rate, 0.5)
	check("op overtime", m.Crews[0].Cost.Overtime, 1.5)
	check("night overtime", m.Crews[1].Cost.Overtime, 2)
	check("product material", m.Products[0].Material, 3)
	check("product price", m.Products[0].Revenue, 50)
}

// TestCostsProblems: bad money is reported on its line, with its key.
func TestCostsProblems(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{head + stationA + "cost = { running = -1 }\n", `c.toml:14: station "a": cost: running must be >= 0, got -1`},
		{head + stationA + "cost = { runing = 1 }\n", `c.toml:14: station "a": cost: unknown key "runing" (did you mean "running"?)`},
		{head + stationA + "[costs]\nholding = \"cheap\"\n", `c.toml:15: costs: holding must be a finite number, got string "cheap"`},
		{head + stationA + "[costs]\nwages = 3\n", `c.toml:15: costs: unknown key "wages"`},
	} {
		_, err := Parse("c.toml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v\nwant %s", err, c.want)
		}
	}
	sc, err := Parse("c.toml", []byte(head+stationA))
	if err != nil || sc.Model.Costs != nil {
		t.Errorf("a scenario without costs: %v, costs %v", err, sc.Model.Costs)
	}
}
