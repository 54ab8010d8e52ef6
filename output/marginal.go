package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/takt-sim/takt/sim/experiment"
)

// Marginal is the result of `takt marginal`: the base and, per place, the
// alternative with one more unit of What there ("buffer", "machines" or
// "crews"), compared by common random numbers and ranked by Objective.
type Marginal struct {
	*experiment.Comparison
	What      string
	Changes   []string // per place (alternative i+1), e.g. "3 → 4"
	Objective experiment.KPI
}

// unit names one more unit of what the marginal adds.
func (m *Marginal) unit() string {
	switch m.What {
	case "machines", "machine":
		return "machine"
	case "crews", "crew":
		return "crew member"
	}
	return "buffer slot"
}

// ranking places the alternatives other than the base by the objective;
// places whose gains the replications cannot tell apart tie.
func (m *Marginal) ranking() []experiment.Place { return rankAgainstBase(m.Comparison, m.Objective) }

// diff is the difference of alternative i to the base in the KPI called
// name.
func (m *Marginal) diff(i int, name string) (experiment.Diff, bool) {
	for _, d := range m.Alternatives[i].Diffs {
		if d.KPI == name {
			return d, true
		}
	}
	return experiment.Diff{}, false
}

// MarginalConsole writes the ranking of places by the gain one more unit
// there buys.
func MarginalConsole(w io.Writer, m *Marginal) error {
	base := m.Alternatives[0].Summary
	view := &Comparison{Comparison: m.Comparison, Objective: m.Objective}
	kpis := view.shownKPIs()
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", base.Scenario)
	fmt.Fprintf(&b, "One more %s at one place at a time, paired by common random numbers over %d replications; %s%% intervals, times in %s\n",
		m.unit(), len(base.Replications), short(100*m.Confidence), base.TimeUnit)
	better := "lower"
	if m.Objective.Higher {
		better = "higher"
	}
	fmt.Fprintf(&b, "ranked by the change in %s (%s is better); base %s %s\n\n", m.Objective.Name, better,
		m.Objective.Name, kpiText(base, m.Objective.Name))
	head := []string{"place", m.What, "rank"}
	for _, k := range kpis {
		head = append(head, "Δ "+kpiLabel(k, base.TimeUnit))
	}
	rows := [][]string{head}
	for _, p := range m.ranking() {
		a := m.Alternatives[p.Index]
		r := []string{a.Name, m.Changes[p.Index-1], rankText(p)}
		for _, k := range kpis {
			r = append(r, diffText(a.Diffs, k, false))
		}
		rows = append(rows, r)
	}
	b.WriteString(table(rows, "  "))
	b.WriteString("\n  Δ: paired difference to the base with its interval; * significant: the interval excludes 0. " +
		"(tie): the paired difference to the best of its group is not significant.\n")
	b.WriteString("  " + m.verdict() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// verdict says where the next unit goes: the places of the first rank, if
// their change in the objective is significant and for the better.
func (m *Marginal) verdict() string {
	rank := m.ranking()
	if len(rank) == 0 {
		return "There is no place to compare."
	}
	d, _ := m.diff(rank[0].Index, m.Objective.Name)
	better := d.Paired.Mean > 0
	if !m.Objective.Higher {
		better = d.Paired.Mean < 0
	}
	if !d.Significant || !better {
		why := "; more replications are needed to tell"
		if m.Objective.Name == "throughput" && m.Alternatives[0].Summary.LimitedByRelease() {
			why = ": the release of parts limits the plant"
		}
		return fmt.Sprintf("No place's extra %s improves %s significantly%s (best: %s, %s).", m.unit(), m.Objective.Name,
			why, m.Alternatives[rank[0].Index].Name, est(d.Paired, 1, ""))
	}
	top := m.Alternatives[rank[0].Index].Name
	if names := firstRank(m.Comparison, rank); len(names) > 1 {
		return fmt.Sprintf("The next %s goes to %s, a tie: the replications cannot tell their gains apart (at %s, %s changes by %s).",
			m.unit(), joinOr(names), top, m.Objective.Name, est(d.Paired, 1, ""))
	}
	return fmt.Sprintf("The next %s goes to %s: %s changes by %s.", m.unit(), top, m.Objective.Name, est(d.Paired, 1, ""))
}

// MarginalJSON writes the ranking as JSON: places[] in rank order with
// name, change, rank, tie and the paired difference of every KPI.
func MarginalJSON(w io.Writer, m *Marginal) error {
	type place struct {
		Name   string              `json:"name"`
		Change string              `json:"change"`
		Rank   int                 `json:"rank"`
		Tie    bool                `json:"tie"`
		Diff   map[string]DiffJSON `json:"diff"`
	}
	base := m.Alternatives[0].Summary
	out := struct {
		Scenario   string       `json:"scenario"`
		What       string       `json:"what"`
		Objective  string       `json:"objective"`
		Confidence float64      `json:"confidence"`
		Base       EstimateJSON `json:"base"`
		Places     []place      `json:"places"`
		Verdict    string       `json:"verdict"`
	}{Scenario: base.Scenario, What: m.What, Objective: m.Objective.Name, Confidence: m.Confidence,
		Base: estJSON(kpiEstimate(base, m.Objective.Name)), Places: []place{}, Verdict: m.verdict()}
	for _, p := range m.ranking() {
		pl := place{Name: m.Alternatives[p.Index].Name, Change: m.Changes[p.Index-1], Rank: p.Rank, Tie: p.Tie, Diff: map[string]DiffJSON{}}
		for _, d := range m.Alternatives[p.Index].Diffs {
			pl.Diff[d.KPI] = DiffJSON{Number(d.Paired.Mean), Number(d.Paired.HalfWidth), d.Significant, Number(d.Unpaired.HalfWidth)}
		}
		out.Places = append(out.Places, pl)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
