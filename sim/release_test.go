package sim

import "testing"

// TestLimitedByRelease checks which plants the release of parts limits: an
// M/M/1 queue at ρ = 0.8 (throughput = λ, the machine idle 20% of the
// time), but not the same queue overloaded (ρ = 1.25: the machine is never
// idle once its queue has built up), nor at ρ = 0.8 with no waiting room
// (buffer 0: arrivals wait at the source while the machine is busy, 80% of
// the time, and throughput falls below λ), nor with a saturated source.
func TestLimitedByRelease(t *testing.T) {
	mm1 := func(inter float64, buffer int) *Model {
		st := stationU("m", 1, expD(1), "out")
		st.Buffer = buffer
		return &Model{Name: "mm1", Sources: []Source{open("m", expD(inter))}, Stations: []Station{st}, Sinks: []Sink{{Name: "out"}}}
	}
	saturated := mm1(1.25, Unlimited)
	saturated.Sources[0] = Source{Name: "raw", To: "m", Kind: Saturated}
	for _, c := range []struct {
		name string
		m    *Model
		want bool
	}{
		{"ρ = 0.8", mm1(1.25, Unlimited), true},
		{"ρ = 1.25", mm1(0.8, Unlimited), false},
		{"ρ = 0.8, buffer 0", mm1(1.25, 0), false},
		{"saturated", saturated, false},
	} {
		s := runExp(t, c.m, testRun(3000, 300, 5))
		if got := s.LimitedByRelease(); got != c.want {
			t.Errorf("%s: LimitedByRelease %v, want %v (starved %v, source blocked %v)",
				c.name, got, c.want, s.Stations[0].States[Starved], s.Sources[0].Blocked)
		}
	}
}

// TestSourceBlockedShare checks the measured share of time an open source
// is blocked against an exact value: exponential arrivals (rate λ) into one
// exponential machine (rate μ) with no waiting room. Each part enters as
// the machine starts it, and the next interarrival time A starts then too,
// against the service S: the cycle lasts max(A, S), and the source is
// blocked for (S − A)⁺, whose mean is P(A < S)·1/μ (memoryless). So
//
//	blocked = λ/((λ+μ)·μ) / (1/λ + 1/μ − 1/(λ+μ)),  throughput = 1/E[max(A, S)].
func TestSourceBlockedShare(t *testing.T) {
	lam, mu := 0.8, 1.0
	st := stationU("m", 1, expD(1/mu), "out")
	st.Buffer = 0
	m := &Model{Name: "blocked", Sources: []Source{open("m", expD(1/lam))}, Stations: []Station{st}, Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(20000, 500, 10))
	cycle := 1/lam + 1/mu - 1/(lam+mu)
	within(t, "source blocked", s.Sources[0].Blocked, lam/((lam+mu)*mu)/cycle)
	within(t, "throughput", s.Throughput, 1/cycle)
}
