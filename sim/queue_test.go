package sim

import (
	"math"
	"testing"
)

// TestMM1 checks an M/M/1 queue, λ = 0.8, μ = 1, against
// L = ρ/(1−ρ), W = 1/(μ−λ), Lq = ρ²/(1−ρ), Wq = ρ/(μ−λ)
// (Kleinrock, Queueing Systems vol. 1, §3.2).
func TestMM1(t *testing.T) {
	lam, mu := 0.8, 1.0
	m := &Model{Name: "mm1",
		Sources:  []Source{open("server", expD(1/lam))},
		Stations: []Station{stationU("server", 1, expD(1/mu), "out")},
		Sinks:    []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(40000, 2000, 20))
	rho := lam / mu
	within(t, "throughput", s.Throughput, lam)
	within(t, "L", s.WIP, rho/(1-rho))
	within(t, "W", s.CycleTime, 1/(mu-lam))
	within(t, "Lq", s.Stations[0].Queue, rho*rho/(1-rho))
	within(t, "Wq", s.Stations[0].Wait, rho/(mu-lam))
	within(t, "ρ", s.Stations[0].Utilization, rho)
	// Sojourn time of M/M/1 FCFS is exponential with rate μ−λ:
	// its p-quantile is −ln(1−p)/(μ−λ).
	for _, q := range s.CycleQuantiles {
		within(t, "cycle-time quantile", q.Estimate, -math.Log(1-q.P)/(mu-lam))
	}
	checkLittle(t, s)
}

// erlangC is the probability of waiting in an M/M/c queue with offered load
// a = λ/μ (Kleinrock vol. 1, eq. 3.40).
func erlangC(c int, a float64) float64 {
	sum, term := 0.0, 1.0
	for k := 0; k < c; k++ {
		sum += term
		term *= a / float64(k+1)
	}
	// term is now a^c / c!
	last := term * float64(c) / (float64(c) - a)
	return last / (sum + last)
}

// TestMMc checks an M/M/3 queue, λ = 2.5, μ = 1, against Erlang C:
// Wq = C(c, a)/(cμ − λ), Lq = λ·Wq, W = Wq + 1/μ, L = λ·W.
func TestMMc(t *testing.T) {
	lam, mu, c := 2.5, 1.0, 3
	m := &Model{Name: "mmc",
		Sources:  []Source{open("server", expD(1/lam))},
		Stations: []Station{stationU("server", c, expD(1/mu), "out")},
		Sinks:    []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(20000, 1000, 20))
	pw := erlangC(c, lam/mu)
	wq := pw / (float64(c)*mu - lam)
	within(t, "Wq", s.Stations[0].Wait, wq)
	within(t, "Lq", s.Stations[0].Queue, lam*wq)
	within(t, "W", s.CycleTime, wq+1/mu)
	within(t, "L", s.WIP, lam*(wq+1/mu))
	within(t, "utilisation", s.Stations[0].Utilization, lam/(float64(c)*mu))
	checkLittle(t, s)
}

func TestErlangC(t *testing.T) {
	// M/M/1: C(1, ρ) = ρ.
	exact(t, "C(1, 0.8)", erlangC(1, 0.8), 0.8)
	// M/M/2 with a = 1: C = (1/2 · 2)/(1 + 1 + 1) = 1/3.
	exact(t, "C(2, 1)", erlangC(2, 1), 1.0/3)
}

// TestMD1 checks an M/D/1 queue, λ = 0.8, D = 1, against the
// Pollaczek–Khinchine formula Lq = λ²E[S²]/(2(1−ρ)) (Kleinrock vol. 1, eq. 5.72).
func TestMD1(t *testing.T) {
	lam, d := 0.8, 1.0
	m := &Model{Name: "md1",
		Sources:  []Source{open("server", expD(1/lam))},
		Stations: []Station{stationU("server", 1, constD(d), "out")},
		Sinks:    []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(40000, 2000, 20))
	rho := lam * d
	lq := lam * lam * d * d / (2 * (1 - rho))
	within(t, "Lq", s.Stations[0].Queue, lq)
	within(t, "Wq", s.Stations[0].Wait, lq/lam)
	within(t, "W", s.CycleTime, lq/lam+d)
	within(t, "L", s.WIP, lq+rho)
	checkLittle(t, s)
}

// TestJacksonTandem checks three exponential stations in series fed by a
// Poisson stream: by Jackson's theorem each behaves as an M/M/1 queue with
// the same λ, so W = Σ 1/(μᵢ − λ) and Lᵢ = ρᵢ/(1 − ρᵢ).
func TestJacksonTandem(t *testing.T) {
	lam := 0.5
	mus := []float64{1, 0.8, 0.7}
	m := &Model{Name: "tandem", Sources: []Source{open("a", expD(1/lam))},
		Stations: []Station{stationU("a", 1, expD(1/mus[0]), "b"),
			stationU("b", 1, expD(1/mus[1]), "c"), stationU("c", 1, expD(1/mus[2]), "out")},
		Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(40000, 2000, 20))
	w := 0.0
	for i, mu := range mus {
		rho := lam / mu
		w += 1 / (mu - lam)
		within(t, m.Stations[i].Name+" utilisation", s.Stations[i].Utilization, rho)
		within(t, m.Stations[i].Name+" Lq", s.Stations[i].Queue, rho*rho/(1-rho))
	}
	within(t, "W", s.CycleTime, w)
	within(t, "L", s.WIP, lam*w)
	checkLittle(t, s)
}
