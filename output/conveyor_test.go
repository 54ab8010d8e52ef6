package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// TestConveyorOutputs checks that a plant's conveyor appears in the
// console table, the JSON summary, both CSV files, the report's sections
// and on its arrow in the plant's drawing, with the values of the summary; and that a plant without
// conveyors has no "conveyors" key in its JSON.
func TestConveyorOutputs(t *testing.T) {
	m := tinyLine(false)
	m.Conveyors = []sim.Conveyor{{Name: "belt", From: "cut", To: "weld", Length: 6, Speed: 3, Spacing: 2}}
	s := runModel(t, m, 2)
	c := s.Conveyors[0]
	var con bytes.Buffer
	if err := Console(&con, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(con.String(), "\nConveyors\n") || !strings.Contains(con.String(), "cut → weld  3, stops") {
		t.Errorf("console has no conveyor table:\n%s", con.String())
	}
	var js bytes.Buffer
	if err := JSON(&js, s); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Conveyors []struct {
			Name     string                  `json:"name"`
			Capacity int                     `json:"capacity"`
			Parts    struct{ Mean float64 }  `json:"parts"`
			TimeOn   struct{ Mean float64 }  `json:"time_on"`
			Blocked  struct{ Mean *float64 } `json:"blocked"`
		} `json:"conveyors"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Conveyors) != 1 || doc.Conveyors[0].Name != "belt" || doc.Conveyors[0].Capacity != 3 ||
		doc.Conveyors[0].Parts.Mean != c.Parts.Mean || doc.Conveyors[0].TimeOn.Mean != c.Transit.Mean || doc.Conveyors[0].Blocked.Mean == nil {
		t.Errorf("JSON conveyors %+v, want belt with the summary's values", doc.Conveyors)
	}
	var sum, reps bytes.Buffer
	if err := SummaryCSV(&sum, s); err != nil {
		t.Fatal(err)
	}
	if err := ReplicationsCSV(&reps, s); err != nil {
		t.Fatal(err)
	}
	for _, metric := range []string{"parts", "utilization", "blocked", "throughput", "time_on"} {
		if !strings.Contains(sum.String(), metric+",belt,") {
			t.Errorf("summary.csv has no %s of the belt:\n%s", metric, sum.String())
		}
	}
	if !strings.Contains(reps.String(), "time_on") {
		t.Errorf("replications.csv has no belt columns:\n%s", reps.String())
	}
	found := false
	for _, sec := range StandardSections(s, nil) {
		found = found || sec.Heading == "Conveyors" && len(sec.Table) == 2
	}
	if !found {
		t.Error("the report has no Conveyors section with one row")
	}
	labelled := false
	for _, e := range Layout(m, nil).Edges {
		labelled = labelled || e.Label == "belt"
	}
	if !labelled {
		t.Error("the plant's drawing does not name the conveyor on its arrow")
	}
	js.Reset()
	if err := JSON(&js, runModel(t, tinyLine(false), 2)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(js.String(), `"conveyors"`) {
		t.Error("a plant without conveyors has a conveyors key in its JSON")
	}
}
