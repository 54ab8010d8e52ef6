package lessons

import (
	"fmt"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/theory"
)

func bottleneckLesson() *Lesson {
	return &Lesson{
		Name:     "bottleneck",
		Title:    "The bottleneck rules",
		Question: "We can make one station 20% faster. Which one — and what will the line gain?",
		Scenario: "bottleneck-rules",
		Experiment: "compare bottleneck-rules (cut, mill, pack; the mill is the slowest) with a 20% faster cut and a " +
			"20% faster mill, paired by common random numbers, against the bottleneck rate rb = min(machines / mean time)",
		Takeaway: "No line makes more than its bottleneck rate. An hour gained at a non-bottleneck is a mirage: the line " +
			"gains (almost) nothing. An hour gained at the bottleneck is an hour gained for the whole line — until " +
			"another station becomes the bottleneck. Find the bottleneck first, then spend.",
		run: runBottleneck,
	}
}

func runBottleneck(e *env) (*Result, error) {
	sc, err := load("bottleneck-rules")
	if err != nil {
		return nil, err
	}
	alts := []alt{{name: "base"}}
	for _, v := range sc.Variants {
		alts = append(alts, alt{name: v.Name, sets: v.Sets})
	}
	c, err := e.compare(sc, alts, settings{quickReps: 5, quickHorizon: 3000})
	if err != nil {
		return nil, err
	}
	res := &Result{TimeUnit: sc.TimeUnit,
		Columns: []string{"alternative", "throughput (simulated)", "bottleneck rate rb", "gain (paired)", "gain in rb"}}
	fig := Figure{Title: "Throughput against the bottleneck rate", XLabel: "alternative", YLabel: "parts per " + sc.TimeUnit}
	rbs := make([]float64, len(alts))
	rbLine := Series{Name: "bottleneck rate rb", Group: 1}
	pts := Series{Name: "throughput, simulated", Group: 0}
	gains := make([]float64, len(alts))
	for i, a := range c.Alternatives {
		m := sc.Model
		if i > 0 {
			m = sc.Variants[i-1].Scenario.Model
		}
		rbs[i] = theory.BottleneckRate(capacities(m))
		gain := paired(a.Summary, c.Alternatives[0].Summary, throughput, e.confidence)
		res.Rows = append(res.Rows, []any{a.Name, a.Summary.Throughput, rbs[i], gain, rbs[i] - rbs[0]})
		fig.Categories = append(fig.Categories, a.Name)
		x := float64(i)
		rbLine.X, rbLine.Y = append(rbLine.X, x), append(rbLine.Y, rbs[i])
		pts.X, pts.Est = append(pts.X, x), append(pts.Est, a.Summary.Throughput)
		th := at(a.Summary.Throughput, familyLevel(e.confidence, len(alts)))
		res.Checks = append(res.Checks, check(th.Mean-th.HalfWidth <= rbs[i], "throughput does not exceed the bottleneck rate: "+a.Name,
			"%s vs rb = %.4g", pm(th), rbs[i]))
		gains[i] = gain.Mean
	}
	fig.Series = []Series{rbLine, pts}
	res.Figures = []Figure{fig}
	// Which variant speeds up the bottleneck is read off the theory.
	bn, other := -1, -1
	for i := 1; i < len(alts); i++ {
		if rbs[i] > rbs[0] {
			bn = i
		} else {
			other = i
		}
	}
	if bn < 0 || other < 0 {
		return nil, fmt.Errorf("bottleneck-rules needs a variant that raises rb and one that does not")
	}
	gb := paired(c.Alternatives[bn].Summary, c.Alternatives[0].Summary, throughput, familyLevel(e.confidence, 2))
	gn := paired(c.Alternatives[other].Summary, c.Alternatives[0].Summary, throughput, familyLevel(e.confidence, 2))
	res.Checks = append(res.Checks,
		check(above(gb), "speeding up the bottleneck raises throughput", "%s: %s", alts[bn].name, pm(gb)),
		check(gn.Mean+gn.HalfWidth < 0.1*(gb.Mean-gb.HalfWidth),
			"speeding up a non-bottleneck buys less than a tenth of that",
			"%s: %s against %s", alts[other].name, pm(gn), pm(gb)))
	res.Notes = append(res.Notes, fmt.Sprintf("Station capacities (machines / mean time): %s.", capList(sc.Model)))
	return res, nil
}

// capList names each station's capacity.
func capList(m *sim.Model) string {
	s := ""
	for i, c := range capacities(m) {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%s %.4g", m.Stations[i].Name, c)
	}
	return s
}

func buffersLesson() *Lesson {
	return &Lesson{
		Name:     "buffers",
		Title:    "Buffers against blocking",
		Question: "Two machines of equal speed make far less together than each alone. How much room between them do we need?",
		Scenario: "two-station-buffer",
		Experiment: "sweep the buffer between the two exponential machines of two-station-buffer from 0 to 6 parts, " +
			"against the exact Markov chain of the line",
		Takeaway: "Without a buffer, random process times make the first machine wait for the second (blocked) and the " +
			"second for the first (starved): a third of the capacity is lost. Each place of buffer buys throughput, " +
			"with diminishing returns, (b + 2)/(b + 3): the first two places buy the most. Buffers decouple " +
			"variability; they cost WIP and floor space, so size them with the curve, not by feel.",
		run: runBuffers,
	}
}

func runBuffers(e *env) (*Result, error) {
	sc, err := load("two-station-buffer")
	if err != nil {
		return nil, err
	}
	first, second := sc.Model.Stations[0], sc.Model.Stations[1]
	bs := e.grid([]float64{0, 1, 2, 3, 4, 5, 6}, []float64{0, 2, 6})
	alts := make([]alt, len(bs))
	for i, b := range bs {
		alts[i] = alt{name: fmt.Sprintf("buffer=%g", b), sets: []scenarios.Set{{Path: "station." + second.Name + ".buffer", Value: int64(b)}}}
	}
	c, err := e.compare(sc, alts, settings{quickReps: 5})
	if err != nil {
		return nil, err
	}
	mu1, mu2 := 1/first.Process.Mean(), 1/second.Process.Mean()
	res := &Result{TimeUnit: sc.TimeUnit,
		Columns: []string{"buffer", "throughput (simulated)", "Markov chain", "first blocked (simulated)", "Markov chain"}}
	pts := Series{Name: "throughput, simulated", Group: 0}
	var exact []float64
	level := familyLevel(e.confidence, len(bs))
	missed := ""
	for i, b := range bs {
		s := c.Alternatives[i].Summary
		th, blocked, err := theory.TwoStation(mu1, mu2, 0, 0, int(b))
		if err != nil {
			return nil, err
		}
		exact = append(exact, th)
		res.Rows = append(res.Rows, []any{fmt.Sprint(b), s.Throughput, th, s.Stations[0].States[sim.Blocked], blocked})
		pts.X, pts.Est = append(pts.X, b), append(pts.Est, s.Throughput)
		if !covers(at(s.Throughput, level), th, 0) {
			missed += fmt.Sprintf(" b=%g: %s vs %.4g;", b, pm(at(s.Throughput, level)), th)
		}
	}
	res.Figures = []Figure{{Title: "Throughput against buffer size", XLabel: "buffer (parts)", YLabel: "parts per " + sc.TimeUnit,
		Series: []Series{{Name: "Markov chain (exact)", Group: 0, X: bs, Y: exact}, pts}}}
	gain := paired(c.Alternatives[len(bs)-1].Summary, c.Alternatives[0].Summary, throughput, e.confidence)
	res.Checks = []Check{
		check(missed == "", "the exact throughput lies inside the simulated interval at every buffer size",
			"%d points at family level %.4g;%s", len(bs), level, orAll(missed)),
		check(above(gain), fmt.Sprintf("a buffer of %g buys throughput over none", bs[len(bs)-1]), "paired gain %s", pm(gain)),
	}
	return res, nil
}
