package sim

import (
	"fmt"
	"math"
	"testing"
)

// operatorStation is one saturated station of n machines whose machines
// need one member of a crew of size crew for the phase.
func operatorStation(n, crew int, load, process Dist, during Phase) *Model {
	m := saturatedMachine(n, 1, nil, nil, []Crew{{Name: "operators", Size: crew}})
	st := &m.Stations[0]
	st.Process, st.Load = process, load
	st.Operators = &Operators{Crews: []string{"operators"}, Count: 1, During: during}
	return m
}

// TestSharedOperatorDuringProcess: one operator for two deterministic
// machines of 1 time unit: the operator is the constraint, so the station
// makes exactly what one machine makes, each machine waits half the time,
// and each part costs exactly one unit of labour.
func TestSharedOperatorDuringProcess(t *testing.T) {
	s := runExp(t, operatorStation(2, 1, nil, constD(1), DuringProcess),
		Run{Horizon: 1100, Warmup: 100, Replications: 2, Seed: 1, Confidence: 0.95})
	exact(t, "throughput", s.Throughput.Mean, 1)
	exact(t, "waiting for the operator", s.Stations[0].States[WaitingOperator].Mean, 0.5)
	exact(t, "operator utilisation", s.Crews[0].Utilization.Mean, 1)
	exact(t, "labour per part", s.LabourPerPart.Mean, 1)
}

// TestOperatorDuringLoad: the operator is needed only to load, so two
// machines with load L and process P make min(1/L, 2/(L+P)) parts per time
// unit: the operator's limit or the machines'.
func TestOperatorDuringLoad(t *testing.T) {
	for _, c := range []struct{ load, process float64 }{{1, 3}, {2, 1}, {1, 0.5}} {
		t.Run(fmt.Sprintf("L=%g,P=%g", c.load, c.process), func(t *testing.T) {
			s := runExp(t, operatorStation(2, 1, constD(c.load), constD(c.process), DuringLoad),
				Run{Horizon: 1100, Warmup: 100, Replications: 2, Seed: 1, Confidence: 0.95})
			exact(t, "throughput", s.Throughput.Mean, math.Min(1/c.load, 2/(c.load+c.process)))
		})
	}
}

// TestOperatorPool checks N machines that each need one of c operators to
// load (exponential, rate μ) and then process alone (exponential, rate λ):
// the machines waiting for or being loaded form the finite-source queue
// M/M/c//N (Kleinrock vol. 1, §3.10, and Gross & Harris, Fundamentals of
// Queueing Theory, §2.7),
//
//	pₙ ∝ C(N,n) rⁿ (n ≤ c),  pₙ ∝ C(N,n) n!/(c! c^(n−c)) rⁿ (n > c),  r = λ/μ,
//
// and the throughput is μ·Σ min(n, c) pₙ.
func TestOperatorPool(t *testing.T) {
	const n, c, lam, mu = 5, 2, 0.25, 1.0
	p := make([]float64, n+1)
	sum := 0.0
	for k := 0; k <= n; k++ {
		w := binom(n, k) * math.Pow(lam/mu, float64(k))
		if k > c {
			w *= fact(k) / (fact(c) * math.Pow(c, float64(k-c)))
		}
		p[k] = w
		sum += w
	}
	th, busy := 0.0, 0.0
	for k := range p {
		p[k] /= sum
		th += mu * math.Min(float64(k), c) * p[k]
		busy += math.Min(float64(k), c) * p[k]
	}
	s := runExp(t, operatorStation(n, c, expD(1/mu), expD(1/lam), DuringLoad), testRun(20000, 500, 20))
	within(t, "throughput", s.Throughput, th)
	within(t, "operator utilisation", s.Crews[0].Utilization, busy/c)
	checkLittle(t, s)
}

func fact(k int) float64 { return math.Gamma(float64(k) + 1) }

func binom(n, k int) float64 { return fact(n) / (fact(k) * fact(n-k)) }

// TestOperatorsOnShift: a machine that runs around the clock but needs an
// operator who works Mon–Fri 06:00–14:00 during its 3 h process starts
// parts at 6, 9 and 12 h (the operator finishes the last at 15 h): exactly
// 15 parts a week, 45 h at work: the 40 scheduled hours (utilisation over
// the scheduled hours 1) and 5 h overtime (5/40 of them).
func TestOperatorsOnShift(t *testing.T) {
	m := operatorStation(1, 1, nil, constD(3), DuringProcess)
	m.Shifts = []Shift{{Name: "day", Calendar: oneShift(t)}}
	m.Crews[0].Shift = "day"
	s := runExp(t, m, Run{Horizon: 4 * weekH, Warmup: weekH, Replications: 1, Seed: 1, Confidence: 0.95})
	exact(t, "parts a week", s.Throughput.Mean*weekH, 15)
	exact(t, "operator utilisation over scheduled time", s.Crews[0].UtilizationScheduled.Mean, 1)
	exact(t, "overtime", s.Crews[0].Overtime.Mean, 5.0/40)
	exact(t, "operator utilisation over all time", s.Crews[0].Utilization.Mean, 45.0/weekH)
}

// TestOperatorsWithOutages exercises waiting for operators interrupted by
// failures and by the end of the station's shift, with two crews in
// preference order, and checks the invariants.
func TestOperatorsWithOutages(t *testing.T) {
	m := saturatedMachine(3, 1, nil, nil, []Crew{{Name: "a", Size: 1}, {Name: "b", Size: 1}})
	m.Shifts = []Shift{{Name: "day", Calendar: oneShift(t, [2]float64{10, 10.5})}}
	st := &m.Stations[0]
	st.Process, st.Shift = expD(0.5), "day"
	st.Operators = &Operators{Crews: []string{"a", "b"}, Count: 1}
	st.Failures = []Failure{{Name: "f", TTF: expD(5), TTR: expD(0.3), Basis: Calendar}}
	s := runExp(t, m, testRun(10*weekH, weekH, 5))
	checkLittle(t, s)
	if s.Stations[0].States[WaitingOperator].Mean <= 0 || s.Crews[1].Utilization.Mean <= 0 {
		t.Errorf("want waiting for operators and use of the second crew: %v, %v",
			s.Stations[0].States[WaitingOperator].Mean, s.Crews[1].Utilization.Mean)
	}
	if s.Crews[0].Utilization.Mean < s.Crews[1].Utilization.Mean {
		t.Errorf("the preferred crew works less than the second: %v < %v", s.Crews[0].Utilization.Mean, s.Crews[1].Utilization.Mean)
	}
}

// TestOperatorsGoHomeWithTheShift: one saturated machine of constant 3 h
// on Mon–Fri 06:00–14:00, needing one operator of a crew of one during
// processing, over three weeks after a warm-up of one (504 h, 120 h of
// station shift). By hand:
//   - pause, crew on the same shift: the machine works the 120 h (40
//     parts, see TestShiftExactCapacity) and so does the operator, who goes
//     home at 14:00 with the part unfinished: 120 h at work, all of the
//     crew's scheduled time, no overtime, 3 h of labour a part;
//   - finish: parts start at 06:00, 09:00, 12:00 and the last ends at
//     15:00, 45 parts and 135 h at work, of which 15 h after the crew's
//     shift: overtime 15/120 of its scheduled time, on-shift utilisation 1;
//   - pause, crew without a shift: 120 h at work over all 504 h;
//   - pause, crew on Mon–Fri 07:00–14:00: each morning the machine waits
//     an hour for the operator to come back to the paused part: 105 h of
//     work, 35 parts (completions at every 3 h of work, 35 h before the
//     window), 15 h waiting, 105 h at work = the crew's scheduled time.
func TestOperatorsGoHomeWithTheShift(t *testing.T) {
	r := Run{Horizon: 4 * weekH, Warmup: weekH, Replications: 2, Seed: 1, Confidence: 0.95}
	window := 3 * weekH
	late, err := NewCalendar(weekH, [][2]float64{{7, 14}, {31, 38}, {55, 62}, {79, 86}, {103, 110}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name                 string
		end                  AtShiftEnd
		crewShift            *WorkCalendar
		parts, work, waiting float64 // in the window, hours
		scheduled, overtime  float64
	}{
		{"pause, crew on the shift", Pause, &WorkCalendar{}, 40, 120, 0, 1, 0},
		{"finish, crew on the shift", Finish, &WorkCalendar{}, 45, 135, 0, 1, 15.0 / 120},
		{"pause, crew around the clock", Pause, nil, 40, 120, 0, 120 / window, 0},
		{"pause, crew from 07:00", Pause, &late, 35, 105, 15, 1, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := shiftMachine(oneShift(t), 3, c.end)
			m.Crews = []Crew{{Name: "operators", Size: 1}}
			m.Stations[0].Operators = &Operators{Crews: []string{"operators"}, Count: 1, During: DuringProcess}
			if c.crewShift != nil {
				m.Crews[0].Shift = "crew"
				cal := m.Shifts[0].Calendar // the station's
				if len(c.crewShift.On) > 0 {
					cal = *c.crewShift
				}
				m.Shifts = append(m.Shifts, Shift{Name: "crew", Calendar: cal})
			}
			s := runExp(t, m, r)
			exact(t, "parts", s.Throughput.Mean*window, c.parts)
			exact(t, "busy", s.Stations[0].States[Busy].Mean*window, c.work)
			exact(t, "waiting for the operator", s.Stations[0].States[WaitingOperator].Mean*window, c.waiting)
			exact(t, "crew hours at work", s.Crews[0].Utilization.Mean*window, c.work)
			exact(t, "crew utilisation of scheduled time", s.Crews[0].UtilizationScheduled.Mean, c.scheduled)
			exact(t, "overtime", s.Crews[0].Overtime.Mean, c.overtime)
			exact(t, "labour per part", s.LabourPerPart.Mean, 3)
		})
	}
}
