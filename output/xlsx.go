package output

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// The Excel workbook (--xlsx) of a run holds the sheets Summary (one row
// per statistic, as summary.csv, with its unit), Stations (one row per
// station), Costs (for a costed plant) and Replications (one row per
// replication); that of a comparison or sweep adds Comparison (one row per
// alternative and KPI) in front and the base's sheets after it. Numbers are
// numbers (a NaN or infinite value is an empty cell), units are in the
// headers or in a unit column; written with github.com/xuri/excelize/v2,
// a maintained library of the Office Open XML format, atomically.

// XLSX writes the workbook of a run to path, atomically.
func XLSX(path string, s *sim.Summary) error {
	return writeWorkbook(path, func(b *workbook) { b.run(s) })
}

// CompareXLSX writes the workbook of a comparison or sweep to path,
// atomically: the Comparison sheet, then the base's sheets.
func CompareXLSX(path string, c *Comparison) error {
	return writeWorkbook(path, func(b *workbook) {
		b.comparison(c)
		b.run(c.Alternatives[0].Summary)
	})
}

// workbook builds the sheets of a file in order; the first error sticks.
type workbook struct {
	f     *excelize.File
	first bool // the default sheet has not been used yet
	err   error
}

func writeWorkbook(path string, fill func(*workbook)) error {
	b := &workbook{f: excelize.NewFile(), first: true}
	defer b.f.Close()
	fill(b)
	if b.err != nil {
		return fmt.Errorf("write %s: %w", path, b.err)
	}
	return WriteFileAtomic(path, func(w io.Writer) error { return b.f.Write(w) })
}

// sheet writes rows into a new sheet called name, the first row bold as
// the header and frozen.
func (b *workbook) sheet(name string, rows [][]any) {
	if b.err != nil {
		return
	}
	if b.first {
		b.err = b.f.SetSheetName("Sheet1", name)
		b.first = false
	} else {
		_, b.err = b.f.NewSheet(name)
	}
	for i, r := range rows {
		if b.err != nil {
			return
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		b.err = b.f.SetSheetRow(name, cell, &r)
	}
	if b.err == nil && len(rows) > 0 {
		style, err := b.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
		last, _ := excelize.CoordinatesToCellName(len(rows[0]), 1)
		if b.err = err; err == nil {
			b.err = b.f.SetCellStyle(name, "A1", last, style)
		}
	}
	if b.err == nil {
		b.err = b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
}

// cellNum is x as a cell value: the number, or an empty cell when x is not
// finite.
func cellNum(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

// run adds the sheets of one summary.
func (b *workbook) run(s *sim.Summary) {
	u := s.TimeUnit
	rows := [][]any{{"metric", "element", "unit", "mean", "half_width", "std_dev", "min", "max", "n", "confidence"}}
	for _, c := range columns(s) {
		e := c.est
		rows = append(rows, []any{c.metric, c.element, metricUnit(c.metric, u), cellNum(e.Mean), cellNum(e.HalfWidth),
			cellNum(e.StdDev), cellNum(e.Min), cellNum(e.Max), e.N, s.Confidence})
	}
	b.sheet("Summary", rows)
	b.stations(s)
	if c := s.Costs; c != nil {
		rows := [][]any{{"category", "cost (per " + u + ")", "half_width (per " + u + ")", "share of total"}}
		for _, k := range sim.CostCategories() {
			e := c.Categories[k]
			rows = append(rows, []any{k.String(), cellNum(e.Mean), cellNum(e.HalfWidth), cellNum(e.Mean / c.Total.Mean)})
		}
		for _, x := range []struct {
			name string
			est  [2]float64
		}{{"total (per " + u + ")", [2]float64{c.Total.Mean, c.Total.HalfWidth}},
			{"revenue (per " + u + ")", [2]float64{c.Revenue.Mean, c.Revenue.HalfWidth}},
			{"cost per good part", [2]float64{c.PerPart.Mean, c.PerPart.HalfWidth}},
			{"profit per week", [2]float64{c.Profit.Mean, c.Profit.HalfWidth}}} {
			rows = append(rows, []any{x.name, cellNum(x.est[0]), cellNum(x.est[1])})
		}
		b.sheet("Costs", rows)
	}
	b.replications(s)
}

// stations adds the Stations sheet: each statistic's mean and half-width.
func (b *workbook) stations(s *sim.Summary) {
	u := s.TimeUnit
	head := []any{"station", "machines"}
	names := []string{"utilisation (fraction)", "queue (parts)", "wait (" + u + ")"}
	for _, st := range sim.States() {
		names = append(names, st.String()+" (fraction)")
	}
	names = append(names, "setups (per replication)", "scrapped (per replication)", "reworked (per replication)",
		"availability (fraction)", "OEE (fraction)", "bottleneck sole (fraction)", "bottleneck shifting (fraction)")
	for _, n := range names {
		head = append(head, n, n+" ±")
	}
	rows := [][]any{head}
	for _, ss := range s.Stations {
		r := []any{ss.Name, ss.Machines}
		ests := []stats.Estimate{ss.Utilization, ss.Queue, ss.Wait}
		ests = append(ests, ss.States[:]...)
		ests = append(ests, ss.Setups, ss.Scrapped, ss.Reworked, ss.Availability, ss.OEE, ss.BottleneckSole, ss.BottleneckShifting)
		for _, e := range ests {
			r = append(r, cellNum(e.Mean), cellNum(e.HalfWidth))
		}
		rows = append(rows, r)
	}
	b.sheet("Stations", rows)
}

// replications adds the Replications sheet, the columns of replications.csv.
func (b *workbook) replications(s *sim.Summary) {
	cols := replicationColumns(s)
	head := []any{"replication", "completed (parts)"}
	for _, c := range cols {
		name := c.metric
		if c.element != "" {
			name = c.element + "." + c.metric
		}
		head = append(head, name+" ("+metricUnit(c.metric, s.TimeUnit)+")")
	}
	rows := [][]any{head}
	for _, r := range s.Replications {
		row := []any{r.Index + 1, r.Completed}
		for _, c := range cols {
			row = append(row, cellNum(c.rep(r)))
		}
		rows = append(rows, row)
	}
	b.sheet("Replications", rows)
}

// comparison adds the Comparison sheet: per alternative (and swept value)
// and KPI, the mean, the paired difference to the base and its interval.
func (b *workbook) comparison(c *Comparison) {
	u := c.Alternatives[0].Summary.TimeUnit
	head := []any{"alternative"}
	for _, p := range c.Paths {
		head = append(head, p)
	}
	head = append(head, "kpi", "unit", "mean", "half_width", "diff", "diff_half_width", "unpaired_half_width", "significant", "rank")
	rows := [][]any{head}
	for rank, i := range c.Order {
		a := c.Alternatives[i]
		for _, d := range a.Diffs {
			e := kpiEstimate(a.Summary, d.KPI)
			row := []any{a.Name}
			row = append(row, c.Values[i]...)
			rows = append(rows, append(row, d.KPI, metricUnit(d.KPI, u), cellNum(e.Mean), cellNum(e.HalfWidth),
				cellNum(d.Paired.Mean), cellNum(d.Paired.HalfWidth), cellNum(d.Unpaired.HalfWidth), d.Significant, rank+1))
		}
	}
	b.sheet("Comparison", rows)
}

// metricUnit is the unit of a statistic or KPI of summary.csv in a model
// whose time unit is u.
func metricUnit(metric, u string) string {
	switch {
	case metric == "throughput" || metric == "throughput_scheduled":
		return "parts/" + u
	case metric == "wip" || metric == "queue" || metric == "requests_waiting":
		return "parts"
	case metric == "cost_per_part":
		return "money/part"
	case metric == "profit" || metric == "profit_per_week":
		return "money/week"
	case metric == "cost" || metric == "revenue" || strings.HasPrefix(metric, "cost_"):
		return "money/" + u
	case metric == "mean_stock" || metric == "backorders":
		return "units"
	case metric == "setups" || metric == "scrapped" || metric == "reworked" || metric == "failures" ||
		metric == "stock_outs" || metric == "orders" || metric == "lost" || metric == "trips" || metric == "parts_carried":
		return "per replication"
	case strings.HasPrefix(metric, "cycle_time") || metric == "wait" || metric == "mtbf" || metric == "mttr" ||
		metric == "labour_per_part" || metric == "makespan" || metric == "customer_wait" || metric == "response" || strings.HasPrefix(metric, "mean_") || metric == "max_lateness":
		return u
	}
	return "fraction"
}
