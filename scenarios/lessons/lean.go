package lessons

import (
	"fmt"
	"math"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/theory"
)

func taktTimeLesson() *Lesson {
	return &Lesson{
		Name:     "takt-time",
		Title:    "Takt time and line balancing",
		Question: "Customers take one unit every 2 minutes. Our line has enough work content for that — why does it fall behind, and where should work move?",
		Scenario: "line-balancing",
		Experiment: "compare line-balancing (four stations, one over takt) with the variant that moves work from the " +
			"station over takt to the one with the most slack, against takt time, station cycle times and loads",
		Takeaway: "Takt time = available time / demand is the pace every station must keep. One station over takt caps " +
			"the whole line at 1 / its cycle time, however much slack the others have. Balance the line: move work " +
			"from stations over takt to those with slack, until every cycle time is under takt; then each station's " +
			"utilisation is its cycle time / takt time.",
		run: runTaktTime,
	}
}

func runTaktTime(e *env) (*Result, error) {
	sc, err := load("line-balancing")
	if err != nil {
		return nil, err
	}
	alts := []alt{{name: "base"}}
	models := []*sim.Model{sc.Model}
	for _, v := range sc.Variants {
		alts = append(alts, alt{name: v.Name, sets: v.Sets})
		models = append(models, v.Scenario.Model)
	}
	c, err := e.compare(sc, alts, settings{quickReps: 5, quickHorizon: 3000})
	if err != nil {
		return nil, err
	}
	takt := theory.TaktTime(1, 1/sc.Model.Sources[0].Interarrival.Mean()) // per unit of time: 1 / demand rate
	demand := 1 / takt
	res := &Result{TimeUnit: sc.TimeUnit,
		Columns: []string{"alternative", "station", "cycle time", "takt time", "load = cycle / takt", "utilisation (simulated)"}}
	fig := Figure{Title: "Throughput against demand", XLabel: "alternative", YLabel: "units per " + sc.TimeUnit}
	dem := Series{Name: "demand = 1 / takt", Group: 1}
	limit := Series{Name: "min(demand, rb)", Group: 2}
	pts := Series{Name: "throughput, simulated", Group: 0}
	for i, a := range c.Alternatives {
		m, s := models[i], a.Summary
		rb := theory.BottleneckRate(capacities(m))
		expect := math.Min(demand, rb)
		for k, st := range m.Stations {
			ct := st.Process.Mean() / float64(st.Machines)
			res.Rows = append(res.Rows, []any{a.Name, st.Name, ct, takt, ct / takt, s.Stations[k].Utilization})
		}
		res.Rows = append(res.Rows, []any{a.Name, "line: throughput", 1 / rb, takt, expect, s.Throughput})
		fig.Categories = append(fig.Categories, a.Name)
		x := float64(i)
		dem.X, dem.Y = append(dem.X, x), append(dem.Y, demand)
		limit.X, limit.Y = append(limit.X, x), append(limit.Y, expect)
		pts.X, pts.Est = append(pts.X, x), append(pts.Est, s.Throughput)
		th := at(s.Throughput, familyLevel(e.confidence, len(alts)))
		slack := 1 / window(s) // one unit more or less in the window
		if rb < demand {
			res.Checks = append(res.Checks,
				check(th.Mean+th.HalfWidth < demand, "a station over takt makes the line miss demand: "+a.Name, "%s vs demand %.4g", pm(th), demand),
				check(th.Mean-th.HalfWidth <= rb+slack, "the station over takt caps the line: "+a.Name, "%s vs rb %.4g", pm(th), rb))
			res.Notes = append(res.Notes, moveWork(m, takt))
		} else {
			res.Checks = append(res.Checks, check(covers(th, demand, slack), "a balanced line keeps pace with demand: "+a.Name,
				"%s vs demand %.4g", pm(th), demand))
			for k, st := range m.Stations {
				load := st.Process.Mean() / float64(st.Machines) / takt
				u := at(s.Stations[k].Utilization, familyLevel(e.confidence, len(m.Stations)))
				res.Checks = append(res.Checks, check(covers(u, load, slack*st.Process.Mean()),
					fmt.Sprintf("%s's utilisation is its load: %s", st.Name, a.Name), "%s vs %.4g", pm(u), load))
			}
		}
	}
	fig.Series = []Series{dem, limit, pts}
	res.Figures = []Figure{fig}
	return res, nil
}

// moveWork names the stations over takt and the one with the most slack.
func moveWork(m *sim.Model, takt float64) string {
	over, most, slack := "", "", -1.0
	for _, st := range m.Stations {
		ct := st.Process.Mean() / float64(st.Machines)
		if ct > takt {
			over += fmt.Sprintf("%s (%.4g over takt) ", st.Name, ct-takt)
		} else if takt-ct > slack {
			most, slack = st.Name, takt-ct
		}
	}
	return fmt.Sprintf("Over takt: %s— move work to %s, which has the most slack (%.4g).", over, most, slack)
}

// Batching parameters of the bundled batching scenario: the setup of a
// batch and the time per part (its process time is setup + k · perPart).
const (
	batchSetup   = 3.0
	batchPerPart = 0.4
)

func batchingLesson() *Lesson {
	return &Lesson{
		Name:     "batching",
		Title:    "Batching and SMED",
		Question: "Every batch needs a setup. How big should batches be — and what is a setup cut in half worth?",
		Scenario: "batching",
		Experiment: fmt.Sprintf("sweep the batch size k of batching's oven (setup %g min + %g min per part, Poisson "+
			"arrivals 1 a minute) with the setup as it is and halved, against Hopp & Spearman's process-batching "+
			"formula (wait to batch + Kingman queue + batch time)", batchSetup, batchPerPart),
		Takeaway: "Cycle time against batch size is U-shaped: small batches spend the capacity on setups and queue " +
			"(the left wall, where the station is nearly always busy), large batches wait to fill (the right wall). " +
			"Halving the setup (SMED) lowers the whole curve and moves its bottom to smaller batches: shorter " +
			"setups are what make small lots — and short cycle times — possible.",
		run: runBatching,
	}
}

func runBatching(e *env) (*Result, error) {
	sc, err := load("batching")
	if err != nil {
		return nil, err
	}
	st := sc.Model.Stations[0]
	if got := batchSetup + float64(st.Batch)*batchPerPart; math.Abs(st.Process.Mean()-got) > 1e-9 {
		return nil, fmt.Errorf("batching: the oven's process time %g is not setup %g + %d × %g", st.Process.Mean(), batchSetup, st.Batch, batchPerPart)
	}
	ra := 1 / sc.Model.Sources[0].Interarrival.Mean()
	setups := []float64{batchSetup, batchSetup / 2}
	ks := [][]float64{
		e.grid([]float64{6, 7, 8, 9, 10, 12, 14, 16}, []float64{6, 7, 10, 16}),
		e.grid([]float64{3, 4, 5, 6, 7, 8, 10, 12, 14, 16}, []float64{3, 4, 8, 16}),
	}
	var alts []alt
	for g, s := range setups {
		for _, k := range ks[g] {
			alts = append(alts, alt{name: fmt.Sprintf("setup %g, k=%g", s, k), sets: []scenarios.Set{
				{Path: "station." + st.Name + ".batch", Value: int64(k)},
				{Path: "station." + st.Name + ".process", Value: s + k*batchPerPart}}})
		}
	}
	c, err := e.compare(sc, alts, settings{quickReps: 5})
	if err != nil {
		return nil, err
	}
	res := &Result{TimeUnit: sc.TimeUnit, Columns: []string{"setup", "batch size k", "cycle time (simulated)", "Factory Physics (approx.)"}}
	fig := Figure{Title: "Cycle time against batch size", XLabel: "batch size k", YLabel: "cycle time (" + sc.TimeUnit + ")"}
	bestIdx := make([]int, len(setups))
	i := 0
	for g, s := range setups {
		pts := Series{Name: fmt.Sprintf("simulated, setup %g", s), Group: g}
		line := Series{Name: fmt.Sprintf("theory, setup %g", s), Group: g}
		bestIdx[g] = i
		for _, k := range ks[g] {
			sum := c.Alternatives[i].Summary
			ct := theory.BatchCycleTime(ra, 1, int(k), s+k*batchPerPart, 0)
			res.Rows = append(res.Rows, []any{fmt.Sprint(s), fmt.Sprint(k), sum.CycleTime, ct})
			pts.X, pts.Est = append(pts.X, k), append(pts.Est, sum.CycleTime)
			line.X, line.Y = append(line.X, k), append(line.Y, ct)
			if sum.CycleTime.Mean < c.Alternatives[bestIdx[g]].Summary.CycleTime.Mean {
				bestIdx[g] = i
			}
			i++
		}
		fig.Series = append(fig.Series, line, pts)
	}
	res.Figures = []Figure{fig}
	level := familyLevel(e.confidence, 5)
	first := 0
	for g, s := range setups {
		best := c.Alternatives[bestIdx[g]].Summary
		lo, hi := c.Alternatives[first].Summary, c.Alternatives[first+len(ks[g])-1].Summary
		dl, dh := paired(lo, best, cycleTime, level), paired(hi, best, cycleTime, level)
		kb := ks[g][bestIdx[g]-first]
		res.Checks = append(res.Checks,
			check(above(dl) && above(dh), fmt.Sprintf("setup %g: cycle time is U-shaped in the batch size", s),
				"best k = %g; k = %g is longer by %s, k = %g by %s", kb, ks[g][0], pm(dl), ks[g][len(ks[g])-1], pm(dh)))
		first += len(ks[g])
	}
	full, half := c.Alternatives[bestIdx[0]].Summary, c.Alternatives[bestIdx[1]].Summary
	d := paired(half, full, cycleTime, level)
	kFull, kHalf := ks[0][bestIdx[0]], ks[1][bestIdx[1]-len(ks[0])]
	res.Checks = append(res.Checks,
		check(below(d), "halving the setup shortens the best cycle time", "best with half setup − best with full: %s", pm(d)),
		check(kHalf <= kFull, "halving the setup does not enlarge the best batch", "best k %g with half setup, %g with full", kHalf, kFull))
	res.Notes = append(res.Notes, "Theory: wait to batch (k − 1)/(2 ra) + Kingman's queue of batches (ca² = 1/k, ce² = 0) + batch time; "+
		"Kingman's queue term is an approximation, so compare the shape, not every digit.")
	return res, nil
}
