package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/takt-sim/takt/sim/experiment"
)

// Sensitivity is the result of `takt bottleneck`: the base and, per station,
// the alternative with Speedup more capacity there (experiment.Sensitivity).
type Sensitivity struct {
	*experiment.Comparison
	Speedup float64
}

// ranking places the station alternatives, largest throughput gain first;
// stations whose gains the replications cannot tell apart tie.
func (s *Sensitivity) ranking() []experiment.Place {
	return rankAgainstBase(s.Comparison, experiment.KPIs()[0])
}

// rankAgainstBase places the alternatives other than the base (index 0)
// by kpi, with ties.
func rankAgainstBase(c *experiment.Comparison, kpi experiment.KPI) []experiment.Place {
	idx := make([]int, len(c.Alternatives)-1)
	for i := range idx {
		idx[i] = i + 1
	}
	return c.Ranking(kpi, idx)
}

// firstRank names the alternatives of rank 1.
func firstRank(c *experiment.Comparison, rank []experiment.Place) []string {
	var names []string
	for _, p := range rank {
		if p.Rank == 1 {
			names = append(names, c.Alternatives[p.Index].Name)
		}
	}
	return names
}

// gain is the throughput difference of alternative i to the base.
func (s *Sensitivity) gain(i int) experiment.Diff { return s.Alternatives[i].Diffs[0] }

// SensitivityConsole writes the ranking of stations by the throughput that
// more capacity there buys, beside their bottleneck shares.
func SensitivityConsole(w io.Writer, s *Sensitivity) error {
	base := s.Alternatives[0].Summary
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", base.Scenario)
	fmt.Fprintf(&b, "Throughput gain from +%s%% capacity at one station at a time (process times ÷ %s), "+
		"paired by common random numbers over %d replications; %s%% intervals\n",
		short(100*s.Speedup), short(1+s.Speedup), len(base.Replications), short(100*s.Confidence))
	fmt.Fprintf(&b, "base throughput %s parts/%s\n\n", est(base.Throughput, 1, ""), base.TimeUnit)
	rows := [][]string{{"rank", "station", "throughput gain", "gain", "bottleneck share", "utilisation"}}
	for _, p := range s.ranking() {
		i := p.Index
		d := s.gain(i)
		st := base.Stations[i-1]
		gain := est(d.Paired, 1, "")
		if d.Significant {
			gain += " *"
		}
		rel := d.Paired
		rel.Mean /= base.Throughput.Mean
		rel.HalfWidth /= base.Throughput.Mean
		rows = append(rows, []string{rankText(p), st.Name, gain, est(rel, 100, "%"),
			est(sumShares(st), 100, "%"), est(st.Utilization, 100, "%")})
	}
	b.WriteString(table(rows, "  "))
	b.WriteString("\n  * significant: the interval of the gain excludes 0. (tie): the paired difference to the best gain of " +
		"its group is not significant. Bottleneck share: time as sole or shifting bottleneck.\n")
	b.WriteString("  " + s.verdict() + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// verdict says where one more hour of effort buys the most: the stations
// of the first rank, if their gain is significant; otherwise, whether the
// release of parts limits the plant (as the run's verdict says) or more
// replications are needed.
func (s *Sensitivity) verdict() string {
	rank := s.ranking()
	if len(rank) == 0 {
		return "There are no stations."
	}
	top := s.Alternatives[rank[0].Index]
	d := s.gain(rank[0].Index)
	if !d.Significant || d.Paired.Mean <= 0 {
		if s.Alternatives[0].Summary.LimitedByRelease() {
			return "No station's extra capacity raises throughput significantly: the release of parts limits the " +
				"plant (every station is idle for lack of work part of the time and no source is held back)."
		}
		if d.Paired.Mean == 0 && d.Paired.HalfWidth == 0 {
			return "No single station's extra capacity raises throughput: the best gain is exactly 0 in every " +
				"replication, so the stations limit it together."
		}
		return fmt.Sprintf("No station's extra capacity raises throughput significantly; more replications are "+
			"needed to tell (best: %s, %s).", top.Name, est(d.Paired, 1, ""))
	}
	if names := firstRank(s.Comparison, rank); len(names) > 1 {
		return fmt.Sprintf("Effort buys the most at %s, a tie: the replications cannot tell their gains apart "+
			"(+%s%% capacity at %s raises throughput by %s).", joinOr(names), short(100*s.Speedup), top.Name, est(d.Paired, 1, ""))
	}
	return fmt.Sprintf("Effort buys the most at %s: +%s%% capacity there raises throughput by %s.",
		top.Name, short(100*s.Speedup), est(d.Paired, 1, ""))
}

// joinOr joins names as "a, b or c".
func joinOr(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// SensitivityJSON writes the ranking as JSON: stations[] in rank order with
// name, gain {mean, half_width, significant}, and the base's bottleneck
// shares and utilisation.
func SensitivityJSON(w io.Writer, s *Sensitivity) error {
	type station struct {
		Name        string         `json:"name"`
		Rank        int            `json:"rank"`
		Tie         bool           `json:"tie"`
		Gain        DiffJSON       `json:"gain"`
		Bottleneck  BottleneckJSON `json:"bottleneck"`
		Utilization EstimateJSON   `json:"utilization"`
	}
	base := s.Alternatives[0].Summary
	out := struct {
		Scenario   string       `json:"scenario"`
		Speedup    float64      `json:"speedup"`
		Confidence float64      `json:"confidence"`
		Throughput EstimateJSON `json:"throughput"`
		Stations   []station    `json:"stations"`
		Verdict    string       `json:"verdict"`
	}{Scenario: base.Scenario, Speedup: s.Speedup, Confidence: s.Confidence,
		Throughput: estJSON(base.Throughput), Verdict: s.verdict()}
	for _, p := range s.ranking() {
		d, st := s.gain(p.Index), base.Stations[p.Index-1]
		out.Stations = append(out.Stations, station{Name: st.Name, Rank: p.Rank, Tie: p.Tie,
			Gain:        DiffJSON{Number(d.Paired.Mean), Number(d.Paired.HalfWidth), d.Significant, Number(d.Unpaired.HalfWidth)},
			Bottleneck:  BottleneckJSON{estJSON(st.BottleneckSole), estJSON(st.BottleneckShifting)},
			Utilization: estJSON(st.Utilization)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
