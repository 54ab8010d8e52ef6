package sim

import (
	"fmt"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// saturatedMachine is one machine of constant process time t fed by a
// saturated source.
func saturatedMachine(machines int, t float64, fs []Failure, pm *PM, crews []Crew) *Model {
	return &Model{Name: "machine", Crews: crews,
		Sources: []Source{{Name: "raw", To: "m", Kind: Saturated}},
		Stations: []Station{{Name: "m", Machines: machines, Process: constD(t), Buffer: Unlimited,
			Routes: to("out"), Failures: fs, PM: pm}},
		Sinks: []Sink{{Name: "out"}}}
}

// TestOperatingFailuresThroughput checks a saturated machine with
// deterministic process time t and exponential failures in operating time:
//
//	TH = (1/t) · MTTF / (MTTF + MTTR)
//
// (Hopp & Spearman, Factory Physics, eq. 8.6, with preempt-resume).
func TestOperatingFailuresThroughput(t *testing.T) {
	const pt, mttf, mttr = 1.0, 20.0, 2.0
	m := saturatedMachine(1, pt, []Failure{{Name: "jam", TTF: expD(mttf), TTR: expD(mttr)}}, nil, nil)
	s := runExp(t, m, testRun(20000, 200, 20))
	a := mttf / (mttf + mttr)
	within(t, "throughput", s.Throughput, a/pt)
	within(t, "availability", s.Stations[0].Availability, a)
	within(t, "down", s.Stations[0].States[Down], 1-a)
	within(t, "MTBF", s.Stations[0].MTBF, mttf)
	within(t, "MTTR", s.Stations[0].MTTR, mttr)
	within(t, "OEE", s.Stations[0].OEE, a)
	checkLittle(t, s)
}

// TestCalendarFailuresAvailability checks calendar-time failures on a
// machine that is not saturated: it is up and down in alternation whatever
// it does, so availability = MTBF / (MTBF + MTTR) (alternating renewal
// process, Ross, Stochastic Processes, §3.4.1).
func TestCalendarFailuresAvailability(t *testing.T) {
	const mtbf, mttr = 50.0, 5.0
	m := &Model{Name: "calendar",
		Sources: []Source{open("m", expD(2))},
		Stations: []Station{{Name: "m", Machines: 1, Process: expD(1), Buffer: Unlimited, Routes: to("out"),
			Failures: []Failure{{Name: "breakdown", TTF: expD(mtbf), TTR: expD(mttr), Basis: Calendar}}}},
		Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(40000, 1000, 20))
	within(t, "availability", s.Stations[0].Availability, mtbf/(mtbf+mttr))
	within(t, "MTBF", s.Stations[0].MTBF, mtbf)
	within(t, "MTTR", s.Stations[0].MTTR, mttr)
	within(t, "throughput", s.Throughput, 0.5)
	checkLittle(t, s)
}

// TestMachineInterference checks N saturated machines that fail at rate λ
// while up and share one repairer of rate μ: the number of machines out is
// the finite-source M/M/1//N queue (Kleinrock vol. 1, §3.9),
//
//	pₙ ∝ N!/(N−n)! · (λ/μ)ⁿ,  TH = (N − E[n]) / t,  repairer busy 1 − p₀.
func TestMachineInterference(t *testing.T) {
	const n, lam, mu, pt = 4, 0.1, 0.5, 1.0
	p := make([]float64, n+1)
	p[0] = 1
	sum := 1.0
	for k := 1; k <= n; k++ {
		p[k] = p[k-1] * float64(n-k+1) * lam / mu
		sum += p[k]
	}
	out := 0.0
	for k := range p {
		p[k] /= sum
		out += float64(k) * p[k]
	}
	m := saturatedMachine(n, pt, []Failure{{Name: "breakdown", TTF: expD(1 / lam), TTR: expD(1 / mu), Crew: "tech"}},
		nil, []Crew{{Name: "tech", Size: 1}})
	s := runExp(t, m, testRun(20000, 500, 20))
	within(t, "throughput", s.Throughput, (n-out)/pt)
	within(t, "machines out", stats.NewEstimate(scaled(s, func(r *Replication) float64 {
		return n * (r.Stations[0].States[Down] + r.Stations[0].States[WaitingCrew])
	}), s.Confidence), out)
	within(t, "repairer utilisation", s.Crews[0].Utilization, 1-p[0])
	checkLittle(t, s)
}

// scaled evaluates f on every replication.
func scaled(s *Summary, f func(*Replication) float64) []float64 {
	xs := make([]float64, len(s.Replications))
	for i, r := range s.Replications {
		xs[i] = f(r)
	}
	return xs
}

// TestDeterministicPM checks planned maintenance with no failures on a
// saturated machine: every/(every+duration) of the time it is available,
// exactly, on both clocks (the window is a whole number of cycles).
func TestDeterministicPM(t *testing.T) {
	for _, basis := range []Basis{Operating, Calendar} {
		t.Run(basis.String(), func(t *testing.T) {
			const every, dur = 10.0, 2.0
			m := saturatedMachine(1, 1, nil, &PM{Every: every, Duration: constD(dur), Basis: basis}, nil)
			s := runExp(t, m, Run{Horizon: 1320, Warmup: 120, Replications: 2, Seed: 1, Confidence: 0.95})
			exact(t, "availability", s.Stations[0].Availability.Mean, every/(every+dur))
			exact(t, "maintenance", s.Stations[0].States[Maintenance].Mean, dur/(every+dur))
			exact(t, "throughput", s.Throughput.Mean, every/(every+dur))
			exact(t, "failures", s.Stations[0].Failures.Mean, 0)
		})
	}
}

// TestPMAndFailuresShareCrew exercises every outage path at once — both
// clocks, maintenance renewing the failure clocks, a crew with priorities,
// blocking and starving machines — and checks the invariants: state
// fractions sum to 1, conservation, Little's law, and that no outage begins
// while a machine is out (which would fail the replication).
func TestPMAndFailuresShareCrew(t *testing.T) {
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprint("keep clocks ", keep), func(t *testing.T) {
			fs := []Failure{
				{Name: "jam", TTF: expD(8), TTR: expD(0.5)},
				{Name: "breakdown", TTF: expD(40), TTR: expD(4), Basis: Calendar, Crew: "tech", Priority: 1},
			}
			pm := &PM{Every: 30, Duration: constD(2), Basis: Calendar, Crew: "tech", KeepFailureClocks: keep}
			m := &Model{Name: "mixed", Crews: []Crew{{Name: "tech", Size: 1}},
				Sources: []Source{open("a", expD(0.8))},
				Stations: []Station{
					{Name: "a", Machines: 2, Process: expD(1.2), Buffer: 2, Routes: to("b"), Failures: fs, PM: pm},
					{Name: "b", Machines: 1, Process: expD(0.6), Buffer: 1, Routes: to("out"), Failures: fs[1:]}},
				Sinks: []Sink{{Name: "out"}}}
			s := runExp(t, m, testRun(5000, 200, 10))
			checkLittle(t, s)
			for i, st := range s.Stations {
				if st.Failures.Mean <= 0 {
					t.Errorf("station %d: no failures", i)
				}
			}
			if s.Stations[0].States[Maintenance].Mean <= 0 || s.Stations[0].States[WaitingCrew].Mean <= 0 {
				t.Errorf("expected maintenance and waiting for the crew at station a")
			}
		})
	}
}
