package output

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
	"github.com/takt-sim/takt/sim/stats"
)

// Comparison is a experiment.Comparison as shown to people and tools: in which
// order, ranked by which KPI, and for a sweep the swept key paths and each
// point's values.
type Comparison struct {
	*experiment.Comparison
	Order     []int          // indices into Alternatives, display order
	Objective experiment.KPI // what the order ranks by; zero for a sweep
	Paths     []string
	Values    [][]any // per alternative, the value of each path
}

// tableKPIs are the KPIs of the console table (JSON and CSV have them
// all): throughput, WIP and cycle time, or, for an order book, what its
// customers see.
func tableKPIs(s *sim.Summary) []string {
	k := []string{"throughput", "wip", "cycle_time"}
	if s.Orders != nil {
		k = []string{"on_time", "max_lateness", "mean_flow_time"}
	}
	if s.Run.Until.Set() {
		k = append([]string{"makespan"}, k...)
	}
	if s.Costs != nil {
		k = append(k, "cost_per_part", "profit")
	}
	return k
}

// CompareConsole writes the comparison table: for each alternative the
// value of each KPI and its paired difference to the base, starred when the
// difference is significant.
func CompareConsole(w io.Writer, c *Comparison) error {
	var b strings.Builder
	base := c.Alternatives[0].Summary
	u := base.TimeUnit
	fmt.Fprintf(&b, "%s\n", base.Scenario)
	fmt.Fprintf(&b, "%d alternatives × %d replications with common random numbers; %s%% intervals, times in %s\n",
		len(c.Alternatives), len(base.Replications), short(100*c.Confidence), u)
	if c.Objective.Name != "" {
		better := "lower"
		if c.Objective.Higher {
			better = "higher"
		}
		fmt.Fprintf(&b, "ranked by %s (%s is better)\n", c.Objective.Name, better)
	}
	b.WriteString("\n")
	places := c.places()
	kpis := c.shownKPIs()
	// A sweep's points are named by their values: show those alone.
	head := append([]string(nil), c.Paths...)
	if len(c.Paths) == 0 {
		head = []string{"alternative"}
	}
	if places != nil {
		head = append(head, "rank")
	}
	for _, k := range kpis {
		head = append(head, kpiLabel(k, u), "Δ vs "+c.Alternatives[0].Name)
	}
	rows := [][]string{head}
	for _, i := range c.Order {
		a := c.Alternatives[i]
		var r []string
		for _, v := range c.Values[i] {
			r = append(r, fmt.Sprint(v))
		}
		if len(c.Paths) == 0 {
			r = []string{a.Name}
		}
		if places != nil {
			r = append(r, rankText(places[i]))
		}
		for _, k := range kpis {
			r = append(r, kpiText(a.Summary, k), diffText(a.Diffs, k, i == 0))
		}
		rows = append(rows, r)
	}
	b.WriteString(table(rows, "  "))
	b.WriteString("\n  Δ: paired difference to " + c.Alternatives[0].Name +
		" (replication i against replication i) with its interval; * significant: the interval excludes 0.\n")
	if places != nil {
		b.WriteString("  rank: by " + c.Objective.Name + "; (tie): the paired difference to the best of its group is not " +
			"significant, the replications cannot tell them apart.\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// shownKPIs are the KPIs of the console table: tableKPIs and the
// objective the alternatives are ranked by.
func (c *Comparison) shownKPIs() []string {
	k := tableKPIs(c.Alternatives[0].Summary)
	if o := c.Objective.Name; o != "" && !slices.Contains(k, o) {
		k = append(k, o)
	}
	return k
}

// places are the alternatives' places in the ranking by the objective, by
// index; nil for an unranked sweep.
func (c *Comparison) places() map[int]experiment.Place {
	if c.Objective.Name == "" {
		return nil
	}
	m := map[int]experiment.Place{}
	for _, p := range c.Ranking(c.Objective, c.Order) {
		m[p.Index] = p
	}
	return m
}

// rankText is a place as printed: "2", or "1 (tie)" for a shared rank.
func rankText(p experiment.Place) string {
	if p.Tie {
		return fmt.Sprintf("%d (tie)", p.Rank)
	}
	return fmt.Sprint(p.Rank)
}

func kpiLabel(k, unit string) string {
	switch k {
	case "throughput":
		return "throughput (/" + unit + ")"
	case "wip":
		return "WIP"
	case "on_time":
		return "on time"
	case "cost_per_part":
		return "cost per part"
	case "profit":
		return "profit per week"
	}
	return strings.ReplaceAll(k, "_", " ") + " (" + unit + ")"
}

// kpiEstimate is the summary's estimate of the KPI called name.
func kpiEstimate(s *sim.Summary, name string) stats.Estimate {
	k, _ := experiment.KPIByName(name)
	xs := make([]float64, len(s.Replications))
	for i, r := range s.Replications {
		xs[i] = k.Value(r)
	}
	return stats.NewEstimate(xs, s.Confidence)
}

func diffText(ds []experiment.Diff, kpi string, isBase bool) string {
	if isBase {
		return ""
	}
	scale, unit := 1.0, ""
	if kpi == "on_time" {
		scale, unit = 100, " pp" // percentage points
	}
	for _, d := range ds {
		if d.KPI == kpi {
			s := est(d.Paired, scale, unit)
			if d.Paired.Mean > 0 && !strings.HasPrefix(s, "-") {
				s = "+" + s
			}
			if d.Significant {
				s += " *"
			}
			return s
		}
	}
	return ""
}

// DiffJSON is a KPI difference in JSON.
type DiffJSON struct {
	Mean              Number `json:"mean"`
	HalfWidth         Number `json:"half_width"`
	Significant       bool   `json:"significant"`
	UnpairedHalfWidth Number `json:"unpaired_half_width"`
}

// AlternativeJSON is one alternative of `takt compare --json` and
// `takt sweep --json`: stable paths name, kpis, diff.
type AlternativeJSON struct {
	Name string `json:"name"`
	Base bool   `json:"base"`
	// Rank and Tie: the place in the ranking by the objective (see
	// experiment.Place); absent for an unranked sweep.
	Rank    int                     `json:"rank,omitempty"`
	Tie     bool                    `json:"tie,omitempty"`
	Values  map[string]any          `json:"values,omitempty"`
	KPIs    map[string]EstimateJSON `json:"kpis"`
	Diff    map[string]DiffJSON     `json:"diff"`
	Summary SummaryJSON             `json:"summary"`
}

// ComparisonJSON is the JSON of a comparison or sweep.
type ComparisonJSON struct {
	Scenario     string            `json:"scenario"`
	Replications int               `json:"replications"`
	Confidence   float64           `json:"confidence"`
	TimeUnit     string            `json:"time_unit"`
	Objective    string            `json:"objective,omitempty"`
	Ranking      []string          `json:"ranking"`
	Sweep        []string          `json:"sweep,omitempty"`
	Variants     []AlternativeJSON `json:"variants"`
}

// CompareJSON writes the comparison as one JSON object; variants[0] is the
// base.
func CompareJSON(w io.Writer, c *Comparison) error {
	base := c.Alternatives[0].Summary
	out := ComparisonJSON{Scenario: base.Scenario, Replications: len(base.Replications),
		Confidence: c.Confidence, TimeUnit: base.TimeUnit, Objective: c.Objective.Name, Sweep: c.Paths}
	for _, i := range c.Order {
		out.Ranking = append(out.Ranking, c.Alternatives[i].Name)
	}
	places := c.places()
	for i, a := range c.Alternatives {
		aj := AlternativeJSON{Name: a.Name, Base: i == 0, KPIs: map[string]EstimateJSON{},
			Diff: map[string]DiffJSON{}, Summary: NewSummaryJSON(a.Summary)}
		if p, ok := places[i]; ok {
			aj.Rank, aj.Tie = p.Rank, p.Tie
		}
		for _, d := range a.Diffs {
			aj.KPIs[d.KPI] = estJSON(kpiEstimate(a.Summary, d.KPI))
			aj.Diff[d.KPI] = DiffJSON{Number(d.Paired.Mean), Number(d.Paired.HalfWidth), d.Significant, Number(d.Unpaired.HalfWidth)}
		}
		if len(c.Paths) > 0 {
			aj.Values = map[string]any{}
			for k, p := range c.Paths {
				aj.Values[p] = c.Values[i][k]
			}
		}
		out.Variants = append(out.Variants, aj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// CompareCSV writes comparison.csv into dir: one row per alternative and
// KPI with the value, the paired difference to the base and its interval.
func CompareCSV(dir string, c *Comparison) error {
	return writeCSVFile(filepath.Join(dir, "comparison.csv"), func(add func(...string)) {
		head := []string{"alternative"}
		head = append(head, c.Paths...)
		add(append(head, "kpi", "mean", "half_width", "diff", "diff_half_width", "unpaired_half_width", "significant")...)
		for _, i := range c.Order {
			a := c.Alternatives[i]
			for _, d := range a.Diffs {
				e := kpiEstimate(a.Summary, d.KPI)
				row := []string{a.Name}
				for _, v := range c.Values[i] {
					row = append(row, fmt.Sprint(v))
				}
				add(append(row, d.KPI, g(e.Mean), g(e.HalfWidth), g(d.Paired.Mean), g(d.Paired.HalfWidth),
					g(d.Unpaired.HalfWidth), fmt.Sprint(d.Significant))...)
			}
		}
	})
}

// kpiText formats a KPI of a summary, shares as percentages.
func kpiText(s *sim.Summary, k string) string {
	if k == "on_time" {
		return est(kpiEstimate(s, k), 100, "%")
	}
	return est(kpiEstimate(s, k), 1, "")
}
