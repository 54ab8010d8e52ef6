package output

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"

	"github.com/takt-sim/takt/sim/stats"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// warmupColor shades the warm-up period behind level lines.
var warmupColor = color.RGBA{0xee, 0xee, 0xee, 0xff}

// LevelsOverTime charts levels over time as step lines, e.g. the plant's
// WIP or the contents of buffers in one traced replication, with the
// warm-up (when > 0) shaded. unit is the time unit of the X axis.
func LevelsOverTime(title, unit string, warmup float64, series ...LevelSeries) *plot.Plot {
	p := newPlot(title, "time ("+unit+")", "parts")
	var legend sideLegend
	ymax := 1.0
	for _, s := range series {
		ymax = max(ymax, s.Max)
	}
	if warmup > 0 {
		p.Add(boxes{items: []box{{0, warmup, 0, ymax * 1.05, warmupColor}}})
		legend = append(legend, legendItem{label: "warm-up", fill: warmupColor})
	}
	p.Add(hGrid())
	for i, s := range series {
		l, err := plotter.NewLine(s)
		if err != nil {
			continue // no points, or NaN: nothing to draw
		}
		l.StepStyle = plotter.PostStep
		l.LineStyle = draw.LineStyle{Color: seriesColor(i), Width: vg.Points(1.5)}
		p.Add(l)
		style := l.LineStyle
		legend = append(legend, legendItem{label: s.Name, line: &style})
	}
	if len(series) > 1 || warmup > 0 {
		p.Add(legend)
	}
	p.X.Min, p.Y.Min = 0, 0
	p.Y.Max = ymax * 1.05
	return p
}

// histBins is the number of bars of a histogram of n values: √n, between 5
// and 40.
func histBins(n int) int { return min(max(int(math.Ceil(math.Sqrt(float64(n)))), 5), 40) }

// CycleTimeHistogram charts the distribution of cycle times (in unit) as a
// histogram of parts, with the mean and the 90th percentile marked. The
// axis ends at the 99th percentile, so that a long tail of a few parts
// does not squeeze the rest into a few bars; the legend says how many
// parts lie beyond it, and up to what time.
func CycleTimeHistogram(cts []float64, unit string) *plot.Plot {
	p := newPlot("Cycle time distribution", "cycle time ("+unit+")", "parts")
	p.Add(hGrid())
	if len(cts) == 0 {
		return p
	}
	sorted := slices.Clone(cts)
	slices.Sort(sorted)
	p99 := sorted[int(math.Ceil(0.99*float64(len(sorted))))-1]
	shown := sorted[:sort.SearchFloat64s(sorted, math.Nextafter(p99, math.Inf(1)))]
	lo, w, counts := histogram(shown)
	bs := boxes{edge: true}
	for i, c := range counts {
		bs.items = append(bs.items, box{lo + float64(i)*w, lo + float64(i+1)*w, 0, c, seriesColor(0)})
	}
	var sum float64
	for _, x := range sorted {
		sum += x
	}
	mean, p90 := sum/float64(len(sorted)), sorted[int(math.Ceil(0.9*float64(len(sorted))))-1]
	top := slices.Max(counts) * 1.05
	meanStyle := draw.LineStyle{Color: color.RGBA{0x26, 0x26, 0x26, 0xff}, Width: vg.Points(1.5)}
	p90Style := draw.LineStyle{Color: seriesColor(3), Width: vg.Points(1.5), Dashes: []vg.Length{5, 3}}
	legend := sideLegend{
		{label: "parts", fill: seriesColor(0)},
		{label: fmt.Sprintf("mean %s %s", short3(mean), unit), line: &meanStyle},
		{label: fmt.Sprintf("90%% within %s %s", short3(p90), unit), line: &p90Style},
	}
	if beyond := len(sorted) - len(shown); beyond > 0 {
		legend = append(legend, legendItem{label: fmt.Sprintf("%d beyond p99, up to %s %s", beyond, short3(sorted[len(sorted)-1]), unit), fill: color.Transparent})
	}
	p.Add(bs, vline(mean, top, meanStyle), vline(p90, top, p90Style), legend)
	p.Y.Min, p.Y.Max = 0, top
	p.X.Min, p.X.Max = lo, lo+float64(len(counts))*w
	return p
}

// histogram counts sorted values (at least one) in histBins equal bins
// from lo, each w wide.
func histogram(sorted []float64) (lo, w float64, counts []float64) {
	lo, hi := sorted[0], sorted[len(sorted)-1]
	n := histBins(len(sorted))
	w = (hi - lo) / float64(n)
	if w == 0 {
		n, w = 1, math.Max(math.Abs(lo)/20, 1e-9)
		lo -= w / 2
	}
	counts = make([]float64, n)
	for _, x := range sorted {
		counts[min(int((x-lo)/w), n-1)]++
	}
	return lo, w, counts
}

// short3 formats x with 3 significant digits for a legend.
func short3(x float64) string { return fmt.Sprintf("%.3g", x) }

// vline is a vertical line at x from 0 to top.
func vline(x, top float64, sty draw.LineStyle) *plotter.Line {
	l, err := plotter.NewLine(plotter.XYs{{X: x, Y: 0}, {X: x, Y: top}})
	if err != nil {
		panic(err) // unreachable: two finite points
	}
	l.LineStyle = sty
	return l
}

// estXYs adapts estimates at x positions to plotter.XYer: their means, or
// the lower (side -1) or upper (side +1) end of their intervals.
type estXYs struct {
	xs   []float64
	ests []stats.Estimate
	side float64
}

func (e estXYs) Len() int { return len(e.xs) }

func (e estXYs) XY(i int) (x, y float64) {
	hw := e.ests[i].HalfWidth
	if math.IsNaN(hw) || math.IsInf(hw, 0) {
		hw = 0
	}
	return e.xs[i], e.ests[i].Mean + e.side*hw
}

// CurveCI charts estimates over a numeric parameter (a sweep) as a line
// with markers and a shaded band for the confidence interval. Points whose
// mean is NaN are left out.
func CurveCI(title, xlabel, ylabel string, xs []float64, ests []stats.Estimate) *plot.Plot {
	p := newPlot(title, xlabel, ylabel)
	p.Add(hGrid())
	var fx []float64
	var fe []stats.Estimate
	for i := range min(len(xs), len(ests)) {
		if !math.IsNaN(ests[i].Mean) && !math.IsNaN(xs[i]) {
			fx, fe = append(fx, xs[i]), append(fe, ests[i])
		}
	}
	if len(fx) == 0 {
		return p
	}
	c := seriesColor(0)
	if poly, err := plotter.NewPolygon(ciBand(fx, fe)); err == nil {
		poly.Color = color.NRGBA{c.R, c.G, c.B, 0x40}
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	line, pts, err := plotter.NewLinePoints(estXYs{fx, fe, 0})
	if err == nil {
		line.LineStyle = draw.LineStyle{Color: c, Width: vg.Points(2)}
		pts.GlyphStyle = draw.GlyphStyle{Color: c, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
		band := draw.LineStyle{Color: color.NRGBA{c.R, c.G, c.B, 0x60}, Width: vg.Points(8)}
		p.Add(line, pts, sideLegend{{label: "mean", line: &line.LineStyle}, {label: "confidence interval", line: &band}})
	}
	return p
}

// ciBand is the outline of the confidence band: along the upper ends of
// the intervals, and back along the lower ends.
func ciBand(xs []float64, ests []stats.Estimate) plotter.XYs {
	lo, hi := estXYs{xs, ests, -1}, estXYs{xs, ests, 1}
	band := make(plotter.XYs, 0, 2*len(xs))
	for i := range xs {
		x, y := hi.XY(i)
		band = append(band, plotter.XY{X: x, Y: y})
	}
	for i := len(xs) - 1; i >= 0; i-- {
		x, y := lo.XY(i)
		band = append(band, plotter.XY{X: x, Y: y})
	}
	return band
}
