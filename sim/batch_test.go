package sim

import "testing"

// TestBatchSaturated: a saturated oven processing batches of 4 in 2 time
// units makes exactly b/t = 2 parts per time unit.
func TestBatchSaturated(t *testing.T) {
	m := saturatedMachine(1, 2, nil, nil, nil)
	m.Stations[0].Batch = 4
	s := runExp(t, m, Run{Horizon: 1000, Warmup: 100, Replications: 2, Seed: 1, Confidence: 0.95})
	exact(t, "throughput", s.Throughput.Mean, 2)
	exact(t, "utilisation", s.Stations[0].Utilization.Mean, 1)
	exact(t, "cycle time", s.CycleTime.Mean, 2)
}

// TestBatchOpenLine: Poisson arrivals at rate 1 into an oven that bakes
// batches of 5 in 4 time units (capacity 1.25): every part leaves, so the
// throughput is the arrival rate, the oven is busy λ·t/b = 0.8 of the
// time, and each part waits for its batch to fill (the oven starves while
// fewer than 5 wait).
func TestBatchOpenLine(t *testing.T) {
	m := &Model{Name: "oven", Sources: []Source{open("oven", expD(1))},
		Stations: []Station{{Name: "oven", Machines: 1, Process: constD(4), Buffer: Unlimited, Routes: to("out"), Batch: 5}},
		Sinks:    []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(20000, 500, 10))
	within(t, "throughput", s.Throughput, 1)
	within(t, "utilisation", s.Stations[0].Utilization, 0.8)
	checkLittle(t, s)
}

// TestBatchBlocked: a batch that the next station cannot take at once
// leaves part by part as room appears; with failures at the oven and a
// second oven, the invariants hold and every part still leaves.
func TestBatchBlocked(t *testing.T) {
	m := &Model{Name: "oven", Sources: []Source{open("oven", expD(0.5))},
		Stations: []Station{
			{Name: "oven", Machines: 2, Process: expD(3), Buffer: 12, Routes: to("pack"), Batch: 4,
				Failures: []Failure{{Name: "f", TTF: expD(20), TTR: expD(2), Basis: Calendar}},
				Quality:  &Quality{Yield: 0.9}},
			{Name: "pack", Machines: 1, Process: expD(0.4), Buffer: 1, Routes: to("out")}},
		Sinks: []Sink{{Name: "out"}}}
	s := runExp(t, m, testRun(5000, 200, 5))
	checkLittle(t, s)
	if s.Stations[0].States[Blocked].Mean <= 0 {
		t.Error("want the oven blocked by pack now and then")
	}
}
