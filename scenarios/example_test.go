package scenarios_test

import (
	"fmt"

	"github.com/takt-sim/takt/scenarios"
)

func ExampleParse() {
	src := `name = "Two-station line"
time_unit = "min"

[run]
horizon = "8h"

[[source]]
name = "raw"
to = "cut"
interarrival = "exp(90s)"

[[station]]
name = "cut"
proces = "exp(1)"
buffer = -2
to = "weld"

[[sink]]
name = "done"
`
	_, err := scenarios.Parse("line.toml", []byte(src))
	fmt.Println(err)
	fmt.Println(scenarios.IsInvalid(err))
	// Output:
	// line.toml:12: station "cut": process is missing: how long does one part take, e.g. process = "exp(1.5)"?
	// line.toml:14: station "cut": unknown key "proces" (did you mean "process"?)
	// line.toml:15: station "cut": buffer must be >= 0, got -2
	// line.toml:16: station "cut": to "weld" names no station or sink (valid names: cut, done)
	// true
}

func ExampleParseDuration() {
	for _, s := range []string{"90s", "2.5min", "8h", "1.5d", "2w", "3"} {
		v, _ := scenarios.ParseDuration(s, "min")
		fmt.Printf("%s = %v min\n", s, v)
	}
	// Output:
	// 90s = 1.5 min
	// 2.5min = 2.5 min
	// 8h = 480 min
	// 1.5d = 2160 min
	// 2w = 20160 min
	// 3 = 3 min
}

func ExampleParseDist() {
	d, _ := scenarios.ParseDist("Tri(30s, 1min, 2min)", "min")
	fmt.Println(d, d.Mean())
	_, err := scenarios.ParseDist("tri(3, 1, 2)", "min")
	fmt.Println(err)
	// Output:
	// tri(0.5, 1, 2) 1.1666666666666667
	// tri(3, 1, 2): need 0 <= min <= mode <= max and min < max
}

func ExampleExamples() {
	for _, ex := range scenarios.Examples() {
		fmt.Println(ex.Name)
	}
	sc, _ := scenarios.LoadExample("penny-fab")
	fmt.Println(sc.Name, sc.TimeUnit, sc.Run.Horizon, len(sc.Model.Stations))
	// Output:
	// agv
	// assembly
	// batching
	// bottleneck-rules
	// bottleneck-shift
	// breakdowns
	// buffer-allocation
	// conveyor
	// cost-study
	// dbr
	// demo
	// job-shop
	// kanban
	// line-balancing
	// lot-makespan
	// maintenance
	// make-to-stock
	// mm1
	// mmc
	// order-book
	// penny-fab
	// push-pull
	// reorder-point
	// smed
	// staffing
	// tandem
	// tpm
	// tpm-pm
	// two-station-buffer
	// weekly-demand
	// Penny Fab h 1008 4
}
