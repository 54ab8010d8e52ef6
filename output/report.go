package output

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"io"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/takt-sim/takt/sim"
)

// Report is a self-contained HTML report of one experiment: a header with
// the scenario's name and description, a list of sections, and the
// scenario file itself. Everything is inline — CSS, charts as SVG — so the
// file opens anywhere, offline, and can be mailed as it is. The same input
// gives the same bytes.
//
// NewReport fills Sections with the standard ones; callers may insert,
// append or drop sections before Write.
type Report struct {
	Title, Description string
	File, Source       string // the scenario file's name and its text
	Summary            *sim.Summary
	Trace              *Recorder // the traced replication; nil leaves out its charts
	Sections           []Section
}

// Section is one part of a report: a heading, plain text (paragraphs
// separated by blank lines), optional markup, an optional table (the first
// row is the header) and charts.
type Section struct {
	Heading, Text string
	Table         [][]string
	Charts        []Chart
	// HTML is markup of our own drawn after the text (the plant, its
	// animation, the value stream map); it must load nothing.
	HTML template.HTML
}

// Chart is a plot with its size in the report and the name of its files
// (without extension) when the charts are written one by one.
type Chart struct {
	Name          string
	Plot          *plot.Plot
	Width, Height vg.Length // 0: ChartWidth, ChartHeight
}

// Size is the chart's width and height, with the defaults filled in.
func (c Chart) Size() (w, h vg.Length) {
	w, h = c.Width, c.Height
	if w == 0 {
		w = ChartWidth
	}
	if h == 0 {
		h = ChartHeight
	}
	return w, h
}

// NewReport returns the report of summary s of the scenario named title,
// with the standard sections. rec, when not nil, is the recorder of the
// traced replication (replication 1) that feeds the charts over time.
func NewReport(title, description, file, source string, s *sim.Summary, rec *Recorder) *Report {
	r := &Report{Title: title, Description: description, File: file, Source: source, Summary: s, Trace: rec}
	r.Sections = StandardSections(s, rec)
	return r
}

// Charts lists every chart of the report in section order.
func (r *Report) Charts() []Chart {
	var cs []Chart
	for _, s := range r.Sections {
		cs = append(cs, s.Charts...)
	}
	return cs
}

// Write renders the report as one HTML document. Nothing is written when
// a chart cannot be rendered.
func (r *Report) Write(w io.Writer) error {
	page := reportPage{Title: r.Title, Description: r.Description, File: r.File, Source: r.Source}
	for _, s := range r.Sections {
		ps := pageSection{Heading: s.Heading, ID: anchor(s.Heading), Paragraphs: paragraphs(s.Text), HTML: s.HTML}
		if len(s.Table) > 0 {
			ps.Head, ps.Rows = s.Table[0], s.Table[1:]
		}
		for _, c := range s.Charts {
			svg, err := inlineSVG(c)
			if err != nil {
				return err
			}
			ps.Charts = append(ps.Charts, svg)
		}
		page.Sections = append(page.Sections, ps)
	}
	var b bytes.Buffer
	if err := reportTemplate.Execute(&b, page); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	_, err := b.WriteTo(w)
	return err
}

// reportPage is what the template renders.
type reportPage struct {
	Title, Description, File, Source string
	Sections                         []pageSection
}

type pageSection struct {
	Heading, ID string
	Paragraphs  []string
	Head        []string
	Rows        [][]string
	Charts      []template.HTML
	HTML        template.HTML
}

// paragraphs splits text at blank lines.
func paragraphs(text string) []string {
	var ps []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	return ps
}

// anchor makes an id for a heading: lower case letters and digits joined
// by dashes.
func anchor(heading string) string {
	f := strings.FieldsFunc(strings.ToLower(heading), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	})
	return strings.Join(f, "-")
}

// inlineSVG renders a chart as an <svg> element to embed in HTML: without
// the XML prolog, the generator comment and the namespace declarations
// (HTML does not need them), labelled with its title for screen readers.
func inlineSVG(c Chart) (template.HTML, error) {
	w, h := c.Size()
	b, err := renderSVG(c.Plot, w, h)
	if err != nil {
		return "", err
	}
	s := string(b)
	if i := strings.Index(s, "<svg "); i >= 0 {
		s = s[i:]
	}
	s = strings.Replace(s, "\n\txmlns=\"http://www.w3.org/2000/svg\"\n\txmlns:xlink=\"http://www.w3.org/1999/xlink\"", "", 1)
	label := fmt.Sprintf(`<svg role="img" aria-label="%s" class="chart chart-%s" `, html.EscapeString(c.Plot.Title.Text), anchor(c.Name))
	s = strings.Replace(s, "<svg ", label, 1)
	return template.HTML(s), nil // the SVG is our own rendering, text escaped by vgsvg
}
