package output

import (
	"fmt"
	"strings"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// Money in the output: every cost and the revenue are per time unit of the
// scenario, the cost per part per good part reaching a sink, the profit per
// week. takt knows no currency: the numbers are in the scenario's money.

// costColumns are the CSV statistics of a plant with costs.
func costColumns(s *sim.Summary) []column {
	c := s.Costs
	if c == nil {
		return nil
	}
	cols := []column{
		{"cost", "", c.Total, (*sim.Replication).TotalCost},
		{"revenue", "", c.Revenue, (*sim.Replication).RevenueRate},
		{"cost_per_part", "", c.PerPart, (*sim.Replication).CostPerPart},
		{"profit_per_week", "", c.Profit, (*sim.Replication).Profit},
	}
	for _, k := range sim.CostCategories() {
		cols = append(cols, column{"cost_" + k.String(), "", c.Categories[k],
			func(r *sim.Replication) float64 { return r.Cost(k) }})
	}
	return cols
}

// CostsJSON is the cost breakdown of `takt run --json`: per time unit
// (total, revenue, by_category), per good part, per week.
type CostsJSON struct {
	Total         EstimateJSON            `json:"total"`
	Revenue       EstimateJSON            `json:"revenue"`
	PerPart       EstimateJSON            `json:"per_part"`
	ProfitPerWeek EstimateJSON            `json:"profit_per_week"`
	Week          float64                 `json:"week"`
	ByCategory    map[string]EstimateJSON `json:"by_category"`
}

func costsJSON(c *sim.CostSummary) *CostsJSON {
	if c == nil {
		return nil
	}
	out := &CostsJSON{Total: estJSON(c.Total), Revenue: estJSON(c.Revenue), PerPart: estJSON(c.PerPart),
		ProfitPerWeek: estJSON(c.Profit), Week: c.Week, ByCategory: map[string]EstimateJSON{}}
	for _, k := range sim.CostCategories() {
		out.ByCategory[k.String()] = estJSON(c.Categories[k])
	}
	return out
}

// costTable is the cost breakdown: the categories that cost anything,
// with their share of the total, then the total and the revenue; and the
// lines of cost per part and profit per week.
func costTable(s *sim.Summary) (rows [][]string, text string) {
	c, u := s.Costs, s.TimeUnit
	rows = [][]string{{"cost", "per " + u, "share"}}
	for _, k := range costsShown(c) {
		e := c.Categories[k]
		rows = append(rows, []string{costLabel(k), est(e, 1, ""), num(100*e.Mean/c.Total.Mean, 1) + "%"})
	}
	rows = append(rows, []string{"total", est(c.Total, 1, ""), "100%"},
		[]string{"revenue", est(c.Revenue, 1, ""), ""})
	text = fmt.Sprintf("cost per good part: %s\nprofit per week (%s %s): %s\n",
		est(c.PerPart, 1, ""), short(c.Week), u, est(c.Profit, 1, ""))
	return rows, text
}

// costsShown are the categories that cost anything in some replication.
func costsShown(c *sim.CostSummary) []sim.CostCategory {
	var out []sim.CostCategory
	for _, k := range sim.CostCategories() {
		if e := c.Categories[k]; e.Max > 0 || e.Min < 0 {
			out = append(out, k)
		}
	}
	return out
}

func costLabel(k sim.CostCategory) string { return strings.ReplaceAll(k.String(), "_", " ") }

// costRows is the console's cost section.
func costRows(s *sim.Summary) string {
	if s.Costs == nil || len(s.Replications) == 0 {
		return ""
	}
	rows, text := costTable(s)
	var b strings.Builder
	b.WriteString("\nCosts\n")
	b.WriteString(table(rows, "  "))
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		b.WriteString("  " + l + "\n")
	}
	return b.String()
}

const costsText = `What the plant costs per time unit, by category, each with its confidence interval: machine time by state (running = busy or in setup; idle = starved, blocked or waiting for operators or material; down = down, waiting for a crew or in maintenance), the machines' fixed cost, the crews' scheduled time and overtime, setups, material of the parts released, scrap, parts held in process, and orders' lateness. Cost per part is the total cost over the good parts reaching a sink; profit is revenue minus cost over a week.`

// costSection is the report's cost breakdown with its chart; ok is false
// for a plant without costs.
func costSection(s *sim.Summary) (Section, bool) {
	if s.Costs == nil {
		return Section{}, false
	}
	rows, text := costTable(s)
	var labels []string
	var ests []stats.Estimate
	for _, k := range costsShown(s.Costs) {
		labels = append(labels, costLabel(k))
		ests = append(ests, s.Costs.Categories[k])
	}
	chart := Chart{Name: "costs", Plot: BarsCI("Cost by category", "cost per "+s.TimeUnit, labels, ests)}
	return Section{Heading: "Costs", Text: costsText + "\n\n" + text, Table: rows, Charts: []Chart{chart}}, true
}
