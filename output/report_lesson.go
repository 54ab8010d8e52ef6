package output

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// NewLessonReport returns the report of a lesson, rendered like every
// takt report: the question and the experiment, the charts with the table
// of simulated values beside the theory, the checks of the claim, and the
// takeaway (or, when a check fails, what the simulation did not support).
func NewLessonReport(l *Lesson) *Report {
	r := &Report{Title: l.Title, Description: l.Question, File: l.File, Source: l.Source}
	var charts []Chart
	for i, f := range l.Figures {
		charts = append(charts, Chart{Name: "lesson-" + l.Name + "-" + string(rune('a'+i)), Plot: TheoryChart(f)})
	}
	result := "Lines are theory, computed by takt; points are simulated means with their " +
		short(100*l.Confidence) + "% confidence intervals as error bars. Each value in the table is a mean ±half-width over " +
		strconv.Itoa(l.Replications) + " replications."
	for _, n := range l.Notes {
		result += "\n\n" + n
	}
	checks := [][]string{{"claim", "holds", "figures"}}
	for _, c := range l.Checks {
		holds := "yes"
		if !c.Holds {
			holds = "NO"
		}
		checks = append(checks, []string{c.Claim, holds, c.Detail})
	}
	heading := "Takeaway"
	if !l.Holds() {
		heading = "Not supported"
	}
	r.Sections = []Section{
		{Heading: "Question", Text: l.Question + "\n\nExperiment: " + l.Experiment + "."},
		{Heading: "Simulation and theory", Text: result, Table: lessonRows(l), Charts: charts},
		{Heading: "Claim", Text: "The lesson's claim, checked on the simulated values; tolerances come from the confidence intervals.", Table: checks},
		{Heading: heading, Text: l.verdict()},
	}
	return r
}

// TheoryChart draws theory as lines (markers for categories) and simulated
// estimates as points with error bars, one colour per group.
func TheoryChart(f LessonFigure) *plot.Plot {
	p := newPlot(f.Title, f.XLabel, f.YLabel)
	p.Add(hGrid())
	var legend sideLegend
	for _, s := range f.Series {
		c := seriesColor(s.Group)
		if s.Est == nil {
			legend = append(legend, addTheory(p, s, c, len(f.Categories) > 0))
			continue
		}
		var xys plotter.XYs
		var eb errBars
		for i, e := range s.Est {
			if math.IsNaN(e.Mean) {
				continue
			}
			xys = append(xys, plotter.XY{X: s.X[i], Y: e.Mean})
			if hw := e.HalfWidth; !math.IsNaN(hw) && !math.IsInf(hw, 0) {
				eb = append(eb, errBar{s.X[i], e.Mean - hw, e.Mean + hw})
			}
		}
		if sc, err := plotter.NewScatter(xys); err == nil {
			sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
			p.Add(eb, sc)
		}
		legend = append(legend, legendItem{label: s.Name, fill: c})
	}
	p.Add(legend)
	if len(f.Categories) > 0 {
		nominalX(p, f.Categories)
	}
	return p
}

// addTheory adds a theory series: a line over a numeric axis, short
// horizontal dashes over categories.
func addTheory(p *plot.Plot, s LessonSeries, c color.RGBA, categories bool) legendItem {
	style := draw.LineStyle{Color: c, Width: vg.Points(2)}
	if categories {
		style.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		for i := range s.X {
			if l, err := plotter.NewLine(plotter.XYs{{X: s.X[i] - 0.3, Y: s.Y[i]}, {X: s.X[i] + 0.3, Y: s.Y[i]}}); err == nil {
				l.LineStyle = style
				p.Add(l)
			}
		}
		return legendItem{label: s.Name, line: &style}
	}
	var xys plotter.XYs
	for i := range s.X {
		if !math.IsNaN(s.Y[i]) && !math.IsInf(s.Y[i], 0) {
			xys = append(xys, plotter.XY{X: s.X[i], Y: s.Y[i]})
		}
	}
	if l, err := plotter.NewLine(xys); err == nil {
		l.LineStyle = style
		p.Add(l)
	}
	return legendItem{label: s.Name, line: &style}
}
