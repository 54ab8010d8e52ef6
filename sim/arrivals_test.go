package sim

import (
	"context"
	"math"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// entries counts the parts entering the plant in each of a set of weekly
// windows.
type entries struct {
	week    float64
	windows [][2]float64
	counts  []float64
}

func (e *entries) MachineState(float64, string, int, State) {}
func (e *entries) Level(float64, string, int)               {}
func (e *entries) PartEvent(t float64, _ int64, ev PartEventKind, _ string) {
	if ev != PartEntered {
		return
	}
	r := math.Mod(t, e.week)
	for i, w := range e.windows {
		if r >= w[0] && r < w[1] {
			e.counts[i]++
		}
	}
}

// TestArrivalsPerWindow checks the non-homogeneous Poisson arrivals against
// the integral of their rate: in minutes, 0.5/min on Mon–Fri 06:00–14:00,
// 0.1/min daily 20:00–22:00 and nothing else. Over 4 weeks the number of
// arrivals in each window is Poisson with mean ∫λ = rate · length · days ·
// 4, e.g. 0.5 · 480 · 5 · 4 = 4800 for the day shift, and the mean rate is
// (0.5·2400 + 0.1·840)/10080 per minute.
func TestArrivalsPerWindow(t *testing.T) {
	const day, week = 1440.0, 10080.0
	var day1, eve [][2]float64
	for d := range 5 {
		day1 = append(day1, [2]float64{float64(d)*day + 360, float64(d)*day + 840})
	}
	for d := range 7 {
		eve = append(eve, [2]float64{float64(d)*day + 1200, float64(d)*day + 1320})
	}
	a := &Arrivals{Week: week, Windows: []RateWindow{{On: day1, Rate: 0.5}, {On: eve, Rate: 0.1}}}
	exact(t, "mean rate", a.MeanRate(), (0.5*2400+0.1*840)/week)
	m := &Model{Name: "nhpp", Sources: []Source{{Name: "orders", To: "m", Kind: Open, Arrivals: a}},
		Stations: []Station{{Name: "m", Machines: 1, Process: constD(0.1), Buffer: Unlimited, Routes: to("out")}},
		Sinks:    []Sink{{Name: "out"}}}
	p, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	// Count per window kind: the day windows and the evening windows.
	run := testRun(4*week, 0, 20)
	var dayN, eveN, other []float64
	for i := range run.Replications {
		e := &entries{week: week, windows: append(append([][2]float64{}, day1...), eve...), counts: make([]float64, 12)}
		rep, err := p.Trace(context.Background(), run, i, e)
		if err != nil {
			t.Fatal(err)
		}
		d, v := 0.0, 0.0
		for k, c := range e.counts {
			if k < 5 {
				d += c
			} else {
				v += c
			}
		}
		dayN, eveN, other = append(dayN, d), append(eveN, v), append(other, float64(rep.Entered)-d-v)
	}
	within(t, "arrivals Mon–Fri 06–14 over 4 weeks", stats.NewEstimate(dayN, run.Confidence), 0.5*480*5*4)
	within(t, "arrivals 20–22 daily over 4 weeks", stats.NewEstimate(eveN, run.Confidence), 0.1*120*7*4)
	if e := stats.NewEstimate(other, run.Confidence); e.Max != 0 {
		t.Errorf("%v arrivals outside every window", e.Max)
	}
}
