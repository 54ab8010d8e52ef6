package output

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"strings"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	_ "gonum.org/v1/plot/vg/vgsvg" // registers the "svg" format of plot.WriterTo

	"github.com/takt-sim/takt/sim"
)

// Chart sizes: 16:9, the shape of a presentation slide. Width and height are
// in vg units (1 pt = 1/72 in).
const (
	ChartWidth  = 8 * vg.Inch
	ChartHeight = 4.5 * vg.Inch
	// PNGDPI is the resolution of PNG charts: 8 in × 200 dpi = 1600 pixels
	// wide, sharp on a projector and in a document.
	PNGDPI = 200
)

// StateColors is the colour of every machine state, by name, used by every
// chart: busy green, starved amber, blocked blue, down red, waiting_crew
// purple, maintenance brown, and, for states still to come, setup cyan,
// waiting_operator pink, off_shift grey, starved_material orange,
// waiting_transport olive, waiting_card lavender. The colours follow the
// Tableau 10 palette (the last one Tableau 20), whose members stay apart
// for most colour-blind readers.
var StateColors = map[string]color.RGBA{
	"busy":              {0x2c, 0xa0, 0x2c, 0xff},
	"starved":           {0xf2, 0xb7, 0x01, 0xff},
	"blocked":           {0x1f, 0x77, 0xb4, 0xff},
	"down":              {0xd6, 0x27, 0x28, 0xff},
	"waiting_crew":      {0x94, 0x67, 0xbd, 0xff},
	"maintenance":       {0x8c, 0x56, 0x4b, 0xff},
	"setup":             {0x17, 0xbe, 0xcf, 0xff},
	"waiting_operator":  {0xe3, 0x77, 0xc2, 0xff},
	"off_shift":         {0xa6, 0xa6, 0xa6, 0xff},
	"starved_material":  {0xff, 0x7f, 0x0e, 0xff},
	"waiting_transport": {0xbc, 0xbd, 0x22, 0xff},
	"waiting_card":      {0xc5, 0xb0, 0xd5, 0xff},
}

// otherStateColor is the colour of a state StateColors does not know.
var otherStateColor = color.RGBA{0x59, 0x59, 0x59, 0xff}

// StateColor is the colour of state s in every chart.
func StateColor(s sim.State) color.Color { return StateColorByName(s.String()) }

// StateColorByName is the colour of the state named name ("busy", …).
func StateColorByName(name string) color.Color {
	if c, ok := StateColors[name]; ok {
		return c
	}
	return otherStateColor
}

// seriesColors are the colours of data series that are not states (lines
// of several buffers, bars of variants), in order.
var seriesColors = []color.RGBA{
	{0x1f, 0x77, 0xb4, 0xff}, {0xff, 0x7f, 0x0e, 0xff}, {0x2c, 0xa0, 0x2c, 0xff},
	{0xd6, 0x27, 0x28, 0xff}, {0x94, 0x67, 0xbd, 0xff}, {0x8c, 0x56, 0x4b, 0xff},
	{0xe3, 0x77, 0xc2, 0xff}, {0x7f, 0x7f, 0x7f, 0xff}, {0xbc, 0xbd, 0x22, 0xff},
	{0x17, 0xbe, 0xcf, 0xff},
}

// seriesColor is the colour of the i-th data series.
func seriesColor(i int) color.RGBA { return seriesColors[i%len(seriesColors)] }

// Font sizes of every chart, chosen to stay readable when a chart of
// ChartWidth is shrunk onto half a slide.
const (
	titleSize = 15
	labelSize = 13
	tickSize  = 11
)

// chartFont is the typeface of every chart: Liberation Sans, bundled with
// gonum/plot and metrically compatible with Arial and Helvetica.
func chartFont(size vg.Length, bold bool) font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: size}
	if bold {
		f.Weight = xfont.WeightBold
	}
	return f
}

// newPlot returns a plot with the house style: title, axis labels, font
// sizes, light grid-free axes.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = chartFont(titleSize, true)
	p.Title.Padding = 10
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = chartFont(labelSize, false)
		a.Tick.Label.Font = chartFont(tickSize, false)
		a.Label.Padding = 4
		a.Tick.Marker = niceTicks{}
	}
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	p.Legend.TextStyle.Font = chartFont(tickSize, false)
	return p
}

// WriteSVG renders p as an SVG document of the given size. The font is
// named with fallbacks (Arial, Helvetica, sans-serif), so the chart looks
// right where Liberation Sans is not installed.
func WriteSVG(w io.Writer, p *plot.Plot, width, height vg.Length) error {
	svg, err := renderSVG(p, width, height)
	if err != nil {
		return err
	}
	_, err = w.Write(svg)
	return err
}

// renderSVG renders p as SVG with portable font names.
func renderSVG(p *plot.Plot, width, height vg.Length) ([]byte, error) {
	wt, err := p.WriterTo(width, height, "svg")
	if err != nil {
		return nil, fmt.Errorf("svg chart %q: %w", p.Title.Text, err)
	}
	var b bytes.Buffer
	if _, err := wt.WriteTo(&b); err != nil {
		return nil, fmt.Errorf("svg chart %q: %w", p.Title.Text, err)
	}
	return []byte(portableFonts.Replace(b.String())), nil
}

var portableFonts = strings.NewReplacer(
	"font-family:Liberation Sans;", "font-family:'Liberation Sans',Arial,Helvetica,sans-serif;")

// WritePNG renders p as a PNG image of the given size at PNGDPI.
func WritePNG(w io.Writer, p *plot.Plot, width, height vg.Length) error {
	c := vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(PNGDPI))
	p.Draw(draw.New(c))
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(w); err != nil {
		return fmt.Errorf("png chart %q: %w", p.Title.Text, err)
	}
	return nil
}
