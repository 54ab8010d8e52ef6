package output

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/takt-sim/takt/sim"
)

const pennySource = `# Penny Fab: four 2 h stations under CONWIP 4.
name = "Penny Fab"
time_unit = "h"
# <b>markup</b> in the source & comments stays text
`

// pennyReport is the report of a short Penny Fab run, traced.
func pennyReport(t *testing.T) *Report {
	t.Helper()
	m := pennyFab()
	s := runModel(t, m, 3)
	rec := NewRecorder(m, s.Run, RecorderOptions{})
	if _, err := sim.TraceReplication(context.Background(), m, s.Run, 0, rec); err != nil {
		t.Fatal(err)
	}
	return NewReport("Penny Fab", "Hopp & Spearman's <deterministic> CONWIP line.", "penny-fab.toml", pennySource, s, rec)
}

func writeReport(t *testing.T, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var svgElement = regexp.MustCompile(`(?s)<svg .*?</svg>`)

// TestReportGolden compares the Penny Fab report, charts left out, with
// testdata/report/penny-fab.html (go test ./output -update rewrites it).
// Penny Fab is deterministic, so every figure is exact.
func TestReportGolden(t *testing.T) {
	page := writeReport(t, pennyReport(t))
	if page != writeReport(t, pennyReport(t)) {
		t.Fatal("two reports of the same run differ")
	}
	checkGolden(t, filepath.Join("report", "penny-fab.html"), []byte(svgElement.ReplaceAllString(page, "<svg/>")))
}

// TestReportStructure parses the report as HTML and checks its parts: one
// h2 per section, every chart an inline <svg>, the tables, the scenario
// source as text in a <details>, and nothing loaded from elsewhere.
func TestReportStructure(t *testing.T) {
	r := pennyReport(t)
	r.Sections = append(r.Sections, Section{Heading: "Bottleneck", Text: "One.\n\nTwo.", Table: [][]string{{"a", "b"}, {"1", "2"}}})
	doc, err := html.Parse(strings.NewReader(writeReport(t, r)))
	if err != nil {
		t.Fatal(err)
	}
	var h2s, svgs, tables []string
	var source, plant string
	scripts, vsm := 0, 0
	walk(doc, func(n *html.Node) {
		switch n.Data {
		case "h2":
			h2s = append(h2s, nodeText(n))
		case "svg":
			switch attr(n, "class") {
			case "plant":
				plant = attr(n, "aria-label")
				return
			case "plant vsm":
				vsm++
				return
			}
			svgs = append(svgs, attr(n, "aria-label"))
		case "table":
			tables = append(tables, nodeText(n))
		case "pre":
			source = nodeText(n)
		case "script": // the animation's data and code, inline
			scripts++
			if typ := attr(n, "type"); typ != "" && typ != "application/json" {
				t.Errorf("a <script type=%q>", typ)
			}
		case "link", "img", "iframe", "object", "embed":
			t.Errorf("report has a <%s>", n.Data)
		}
		for _, a := range n.Attr {
			if (a.Key == "src" || a.Key == "href") && !strings.HasPrefix(a.Val, "#") {
				t.Errorf("<%s %s=%q>: external reference", n.Data, a.Key, a.Val)
			}
		}
	})
	if scripts != 2 || plant != "The plant: Penny Fab" || vsm != 1 {
		t.Errorf("%d scripts, plant %q, %d value stream maps; want the animation's 2, the plant and 1 map", scripts, plant, vsm)
	}
	want := []string{"Summary", "Run settings", "Key figures", "The plant", "Stations", "Bottlenecks", "Value stream map", "Work in process over time", "Machine states", "Cycle times", "Bottleneck", "Scenario file"}
	if strings.Join(h2s, "|") != strings.Join(want, "|") {
		t.Errorf("sections %q, want %q", h2s, want)
	}
	var titles []string
	for _, c := range r.Charts() {
		titles = append(titles, c.Plot.Title.Text)
	}
	if strings.Join(svgs, "|") != strings.Join(titles, "|") || len(svgs) != 6 {
		t.Errorf("inline charts %q, want the 6 charts %q", svgs, titles)
	}
	if len(tables) != 6 || !strings.Contains(tables[1], "throughput0.5000 ±0parts/h") || !strings.Contains(tables[4], "s12–100.0% ±0–100.0% ±00 ±0") {
		t.Errorf("tables %q", tables)
	}
	if source != pennySource {
		t.Errorf("source %q, want %q", source, pennySource)
	}
}

// TestReportSelfContained checks the raw text: no URL at all, no CSS
// import, url() only to a marker in the page, no script loaded or
// loading anything.
func TestReportSelfContained(t *testing.T) {
	page := writeReport(t, pennyReport(t))
	for _, bad := range []string{"http://", "https://", "@import", "<script src", "javascript:", "fetch(", "XMLHttpRequest", "import(", "<link"} {
		if strings.Contains(page, bad) {
			t.Errorf("report contains %q", bad)
		}
	}
	if n, local := strings.Count(page, "url("), strings.Count(page, "url(#"); n != local {
		t.Errorf("report has %d url( of which %d to an id in the page", n, local)
	}
}

// TestReportWithoutTrace checks a report of a partial run without a
// traced replication: no charts over time, the interruption said.
func TestReportWithoutTrace(t *testing.T) {
	s := handPartial()
	page := writeReport(t, NewReport("Line", "", "", "", s, nil))
	for _, want := range []string{"<h2>Stations</h2>", "only 1 of 4 replications completed", "1 of 4 (partial)"} {
		if !strings.Contains(page, want) {
			t.Errorf("no %q in the report", want)
		}
	}
	if strings.Contains(page, "Machine states") || strings.Contains(page, "Scenario file") {
		t.Error("trace section or source without trace or source")
	}
	if n := strings.Count(page, "<svg "); n != 2 {
		t.Errorf("%d charts, want the state and bottleneck charts only", n)
	}
}

// TestReportSummaryText checks the plain-words summary of a plant with
// starved, blocked and failing stations.
func TestReportSummaryText(t *testing.T) {
	got := plainSummary(handPlant())
	for _, want := range []string{
		"The plant completes 0.7988 ±0.0059 parts per h.",
		"(90% of parts within 11.67 ±0.81 h)",
		"The busiest station is press: its machines are busy 62.0% ±3.1 of the time.",
		"Starved most: paint, idle with nothing to do for 45.0% ±2.0 of its machine time;",
		"Down most: press, in repair for 21.0% ±2.4 of its machine time.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "Blocked most") {
		t.Errorf("no station is blocked, yet:\n%s", got)
	}
}

func TestReportWriteError(t *testing.T) {
	if err := NewReport("x", "", "", "", handLine(), nil).Write(failingWriter{}); !errors.Is(err, errWrite) {
		t.Errorf("Write to a failing writer: %v", err)
	}
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// nodeText is the text inside n.
func nodeText(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(nodeText(c))
	}
	return b.String()
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// TestReportCrewsAsConsole checks that the report's crews section says
// what the console says: the same table (utilisation over all time and
// over scheduled time) and the labour per part.
func TestReportCrewsAsConsole(t *testing.T) {
	s := handPlant()
	var sec *Section
	for _, x := range StandardSections(s, nil) {
		if x.Heading == "Crews" {
			sec = &x
		}
	}
	if sec == nil {
		t.Fatal("no Crews section")
	}
	out := console(t, s)
	if got, want := table(sec.Table, "  "), "  "+strings.SplitN(out, "\nCrews\n  ", 2)[1]; !strings.HasPrefix(want, got) {
		t.Errorf("report crews table\n%s\nis not the console's\n%s", got, want)
	}
	if !strings.Contains(sec.Text, "Labour per part: 0.750 ±0.040 h of crew time.") {
		t.Errorf("report crews text %q has no labour per part", sec.Text)
	}
}
