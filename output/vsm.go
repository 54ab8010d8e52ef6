package output

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"sort"
	"strings"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// ValueStream is a value stream map of the plant from the results, in
// the lean notation: a process box per station, an inventory triangle in
// front of each, and the timeline of waiting against processing.
type ValueStream struct {
	Unit  string
	Steps []VSMStep // the stations in flow order (the layout's columns)
	// LeadTime is the summary's cycle time: from entering the plant to a
	// sink. ValueAdded is the machine time spent on a finished part, the
	// sum of the steps' Processing; PCE (process cycle efficiency) is
	// ValueAdded / LeadTime per replication.
	LeadTime, ValueAdded, PCE stats.Estimate
}

// VSMStep is one station's process box, its inventory triangle and its
// rungs of the timeline.
type VSMStep struct {
	Name     string
	Machines int
	// CycleTime is the mean process time of a part on one machine (load
	// included), from the model; NaN when products set it per product.
	// Changeover is the mean setup time (the mean over the setup rules
	// when they differ: Changeovers lists them); NaN without setups.
	CycleTime, Changeover float64
	Changeovers           []float64
	Operators             int
	// From the summary: availability (uptime), OEE, setups per
	// replication, the average parts waiting in the buffer and their
	// average wait.
	Uptime, OEE, Setups, Queue, Wait stats.Estimate
	// DemandTime is the time of demand the waiting parts hold, Queue /
	// throughput per replication, in time units; DemandDays the same in
	// days.
	DemandTime, DemandDays stats.Estimate
	// Processing is the machine time the station spends per finished
	// part, utilisation × machines / throughput per replication (with
	// rework and scrap, more than one visit's process time).
	Processing stats.Estimate
	// Supermarket names the kanban loop whose supermarket the buffer is
	// (the station withdraws from it); "" for a plain inventory. Cards is
	// the number of cards of the loop the station starts, 0 for none.
	Supermarket string
	Cards       int
}

// unitDays is the length of a time unit in days.
var unitDays = map[string]float64{"s": 1.0 / 86400, "min": 1.0 / 1440, "h": 1.0 / 24, "d": 1, "w": 7}

// NewValueStream maps the summary s of model m; order is the stations'
// flow order as indices into m.Stations (nil: model order).
func NewValueStream(m *sim.Model, s *sim.Summary, order []int) *ValueStream {
	if order == nil {
		for i := range m.Stations {
			order = append(order, i)
		}
	}
	c := s.Confidence
	col := func(f func(*sim.Replication) float64) stats.Estimate {
		xs := make([]float64, len(s.Replications))
		for k, rep := range s.Replications {
			xs[k] = f(rep)
		}
		return stats.NewEstimate(xs, c)
	}
	perPart := func(x, th float64) float64 {
		if th <= 0 {
			return math.NaN()
		}
		return x / th
	}
	days, ok := unitDays[s.TimeUnit]
	if !ok {
		days = math.NaN()
	}
	v := &ValueStream{Unit: s.TimeUnit, LeadTime: s.CycleTime}
	market, cards := kanbanPlaces(m)
	for _, i := range order {
		st, ss := m.Stations[i], s.Stations[i]
		step := VSMStep{Name: st.Name, Machines: st.Machines, CycleTime: math.NaN(), Changeover: math.NaN(),
			Uptime: ss.Availability, OEE: ss.OEE, Setups: ss.Setups, Queue: ss.Queue, Wait: ss.Wait}
		if st.Process != nil {
			step.CycleTime = st.Process.Mean()
			if st.Load != nil {
				step.CycleTime += st.Load.Mean()
			}
		}
		if su := st.Setup; su != nil {
			if su.Time != nil {
				step.Changeovers = append(step.Changeovers, su.Time.Mean())
			}
			for _, ch := range su.Changes {
				step.Changeovers = append(step.Changeovers, ch.Time.Mean())
			}
			if len(step.Changeovers) > 0 {
				sum := 0.0
				for _, x := range step.Changeovers {
					sum += x
				}
				step.Changeover = sum / float64(len(step.Changeovers))
			}
		}
		if st.Operators != nil {
			step.Operators = st.Operators.Count
		}
		step.Supermarket, step.Cards = market[st.Name], cards[st.Name]
		step.DemandTime = col(func(x *sim.Replication) float64 { return perPart(x.Stations[i].Queue, x.Throughput) })
		step.DemandDays = col(func(x *sim.Replication) float64 { return perPart(x.Stations[i].Queue, x.Throughput) * days })
		step.Processing = col(func(x *sim.Replication) float64 {
			return perPart(x.Stations[i].Utilization*float64(st.Machines), x.Throughput)
		})
		v.Steps = append(v.Steps, step)
	}
	valueAdded := func(x *sim.Replication) float64 {
		sum := 0.0
		for _, i := range order {
			sum += perPart(x.Stations[i].Utilization*float64(m.Stations[i].Machines), x.Throughput)
		}
		return sum
	}
	v.ValueAdded = col(valueAdded)
	v.PCE = col(func(x *sim.Replication) float64 { return valueAdded(x) / x.CycleTime })
	return v
}

// flowOrder is the stations' order in the layout: by column, then by row.
func flowOrder(l *PlantLayout) []int {
	var st []LayoutBox
	for _, b := range l.Boxes {
		if b.Kind == "station" {
			st = append(st, b)
		}
	}
	sort.SliceStable(st, func(a, b int) bool {
		if st[a].Band != st[b].Band {
			return st[a].Band < st[b].Band
		}
		if st[a].Col != st[b].Col {
			return st[a].Col < st[b].Col
		}
		return st[a].Y < st[b].Y
	})
	order := make([]int, len(st))
	for k, b := range st {
		order[k] = b.Index
	}
	return order
}

// valueStreamSection is the map, its table and the totals.
func valueStreamSection(s *sim.Summary, rec *Recorder) Section {
	v := NewValueStream(rec.model, s, flowOrder(rec.Layout()))
	u := v.Unit
	text := fmt.Sprintf("The plant as a value stream map, every figure from the simulation with its %s%% interval where it has one. "+
		"Each station's process box shows its cycle time C/T (the mean process time of a part on one machine, from the scenario), changeover C/O (the mean setup time), uptime (availability), operators and OEE. "+
		"The triangle in front of it holds the average parts waiting there and the time of demand they cover (parts waiting ÷ throughput). "+
		"The timeline below alternates the average wait in each buffer (up) with the machine time the station spends per finished part (down; with rework or scrap it exceeds one visit's process time).",
		short(100*s.Confidence))
	if len(rec.model.Kanbans) > 0 {
		text += " A buffer that holds a kanban loop's supermarket (the parts the loop finished, waiting to be withdrawn) is drawn as shelves with the loop's name instead of a triangle, and the box of a loop's first station shows its cards."
	}
	text += fmt.Sprintf("\n\nLead time %s %s (the cycle time of a part through the plant), value-added time %s %s (machine time per finished part, all stations), process cycle efficiency %s.",
		est(v.LeadTime, 1, ""), u, est(v.ValueAdded, 1, ""), u, est(v.PCE, 100, "%"))
	rows := [][]string{{"step", "C/T (" + u + ")", "C/O (" + u + ")", "uptime", "operators", "OEE", "parts waiting", "demand held (" + u + ")", "demand held (d)", "wait (" + u + ")", "processing (" + u + ")"}}
	for _, st := range v.Steps {
		rows = append(rows, []string{st.Name, optNum(st.CycleTime), optNum(st.Changeover), est(st.Uptime, 100, "%"), optInt(st.Operators),
			est(st.OEE, 100, "%"), est(st.Queue, 1, ""), est(st.DemandTime, 1, ""), est(st.DemandDays, 1, ""), est(st.Wait, 1, ""), est(st.Processing, 1, "")})
	}
	return Section{Heading: "Value stream map", Text: text, Table: rows, HTML: v.SVG()}
}

func optNum(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return roundTime(x)
}

func optInt(n int) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprint(n)
}

// Geometry of the value stream map, in pixels: a row holds vsmPerRow
// steps, each a triangle column and a box column.
const (
	vsmTri, vsmBox, vsmBoxH, vsmLadder, vsmPerRow = 116.0, 128.0, 112.0, 36.0, 5
	vsmRowH                                       = 30 + vsmBoxH + 40 + vsmLadder + 34
)

// kanbanPlaces maps the stations that withdraw from a kanban loop's
// supermarket (a route of the loop's last station goes to them) to the
// loop, and each loop's first station to its cards.
func kanbanPlaces(m *sim.Model) (market map[string]string, cards map[string]int) {
	market, cards = map[string]string{}, map[string]int{}
	for _, k := range m.Kanbans {
		if len(k.Stations) == 0 {
			continue
		}
		cards[k.Stations[0]] = k.Total()
		for _, st := range m.Stations {
			if st.Name != k.Stations[len(k.Stations)-1] {
				continue
			}
			for _, r := range st.Routes {
				market[r.To] = k.Name
			}
		}
	}
	return market, cards
}

// SVG draws the map: the triangles and process boxes in rows of
// vsmPerRow, the timeline under each row, and the totals below.
func (v *ValueStream) SVG() template.HTML {
	u := v.Unit
	step := vsmTri + vsmBox
	rows := max(1, (len(v.Steps)+vsmPerRow-1)/vsmPerRow)
	width := margin*2 + step*float64(min(max(len(v.Steps), 1), vsmPerRow))
	height := 10 + float64(rows)*vsmRowH + 70
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="plant vsm" role="img" aria-label="Value stream map" viewBox="0 0 %s %s" width="%s" height="%s">`, f1(width), f1(height), f1(width), f1(height))
	text := func(x, y float64, class, s string) {
		fmt.Fprintf(&b, `<text class="%s" x="%s" y="%s">%s</text>`, class, f1(x), f1(y), html.EscapeString(s))
	}
	var ladder string
	for k, st := range v.Steps {
		row, c := k/vsmPerRow, k%vsmPerRow
		x := margin + float64(c)*step
		boxY := 10 + float64(row)*vsmRowH + 20
		ladderHi, ladderLo := boxY+vsmBoxH+40, boxY+vsmBoxH+40+vsmLadder
		if c == 0 {
			ladder += fmt.Sprintf("M%s %s", f1(x), f1(ladderHi))
		}
		// The inventory triangle and its figures.
		tx, ty := x+vsmTri/2, boxY+10
		if st.Supermarket != "" { // the supermarket: shelves open to the left
			fmt.Fprintf(&b, `<path class="vsm-tri" d="M%s %sH%s V%s H%s M%s %sH%s M%s %sH%s"/>`, f1(tx-20), f1(ty), f1(tx+20), f1(ty+34), f1(tx-20),
				f1(tx-20), f1(ty+11), f1(tx+20), f1(tx-20), f1(ty+23), f1(tx+20))
			text(tx, ty-4, "line", clip(st.Supermarket, 14))
		} else {
			fmt.Fprintf(&b, `<path class="vsm-tri" d="M%s %sL%s %sL%s %sz"/>`, f1(tx), f1(ty), f1(tx+20), f1(ty+34), f1(tx-20), f1(ty+34))
			text(tx, ty+28, "name", "I")
		}
		text(tx, ty+50, "line", est(st.Queue, 1, "")+" parts")
		text(tx, ty+64, "line", est(st.DemandTime, 1, "")+" "+u)
		if !math.IsNaN(st.DemandDays.Mean) {
			text(tx, ty+78, "line", est(st.DemandDays, 1, "")+" d")
		}
		// The process box.
		bx := x + vsmTri
		fmt.Fprintf(&b, `<g class="box box-station"><rect x="%s" y="%s" width="%s" height="%s" rx="3"/>`, f1(bx), f1(boxY), f1(vsmBox-8), f1(vsmBoxH))
		fmt.Fprintf(&b, `<line class="vsm-rule" x1="%s" y1="%s" x2="%s" y2="%s"/>`, f1(bx), f1(boxY+20), f1(bx+vsmBox-8), f1(boxY+20))
		name := st.Name
		if st.Machines > 1 {
			name = fmt.Sprintf("%s ×%d", st.Name, st.Machines)
		}
		cx := bx + (vsmBox-8)/2
		text(cx, boxY+14, "name", clip(name, 18))
		lines := []string{"C/T " + optNum(st.CycleTime) + " " + u, "C/O " + optNum(st.Changeover) + " " + u,
			"uptime " + est(st.Uptime, 100, "%"), "operators " + optInt(st.Operators), "OEE " + est(st.OEE, 100, "%")}
		if st.Cards > 0 {
			lines[3] = fmt.Sprintf("kanban %d cards", st.Cards)
			if st.Operators > 0 {
				lines[3] = fmt.Sprintf("operators %d · kanban %d", st.Operators, st.Cards)
			}
		}
		for j, line := range lines {
			text(cx, boxY+38+float64(j)*15, "line", line)
		}
		b.WriteString(`</g>`)
		// The timeline: waiting under the triangle, processing under the box.
		ladder += fmt.Sprintf("L%s %sL%s %sL%s %sL%s %s", f1(x+vsmTri), f1(ladderHi), f1(x+vsmTri), f1(ladderLo), f1(x+step), f1(ladderLo), f1(x+step), f1(ladderHi))
		text(tx, ladderHi-6, "vsm-num", "wait "+est(st.Wait, 1, ""))
		text(cx, ladderLo+14, "vsm-num", "process "+est(st.Processing, 1, ""))
	}
	fmt.Fprintf(&b, `<path class="vsm-ladder" d="%s"/>`, ladder)
	// The totals.
	y := 10 + float64(rows)*vsmRowH
	fmt.Fprintf(&b, `<g class="box box-source"><rect x="%s" y="%s" width="%s" height="50" rx="3"/></g>`, f1(margin), f1(y), f1(width-2*margin))
	for j, line := range []string{"lead time " + est(v.LeadTime, 1, "") + " " + u, "value-added time " + est(v.ValueAdded, 1, "") + " " + u, "process cycle efficiency " + est(v.PCE, 100, "%")} {
		text(margin+(width-2*margin)*(float64(j)+0.5)/3, y+30, "name", line)
	}
	b.WriteString(`</svg>`)
	return template.HTML(`<div class="plant-wrap">` + b.String() + `</div>`) // our own markup, text escaped
}
