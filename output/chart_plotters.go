package output

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// This file holds the small plotters the charts are built from: boxes in
// data coordinates (bars, stacked bars, Gantt segments), error bars, value
// labels and a legend beside the data area.

// box is a rectangle in data coordinates.
type box struct {
	x0, x1, y0, y1 float64
	fill           color.Color
}

// boxes draws filled rectangles; with edge, each gets a thin white outline
// that separates stacked segments.
type boxes struct {
	items []box
	edge  bool
}

// Plot implements plot.Plotter.
func (bs boxes) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	edge := draw.LineStyle{Color: color.White, Width: vg.Points(0.75)}
	for _, b := range bs.items {
		pts := []vg.Point{{X: tx(b.x0), Y: ty(b.y0)}, {X: tx(b.x1), Y: ty(b.y0)},
			{X: tx(b.x1), Y: ty(b.y1)}, {X: tx(b.x0), Y: ty(b.y1)}}
		c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
		if bs.edge {
			c.StrokeLines(edge, c.ClipLinesXY(append(pts, pts[0]))...)
		}
	}
}

// DataRange implements plot.DataRanger.
func (bs boxes) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, b := range bs.items {
		xmin, xmax = math.Min(xmin, math.Min(b.x0, b.x1)), math.Max(xmax, math.Max(b.x0, b.x1))
		ymin, ymax = math.Min(ymin, math.Min(b.y0, b.y1)), math.Max(ymax, math.Max(b.y0, b.y1))
	}
	return xmin, xmax, ymin, ymax
}

// errBar is a vertical confidence interval [lo, hi] at x.
type errBar struct{ x, lo, hi float64 }

// errBars draws confidence intervals as vertical lines with caps.
type errBars []errBar

var errBarStyle = draw.LineStyle{Color: color.RGBA{0x26, 0x26, 0x26, 0xff}, Width: vg.Points(1.25)}

// Plot implements plot.Plotter.
func (es errBars) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	const capHalf = 5
	for _, e := range es {
		x, lo, hi := tx(e.x), ty(e.lo), ty(e.hi)
		c.StrokeLines(errBarStyle, []vg.Point{{X: x, Y: lo}, {X: x, Y: hi}},
			[]vg.Point{{X: x - capHalf, Y: lo}, {X: x + capHalf, Y: lo}},
			[]vg.Point{{X: x - capHalf, Y: hi}, {X: x + capHalf, Y: hi}})
	}
}

// DataRange implements plot.DataRanger.
func (es errBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, e := range es {
		xmin, xmax = math.Min(xmin, e.x), math.Max(xmax, e.x)
		ymin, ymax = math.Min(ymin, e.lo), math.Max(ymax, e.hi)
	}
	return xmin, xmax, ymin, ymax
}

// valueLabel is a text centred above the point (x, y).
type valueLabel struct {
	x, y float64
	text string
}

// valueLabels writes values above bars; their glyph boxes make the plot
// leave room for them.
type valueLabels []valueLabel

const valueLabelGap = 4

func valueLabelStyle(p *plot.Plot) text.Style {
	s := p.Y.Tick.Label
	s.XAlign, s.YAlign = draw.XCenter, draw.YBottom
	s.Color = color.RGBA{0x26, 0x26, 0x26, 0xff}
	return s
}

// Plot implements plot.Plotter.
func (ls valueLabels) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	sty := valueLabelStyle(p)
	for _, l := range ls {
		c.FillText(sty, vg.Point{X: tx(l.x), Y: ty(l.y) + valueLabelGap}, l.text)
	}
}

// GlyphBoxes implements plot.GlyphBoxer.
func (ls valueLabels) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	sty := valueLabelStyle(p)
	var gb []plot.GlyphBox
	for _, l := range ls {
		w, h := sty.Width(l.text), sty.Height(l.text)
		gb = append(gb, plot.GlyphBox{X: p.X.Norm(l.x), Y: p.Y.Norm(l.y),
			Rectangle: vg.Rectangle{Min: vg.Point{X: -w / 2, Y: valueLabelGap}, Max: vg.Point{X: w / 2, Y: valueLabelGap + h}}})
	}
	return gb
}

// DataRange implements plot.DataRanger: the labels stay inside the data.
func (ls valueLabels) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for _, l := range ls {
		xmin, xmax = math.Min(xmin, l.x), math.Max(xmax, l.x)
		ymin, ymax = math.Min(ymin, l.y), math.Max(ymax, l.y)
	}
	return xmin, xmax, ymin, ymax
}

// legendItem is one entry of a sideLegend: a filled swatch, or a line when
// line is set.
type legendItem struct {
	label string
	fill  color.Color
	line  *draw.LineStyle
}

// sideLegend is a legend to the right of the data area, top-aligned, so it
// never hides data; its glyph box makes the plot narrow the data area.
type sideLegend []legendItem

const (
	legendGap    = 12 // between the data area and the legend
	legendSwatch = 11
)

// Plot implements plot.Plotter.
func (l sideLegend) Plot(c draw.Canvas, p *plot.Plot) {
	sty := p.Legend.TextStyle
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	step := sty.Height("Mg") * 1.5
	x := c.Max.X + legendGap
	for i, it := range l {
		y := c.Max.Y - step*vg.Length(i) - step/2
		if it.line != nil {
			c.StrokeLine2(*it.line, x, y, x+legendSwatch, y)
		} else {
			r := vg.Rectangle{Min: vg.Point{X: x, Y: y - legendSwatch/2}, Max: vg.Point{X: x + legendSwatch, Y: y + legendSwatch/2}}
			c.SetColor(it.fill)
			c.Fill(r.Path())
		}
		c.FillText(sty, vg.Point{X: x + legendSwatch + 5, Y: y}, it.label)
	}
}

// GlyphBoxes implements plot.GlyphBoxer: room on the right for the legend.
func (l sideLegend) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var w vg.Length
	for _, it := range l {
		w = max(w, p.Legend.TextStyle.Width(it.label))
	}
	return []plot.GlyphBox{{X: 1, Y: 1, Rectangle: vg.Rectangle{
		Min: vg.Point{X: legendGap}, Max: vg.Point{X: legendGap + legendSwatch + 5 + w + 6}}}}
}

// hGrid returns light horizontal grid lines only.
func hGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical.Color = nil
	g.Horizontal.Color = color.Gray{0xdd}
	return g
}

// vGrid returns light vertical grid lines only.
func vGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Horizontal.Color = nil
	g.Vertical.Color = color.Gray{0xdd}
	return g
}

// niceTicks labels an axis at about six round values (steps of 1, 2, 2.5
// or 5 times a power of ten), each written with the decimals its step
// needs.
type niceTicks struct{}

// Ticks implements plot.Ticker.
func (niceTicks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	step, dec := niceStep((hi - lo) / 6)
	var ticks []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		ticks = append(ticks, plot.Tick{Value: v, Label: num(v, dec)})
		if m := v + step/2; m < hi {
			ticks = append(ticks, plot.Tick{Value: m})
		}
	}
	return ticks
}

// niceStep is the round step nearest above raw and the decimals it needs.
func niceStep(raw float64) (step float64, decimals int) {
	e := math.Floor(math.Log10(raw))
	mag := math.Pow(10, e)
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw*(1-1e-9) {
			step = m * mag
			d := -int(e)
			if m == 2.5 {
				d++
			}
			if m == 10 {
				d--
			}
			return step, max(d, 0)
		}
	}
	return 10 * mag, max(-int(e)-1, 0)
}
