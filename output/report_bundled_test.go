package output

import (
	"context"
	"strings"
	"testing"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// TestReportBundledScenarios builds the report of every bundled scenario
// (1 replication of a hundredth of its horizon, without warm-up, to
// stay cheap) and checks that it has the plant with its animation data and the
// value stream map.
func TestReportBundledScenarios(t *testing.T) {
	for _, ex := range scenarios.Examples() {
		sc, err := scenarios.LoadExample(ex.Name)
		if err != nil {
			t.Fatal(err)
		}
		run := sc.Run
		run.Horizon, run.Warmup, run.Replications = run.Horizon/100, 0, 1
		if run.Until.Parts > 0 { // a run until done: a small lot instead
			run.Horizon, run.Until.Parts = sc.Run.Horizon, 20
		}
		s, err := experiment.Run(context.Background(), sc.Model, run, experiment.Options{Workers: 1})
		if err != nil {
			t.Fatalf("%s: %v", ex.Name, err)
		}
		rec := NewRecorder(sc.Model, run, RecorderOptions{})
		if _, err := sim.TraceReplication(context.Background(), sc.Model, run, 0, rec); err != nil {
			t.Fatalf("%s: %v", ex.Name, err)
		}
		page := writeReport(t, NewReport(sc.Name, sc.Description, ex.Name+".toml", string(sc.Data), s, rec))
		for _, want := range []string{`<h2>The plant</h2>`, `<svg class="plant" role="img"`, `id="pl-data">{"from":`,
			`<h2>Value stream map</h2>`, `<svg class="plant vsm"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the report lacks %s", ex.Name, want)
			}
		}
	}
}
