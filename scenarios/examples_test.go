package scenarios

import (
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

var bundledNames = []string{"agv", "assembly", "batching", "bottleneck-rules", "bottleneck-shift", "breakdowns", "buffer-allocation", "conveyor", "cost-study", "dbr", "demo", "job-shop", "kanban",
	"line-balancing", "lot-makespan", "maintenance", "make-to-stock", "mm1", "mmc", "order-book", "penny-fab", "push-pull", "reorder-point", "smed", "staffing", "tandem", "tpm", "tpm-pm", "two-station-buffer", "weekly-demand"}

func TestExamples(t *testing.T) {
	list := Examples()
	var names []string
	for _, ex := range list {
		names = append(names, ex.Name)
		if ex.Description == "" {
			t.Errorf("example %s has no description", ex.Name)
		}
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("Examples() not sorted: %v", names)
	}
	if strings.Join(names, ",") != strings.Join(bundledNames, ",") {
		t.Errorf("Examples() = %v, want %v", names, bundledNames)
	}
	if !contains(names, DefaultExample) {
		t.Errorf("DefaultExample %q is not bundled", DefaultExample)
	}
}

// TestExamplesValid parses and validates every bundled example and checks
// that its run is small: at most about a second of CPU per scenario (rare
// events such as breakdowns need weeks of simulated time to be seen often
// enough; 3 million station visits take about a second).
func TestExamplesValid(t *testing.T) {
	for _, ex := range Examples() {
		sc, err := LoadExample(ex.Name)
		if err != nil {
			t.Errorf("%s: %v", ex.Name, err)
			continue
		}
		if err := sc.Model.Validate(); err != nil {
			t.Errorf("%s: sim rejects the model: %v", ex.Name, err)
		}
		if err := sc.Run.Validate(); err != nil {
			t.Errorf("%s: sim rejects the run: %v", ex.Name, err)
		}
		if sc.File != ex.Name+".toml" || sc.Description != ex.Description {
			t.Errorf("%s: File = %q, Description = %q", ex.Name, sc.File, sc.Description)
		}
		if visits := estimatedVisits(sc); visits > 3_000_000 {
			t.Errorf("%s: about %.0f station visits in all replications; keep it small", ex.Name, visits)
		}
	}
}

// TestExampleLoads checks the loads the example comments state, from the
// traffic equations v = e + vP (ρ = λ v s / c).
func TestExampleLoads(t *testing.T) {
	tests := []struct {
		example string
		rho     map[string]float64
	}{
		{"mm1", map[string]float64{"machine": 0.8}},
		{"mmc", map[string]float64{"machines": 2.5 / 3}},
		{"tandem", map[string]float64{"prep": 0.5, "press": 0.8, "finish": 0.6}},
		{"demo", map[string]float64{"saw": 0.75, "cnc": 0.25 * 10 / 3, "deburr": 0.75,
			"inspect": 0.25 / 0.9 * 1.5, "rework": 0.25 / 9 * 8, "pack": 0.25 * 2.9}},
	}
	for _, tt := range tests {
		sc, err := LoadExample(tt.example)
		if err != nil {
			t.Fatal(err)
		}
		rho := loads(sc.Model)
		for name, want := range tt.rho {
			if got := rho[name]; math.Abs(got-want) > 1e-6 {
				t.Errorf("%s: ρ(%s) = %.6f, want %.6f", tt.example, name, got, want)
			}
		}
	}
}

// loads returns the utilisation of every station fed by open sources.
func loads(m *sim.Model) map[string]float64 {
	index := map[string]int{}
	for i, st := range m.Stations {
		index[st.Name] = i
	}
	rate := arrivalRates(m, index)
	rho := map[string]float64{}
	for i, st := range m.Stations {
		rho[st.Name] = rate[i] * st.Process.Mean() / float64(st.Machines)
	}
	return rho
}

// arrivalRates solves the traffic equations by fixed-point iteration.
func arrivalRates(m *sim.Model, index map[string]int) []float64 {
	external := make([]float64, len(m.Stations))
	for _, so := range m.Sources {
		if so.Kind == sim.Open {
			external[index[so.To]] += so.ArrivalRate()
		}
	}
	rate := append([]float64(nil), external...)
	for range 2000 {
		next := append([]float64(nil), external...)
		for i, st := range m.Stations {
			for _, r := range st.Routes {
				if j, ok := index[r.To]; ok {
					next[j] += rate[i] * r.P
				}
			}
		}
		rate = next
	}
	return rate
}

// estimatedVisits is the number of station visits of a run of sc, from the
// traffic equations (open sources) or the bottleneck rate (others).
func estimatedVisits(sc *Scenario) float64 {
	m := sc.Model
	index := map[string]int{}
	for i, st := range m.Stations {
		index[st.Name] = i
	}
	total := 0.0
	for _, r := range arrivalRates(m, index) {
		total += r
	}
	if total == 0 { // closed or saturated: at most the fastest station's rate each
		for _, st := range m.Stations {
			total += float64(st.Machines) / st.Process.Mean()
		}
	}
	return total * sc.Run.Horizon * float64(sc.Run.Replications)
}

func TestExampleSource(t *testing.T) {
	src, err := ExampleSource("penny-fab")
	if err != nil || !strings.Contains(string(src), `name = "Penny Fab"`) {
		t.Errorf("ExampleSource(penny-fab) = %.40q…, %v", src, err)
	}
	if again, err := ExampleSource("penny-fab.toml"); err != nil || string(again) != string(src) {
		t.Errorf("ExampleSource(penny-fab.toml) differs: %v", err)
	}
	for _, name := range []string{"nope", "", "../go.mod", "sub/x"} {
		_, err := ExampleSource(name)
		want := `unknown example "` + strings.TrimSuffix(name, ".toml") + `" (available: ` + strings.Join(bundledNames, ", ") + ")"
		if err == nil || err.Error() != want {
			t.Errorf("ExampleSource(%q) error = %v, want %s", name, err, want)
		}
	}
	if _, err := LoadExample("nope"); err == nil || IsInvalid(err) {
		t.Errorf("LoadExample(nope) error = %v, want an unknown-example error", err)
	}
}
