package output

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

var chartsDir = flag.String("charts", "", "also write every test chart as SVG and PNG into `DIR`, to look at")

// tracedTiny runs one traced replication of tinyLine with failures.
func tracedTiny(t *testing.T, opt RecorderOptions) (*Recorder, sim.Run) {
	t.Helper()
	m := tinyLine(true)
	run := sim.Run{Horizon: 600, Warmup: 60, Replications: 1, Seed: 1, Confidence: 0.95}
	rec := NewRecorder(m, run, opt)
	if _, err := sim.TraceReplication(context.Background(), m, run, 0, rec); err != nil {
		t.Fatal(err)
	}
	return rec, run
}

// testCharts builds one chart of every kind.
func testCharts(t *testing.T) map[string]*plot.Plot {
	rec, run := tracedTiny(t, RecorderOptions{})
	from, to, _ := rec.GanttWindow()
	cts, _ := rec.CycleTimes()
	s := handPlant()
	ests := []stats.Estimate{s.Throughput, estimate(0.84, 0.02), estimate(0.91, 0.03)}
	return map[string]*plot.Plot{
		"states":     StateBars(s),
		"bars":       BarsCI("Throughput by variant", "parts/h", []string{"base", "bigger buffer", "second crew"}, ests),
		"curve":      CurveCI("Throughput by CONWIP level", "CONWIP (parts)", "parts/h", []float64{1, 2, 4, 8}, append(ests, estimate(0.95, 0.01))),
		"bottleneck": BottleneckBars([]string{"press", "paint", "oven"}, []stats.Estimate{estimate(0.6, 0.05), estimate(0.05, 0.02), estimate(0.1, 0.03)}, []stats.Estimate{estimate(0.15, 0.04), estimate(0.05, 0.02), estimate(0.05, 0.01)}),
		"cycle-time": CycleTimeHistogram(cts, "min"),
		"levels":     LevelsOverTime("WIP and buffers", "min", run.Warmup, rec.Levels()[:2]...),
		"gantt":      Gantt("Machine states", "min", from, to, rec.GanttRows()),
	}
}

func renderSVGString(t *testing.T, p *plot.Plot) string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteSVG(&b, p, ChartWidth, ChartHeight); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestChartsRender checks that every chart has a title and a Y-axis label,
// renders to well-formed SVG holding its title, and to a PNG of PNGDPI.
func TestChartsRender(t *testing.T) {
	for name, p := range testCharts(t) {
		t.Run(name, func(t *testing.T) {
			if p.Title.Text == "" || p.Y.Label.Text == "" {
				t.Errorf("title %q, Y label %q", p.Title.Text, p.Y.Label.Text)
			}
			svg := renderSVGString(t, p)
			checkWellFormed(t, svg)
			if !strings.Contains(svg, ">"+p.Title.Text+"</text>") {
				t.Errorf("title %q not in the SVG", p.Title.Text)
			}
			if strings.Contains(svg, "font-family:Liberation Sans;") {
				t.Error("font without fallbacks")
			}
			var b bytes.Buffer
			if err := WritePNG(&b, p, ChartWidth, ChartHeight); err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(&b)
			if err != nil {
				t.Fatal(err)
			}
			if w := img.Bounds().Dx(); w != 8*PNGDPI {
				t.Errorf("PNG %d pixels wide, want %d", w, 8*PNGDPI)
			}
			saveChart(t, name, p)
		})
	}
}

// TestChartsAxisLabels checks the axis labels and their units.
func TestChartsAxisLabels(t *testing.T) {
	charts := testCharts(t)
	for name, want := range map[string][2]string{
		"states":     {"share of machine time (%)", "station"},
		"bars":       {"", "parts/h"},
		"curve":      {"CONWIP (parts)", "parts/h"},
		"bottleneck": {"", "share of time (%)"},
		"cycle-time": {"cycle time (min)", "parts"},
		"levels":     {"time (min)", "parts"},
		"gantt":      {"time (min)", "machine"},
	} {
		p := charts[name]
		if got := [2]string{p.X.Label.Text, p.Y.Label.Text}; got != want {
			t.Errorf("%s: labels %q, want %q", name, got, want)
		}
	}
}

// checkWellFormed parses doc as XML.
func checkWellFormed(t *testing.T, doc string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
	}
}

// saveChart writes p into -charts DIR, when given.
func saveChart(t *testing.T, name string, p *plot.Plot) {
	if *chartsDir == "" {
		return
	}
	for ext, write := range map[string]func(io.Writer) error{
		".svg": func(w io.Writer) error { return WriteSVG(w, p, ChartWidth, ChartHeight) },
		".png": func(w io.Writer) error { return WritePNG(w, p, ChartWidth, ChartHeight) },
	} {
		if err := WriteFileAtomic(filepath.Join(*chartsDir, name+ext), write); err != nil {
			t.Error(err)
		}
	}
}

// hex is a colour as SVG writes it: #rrggbb.
func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02X%02X%02X", r>>8, g>>8, b>>8)
}

// TestStatePalette checks that every state has its own colour, the same
// by value and by name, and that the state charts paint each state they
// show in it.
func TestStatePalette(t *testing.T) {
	seen := map[string]string{}
	for _, st := range sim.States() {
		c := hex(StateColor(st))
		if c != hex(StateColorByName(st.String())) {
			t.Errorf("%s: colour by value %s, by name %s", st, c, hex(StateColorByName(st.String())))
		}
		if other, ok := seen[c]; ok {
			t.Errorf("%s and %s share colour %s", st, other, c)
		}
		seen[c] = st.String()
	}
	for _, later := range []string{"setup", "waiting_operator", "off_shift"} {
		if _, ok := StateColors[later]; !ok {
			t.Errorf("no colour reserved for %s", later)
		}
	}
	charts := testCharts(t)
	states := renderSVGString(t, charts["states"])
	gantt := renderSVGString(t, charts["gantt"])
	for _, st := range []sim.State{sim.Busy, sim.Starved, sim.Down, sim.WaitingCrew, sim.Maintenance} {
		if !strings.Contains(states, "fill:"+hex(StateColor(st))) {
			t.Errorf("state bars: %s not painted %s", st, hex(StateColor(st)))
		}
	}
	for _, st := range []sim.State{sim.Busy, sim.Starved, sim.Blocked} {
		if !strings.Contains(gantt, "fill:"+hex(StateColor(st))) {
			t.Errorf("Gantt: %s not painted %s", st, hex(StateColor(st)))
		}
	}
}

func TestMain(m *testing.M) {
	flag.Parse()
	if *chartsDir != "" {
		if err := os.MkdirAll(*chartsDir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// TestCycleTimeHistogramEndsNearP99 checks that a long tail does not
// stretch the axis: 200 cycle times between 1 and 3 and two of 100 and
// 500 (p99 is the 198th value, 3) give an axis ending within one bar of 3,
// and the legend counts the 2 parts beyond it.
func TestCycleTimeHistogramEndsNearP99(t *testing.T) {
	var cts []float64
	for i := range 198 {
		cts = append(cts, 1+2*float64(i)/197)
	}
	cts = append(cts, 500, 100)
	p := CycleTimeHistogram(cts, "min")
	if p.X.Max < 3 || p.X.Max > 3.2 {
		t.Errorf("axis ends at %g, want just past the p99 of 3", p.X.Max)
	}
	if svg := renderSVGString(t, p); !strings.Contains(svg, "2 beyond p99, up to 500 min") {
		t.Error("the legend does not count the parts beyond p99")
	}
}

// TestDiffsCIAxis checks that the chart of paired differences spans 0 and
// every interval, and no more than a margin beyond: a difference of 1% of
// a throughput of 1 is as tall as the chart, not a sliver of a bar from 0.
func TestDiffsCIAxis(t *testing.T) {
	p := DiffsCI("Throughput: paired difference to base", "Δ parts/h", []string{"a", "b"},
		[]stats.Estimate{estimate(0.01, 0.002), estimate(-0.005, 0.001)}, []bool{true, true})
	if p.Y.Min > -0.006 || p.Y.Min < -0.008 || p.Y.Max < 0.012 || p.Y.Max > 0.014 {
		t.Errorf("axis %g..%g, want about -0.0069..0.0129", p.Y.Min, p.Y.Max)
	}
	if svg := renderSVGString(t, p); !strings.Contains(svg, "+0.0100") || !strings.Contains(svg, "-0.0050") {
		t.Error("the chart does not label the differences with their signs")
	}
}
