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

// TestDeliveriesStaging is a hand case in minutes: 10 parts delivered
// every day at 00:00 to one machine of constant 1 min with 2 buffer places.
// Part k (1…10 of the day) starts at k−1 and leaves at k; parts 1–3 enter
// at once (one to the machine, two to the buffer), part k ≥ 4 waits at
// the source and enters when part k−2 starts, at k−3. So the cycle times
// are 1, 2, 3, 3, …, 3 (mean 2.7 min), the source holds parts during
// [0, 7) of every day (blocked 7/1440), 10 parts a day leave, and the
// week holds 70 parts exactly.
func TestDeliveriesStaging(t *testing.T) {
	const day = 1440.0
	var at []float64
	for d := range 7 {
		at = append(at, float64(d)*day)
	}
	a := &Arrivals{Week: 7 * day, Batches: []Batch{{At: at, Parts: 10}}}
	exact(t, "mean rate", a.MeanRate(), 10/day)
	m := &Model{Name: "trucks", Sources: []Source{{Name: "dock", To: "m", Kind: Open, Arrivals: a}},
		Stations: []Station{{Name: "m", Machines: 1, Process: constD(1), Buffer: 2, Routes: to("out")}},
		Sinks:    []Sink{{Name: "out"}}}
	s := runExp(t, m, Run{Horizon: 14 * day, Replications: 2, Seed: 1, Confidence: 0.95})
	exact(t, "completed", float64(s.Replications[0].Completed), 140)
	exact(t, "cycle time", s.CycleTime.Mean, 2.7)
	exact(t, "source blocked", s.Sources[0].Blocked.Mean, 7/day)
	exact(t, "throughput", s.Throughput.Mean, 10/day)
	checkLittle(t, s)
}

// TestDeliveriesWithRates: a source with a rate window and a batch
// schedule brings, per week, Poisson(∫λ) parts plus the batches exactly:
// 0.5/min on Mon–Fri 06:00–14:00 (∫λ = 1200 a week) and 40 parts each
// Mon, Wed and Fri at 14:00 (120 a week); over 4 weeks, 4 · 1320 = 5280
// on average, and the count minus the batches is Poisson(4800): its
// variance must match its mean (chi-square interval at 1 − 10⁻⁴).
func TestDeliveriesWithRates(t *testing.T) {
	const day, week = 1440.0, 10080.0
	var shift [][2]float64
	for d := range 5 {
		shift = append(shift, [2]float64{float64(d)*day + 360, float64(d)*day + 840})
	}
	a := &Arrivals{Week: week, Windows: []RateWindow{{On: shift, Rate: 0.5}},
		Batches: []Batch{{At: []float64{840, 2*day + 840, 4*day + 840}, Parts: 40}}}
	exact(t, "mean rate", a.MeanRate(), 1320/week)
	m := &Model{Name: "mixed", Sources: []Source{{Name: "in", To: "m", Kind: Open, Arrivals: a}},
		Stations: []Station{{Name: "m", Machines: 2, Process: constD(0.5), Buffer: Unlimited, Routes: to("out")}},
		Sinks:    []Sink{{Name: "out"}}}
	run := testRun(4*week, 0, 40)
	s := runExp(t, m, run)
	n := make([]float64, len(s.Replications))
	for i, r := range s.Replications {
		n[i] = float64(r.Entered)
	}
	e := stats.NewEstimate(n, run.Confidence)
	within(t, "parts over 4 weeks", e, 4*1320)
	df := float64(len(n) - 1)
	v := e.StdDev * e.StdDev
	if lo, hi := df*4800/chi2Quantile(df, 1-0.5e-4), df*4800/chi2Quantile(df, 0.5e-4); v < lo || v > hi {
		t.Errorf("variance of the count %.0f outside [%.0f, %.0f] around the Poisson variance 4800", v, lo, hi)
	}
	checkLittle(t, s)
}

// TestDeliveriesRefused: a batch needs at least one part and instants
// within the week.
func TestDeliveriesRefused(t *testing.T) {
	for _, b := range []Batch{{At: []float64{0}, Parts: 0}, {At: []float64{20000}, Parts: 1}} {
		a := &Arrivals{Week: 10080, Batches: []Batch{b}}
		if err := a.check(); err == nil {
			t.Errorf("%+v accepted", b)
		}
	}
}
