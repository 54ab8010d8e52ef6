package lessons

import (
	"fmt"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
	"github.com/takt-sim/takt/sim/theory"
)

func pennyFabLesson() *Lesson {
	return &Lesson{
		Name:     "penny-fab",
		Title:    "The Penny Fab: how much WIP does a line need?",
		Question: "How many parts should we keep in the line — what do more buy, and where does it stop paying?",
		Scenario: "penny-fab",
		Experiment: "sweep the CONWIP level w = 1 … 12 of penny-fab, once with its constant 2-hour process times and " +
			"once with exponential ones of the same mean, against Hopp & Spearman's best case, worst case and " +
			"practical worst case",
		Takeaway: "Below the critical WIP W0 = rb · T0 machines starve; above it parts only queue: throughput stays at rb " +
			"and cycle time grows by 1/rb per extra part. A line without variability reaches the best case; with " +
			"exponential times it sits on the practical worst case, and needs 3(W0 − 1) parts for 75% of rb. " +
			"A real line lies between: the closer to the best case, the better the line. Hold WIP near W0 and attack " +
			"variability, rather than adding WIP.",
		run: runPennyFab,
	}
}

func runPennyFab(e *env) (*Result, error) {
	sc, err := load("penny-fab")
	if err != nil {
		return nil, err
	}
	rb, t0 := theory.BottleneckRate(capacities(sc.Model)), 0.0
	for _, m := range means(sc.Model) {
		t0 += m
	}
	ws := e.grid([]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, []float64{1, 2, 4, 6, 12})
	src := "source." + sc.Model.Sources[0].Name + ".conwip"
	var det, rnd []alt
	for _, w := range ws {
		set := scenarios.Set{Path: src, Value: int64(w)}
		det = append(det, alt{name: fmt.Sprintf("w=%g", w), sets: []scenarios.Set{set}})
		sets := []scenarios.Set{set}
		for _, st := range sc.Model.Stations {
			sets = append(sets, scenarios.Set{Path: "station." + st.Name + ".process", Value: fmt.Sprintf("exp(%v)", st.Process.Mean())})
		}
		rnd = append(rnd, alt{name: fmt.Sprintf("w=%g, exponential", w), sets: sets})
	}
	cd, err := e.compare(sc, det, settings{replications: 10, quickReps: 3})
	if err != nil {
		return nil, err
	}
	cr, err := e.compare(sc, rnd, settings{replications: 10, quickReps: 5, quickHorizon: 400})
	if err != nil {
		return nil, err
	}
	w0 := theory.CriticalWIP(rb, t0)
	res := &Result{TimeUnit: sc.TimeUnit,
		Columns: []string{"WIP w", "TH constant times", "best case", "TH exponential times", "practical worst case", "worst case"},
		Notes: []string{fmt.Sprintf("Bottleneck rate rb = %.4g /%s, raw process time T0 = %.4g %s, critical WIP W0 = rb·T0 = %.4g.",
			rb, sc.TimeUnit, t0, sc.TimeUnit, w0)}}
	det0 := Series{Name: "simulated, constant times", Group: 0}
	rnd0 := Series{Name: "simulated, exponential times", Group: 3}
	detCT := Series{Name: "simulated, constant times", Group: 0}
	rndCT := Series{Name: "simulated, exponential times", Group: 3}
	level := familyLevel(e.confidence, len(ws))
	var missed, outside, notBest string
	for i, w := range ws {
		sd, sr := cd.Alternatives[i].Summary, cr.Alternatives[i].Summary
		best, pwc, worst := theory.BestCaseTH(w, rb, t0), theory.PracticalWorstCaseTH(w, rb, t0), theory.WorstCaseTH(t0)
		res.Rows = append(res.Rows, []any{fmt.Sprint(w), sd.Throughput, best, sr.Throughput, pwc, worst})
		det0.X, det0.Est = append(det0.X, w), append(det0.Est, sd.Throughput)
		rnd0.X, rnd0.Est = append(rnd0.X, w), append(rnd0.Est, sr.Throughput)
		detCT.X, detCT.Est = append(detCT.X, w), append(detCT.Est, sd.CycleTime)
		rndCT.X, rndCT.Est = append(rndCT.X, w), append(rndCT.Est, sr.CycleTime)
		// One penny more or less in the window is an end effect.
		if !covers(sd.Throughput, best, 1/window(sd)) {
			notBest += fmt.Sprintf(" w=%g: %s vs %.4g;", w, pm(sd.Throughput), best)
		}
		// Throughput is a count over the window: its resolution is one penny.
		th, res1 := at(sr.Throughput, level), 1/window(sr)
		if !covers(th, pwc, res1) {
			missed += fmt.Sprintf(" w=%g: %s vs %.4g;", w, pm(th), pwc)
		}
		if th.Mean+th.HalfWidth+res1 < worst || th.Mean-th.HalfWidth-res1 > best {
			outside += fmt.Sprintf(" w=%g: %s;", w, pm(th))
		}
	}
	res.Figures = []Figure{{Title: "Penny Fab: throughput against WIP", XLabel: "WIP w (pennies)", YLabel: "pennies per " + sc.TimeUnit,
		Series: []Series{
			theoryCurve("best case", 0, ws[0], ws[len(ws)-1], func(w float64) float64 { return theory.BestCaseTH(w, rb, t0) }),
			theoryCurve("practical worst case", 3, ws[0], ws[len(ws)-1], func(w float64) float64 { return theory.PracticalWorstCaseTH(w, rb, t0) }),
			theoryCurve("worst case", 7, ws[0], ws[len(ws)-1], func(float64) float64 { return theory.WorstCaseTH(t0) }),
			det0, rnd0,
		}},
		{Title: "Penny Fab: cycle time against WIP", XLabel: "WIP w (pennies)", YLabel: "cycle time (" + sc.TimeUnit + ")",
			Series: []Series{
				theoryCurve("best case", 0, ws[0], ws[len(ws)-1], func(w float64) float64 { return theory.BestCaseCT(w, rb, t0) }),
				theoryCurve("practical worst case", 3, ws[0], ws[len(ws)-1], func(w float64) float64 { return theory.PracticalWorstCaseCT(w, rb, t0) }),
				theoryCurve("worst case", 7, ws[0], ws[len(ws)-1], func(w float64) float64 { return theory.WorstCaseCT(w, t0) }),
				detCT, rndCT,
			}}}
	res.Checks = []Check{
		check(notBest == "", "with constant times the line reaches the best case at every WIP",
			"%d points, one penny per window allowed;%s", len(ws), orAll(notBest)),
		check(outside == "", "with exponential times throughput lies between the worst and the best case",
			"%d points at family level %.4g;%s", len(ws), level, orAll(outside)),
		check(missed == "", "with exponential times the practical worst case lies inside the simulated interval",
			"%d points at family level %.4g (a balanced exponential line is the practical worst case);%s", len(ws), level, orAll(missed)),
	}
	return res, nil
}

func pushPullLesson() *Lesson {
	return &Lesson{
		Name:     "push-pull",
		Title:    "Push vs pull",
		Question: "Should we release work by the schedule (push) or only when a part leaves the line (pull, CONWIP)?",
		Scenario: "push-pull",
		Experiment: "run push-pull (three exponential stations under CONWIP) and its push twin — Poisson releases at " +
			"the CONWIP line's throughput, computed by mean value analysis — paired by common random numbers, " +
			"against MVA for pull and Jackson's M/M/1 formulas for push",
		Takeaway: "At the same throughput a pull line holds less WIP and has shorter cycle times than a push line, " +
			"because CONWIP caps the WIP that push lets pile up in front of the bottleneck in bad spells. Pull " +
			"also makes WIP observable and cycle times predictable (Hopp & Spearman, Factory Physics, §10.2).",
		run: runPushPull,
	}
}

func runPushPull(e *env) (*Result, error) {
	sc, err := load("push-pull")
	if err != nil {
		return nil, err
	}
	src := sc.Model.Sources[0]
	if src.Kind != sim.CONWIP {
		return nil, fmt.Errorf("push-pull: the source must be CONWIP")
	}
	ms := means(sc.Model)
	th, ct, _ := theory.MVA(ms, src.WIP)
	pushWIP := 0.0
	for _, s := range ms {
		rho := th * s
		pushWIP += rho / (1 - rho)
	}
	// The release keys of a source replace each other: setting the
	// interarrival time turns the CONWIP loop into an open line.
	alts := []alt{{name: fmt.Sprintf("pull (CONWIP %d)", src.WIP)},
		{name: fmt.Sprintf("push (Poisson, λ = %.4g)", th), sets: []scenarios.Set{
			{Path: "source." + src.Name + ".interarrival", Value: fmt.Sprintf("exp(%v)", 1/th)}}}}
	c, err := e.compare(sc, alts, settings{quickReps: 5, quickHorizon: 8000, quickWarmup: 500})
	if err != nil {
		return nil, err
	}
	pull, push := c.Alternatives[0].Summary, c.Alternatives[1].Summary
	res := &Result{TimeUnit: sc.TimeUnit,
		Columns: []string{"release", "throughput", "theory", "WIP", "theory", "cycle time", "theory"},
		Notes: []string{fmt.Sprintf("Mean value analysis of the CONWIP line with %d parts: TH = %.4g /%s; the push line "+
			"releases at that rate (mean interarrival %.5g %s).", src.WIP, th, sc.TimeUnit, 1/th, sc.TimeUnit)}}
	theo := [][3]float64{{th, float64(src.WIP), ct}, {th, pushWIP, pushWIP / th}}
	level := familyLevel(e.confidence, 6)
	fig := Figure{Title: "WIP and cycle time at equal throughput", XLabel: "release", YLabel: "parts / " + sc.TimeUnit,
		Categories: []string{"pull", "push"}}
	var series [4]Series
	series[0], series[1] = Series{Name: "WIP, theory", Group: 0}, Series{Name: "WIP, simulated", Group: 0}
	series[2], series[3] = Series{Name: "cycle time, theory", Group: 1}, Series{Name: "cycle time, simulated", Group: 1}
	for i, a := range c.Alternatives {
		s, t := a.Summary, theo[i]
		res.Rows = append(res.Rows, []any{a.Name, s.Throughput, t[0], s.WIP, t[1], s.CycleTime, t[2]})
		x := float64(i)
		for k, est := range []stats.Estimate{s.WIP, s.CycleTime} {
			series[2*k].X, series[2*k].Y = append(series[2*k].X, x), append(series[2*k].Y, t[k+1])
			series[2*k+1].X, series[2*k+1].Est = append(series[2*k+1].X, x), append(series[2*k+1].Est, est)
		}
		for k, est := range []stats.Estimate{s.Throughput, s.WIP, s.CycleTime} {
			what := []string{"throughput", "WIP", "cycle time"}[k]
			est = at(est, level)
			// A CONWIP line's WIP is the same in every replication.
			res.Checks = append(res.Checks, check(covers(est, t[k], 1e-9*t[k]), fmt.Sprintf("theory's %s lies in the simulated interval: %s", what, a.Name),
				"%s vs %.4g (family level %.4g)", pm(est), t[k], level))
		}
	}
	fig.Series = series[:]
	res.Figures = []Figure{fig}
	dw := paired(pull, push, wip, e.confidence)
	dct := paired(pull, push, cycleTime, e.confidence)
	res.Checks = append(res.Checks,
		check(below(dw), "pull holds less WIP than push at the same throughput", "pull − push WIP: %s", pm(dw)),
		check(below(dct), "pull has the shorter cycle time", "pull − push cycle time: %s", pm(dct)))
	return res, nil
}
