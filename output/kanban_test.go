package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// TestKanbanOutputs checks that a kanban loop appears in every output: the
// console table, JSON kanbans[], the CSV columns, and the value stream map
// (the loop's supermarket in front of weld, its cards on cut's box).
func TestKanbanOutputs(t *testing.T) {
	m := tinyLine(false)
	m.Kanbans = []sim.Kanban{{Name: "cut-loop", Stations: []string{"cut"}, Cards: 2}}
	s := runModel(t, m, 3)
	var b bytes.Buffer
	if err := Console(&b, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "Kanban loops") || !strings.Contains(b.String(), "cut-loop") {
		t.Errorf("console: no Kanban loops table:\n%s", b.String())
	}
	js, err := json.Marshal(NewSummaryJSON(s))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Kanbans []struct {
			Name       string                 `json:"name"`
			Cards      int                    `json:"cards"`
			CardsInUse struct{ Mean float64 } `json:"cards_in_use"`
		} `json:"kanbans"`
	}
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Kanbans) != 1 || out.Kanbans[0].Cards != 2 || out.Kanbans[0].CardsInUse.Mean != s.Kanbans[0].CardsInUse.Mean {
		t.Errorf("JSON kanbans = %+v", out.Kanbans)
	}
	rows := summaryRows(t, s)
	found := 0
	for _, r := range rows {
		if r[1] == "cut-loop" {
			found++
		}
	}
	if found != 6 {
		t.Errorf("CSV: %d rows of cut-loop, want 6", found)
	}
	v := NewValueStream(m, s, nil)
	if v.Steps[1].Supermarket != "cut-loop" || v.Steps[0].Cards != 2 || v.Steps[0].Supermarket != "" {
		t.Errorf("value stream: supermarket %q before weld, %d cards at cut", v.Steps[1].Supermarket, v.Steps[0].Cards)
	}
	if svg := string(v.SVG()); !strings.Contains(svg, "cut-loop") || !strings.Contains(svg, "kanban 2 cards") {
		t.Error("value stream map: no supermarket or cards drawn")
	}
}
