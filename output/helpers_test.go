package output

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
	"github.com/takt-sim/takt/sim/stats"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares got with testdata/NAME; with -update it rewrites the
// file instead.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./output -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./output -update if the change is intended)\ngot:\n%s\nwant:\n%s",
			path, got, want)
	}
}

var nan = math.NaN()

// estimate is a hand-made estimate over 4 replications. Min and Max matter
// to the console only: a state column is shown when some station's Max > 0.
func estimate(mean, hw float64) stats.Estimate {
	if mean == 0 && hw == 0 {
		return stats.Estimate{N: 4}
	}
	return stats.Estimate{Mean: mean, HalfWidth: hw, StdDev: 2 * hw, Min: mean - hw, Max: mean + hw, N: 4}
}

// noEstimate is the estimate of a statistic no replication could observe.
var noEstimate = stats.Estimate{Mean: nan, HalfWidth: nan, StdDev: nan, Min: nan, Max: nan}

// states are a station's state fractions as (mean, half-width) pairs,
// indexed by sim.State; missing states never occurred.
type states map[sim.State][2]float64

// station is a hand-made station summary without failures or maintenance,
// with the reliability figures sim gives such a station.
func station(name string, machines int, st states, queue, wait stats.Estimate) sim.StationSummary {
	ss := sim.StationSummary{Name: name, Machines: machines, Queue: queue, Wait: wait,
		Availability: estimate(1, 0), Quality: estimate(1, 0), Failures: estimate(0, 0),
		MTBF: noEstimate, MTTR: noEstimate}
	for _, s := range sim.States() {
		ss.States[s] = estimate(st[s][0], st[s][1])
	}
	ss.Utilization = ss.States[sim.Busy]
	ss.Performance, ss.OEE = ss.Utilization, ss.Utilization
	return ss
}

// handLine is a summary built by hand, independent of simulation numerics:
// a two-station line whose second station is sometimes blocked, no failures,
// no crews. Its numbers are those of the README's M/M/1 example.
func handLine() *sim.Summary {
	s := &sim.Summary{Scenario: "Hand-built line", TimeUnit: "min", Confidence: 0.95,
		Run:        sim.Run{Horizon: 20000, Warmup: 1000, Replications: 4, Seed: 7, Confidence: 0.95},
		Requested:  4,
		Throughput: estimate(0.79883, 0.00591), WIP: estimate(3.99, 0.25), CycleTime: estimate(4.99, 0.29),
		CycleQuantiles: []sim.QuantileEstimate{{P: 0.5, Estimate: estimate(3.54, 0.18)},
			{P: 0.9, Estimate: estimate(11.67, 0.81)}, {P: 0.95, Estimate: estimate(15.04, 1.26)},
			{P: 0.99, Estimate: estimate(23.9, 5.3)}},
		Stations: []sim.StationSummary{
			station("machine", 1, states{sim.Busy: {0.8017, 0.0077}, sim.Starved: {0.1983, 0.0077}},
				estimate(3.19, 0.24), estimate(3.99, 0.29)),
			station("weld-and-polish", 3, states{sim.Busy: {0.267, 0.012}, sim.Starved: {0.7061, 0.0093},
				sim.Blocked: {0.0269, 0.0041}}, estimate(0.0123, 0.0047), estimate(0.046, 0.017)),
		},
		Sinks: []sim.SinkSummary{{Name: "done", Throughput: estimate(0.79883, 0.00591)}},
	}
	s.Replications = handReplications(s)
	return s
}

// handPlant is a hand-built summary with failures, planned maintenance and
// crews: press fails and is maintained, paint never fails, oven is only
// maintained (no failures, so no MTBF or MTTR).
func handPlant() *sim.Summary {
	s := handLine()
	s.Scenario, s.TimeUnit = "Hand-built plant", "h"
	s.Run = sim.Run{Horizon: 2016, Warmup: 168, Replications: 4, Seed: 1, Confidence: 0.9}
	s.Confidence = 0.9
	press := station("press", 2, states{sim.Busy: {0.62, 0.031}, sim.Starved: {0.05, 0.021},
		sim.Down: {0.21, 0.024}, sim.WaitingCrew: {0.04, 0.011}, sim.Maintenance: {0.08, 0.0004}},
		estimate(12.4, 3.1), estimate(2.63, 0.58))
	press.HasOutages = true
	press.Availability, press.Performance = estimate(0.67, 0.021), estimate(0.925, 0.013)
	press.Failures, press.MTBF, press.MTTR = estimate(35.2, 4.1), estimate(11.3, 1.2), estimate(2.81, 0.35)
	paint := station("paint", 1, states{sim.Busy: {0.55, 0.02}, sim.Starved: {0.45, 0.02}},
		estimate(0.3, 0.1), estimate(0.52, 0.11))
	oven := station("oven", 1, states{sim.Busy: {0.5, 0.02}, sim.Starved: {0.45, 0.02},
		sim.Maintenance: {0.05, 0.0001}}, estimate(0.21, 0.06), estimate(0.4, 0.1))
	oven.HasOutages = true
	oven.Availability, oven.Performance = estimate(0.95, 0.0001), estimate(0.5263, 0.021)
	s.Stations = []sim.StationSummary{press, paint, oven}
	s.Crews = []sim.CrewSummary{
		{Name: "fitters", Size: 2, Utilization: estimate(0.41, 0.05), UtilizationScheduled: estimate(0.62, 0.07)},
		{Name: "electricians", Size: 1, Utilization: estimate(0.12, 0.032), UtilizationScheduled: estimate(0.12, 0.032)}}
	s.LabourPerPart = estimate(0.75, 0.04)
	s.Sinks = []sim.SinkSummary{{Name: "good", Throughput: estimate(1.6, 0.12)},
		{Name: "scrap", Throughput: estimate(0.04, 0.011)}}
	s.Replications = handReplications(s)
	return s
}

// handReplications makes s.Run.Replications replications whose values are
// the summary's means plus a small offset per replication (additions only,
// so the values are the same on every platform).
func handReplications(s *sim.Summary) []*sim.Replication {
	window := s.Run.Horizon - s.Run.Warmup
	var reps []*sim.Replication
	for i := range s.Run.Replications {
		d := []float64{-0.002, 0.001, 0, 0.0015}[i%4]
		r := &sim.Replication{Index: i, Throughput: s.Throughput.Mean + d, WIP: s.WIP.Mean + d,
			CycleTime: s.CycleTime.Mean + d}
		for q, qe := range s.CycleQuantiles {
			r.CycleQuantiles[q] = qe.Mean + d
		}
		for _, ss := range s.Stations {
			sr := sim.StationResult{Utilization: ss.Utilization.Mean, Queue: ss.Queue.Mean + d, Wait: ss.Wait.Mean + d,
				Availability: ss.Availability.Mean, Performance: ss.Performance.Mean, Quality: ss.Quality.Mean,
				OEE: ss.OEE.Mean, Failures: int64(ss.Failures.Mean) + int64(i), MTBF: ss.MTBF.Mean, MTTR: ss.MTTR.Mean}
			for st := range sr.States {
				sr.States[st] = ss.States[st].Mean
			}
			r.Stations = append(r.Stations, sr)
		}
		for _, sk := range s.Sinks {
			n := int64(sk.Throughput.Mean*window) + int64(i)
			r.Sinks = append(r.Sinks, n)
			r.Completed += n
		}
		for _, c := range s.Crews {
			r.Crews = append(r.Crews, c.Utilization.Mean+d)
			r.CrewsScheduled = append(r.CrewsScheduled, c.UtilizationScheduled.Mean+d)
			r.CrewsOvertime = append(r.CrewsOvertime, c.Overtime.Mean)
		}
		r.LabourPerPart = s.LabourPerPart.Mean + d
		reps = append(reps, r)
	}
	return reps
}

// must unwraps a distribution constructor.
func must(d sim.Dist, err error) sim.Dist {
	if err != nil {
		panic(err)
	}
	return d
}

// tinyLine is a small stochastic line for real runs: an open source, a
// station with a buffer of one place feeding two parallel machines without
// waiting room (so the first station is sometimes blocked); with failures,
// the second station jams and needs a fitter from a crew of one.
func tinyLine(failures bool) *sim.Model {
	m := &sim.Model{Name: "tiny line", TimeUnit: "min",
		Sources: []sim.Source{{Name: "raw", To: "cut", Kind: sim.Open, Interarrival: must(sim.Exp(1.25))}},
		Stations: []sim.Station{
			{Name: "cut", Machines: 1, Process: must(sim.Exp(1)), Buffer: 1, Routes: []sim.Route{{To: "weld", P: 1}}},
			{Name: "weld", Machines: 2, Process: must(sim.Uniform(1, 2)), Buffer: 0, Routes: []sim.Route{{To: "done", P: 1}}},
		},
		Sinks: []sim.Sink{{Name: "done"}}}
	if failures {
		m.Crews = []sim.Crew{{Name: "fitters", Size: 1}}
		m.Stations[1].Failures = []sim.Failure{{Name: "jam", TTF: must(sim.Exp(30)), TTR: must(sim.Exp(3)), Crew: "fitters"}}
	}
	return m
}

// pennyFab is Hopp & Spearman's deterministic Penny Fab at the critical WIP
// (as in sim's ExampleRunExperiment): TH = 0.5 /h, CT = 8 h, WIP = 4.
func pennyFab() *sim.Model {
	m := &sim.Model{Name: "Penny Fab", TimeUnit: "h",
		Sources: []sim.Source{{Name: "release", To: "s1", Kind: sim.CONWIP, WIP: 4}},
		Sinks:   []sim.Sink{{Name: "out"}}}
	for i, next := range []string{"s2", "s3", "s4", "out"} {
		m.Stations = append(m.Stations, sim.Station{Name: fmt.Sprintf("s%d", i+1), Machines: 1,
			Process: must(sim.Const(2)), Buffer: sim.Unlimited, Routes: []sim.Route{{To: next, P: 1}}})
	}
	return m
}

// runModel runs a short experiment of m.
func runModel(t *testing.T, m *sim.Model, reps int) *sim.Summary {
	t.Helper()
	run := sim.Run{Horizon: 600, Warmup: 60, Replications: reps, Seed: 1, Confidence: 0.95}
	s, err := experiment.Run(context.Background(), m, run, experiment.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

var errWrite = errors.New("disk full")
