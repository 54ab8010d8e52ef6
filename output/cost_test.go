package output

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// costedSummary runs two replications of a deterministic line with costs:
// one part per time unit through a machine of 0.5 over (10.25, 110.25]
// (see sim.TestCostsLine), so the machine runs
// half the time (60 · 0.5 = 30) and idles half (10 · 0.5 = 5), plus the
// material (3) of one part per time unit: 38 per time unit and per part;
// revenue 20, profit (20 − 38) · 168 = −3024 per week.
func costedSummary(t *testing.T) *sim.Summary {
	t.Helper()
	m := costedModel()
	r := sim.Run{Horizon: 110.25, Warmup: 10.25, Replications: 2, Seed: 1, Confidence: 0.95}
	p, err := sim.Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	var reps []*sim.Replication
	for i := range 2 {
		rep, err := p.Replicate(context.Background(), r, i)
		if err != nil {
			t.Fatal(err)
		}
		reps = append(reps, rep)
	}
	return sim.Summarize(m, r, reps)
}

// costedModel is the line of costedSummary.
func costedModel() *sim.Model {
	one, _ := sim.Const(1)
	half, _ := sim.Const(0.5)
	return &sim.Model{Name: "costed", TimeUnit: "h",
		Sources:  []sim.Source{{Name: "in", To: "a", Kind: sim.Open, Interarrival: one}},
		Stations: []sim.Station{{Name: "a", Machines: 1, Process: half, Buffer: sim.Unlimited, Routes: []sim.Route{{To: "done", P: 1}}, Cost: sim.MachineCost{Running: 60, Idle: 10}}},
		Sinks:    []sim.Sink{{Name: "done"}},
		Costs:    &sim.Costs{Week: 168, Material: 3, Revenue: 20}}
}

// TestCostOutputs: the cost breakdown is in the console table, the JSON,
// the CSV and the report, with the hand-computed figures.
func TestCostOutputs(t *testing.T) {
	s := costedSummary(t)
	var b bytes.Buffer
	if err := Console(&b, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nCosts\n", "machine running", "30.00 ±0", "78.9%", "total", "38.00 ±0", "cost per good part: 38.00 ±0", "profit per week (168 h): -3024 ±0"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("console lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	if err := JSON(&b, s); err != nil {
		t.Fatal(err)
	}
	var j struct {
		Costs struct {
			PerPart    struct{ Mean float64 }            `json:"per_part"`
			ByCategory map[string]struct{ Mean float64 } `json:"by_category"`
		}
	}
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	if j.Costs.PerPart.Mean != 38 || j.Costs.ByCategory["machine_idle"].Mean != 5 {
		t.Errorf("JSON costs: %+v", j.Costs)
	}
	b.Reset()
	if err := SummaryCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "\ncost_per_part,,38,0,") || !strings.Contains(b.String(), "\nprofit_per_week,,-3024,") {
		t.Errorf("CSV lacks the cost rows:\n%s", b.String())
	}
	sec, ok := costSection(s)
	if !ok || len(sec.Charts) != 1 || len(sec.Table) != 6 { // head, running, idle, material, total, revenue
		t.Errorf("report section: ok %v, %d charts, table %v", ok, len(sec.Charts), sec.Table)
	}
}
