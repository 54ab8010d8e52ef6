package output

import (
	"fmt"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// traceSection follows replication 1 through time: WIP and buffer levels,
// machine states in the Gantt window, and the cycle-time distribution.
func traceSection(s *sim.Summary, rec *Recorder) Section {
	u := s.TimeUnit
	levels := rec.Levels()
	var text strings.Builder
	text.WriteString("The charts below follow one replication, replication 1, through time; the tables above average over all of them. ")
	text.WriteString("The shaded band marks the warm-up, whose statistics are discarded.")
	if b := levels[0].Bucket; b > 0 {
		fmt.Fprintf(&text, " Levels changed too often to draw every step: each step is the time-average over %s %s.", short(b), u)
	}
	charts := []Chart{{Name: "wip", Plot: LevelsOverTime("Parts in the plant (WIP), replication 1", u, s.Run.Warmup, levels[0])}}
	var buffers []LevelSeries
	for _, l := range levels[1:] {
		if l.Max > 0 {
			buffers = append(buffers, l)
		}
	}
	if len(buffers) > 0 {
		charts = append(charts, Chart{Name: "buffers",
			Plot: LevelsOverTime("Parts waiting in buffers, replication 1", u, s.Run.Warmup, buffers...)})
	}
	from, to, shortened := rec.GanttWindow()
	rows := rec.GanttRows()
	fmt.Fprintf(&text, "\n\nThe Gantt chart shows every machine's state from %s to %s %s.", short(from), short(to), u)
	if shortened != "" {
		fmt.Fprintf(&text, " The window ends early, where %s had changed state %d times, to stay readable.", shortened, rec.opt.MaxChanges)
	}
	charts = append(charts, Chart{Name: "gantt", Height: GanttHeight(len(rows)),
		Plot: Gantt(fmt.Sprintf("Machine states from %s to %s %s, replication 1", short(from), short(to), u), u, from, to, rows)})
	cts, dropped := rec.CycleTimes()
	fmt.Fprintf(&text, "\n\nThe histogram shows the cycle times of the %d parts that left after the warm-up", len(cts)+dropped)
	if dropped > 0 {
		fmt.Fprintf(&text, " (the first %d of them)", len(cts))
	}
	text.WriteString(".")
	h := CycleTimeHistogram(cts, u)
	h.Title.Text = "Cycle time distribution, replication 1"
	charts = append(charts, Chart{Name: "cycle-time", Plot: h})
	return Section{Heading: "Replication 1 over time", Text: text.String(), Charts: charts}
}
