package scenarios

import (
	"context"
	"testing"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// TestKanbanExample checks the kanban example's claims: the base line never
// holds more than its cards plus pack's part (2 + 2 + 1; from the trace,
// and it reaches it), and the push
// variant, an open line of three exponential stations at λ = 1/1.7544, is
// a Jackson network: WIP = Σ ρ/(1 − ρ) with ρ = λ·(1.0, 1.2, 1.25).
func TestKanbanExample(t *testing.T) {
	sc, err := LoadExample("kanban")
	if err != nil {
		t.Fatal(err)
	}
	run := sc.Run
	run.Confidence = 0.9999 // Bonferroni, as the other theory tests
	var push *Variant
	for _, v := range sc.Variants {
		if v.Name == "push" {
			push = v
		}
	}
	if push == nil || len(push.Scenario.Model.Kanbans) != 0 || push.Scenario.Model.Sources[0].Kind != sim.Open {
		t.Fatal("kanban: want a variant push with an open source and no loops")
	}
	base, err := experiment.Run(context.Background(), sc.Model, run, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(base.Kanbans) != 2 {
		t.Errorf("kanban line: %d loops, want 2", len(base.Kanbans))
	}
	p, err := sim.Compile(sc.Model)
	if err != nil {
		t.Fatal(err)
	}
	most := &mostWIP{}
	if _, err := p.Trace(context.Background(), run, 0, most); err != nil {
		t.Fatal(err)
	}
	if most.n != 5 {
		t.Errorf("kanban line: at most %d parts in the plant, want 2 + 2 + 1 = 5", most.n)
	}
	s, err := experiment.Run(context.Background(), push.Scenario.Model, run, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lambda, want := 1/1.7544, 0.0
	for _, te := range []float64{1.0, 1.2, 1.25} {
		rho := lambda * te
		want += rho / (1 - rho)
	}
	if !s.WIP.Contains(want) {
		t.Errorf("push: WIP %v, Jackson %.4f", s.WIP, want)
	}
}

// mostWIP keeps the most parts in the plant at once, from the trace.
type mostWIP struct{ n int }

func (w *mostWIP) MachineState(float64, string, int, sim.State)        {}
func (w *mostWIP) PartEvent(float64, int64, sim.PartEventKind, string) {}
func (w *mostWIP) Level(_ float64, element string, n int) {
	if element == "" {
		w.n = max(w.n, n)
	}
}
