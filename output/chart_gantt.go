package output

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/takt-sim/takt/sim"
)

// GanttRow is one machine's states over a time window.
type GanttRow struct {
	Name     string
	Segments []Segment
}

// Segment is an interval [From, To) in which a machine was in a state
// (named as sim.State.String names it).
type Segment struct {
	From, To float64
	State    string
}

// Gantt charts machine states over the time window [from, to] (in unit):
// one row per machine, the first at the top, each interval coloured by its
// state with StateColorByName. The legend lists the states that occur, in
// the order of sim.States.
func Gantt(title, unit string, from, to float64, rows []GanttRow) *plot.Plot {
	p := newPlot(title, "time ("+unit+")", "machine")
	n := len(rows)
	names := make([]string, n)
	var bs boxes
	seen := map[string]bool{}
	for i, r := range rows {
		y := float64(n - 1 - i)
		names[n-1-i] = r.Name
		for _, s := range r.Segments {
			bs.items = append(bs.items, box{s.From, s.To, y - 0.35, y + 0.35, StateColorByName(s.State)})
			seen[s.State] = true
		}
	}
	p.Add(vGrid(), bs, ganttLegend(seen))
	if n > 0 {
		p.NominalY(names...)
	}
	p.X.Min, p.X.Max = from, to
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	return p
}

// ganttLegend lists the states seen: sim's states in their order, then
// any other names (states of later versions) in palette order.
func ganttLegend(seen map[string]bool) sideLegend {
	var legend sideLegend
	known := map[string]bool{}
	for _, st := range sim.States() {
		known[st.String()] = true
		if seen[st.String()] {
			legend = append(legend, legendItem{label: st.String(), fill: StateColor(st)})
		}
	}
	for _, name := range []string{"setup", "waiting_operator", "off_shift"} {
		if seen[name] && !known[name] {
			legend = append(legend, legendItem{label: name, fill: StateColorByName(name)})
		}
	}
	return legend
}

// RowChartHeight is the height of a chart with one row per machine or
// station (Gantt, StateBars) that keeps each of rows rows readable: at
// least ChartHeight.
func RowChartHeight(rows int) vg.Length {
	return max(ChartHeight, vg.Length(rows)*22+110)
}
