package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/takt-sim/takt/sim/experiment"
)

// OptimizationConsole writes the answer of `takt optimize`: the selected
// design, what the guarantee says, the runner-ups within the indifference
// zone and every candidate's KPIs with intervals.
func OptimizationConsole(w io.Writer, o *experiment.Optimization, unit string) error {
	var b strings.Builder
	b.WriteString(OptimizationText(o))
	if o.Best < 0 {
		b.WriteString("The candidates came closest:\n")
	} else {
		b.WriteString("\nCandidates:\n")
	}
	b.WriteString(table(optimizationRows(o, unit), "  "))
	_, err := io.WriteString(w, b.String())
	return err
}

// OptimizationText is what the optimisation found, in words: the method,
// the selected design and its guarantee, the runner-ups within delta and
// the search path.
func OptimizationText(o *experiment.Optimization) string {
	var b strings.Builder
	dir := "maximise"
	if !o.Maximize {
		dir = "minimise"
	}
	fmt.Fprintf(&b, "Optimisation: %s %s", dir, o.Objective.Name)
	for _, bd := range o.Bounds {
		fmt.Fprintf(&b, ", %s", bd)
	}
	fmt.Fprintf(&b, "\nsearch: %s", o.Method)
	if o.Feasible >= 0 {
		fmt.Fprintf(&b, " of %d feasible designs", o.Feasible)
	} else {
		fmt.Fprintf(&b, ", %d designs visited", len(o.Visited))
	}
	fmt.Fprintf(&b, "; selection: %s among %d candidates; %d replications in all\n\n", o.Selection, len(o.Candidates), o.Replications)
	switch {
	case o.Best < 0:
		b.WriteString("No design meets the constraints on the KPIs")
		if len(o.Bounds) > 0 {
			fmt.Fprintf(&b, " (%s)", boundsText(o.Bounds))
		}
		b.WriteString(": there is no answer to give.\n")
	default:
		best := o.Candidates[o.Best]
		fmt.Fprintf(&b, "Best design: %s\n  %s %s\n", best.Name, o.Objective.Name, est(best.Objective, 1, ""))
		if o.Guaranteed {
			fmt.Fprintf(&b, "  With probability at least %s%%, its mean %s is within %s of the best candidate's.\n",
				short(100*o.Confidence), o.Objective.Name, short(o.Delta))
		} else {
			fmt.Fprintf(&b, "  The budget ran out before the selection separated the candidates: no guarantee;\n"+
				"  raise --budget or --delta. %d designs were still in contention.\n", len(o.Close)+1)
		}
		if len(o.Close) > 0 {
			var names []string
			for _, i := range o.Close {
				names = append(names, o.Candidates[i].Name)
			}
			fmt.Fprintf(&b, "  Within delta (%s) of it, as good for practical purposes: %s\n", short(o.Delta), strings.Join(names, "; "))
		}
	}
	if len(o.Path) > 0 {
		var steps []string
		for i, k := range o.Path {
			if i == 0 || k != o.Path[i-1] {
				steps = append(steps, o.Visited[k].Name)
			}
		}
		fmt.Fprintf(&b, "Search path (best so far): %s\n", strings.Join(steps, " → "))
	}
	return b.String()
}

// optimizationRows is the table of candidates with their KPIs.
func optimizationRows(o *experiment.Optimization, unit string) [][]string {
	rows := [][]string{{"design", o.Objective.Name, "throughput", "WIP", "cycle time (" + unit + ")", "meets", "n"}}
	for i, d := range o.Candidates {
		name := d.Name
		if i == o.Best {
			name = "> " + name
		}
		s := d.Summary
		rows = append(rows, []string{name, est(d.Objective, 1, ""), est(s.Throughput, 1, ""), est(s.WIP, 1, ""),
			est(s.CycleTime, 1, ""), yesNo(d.Feasible), fmt.Sprint(len(s.Replications))})
	}
	return rows
}

// NewOptimizationReport is the report of an optimisation: what it found
// and its search path, then the candidates compared with the selected
// design (paired differences) as in a comparison report.
func NewOptimizationReport(title, description, file, source string, o *experiment.Optimization, c *Comparison, unit string) *Report {
	r := NewComparisonReport(title, description, file, source, c)
	sec := Section{Heading: "Optimisation", Text: OptimizationText(o), Table: optimizationRows(o, unit)}
	r.Sections = append([]Section{sec}, r.Sections...)
	return r
}

func boundsText(bs []experiment.Bound) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, b.String())
	}
	return strings.Join(parts, ", ")
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "no"
}

// OptimizationJSON is the JSON form of `takt optimize --json`.
type OptimizationJSON struct {
	Objective    string       `json:"objective"`
	Maximize     bool         `json:"maximize"`
	Bounds       []string     `json:"bounds"`
	Method       string       `json:"method"`
	Selection    string       `json:"selection"`
	Delta        Number       `json:"delta"`
	Confidence   Number       `json:"confidence"`
	Guaranteed   bool         `json:"guaranteed"`
	Feasible     int          `json:"feasible_designs"` // -1 when the space was searched, not enumerated
	Best         *DesignJSON  `json:"best"`             // null when no design meets the bounds
	Close        []string     `json:"within_delta"`
	Candidates   []DesignJSON `json:"candidates"`
	Visited      []DesignJSON `json:"visited"`
	Path         []string     `json:"search_path"`
	Replications int          `json:"replications"`
	TimeUnit     string       `json:"time_unit"`
}

// DesignJSON is one design with its values and KPIs.
type DesignJSON struct {
	Name       string       `json:"name"`
	Values     []Number     `json:"values"`
	Objective  EstimateJSON `json:"objective"`
	Throughput EstimateJSON `json:"throughput"`
	WIP        EstimateJSON `json:"wip"`
	CycleTime  EstimateJSON `json:"cycle_time"`
	Feasible   bool         `json:"meets_bounds"`
	N          int          `json:"replications"`
}

func designJSON(d *experiment.Design) DesignJSON {
	v := make([]Number, len(d.X))
	for i, x := range d.X {
		v[i] = Number(x)
	}
	s := d.Summary
	return DesignJSON{Name: d.Name, Values: v, Objective: estJSON(d.Objective), Throughput: estJSON(s.Throughput),
		WIP: estJSON(s.WIP), CycleTime: estJSON(s.CycleTime), Feasible: d.Feasible, N: len(s.Replications)}
}

// OptimizeJSON writes the optimisation as JSON.
func OptimizeJSON(w io.Writer, o *experiment.Optimization, unit string) error {
	j := OptimizationJSON{Objective: o.Objective.Name, Maximize: o.Maximize, Method: o.Method, Selection: o.Selection,
		Delta: Number(o.Delta), Confidence: Number(o.Confidence), Guaranteed: o.Guaranteed, Feasible: o.Feasible,
		Replications: o.Replications, TimeUnit: unit, Bounds: []string{}, Close: []string{}, Path: []string{}}
	for _, b := range o.Bounds {
		j.Bounds = append(j.Bounds, b.String())
	}
	for _, d := range o.Candidates {
		j.Candidates = append(j.Candidates, designJSON(d))
	}
	for _, d := range o.Visited {
		j.Visited = append(j.Visited, designJSON(d))
	}
	for _, i := range o.Path {
		j.Path = append(j.Path, o.Visited[i].Name)
	}
	if o.Best >= 0 {
		best := designJSON(o.Candidates[o.Best])
		j.Best = &best
		for _, i := range o.Close {
			j.Close = append(j.Close, o.Candidates[i].Name)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}
