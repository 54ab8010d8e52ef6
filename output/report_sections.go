package output

import (
	"fmt"
	"math"
	"strings"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// StandardSections are the sections of every report, in order: the summary
// in plain words, the run settings, the plant's key figures, the stations
// (table and state chart), reliability and crews when the plant has them,
// and, when rec is not nil, replication 1 over time.
func StandardSections(s *sim.Summary, rec *Recorder) []Section {
	secs := []Section{
		{Heading: "Summary", Text: plainSummary(s)},
		{Heading: "Run settings", Table: runRows(s)},
	}
	if len(s.Replications) == 0 {
		return secs
	}
	secs = append(secs, Section{Heading: "Key figures", Text: keyFiguresText(s), Table: kpiRows(s)})
	if rec != nil {
		secs = append(secs, plantSection(s, rec))
	}
	secs = append(secs,
		Section{Heading: "Stations", Text: stationsText, Table: stationRows(s),
			Charts: []Chart{{Name: "states", Plot: StateBars(s), Height: RowChartHeight(len(s.Stations))}}})
	secs = append(secs, bottleneckSection(s))
	if len(s.Stores) > 0 {
		secs = append(secs, Section{Heading: "Make to stock", Text: storesText, Table: storeRows(s)})
	}
	if len(s.Materials) > 0 {
		secs = append(secs, Section{Heading: "Materials", Text: materialsText, Table: materialRows(s)})
	}
	if len(s.Conveyors) > 0 {
		secs = append(secs, Section{Heading: "Conveyors", Text: conveyorsText, Table: conveyorRows(s)})
	}
	if len(s.Transporters) > 0 {
		secs = append(secs, Section{Heading: "Transporters", Text: transportersText, Table: transporterTable(s)})
	}
	if len(s.Kanbans) > 0 {
		secs = append(secs, Section{Heading: "Kanban loops", Text: kanbansText, Table: kanbanRows(s)})
	}
	if rec != nil && len(s.Stations) > 0 {
		secs = append(secs, valueStreamSection(s, rec))
	}
	if sec, ok := costSection(s); ok {
		secs = append(secs, sec)
	}
	if rows := reliabilityRows(s); len(rows) > 1 {
		secs = append(secs, Section{Heading: "Reliability", Text: reliabilityText, Table: rows})
	}
	if len(s.Crews) > 0 {
		secs = append(secs, Section{Heading: "Crews", Text: crewsText + "\n\n" + strings.ToUpper(labourText(s)[:1]) + labourText(s)[1:] + ".", Table: crewRows(s)})
	}
	if rec != nil {
		secs = append(secs, traceSections(s, rec)...)
	}
	return secs
}

const stationsText = `Each station's machine time split into its states, as fractions that sum to 100%: busy (processing), starved (idle, nothing to do), blocked (holding a finished part the next station cannot take yet), and, with breakdowns, down, waiting_crew and maintenance. Queue is the average number of parts waiting in front of the station, wait the average time a part spends there.`

const crewsText = `The share of the crew members' time spent at work — repairs, maintenance, operating machines — over all time and over the time their shift schedules them (the same as over all time for a crew without a shift).`

const reliabilityText = `Availability is the share of time a machine is not down, waiting for a crew member or in maintenance. MTBF and MTTR are observed: available machine time per failure, and the time from a failure until the machine is back. OEE = availability × performance × quality.`

// runRows is the table of run settings.
func runRows(s *sim.Summary) [][]string {
	u := s.TimeUnit
	reps := fmt.Sprint(len(s.Replications))
	if s.Partial {
		reps = fmt.Sprintf("%d of %d (partial)", len(s.Replications), s.Requested)
	}
	rows := [][]string{
		{"setting", "value"},
		{"replications", reps},
		{"horizon (warm-up included)", short(s.Run.Horizon) + " " + u},
		{"warm-up", short(s.Run.Warmup) + " " + u},
		{"base seed", fmt.Sprint(s.Run.Seed)},
		{"confidence level", short(100*s.Confidence) + "%"},
		{"time unit", u},
	}
	if d := UntilText(s.Run); d != "" {
		rows[2] = []string{"horizon (the longest a replication may take)", short(s.Run.Horizon) + " " + u}
		rows = append(rows[:2], append([][]string{{"each replication runs until", d}}, rows[2:]...)...)
	}
	return rows
}

// kpiRows is the table of the plant's key figures.
func kpiRows(s *sim.Summary) [][]string {
	u := s.TimeUnit
	rows := [][]string{
		{"figure", "mean ±half-width", "unit"},
	}
	if s.Run.Until.Set() {
		rows = append(rows, []string{"makespan (from the warm-up to done)", est(s.Makespan, 1, ""), u})
	}
	rows = append(rows, [][]string{
		{"throughput", est(s.Throughput, 1, ""), "parts/" + u},
		{"WIP (work in process)", est(s.WIP, 1, ""), "parts"},
		{"cycle time", est(s.CycleTime, 1, ""), u},
	}...)
	for _, q := range s.CycleQuantiles {
		rows = append(rows, []string{fmt.Sprintf("cycle time, %g%% of parts within", 100*q.P), est(q.Estimate, 1, ""), u})
	}
	for _, k := range s.Sinks {
		if len(s.Sinks) > 1 {
			rows = append(rows, []string{"throughput into " + k.Name, est(k.Throughput, 1, ""), "parts/" + u})
		}
	}
	return rows
}

func keyFiguresText(s *sim.Summary) string {
	return fmt.Sprintf("Each figure is the mean over %d replications with the half-width of its %s%% confidence interval: "+
		"the true long-run value lies within mean ± half-width with %s%% confidence. "+
		"Throughput counts parts reaching a sink after the warm-up; cycle time runs from entering the plant to reaching a sink.",
		len(s.Replications), short(100*s.Confidence), short(100*s.Confidence))
}

// plainSummary says in a few sentences what the run shows: output, cycle
// time and WIP, the busiest station, and the ones starved or blocked most.
func plainSummary(s *sim.Summary) string {
	if len(s.Replications) == 0 {
		return fmt.Sprintf("The run was interrupted before any of its %d replications completed; there are no results.", s.Requested)
	}
	u := s.TimeUnit
	var b strings.Builder
	if s.Partial {
		fmt.Fprintf(&b, "The results are partial: only %d of %d replications completed, so the intervals are wider than planned.\n\n",
			len(s.Replications), s.Requested)
	}
	fmt.Fprintf(&b, "The plant completes %s parts per %s. A part spends %s %s in the plant on average",
		est(s.Throughput, 1, ""), u, est(s.CycleTime, 1, ""), u)
	for _, q := range s.CycleQuantiles {
		if q.P == 0.9 {
			fmt.Fprintf(&b, " (90%% of parts within %s %s)", est(q.Estimate, 1, ""), u)
		}
	}
	fmt.Fprintf(&b, ", and %s parts are in process on average.", est(s.WIP, 1, ""))
	if len(s.Stations) == 0 {
		return b.String()
	}
	b.WriteString("\n\n" + stationSummary(s) + "\n\n" + Verdict(s))
	return b.String()
}

const bottleneckText = `By the active-period method (Roser, Nakano & Tanaka): a station is active while none of its machines waits for work or for room downstream; at every instant the station with the longest uninterrupted active period is the bottleneck. Where the active periods of one bottleneck and the next overlap, both are shifting bottlenecks; otherwise it is the sole bottleneck.`

// bottleneckSection is the verdict, the shares of every station beside the
// classic indicators, and their chart.
func bottleneckSection(s *sim.Summary) Section {
	var names []string
	var sole, shifting []stats.Estimate
	for _, st := range s.Stations {
		names = append(names, st.Name)
		sole, shifting = append(sole, st.BottleneckSole), append(shifting, st.BottleneckShifting)
	}
	return Section{Heading: "Bottlenecks", Text: Verdict(s) + "\n\n" + bottleneckText, Table: bottleneckRows(s),
		Charts: []Chart{{Name: "bottlenecks", Plot: BottleneckBars(names, sole, shifting)}}}
}

// stationSummary names the busiest station and those starved, blocked and
// down most (when at least 1% of their machine time).
func stationSummary(s *sim.Summary) string {
	text := busiestText(s)
	for _, st := range []struct {
		state  sim.State
		format string
	}{
		{sim.Starved, " Starved most: %s, idle with nothing to do for %s of its machine time; it waits for work from upstream."},
		{sim.Blocked, " Blocked most: %s, holding finished parts the next station cannot take for %s of its machine time; it is held back by what comes after it."},
		{sim.Down, " Down most: %s, in repair for %s of its machine time."},
	} {
		ss := s.Stations[mostIn(s, st.state)]
		if e := ss.States[st.state]; e.Mean >= 0.01 {
			text += fmt.Sprintf(st.format, ss.Name, est(e, 100, "%"))
		}
	}
	return text
}

// busiestText names the station with the highest utilisation, or all
// stations whose intervals reach the top one's: the data cannot tell
// those apart.
func busiestText(s *sim.Summary) string {
	top := s.Stations[mostIn(s, sim.Busy)].Utilization
	var tied []string
	for _, ss := range s.Stations {
		if u := ss.Utilization; u.Mean+orZero(u.HalfWidth) >= top.Mean-orZero(top.HalfWidth) {
			tied = append(tied, fmt.Sprintf("%s (%s)", ss.Name, est(u, 100, "%")))
		}
	}
	if len(tied) == 1 {
		return fmt.Sprintf("The busiest station is %s: its machines are busy %s of the time.",
			s.Stations[mostIn(s, sim.Busy)].Name, est(top, 100, "%"))
	}
	return fmt.Sprintf("The busiest stations, equally busy within their confidence intervals, are %s.", andList(tied))
}

// orZero is x, or 0 when x is NaN.
func orZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// andList joins items as "a, b and c".
func andList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// mostIn is the index of the station with the largest mean fraction of
// state st (the first one on ties).
func mostIn(s *sim.Summary, st sim.State) int {
	best := 0
	for i, ss := range s.Stations {
		if ss.States[st].Mean > s.Stations[best].States[st].Mean {
			best = i
		}
	}
	return best
}
