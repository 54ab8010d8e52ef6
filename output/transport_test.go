package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// TestTransporterOutputs checks that a plant's transporter appears in the
// console tables, the JSON summary, both CSV files, the report and on its
// arrow in the plant's drawing, with the values of the summary, and that a plant without one has no
// "transporters" key in its JSON.
func TestTransporterOutputs(t *testing.T) {
	m := tinyLine(false)
	m.Stations[0].Routes[0].By = "truck"
	m.Transporters = []sim.Transporter{{Name: "truck", Count: 2, Speed: 1, Capacity: 1, Home: "cut",
		Distances: []sim.Distance{{From: "cut", To: "weld", Length: 0.2}}}}
	s := runModel(t, m, 2)
	tr := s.Transporters[0]
	var con bytes.Buffer
	if err := Console(&con, s); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nTransporters\n", "requests waiting", "unloading", "vehicle time"} {
		if !strings.Contains(con.String(), want) {
			t.Errorf("console has no %q:\n%s", want, con.String())
		}
	}
	var js bytes.Buffer
	if err := JSON(&js, s); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Transporters []struct {
			Name     string                            `json:"name"`
			Vehicles int                               `json:"vehicles"`
			States   map[string]struct{ Mean float64 } `json:"states"`
			Response struct{ Mean float64 }            `json:"response"`
		} `json:"transporters"`
	}
	if err := json.Unmarshal(js.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if d := doc.Transporters; len(d) != 1 || d[0].Name != "truck" || d[0].Vehicles != 2 || len(d[0].States) != int(sim.NumVehicleStates) ||
		d[0].States["empty"].Mean != tr.States[sim.VehicleEmpty].Mean || d[0].Response.Mean != tr.Response.Mean {
		t.Errorf("JSON transporters %+v, want truck with the summary's values", d)
	}
	var sum, reps bytes.Buffer
	if err := SummaryCSV(&sum, s); err != nil {
		t.Fatal(err)
	}
	if err := ReplicationsCSV(&reps, s); err != nil {
		t.Fatal(err)
	}
	for _, metric := range []string{"utilization", "state_idle", "state_loaded", "state_waiting", "requests_waiting", "response", "trips", "parts_carried"} {
		if !strings.Contains(sum.String(), metric+",truck,") || !strings.Contains(reps.String(), "truck."+metric) {
			t.Errorf("the CSV files have no %s of the truck", metric)
		}
	}
	found := false
	for _, sec := range StandardSections(s, nil) {
		found = found || sec.Heading == "Transporters" && len(sec.Table) == 2 && len(sec.Table[0]) == 7+int(sim.NumVehicleStates)
	}
	if !found {
		t.Error("the report has no Transporters section with one row of every column")
	}
	labelled := false
	for _, e := range Layout(m, nil).Edges {
		labelled = labelled || e.Label == "by truck"
	}
	if !labelled {
		t.Error("the plant's drawing does not name the transporter on its arrow")
	}
	js.Reset()
	if err := JSON(&js, runModel(t, tinyLine(false), 2)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(js.String(), `"transporters"`) {
		t.Error("a plant without transporters has a transporters key in its JSON")
	}
}

// TestTransporterTraceCSV checks that the trace CSV follows the vehicles
// (through Tracers, as the CLI combines them): a vehicle state row for
// each of the truck's legs and the parts' pickups and deliveries.
func TestTransporterTraceCSV(t *testing.T) {
	m := tinyLine(false)
	m.Stations[0].Routes[0].By = "truck"
	m.Transporters = []sim.Transporter{{Name: "truck", Count: 1, Speed: 1, Capacity: 1, Home: "weld",
		Distances: []sim.Distance{{From: "cut", To: "weld", Length: 0.5}}}}
	var b strings.Builder
	tw := NewTraceCSV(&b, 0)
	trace(t, m, sim.Run{Horizon: 50, Replications: 1, Seed: 1, Confidence: 0.95}, Tracers{tw})
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0,truck#1,state,,,idle\n", ",truck#1,state,,,empty\n", ",truck#1,state,,,loaded\n",
		",truck#1,picked_up,1,,\n", ",truck#1,delivered,1,,\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("trace has no %q:\n%s", want, b.String())
		}
	}
}
