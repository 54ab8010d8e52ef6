package output

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// traceSections follow replication 1 through time: WIP and buffer levels,
// machine states in the Gantt window, and the cycle-time distribution.
func traceSections(s *sim.Summary, rec *Recorder) []Section {
	return []Section{levelSection(s, rec), ganttSection(s, rec), cycleTimeSection(s, rec)}
}

// levelSection charts the plant's WIP and the buffers that ever held a
// part.
func levelSection(s *sim.Summary, rec *Recorder) Section {
	u := s.TimeUnit
	levels := rec.Levels()
	var text strings.Builder
	text.WriteString("The charts from here on follow one replication, replication 1, through time; the tables above average over all replications. ")
	text.WriteString("The grey band is the warm-up, whose statistics are discarded.")
	if b := levels[0].Bucket; b > 0 {
		fmt.Fprintf(&text, " The levels changed too often to draw every step: each step is the time-average over %s %s.", roundTime(b), u)
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
	return Section{Heading: "Work in process over time", Text: text.String(), Charts: charts}
}

// ganttSection charts the machine states in the Gantt window.
func ganttSection(s *sim.Summary, rec *Recorder) Section {
	u := s.TimeUnit
	from, to, shortened := rec.GanttWindow()
	rows := rec.GanttRows()
	window := fmt.Sprintf("from %s to %s %s", roundTime(from), roundTime(to), u)
	text := fmt.Sprintf("What every machine did %s in replication 1, coloured by state as in the chart of the stations.", window)
	if shortened != "" {
		text += fmt.Sprintf(" The window ends where %s had changed state %d times, to stay readable; choose another window with takt run --gantt FROM..TO.",
			shortened, rec.opt.MaxChanges)
	}
	return Section{Heading: "Machine states", Text: text, Charts: []Chart{{Name: "gantt", Height: RowChartHeight(len(rows)),
		Plot: Gantt("Machine states "+window+", replication 1", u, from, to, rows)}}}
}

// cycleTimeSection charts the cycle times of the parts that left after
// the warm-up.
func cycleTimeSection(s *sim.Summary, rec *Recorder) Section {
	cts, dropped := rec.CycleTimes()
	text := fmt.Sprintf("The cycle times of the %d parts that left the plant after the warm-up in replication 1", len(cts)+dropped)
	if dropped > 0 {
		text += fmt.Sprintf(" (the first %d of them)", len(cts))
	}
	text += ": the time from entering the plant to reaching a sink."
	h := CycleTimeHistogram(cts, s.TimeUnit)
	h.Title.Text = "Cycle time distribution, replication 1"
	return Section{Heading: "Cycle times", Text: text, Charts: []Chart{{Name: "cycle-time", Plot: h}}}
}

// roundTime formats a time for people: four significant digits, no
// exponent, no trailing zeros (957.2, 10080, 0.125).
func roundTime(x float64) string {
	d := 0
	if x != 0 && !math.IsNaN(x) && !math.IsInf(x, 0) {
		d = max(0, 3-int(math.Floor(math.Log10(math.Abs(x)))))
	}
	s := strconv.FormatFloat(x, 'f', d, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
