package output

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/takt-sim/takt/sim/stats"
)

// sampleLesson is a small lesson with a numeric and a categorical figure.
func sampleLesson(holds bool) *Lesson {
	e := stats.Estimate{Mean: 0.5, HalfWidth: 0.001, StdDev: 0.002, Min: 0.49, Max: 0.51, N: 10}
	return &Lesson{Name: "demo-lesson", Title: "A <lesson>", Question: "Does it hold?", Experiment: "sweep a buffer",
		Takeaway: "It holds & pays.", TimeUnit: "min", Confidence: 0.95, Replications: 10,
		Columns: []string{"buffer", "throughput (simulated)", "theory"},
		Rows:    [][]any{{"0", e, 2.0 / 3}, {"1", e, 0.75}},
		Figures: []LessonFigure{
			{Title: "Throughput", XLabel: "buffer", YLabel: "parts", Series: []LessonSeries{
				{Name: "theory", X: []float64{0, 1}, Y: []float64{2.0 / 3, 0.75}},
				{Name: "simulated", X: []float64{0, 1}, Est: []stats.Estimate{e, e}}}},
			{Title: "Alternatives", Categories: []string{"a", "b"}, Series: []LessonSeries{
				{Name: "theory", Group: 1, X: []float64{0, 1}, Y: []float64{0.4, 0.6}},
				{Name: "simulated", Group: 1, X: []float64{0, 1}, Est: []stats.Estimate{e, e}}}},
		},
		Checks: []LessonCheck{{Claim: "theory inside", Detail: "all inside", Holds: true}, {Claim: "gain", Detail: "0.2 ± 0.01", Holds: holds}},
		Notes:  []string{"A note."}, File: "x.toml", Source: "name = \"x\"\n"}
}

// TestLessonReport renders a lesson's report and checks, in the parsed
// HTML, the sections a student reads (question, simulation and theory with
// two charts and the table, claim, takeaway), the escaping of the title,
// and that a failed check replaces the takeaway.
func TestLessonReport(t *testing.T) {
	for _, holds := range []bool{true, false} {
		var b bytes.Buffer
		if err := NewLessonReport(sampleLesson(holds)).Write(&b); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		if _, err := html.Parse(strings.NewReader(page)); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"<h1>A &lt;lesson&gt;</h1>", `<h2>Question</h2>`, `<h2>Simulation and theory</h2>`,
			`<h2>Claim</h2>`, "<td>0.5000 ±0.0010</td>", "<td>0.6667</td>", "A note."} {
			if !strings.Contains(page, want) {
				t.Errorf("holds=%v: report lacks %q", holds, want)
			}
		}
		if n := strings.Count(page, "<svg "); n != 2 {
			t.Errorf("holds=%v: %d charts, want 2", holds, n)
		}
		takeaway := strings.Contains(page, "It holds &amp; pays.")
		if takeaway != holds || strings.Contains(page, "<h2>Not supported</h2>") == holds {
			t.Errorf("holds=%v: takeaway shown %v", holds, takeaway)
		}
	}
}

// TestLessonConsoleAndJSON checks the console's takeaway and failed checks
// and the JSON's cells: estimates as objects, theory as numbers.
func TestLessonConsoleAndJSON(t *testing.T) {
	var b bytes.Buffer
	if err := LessonConsole(&b, sampleLesson(true)); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); !strings.Contains(out, "Takeaway: It holds & pays.") || !strings.Contains(out, "  holds  gain: 0.2 ± 0.01") {
		t.Errorf("console:\n%s", out)
	}
	b.Reset()
	if err := LessonConsole(&b, sampleLesson(false)); err != nil {
		t.Fatal(err)
	}
	if out := b.String(); strings.Contains(out, "It holds") || !strings.Contains(out, "FAILS  gain") || !strings.Contains(out, "Not supported:") {
		t.Errorf("console of a failed claim:\n%s", out)
	}
	b.Reset()
	if err := LessonJSON(&b, sampleLesson(true)); err != nil {
		t.Fatal(err)
	}
	var j struct {
		Holds bool
		Rows  [][]any
	}
	if err := json.Unmarshal(b.Bytes(), &j); err != nil {
		t.Fatal(err)
	}
	cell, ok := j.Rows[0][1].(map[string]any)
	if !j.Holds || !ok || cell["mean"] != 0.5 || j.Rows[0][2] != 2.0/3 {
		t.Errorf("JSON: %s", b.String())
	}
}
