package lessons

import (
	"fmt"
	"math"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/theory"
)

// The wear-out law of the bundled maintenance scenario's press (hours).
const (
	wearShape = 2.5
	wearScale = 30.0
)

func maintenanceLesson() *Lesson {
	return &Lesson{
		Name:     "maintenance",
		Title:    "TPM: when does preventive maintenance pay?",
		Question: "Stopping a machine for planned maintenance costs production time. When does it win that time back?",
		Scenario: "maintenance",
		Experiment: "compare maintenance (a saturated press whose breakdowns wear it out, Weibull shape 2.5) with and " +
			"without maintenance every 12 h of operation, and the same with memoryless (exponential) breakdowns of " +
			"the same mean, against the availability of block replacement, T / (T + H(T)·MTTR + d), with the " +
			"renewal function H computed by takt",
		Takeaway: "Preventive maintenance pays only when machines wear out: a renewed machine is less likely to fail soon, " +
			"so planned stops replace longer breakdowns. With memoryless failures a maintained machine is no younger " +
			"than before, and every planned stop is production lost. Know your failure pattern (a Weibull shape above 1 " +
			"means wear-out) before you plan maintenance.",
		run: runMaintenance,
	}
}

func runMaintenance(e *env) (*Result, error) {
	sc, err := load("maintenance")
	if err != nil {
		return nil, err
	}
	st := sc.Model.Stations[0]
	if len(st.Failures) != 1 || len(sc.Variants) != 1 || sc.Variants[0].Scenario.Model.Stations[0].PM == nil {
		return nil, fmt.Errorf("maintenance: expected one failure mode and one maintenance variant")
	}
	f := st.Failures[0]
	mttf := wearScale * math.Gamma(1+1/wearShape)
	if math.Abs(f.TTF.Mean()-mttf) > 1e-9*mttf {
		return nil, fmt.Errorf("maintenance: time to failure has mean %g, not Weibull(%g, %g)", f.TTF.Mean(), wearShape, wearScale)
	}
	plan := sc.Variants[0].Scenario.Model.Stations[0].PM
	every, dur, mttr, te := plan.Every, plan.Duration.Mean(), f.TTR.Mean(), st.Process.Mean()
	ttf := scenarios.Set{Path: "station." + st.Name + ".failures." + f.Name + ".ttf", Value: fmt.Sprintf("exp(%v)", mttf)}
	pmSets := sc.Variants[0].Sets
	alts := []alt{{name: "wear-out, run to failure"}, {name: "wear-out, maintenance", sets: pmSets},
		{name: "memoryless, run to failure", sets: []scenarios.Set{ttf}},
		{name: "memoryless, maintenance", sets: append([]scenarios.Set{ttf}, pmSets...)}}
	c, err := e.compare(sc, alts, settings{quickReps: 5, quickHorizon: 20000, quickWarmup: 240})
	if err != nil {
		return nil, err
	}
	hWear := theory.RenewalFunction(theory.WeibullCDF(wearShape, wearScale), every, 4000)
	hExp := every / mttf
	avail := []float64{mttf / (mttf + mttr), theory.PMAvailability(hWear, every, mttr, dur),
		mttf / (mttf + mttr), theory.PMAvailability(hExp, every, mttr, dur)}
	res := &Result{TimeUnit: sc.TimeUnit,
		Columns: []string{"alternative", "availability (simulated)", "theory", "throughput (simulated)", "availability / process time"},
		Notes: []string{fmt.Sprintf("Breakdowns per %g %s of operation, H(%g): %.4f when the press wears out, %.4f when failures are memoryless "+
			"(MTTF %.4g %s, MTTR %.4g %s, maintenance %.4g %s).", every, sc.TimeUnit, every, hWear, hExp, mttf, sc.TimeUnit, mttr, sc.TimeUnit, dur, sc.TimeUnit)}}
	fig := Figure{Title: "Availability with and without maintenance", XLabel: "alternative", YLabel: "availability"}
	line := Series{Name: "theory", Group: 1}
	pts := Series{Name: "simulated", Group: 0}
	level := familyLevel(e.confidence, len(alts))
	for i, a := range c.Alternatives {
		s := a.Summary
		av := s.Stations[0].Availability
		res.Rows = append(res.Rows, []any{a.Name, av, avail[i], s.Throughput, avail[i] / te})
		fig.Categories = append(fig.Categories, a.Name)
		x := float64(i)
		line.X, line.Y = append(line.X, x), append(line.Y, avail[i])
		pts.X, pts.Est = append(pts.X, x), append(pts.Est, av)
		est := at(av, level)
		res.Checks = append(res.Checks, check(covers(est, avail[i], 0), "the theoretical availability lies in the simulated interval: "+a.Name,
			"%s vs %.4g (family level %.4g)", pm(est), avail[i], level))
	}
	fig.Series = []Series{line, pts}
	res.Figures = []Figure{fig}
	sum := func(i int) *sim.Summary { return c.Alternatives[i].Summary }
	dw := paired(sum(1), sum(0), throughput, familyLevel(e.confidence, 2))
	dm := paired(sum(3), sum(2), throughput, familyLevel(e.confidence, 2))
	res.Checks = append(res.Checks,
		check(above(dw), "maintenance raises throughput when the machine wears out", "maintenance − run to failure: %s", pm(dw)),
		check(below(dm), "maintenance lowers throughput when failures are memoryless", "maintenance − run to failure: %s", pm(dm)))
	return res, nil
}
