package output

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// barWidth is the width of a bar in category units (1 = the distance
// between two bars).
const barWidth = 0.6

// shownStates lists the states some machine of some station was ever in,
// in the order of sim.States; busy is always shown.
func shownStates(s *sim.Summary) []sim.State {
	var shown []sim.State
	for _, st := range sim.States() {
		for _, ss := range s.Stations {
			if st == sim.Busy || ss.States[st].Max > 0 {
				shown = append(shown, st)
				break
			}
		}
	}
	return shown
}

// StateBars charts where each station's machine time goes: one horizontal
// bar per station (the first at the top), stacked from the state fractions
// (means over the replications, in percent), coloured by StateColor.
func StateBars(s *sim.Summary) *plot.Plot {
	p := newPlot("Where the machine time goes", "share of machine time (%)", "station")
	n := len(s.Stations)
	names := make([]string, n)
	var bs boxes
	bs.edge = true
	shown := shownStates(s)
	for i, ss := range s.Stations {
		y := float64(n - 1 - i)
		names[n-1-i] = ss.Name
		x := 0.0
		for _, st := range shown {
			v := 100 * ss.States[st].Mean
			if math.IsNaN(v) || v <= 0 {
				continue
			}
			bs.items = append(bs.items, box{x, x + v, y - barWidth/2, y + barWidth/2, StateColor(st)})
			x += v
		}
	}
	var legend sideLegend
	for _, st := range shown {
		legend = append(legend, legendItem{label: st.String(), fill: StateColor(st)})
	}
	p.Add(vGrid(), bs, legend)
	if n > 0 {
		p.NominalY(names...)
	}
	p.X.Min, p.X.Max = 0, 100
	p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
	return p
}

// BarsCI charts one bar per label at the estimate's mean, with its
// confidence interval as an error bar and the mean written above, e.g. the
// throughput of each variant.
func BarsCI(title, ylabel string, labels []string, ests []stats.Estimate) *plot.Plot {
	p := newPlot(title, "", ylabel)
	var bs boxes
	var eb errBars
	var vl valueLabels
	for i, e := range ests {
		x := float64(i)
		if math.IsNaN(e.Mean) {
			continue
		}
		bs.items = append(bs.items, box{x - barWidth/2, x + barWidth/2, 0, e.Mean, seriesColor(0)})
		top := e.Mean
		if hw := e.HalfWidth; !math.IsNaN(hw) && !math.IsInf(hw, 0) {
			eb = append(eb, errBar{x, e.Mean - hw, e.Mean + hw})
			top = e.Mean + hw
		}
		vl = append(vl, valueLabel{x, top, num(e.Mean, decimals(e, 1))})
	}
	p.Add(hGrid(), bs, eb, vl)
	nominalX(p, labels)
	p.Y.Min = 0
	return p
}

// nominalX names the categories 0, 1, … on the X axis, slanting the names
// when they would not fit side by side.
func nominalX(p *plot.Plot, labels []string) {
	if len(labels) == 0 {
		return
	}
	wrapped := make([]string, len(labels))
	var w vg.Length
	for i, l := range labels {
		wrapped[i] = wrapLabel(l, 14)
		widest := vg.Length(0)
		for _, line := range strings.Split(wrapped[i], "\n") {
			widest = max(widest, p.X.Tick.Label.Width(line))
		}
		w += widest + 8
	}
	p.NominalX(wrapped...)
	if w > 0.8*ChartWidth {
		p.X.Tick.Label.Rotation = math.Pi / 6
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YCenter
	}
	p.X.Min, p.X.Max = -0.6, float64(len(labels))-0.4
}

// Colours of the bottleneck shares: dark for the sole bottleneck, light for
// a shifting one.
var (
	soleColor     = color.RGBA{0xb2, 0x18, 0x2b, 0xff}
	shiftingColor = color.RGBA{0xf4, 0xa5, 0x82, 0xff}
)

// BottleneckBars charts, per station, the share of time it was the sole
// bottleneck (dark) and a shifting bottleneck (light, stacked on top), in
// percent, each with its confidence interval.
func BottleneckBars(stations []string, sole, shifting []stats.Estimate) *plot.Plot {
	p := newPlot("Bottleneck shares", "", "share of time (%)")
	bs := boxes{edge: true}
	var eb errBars
	for i := range stations {
		x := float64(i)
		s, sh := scaled(sole, i), scaled(shifting, i)
		bs.items = append(bs.items, box{x - barWidth/2, x + barWidth/2, 0, s.Mean, soleColor},
			box{x - barWidth/2, x + barWidth/2, s.Mean, s.Mean + sh.Mean, shiftingColor})
		if !math.IsNaN(s.HalfWidth) {
			eb = append(eb, errBar{x - 0.1, s.Mean - s.HalfWidth, s.Mean + s.HalfWidth})
		}
		if !math.IsNaN(sh.HalfWidth) {
			top := s.Mean + sh.Mean
			eb = append(eb, errBar{x + 0.1, top - sh.HalfWidth, top + sh.HalfWidth})
		}
	}
	legend := sideLegend{{label: "sole", fill: soleColor}, {label: "shifting", fill: shiftingColor}}
	p.Add(hGrid(), bs, eb, legend)
	nominalX(p, stations)
	p.Y.Min = 0
	return p
}

// scaled returns ests[i] in percent, with NaN means read as 0; a missing
// estimate is 0 with no interval.
func scaled(ests []stats.Estimate, i int) stats.Estimate {
	if i >= len(ests) || math.IsNaN(ests[i].Mean) {
		return stats.Estimate{HalfWidth: math.NaN()}
	}
	e := ests[i]
	e.Mean, e.HalfWidth = 100*e.Mean, 100*e.HalfWidth
	return e
}

// wrapLabel breaks a long label at spaces into lines of about width
// characters.
func wrapLabel(l string, width int) string {
	words := strings.Fields(l)
	var lines []string
	line := ""
	for _, w := range words {
		if line != "" && len(line)+1+len(w) > width {
			lines = append(lines, line)
			line = w
			continue
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	return strings.Join(append(lines, line), "\n")
}

// insignificantColor draws differences whose interval includes 0.
var insignificantColor = color.RGBA{0xb0, 0xb0, 0xb0, 0xff}

// DiffsCI charts paired differences to the base: one bar per label from 0
// to the mean difference, with its confidence interval as an error bar and
// the mean written above it; a difference whose interval excludes 0
// (significant) is coloured, the others grey. The axis spans 0 and every
// interval, so a difference of 1% reads as one — bars of the values
// themselves, from 0, would hide it.
func DiffsCI(title, ylabel string, labels []string, ests []stats.Estimate, significant []bool) *plot.Plot {
	p := newPlot(title, "", ylabel)
	var bs boxes
	var eb errBars
	var vl valueLabels
	lo, hi := 0.0, 0.0
	for i, e := range ests {
		x := float64(i)
		if math.IsNaN(e.Mean) {
			continue
		}
		fill := color.Color(insignificantColor)
		if significant[i] {
			fill = seriesColor(0)
		}
		bs.items = append(bs.items, box{x - barWidth/2, x + barWidth/2, math.Min(0, e.Mean), math.Max(0, e.Mean), fill})
		top := e.Mean
		lo, hi = math.Min(lo, e.Mean), math.Max(hi, e.Mean)
		if hw := e.HalfWidth; !math.IsNaN(hw) && !math.IsInf(hw, 0) {
			eb = append(eb, errBar{x, e.Mean - hw, e.Mean + hw})
			top = e.Mean + hw
			lo, hi = math.Min(lo, e.Mean-hw), math.Max(hi, top)
		}
		vl = append(vl, valueLabel{x, math.Max(top, 0), signedNum(e)})
	}
	zero, err := plotter.NewLine(plotter.XYs{{X: -0.5, Y: 0}, {X: float64(len(ests)) - 0.5, Y: 0}})
	if err != nil {
		panic(err) // unreachable: two finite points
	}
	zero.LineStyle = draw.LineStyle{Color: color.RGBA{0x26, 0x26, 0x26, 0xff}, Width: vg.Points(1)}
	p.Add(hGrid(), bs, zero, eb, vl)
	nominalX(p, labels)
	pad := (hi - lo) * 0.05
	if pad == 0 {
		pad = 1
	}
	p.Y.Min, p.Y.Max = lo-pad, hi+pad
	return p
}

// signedNum is a difference's mean with its sign, to the precision its
// interval supports: "+0.012", "-3.4", "0".
func signedNum(e stats.Estimate) string {
	s := num(e.Mean, decimals(e, 1))
	if e.Mean > 0 && strings.Trim(s, "0.") != "" {
		s = "+" + s
	}
	return s
}
