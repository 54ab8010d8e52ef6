package output

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/takt-sim/takt/sim/experiment"
	"github.com/takt-sim/takt/sim/stats"
	"gonum.org/v1/plot"
)

// NewComparisonReport returns the report of a comparison or sweep: what
// the alternatives change and gain in words, the comparison table, the KPIs
// of every alternative with their intervals as charts (a curve with its band
// for a sweep of one numeric path), and the base's stations and bottlenecks.
func NewComparisonReport(title, description, file, source string, c *Comparison) *Report {
	base := c.Alternatives[0].Summary
	r := &Report{Title: title, Description: description, File: file, Source: source, Summary: base}
	r.Sections = []Section{
		{Heading: "Summary", Text: comparisonText(c)},
		{Heading: "Comparison", Text: comparisonHelp(c), Table: comparisonRows(c), Charts: comparisonCharts(c)},
	}
	for _, sec := range StandardSections(base, nil) {
		switch sec.Heading {
		case "Run settings", "Stations", "Bottlenecks":
			sec.Heading += " (" + c.Alternatives[0].Name + ")"
			r.Sections = append(r.Sections, sec)
		}
	}
	return r
}

// comparisonText names the best alternative by the objective (or by
// throughput) and the significant changes it brings.
func comparisonText(c *Comparison) string {
	k := c.Objective
	if k.Name == "" {
		k = experiment.KPIs()[0]
	}
	best := c.Alternatives[c.Rank(k)[0]]
	base := c.Alternatives[0]
	var b strings.Builder
	fmt.Fprintf(&b, "%d alternatives were run with common random numbers, %d replications each, and compared with %s replication by replication.",
		len(c.Alternatives), len(base.Summary.Replications), base.Name)
	if best.Name == base.Name {
		fmt.Fprintf(&b, " By %s, none does better than %s.", k.Name, base.Name)
		return b.String()
	}
	fmt.Fprintf(&b, " By %s, the best is %s:", k.Name, best.Name)
	var changes []string
	for _, d := range best.Diffs[:3] {
		if d.Significant {
			changes = append(changes, fmt.Sprintf("%s %s", strings.ReplaceAll(d.KPI, "_", " "), signed(d.Paired)))
		}
	}
	if len(changes) == 0 {
		b.WriteString(" but no difference to the base is significant.")
	} else {
		b.WriteString(" " + andList(changes) + " against " + base.Name + ".")
	}
	return b.String()
}

func signed(e stats.Estimate) string {
	s := est(e, 1, "")
	if e.Mean > 0 {
		s = "+" + s
	}
	return s
}

func comparisonHelp(c *Comparison) string {
	return fmt.Sprintf("Each value is a mean with the half-width of its %s%% interval. Δ is the paired difference to %s "+
		"(replication i against replication i, with the same random numbers), starred when significant: its interval excludes 0.",
		short(100*c.Confidence), c.Alternatives[0].Name)
}

// comparisonRows is the comparison table as the console shows it.
func comparisonRows(c *Comparison) [][]string {
	var rows [][]string
	for _, i := range c.Order {
		a := c.Alternatives[i]
		var r []string
		if len(c.Paths) == 0 {
			r = []string{a.Name}
		}
		for _, v := range c.Values[i] {
			r = append(r, fmt.Sprint(v))
		}
		for _, k := range tableKPIs(c.Alternatives[0].Summary) {
			r = append(r, kpiText(a.Summary, k), diffText(a.Diffs, k, i == 0))
		}
		rows = append(rows, r)
	}
	head := append([]string(nil), c.Paths...)
	if len(c.Paths) == 0 {
		head = []string{"alternative"}
	}
	u := c.Alternatives[0].Summary.TimeUnit
	for _, k := range tableKPIs(c.Alternatives[0].Summary) {
		head = append(head, kpiLabel(k, u), "Δ")
	}
	return append([][]string{head}, rows...)
}

// comparisonCharts draws throughput and cycle time per alternative: bars
// with error bars, or curves with bands for a sweep of one numeric path.
func comparisonCharts(c *Comparison) []Chart {
	u := c.Alternatives[0].Summary.TimeUnit
	var charts []Chart
	for _, k := range []struct{ kpi, title, ylabel string }{
		{"throughput", "Throughput", "parts per " + u},
		{"cycle_time", "Cycle time", u},
		{"wip", "Work in process", "parts"},
	} {
		var labels []string
		var xs []float64
		var ests []stats.Estimate
		numeric := len(c.Paths) == 1
		for _, i := range c.Order {
			a := c.Alternatives[i]
			labels = append(labels, a.Name)
			ests = append(ests, kpiEstimate(a.Summary, k.kpi))
			if numeric {
				x, err := strconv.ParseFloat(fmt.Sprint(c.Values[i][0]), 64)
				numeric = err == nil
				xs = append(xs, x)
			}
		}
		name := strings.ReplaceAll(k.kpi, "_", "-")
		if numeric && c.Objective.Name == "" {
			charts = append(charts, Chart{Name: name, Plot: CurveCI(k.title+" vs "+c.Paths[0], c.Paths[0], k.ylabel, xs, ests)})
		} else {
			charts = append(charts, Chart{Name: name, Plot: BarsCI(k.title+" per alternative", k.ylabel, labels, ests)})
		}
		if d := diffChart(c, k.kpi, k.title, k.ylabel); d != nil {
			charts = append(charts, Chart{Name: name + "-diff", Plot: d})
		}
	}
	return charts
}

// diffChart plots every alternative's paired difference to the base in
// kpi, with its interval, in the order of the table; nil when there is
// nothing to compare with.
func diffChart(c *Comparison, kpi, title, ylabel string) *plot.Plot {
	base := c.Alternatives[0].Name
	var labels []string
	var ests []stats.Estimate
	var sig []bool
	for _, i := range c.Order {
		if i == 0 {
			continue
		}
		for _, d := range c.Alternatives[i].Diffs {
			if d.KPI == kpi {
				labels, ests, sig = append(labels, c.Alternatives[i].Name), append(ests, d.Paired), append(sig, d.Significant)
			}
		}
	}
	if len(ests) == 0 {
		return nil
	}
	return DiffsCI(title+": paired difference to "+base, "Δ "+ylabel, labels, ests, sig)
}
