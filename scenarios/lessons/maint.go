package lessons

import (
	"fmt"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/theory"
)

func breakdownsLesson() *Lesson {
	return &Lesson{
		Name:     "breakdowns",
		Title:    "TPM: short stops or long breakdowns",
		Question: "Two machines have the same availability, 90%. One stops often for a minute, the other rarely for half an hour. Does it matter which we have?",
		Scenario: "breakdowns",
		Experiment: "compare breakdowns (a saturated two-station line, the first machine down 1 min every 9 min of " +
			"operation) with rare long breakdowns at the same availability, against the line's exact Markov chain",
		Takeaway: "Availability alone does not tell what breakdowns cost. A buffer absorbs short stops but runs dry in a " +
			"long one, and the line loses what the buffer could not cover. At equal availability, long rare failures " +
			"cost more throughput than short frequent ones — so TPM attacks long breakdowns first (quick repair, " +
			"spares, preventive maintenance), and a buffer after an unreliable machine is sized by its repair times.",
		run: runBreakdowns,
	}
}

func runBreakdowns(e *env) (*Result, error) {
	sc, err := load("breakdowns")
	if err != nil {
		return nil, err
	}
	alts := []alt{{name: "short frequent breakdowns"}}
	models := []*sim.Model{sc.Model}
	for _, v := range sc.Variants {
		alts = append(alts, alt{name: v.Name, sets: v.Sets})
		models = append(models, v.Scenario.Model)
	}
	c, err := e.compare(sc, alts, settings{horizon: 100000, quickReps: 6})
	if err != nil {
		return nil, err
	}
	res := &Result{TimeUnit: sc.TimeUnit,
		Columns: []string{"alternative", "MTBF", "MTTR", "availability", "throughput (simulated)", "Markov chain"}}
	fig := Figure{Title: "Throughput at equal availability", XLabel: "alternative", YLabel: "parts per " + sc.TimeUnit}
	exact := Series{Name: "Markov chain (exact)", Group: 1}
	pts := Series{Name: "throughput, simulated", Group: 0}
	level := familyLevel(e.confidence, len(alts))
	for i, a := range c.Alternatives {
		m := models[i]
		first, second := m.Stations[0], m.Stations[1]
		f := first.Failures[0]
		mtbf, mttr := f.TTF.Mean(), f.TTR.Mean()
		th, _, err := theory.TwoStation(1/first.Process.Mean(), 1/second.Process.Mean(), 1/mtbf, 1/mttr, second.Buffer)
		if err != nil {
			return nil, err
		}
		s := a.Summary
		res.Rows = append(res.Rows, []any{a.Name, mtbf, mttr, theory.Availability(mtbf, mttr), s.Throughput, th})
		fig.Categories = append(fig.Categories, a.Name)
		x := float64(i)
		exact.X, exact.Y = append(exact.X, x), append(exact.Y, th)
		pts.X, pts.Est = append(pts.X, x), append(pts.Est, s.Throughput)
		est := at(s.Throughput, level)
		res.Checks = append(res.Checks, check(covers(est, th, 0), "the exact throughput lies in the simulated interval: "+a.Name,
			"%s vs %.4g (family level %.4g)", pm(est), th, level))
	}
	fig.Series = []Series{exact, pts}
	res.Figures = []Figure{fig}
	d := paired(c.Alternatives[1].Summary, c.Alternatives[0].Summary, throughput, e.confidence)
	res.Checks = append(res.Checks, check(below(d), "at the same availability, long rare breakdowns cost more throughput",
		"%s − %s: %s", alts[1].name, alts[0].name, pm(d)))
	res.Notes = append(res.Notes, fmt.Sprintf("Breakdowns count operating time and are exponential; the buffer holds %d parts.",
		sc.Model.Stations[1].Buffer))
	return res, nil
}

func staffingLesson() *Lesson {
	return &Lesson{
		Name:     "staffing",
		Title:    "Staffing and shifts",
		Question: "Three lathes, one operator on one shift, and we need 1 000 parts a week. A second operator, or a second shift?",
		Scenario: "staffing",
		Experiment: "compare staffing's six alternatives — one to three operators, one to three shifts — against the " +
			"capacity min(operators, lathes) / process time × the shift's working time, per week",
		Takeaway: "A lathe without an operator makes nothing: capacity is min(operators, machines) / process time over the " +
			"time the shift works. A second operator and a second shift each double the output of one operator on one " +
			"shift. Meeting 1 000 parts a week needs two shifts of three operators.",
		run: runStaffing,
	}
}

func runStaffing(e *env) (*Result, error) {
	sc, err := load("staffing")
	if err != nil {
		return nil, err
	}
	alts := []alt{{name: "1 operator, one shift"}}
	models := []*sim.Model{sc.Model}
	for _, v := range sc.Variants {
		alts = append(alts, alt{name: v.Name, sets: v.Sets})
		models = append(models, v.Scenario.Model)
	}
	c, err := e.compare(sc, alts, settings{quickReps: 4, quickHorizon: 3 * 10080})
	if err != nil {
		return nil, err
	}
	week := 7 * 24 * 60.0 // minutes; staffing runs in minutes
	if sc.TimeUnit != "min" {
		return nil, fmt.Errorf("staffing: expected time unit min, got %s", sc.TimeUnit)
	}
	res := &Result{TimeUnit: sc.TimeUnit,
		Columns: []string{"alternative", "working hours a week", "parts a week (simulated)", "capacity a week"}}
	fig := Figure{Title: "Parts a week against capacity", XLabel: "alternative", YLabel: "parts per week"}
	capy := Series{Name: "capacity", Group: 1}
	pts := Series{Name: "simulated", Group: 0}
	level := familyLevel(e.confidence, len(alts))
	for i, a := range c.Alternatives {
		m := models[i]
		st := m.Stations[0]
		hours, capWeek := staffedCapacity(m, st, week)
		tw := scaleEstimate(a.Summary.Throughput, week)
		res.Rows = append(res.Rows, []any{a.Name, hours, tw, capWeek})
		fig.Categories = append(fig.Categories, a.Name)
		x := float64(i)
		capy.X, capy.Y = append(capy.X, x), append(capy.Y, capWeek)
		pts.X, pts.Est = append(pts.X, x), append(pts.Est, tw)
		// Parts in process at a shift's end are finished in overtime: allow
		// one part per working lathe per shift end.
		over := float64(min(crewSize(m), st.Machines)) * shiftEnds(m, st)
		est := at(tw, level)
		holds := est.Mean+est.HalfWidth >= capWeek && est.Mean-est.HalfWidth <= capWeek+over
		res.Checks = append(res.Checks, check(holds, "output matches capacity, plus at most the parts finished at shift ends: "+a.Name,
			"%s a week vs capacity %.4g (+ up to %.4g)", pm(est), capWeek, over))
	}
	fig.Series = []Series{capy, pts}
	res.Figures = []Figure{fig}
	// Which alternatives make the 1 000 parts a week of the question.
	const target = 1000
	var meets []string
	for _, a := range c.Alternatives {
		tw := at(scaleEstimate(a.Summary.Throughput, week), level)
		if tw.Mean-tw.HalfWidth > target {
			meets = append(meets, a.Name)
		} else if tw.Mean+tw.HalfWidth >= target {
			meets = append(meets, a.Name+" (undecided)")
		}
	}
	res.Checks = append(res.Checks, check(len(meets) > 0 && meets[0] == "two shifts, 3 operators each",
		"two shifts of three operators is the least that makes 1 000 parts a week", "meets the target: %v", meets))
	return res, nil
}

// staffedCapacity is the weekly working time (hours) of station st's shift
// and its capacity a week: min(operators, machines) / mean process time ×
// working time (theory.Capacity with the staffed machines).
func staffedCapacity(m *sim.Model, st sim.Station, week float64) (hours, perWeek float64) {
	on := week
	if cal := calendar(m, st.Shift); cal != nil {
		on = 0
		for _, w := range cal.On {
			on += w[1] - w[0]
		}
	}
	staffed := min(crewSize(m), st.Machines)
	return on / 60, theory.Capacity(staffed, st.Process.Mean(), 1) * on
}

// calendar returns the calendar of the shift called name, nil for none.
func calendar(m *sim.Model, name string) *sim.WorkCalendar {
	for i := range m.Shifts {
		if m.Shifts[i].Name == name {
			return &m.Shifts[i].Calendar
		}
	}
	return nil
}

// crewSize is the size of the first station's operator crew.
func crewSize(m *sim.Model) int {
	ops := m.Stations[0].Operators
	if ops == nil || len(ops.Crews) == 0 {
		return m.Stations[0].Machines
	}
	for _, c := range m.Crews {
		if c.Name == ops.Crews[0] {
			return c.Size
		}
	}
	return 0
}

// shiftEnds is the number of times a week station st stops for its shift
// (the end of each working window, breaks included).
func shiftEnds(m *sim.Model, st sim.Station) float64 {
	if cal := calendar(m, st.Shift); cal != nil {
		return float64(len(cal.On))
	}
	return 0
}
