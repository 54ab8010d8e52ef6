// Package benchmarks measures takt against the reference line of DESIGN.md:
// a saturated serial line of exponential stations, mean 1, with a buffer of
// 5 in front of every station after the first. The same model in SimPy is in
// simpy_line.py; compare.sh prints the ratio.
package benchmarks

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// line returns the reference line with n stations.
func line(n int) *sim.Model {
	exp1, _ := sim.Exp(1)
	m := &sim.Model{Name: fmt.Sprintf("line%d", n), TimeUnit: "min",
		Sources: []sim.Source{{Name: "raw", To: "s1", Kind: sim.Saturated}},
		Sinks:   []sim.Sink{{Name: "done"}}}
	for i := 1; i <= n; i++ {
		to := fmt.Sprintf("s%d", i+1)
		if i == n {
			to = "done"
		}
		buf := 5
		if i == 1 {
			buf = sim.Unlimited
		}
		m.Stations = append(m.Stations, sim.Station{Name: fmt.Sprintf("s%d", i), Machines: 1,
			Process: exp1, Buffer: buf, Routes: []sim.Route{{To: to, P: 1}}})
	}
	return m
}

// benchLine runs one replication of the n-station line per iteration, with
// a horizon of horizon time units, and reports parts/s and allocs/part.
func benchLine(b *testing.B, n int, horizon float64) {
	m := line(n)
	run := sim.Run{Horizon: horizon, Replications: 1, Seed: 1, Confidence: 0.95}
	var parts int64
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		res, err := sim.RunReplication(context.Background(), m, run, i)
		if err != nil {
			b.Fatal(err)
		}
		parts += res.Completed
	}
	b.ReportMetric(float64(parts)/b.Elapsed().Seconds(), "parts/s")
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		if _, err := sim.RunReplication(context.Background(), m, run, 0); err != nil {
			b.Fatal(err)
		}
	}))/float64(parts/int64(b.N)), "allocs/part")
}

func BenchmarkLine5(b *testing.B)  { benchLine(b, 5, 100_000) }
func BenchmarkLine20(b *testing.B) { benchLine(b, 20, 25_000) }

// BenchmarkLine5Horizon shows that memory does not grow with the horizon:
// statistics are streamed, never stored. It reports the heap obtained from
// the operating system after one replication (a bound on its peak heap) for
// horizons ten times apart.
func BenchmarkLine5Horizon(b *testing.B) {
	for _, h := range []float64{1e4, 1e5, 1e6} {
		b.Run(fmt.Sprintf("horizon=%g", h), func(b *testing.B) {
			m := line(5)
			run := sim.Run{Horizon: h, Replications: 1, Seed: 1, Confidence: 0.95}
			var peak uint64
			for i := 0; b.Loop(); i++ {
				runtime.GC()
				if _, err := sim.RunReplication(context.Background(), m, run, i); err != nil {
					b.Fatal(err)
				}
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapSys)
			}
			b.ReportMetric(float64(peak)/(1<<20), "heap-sys-MiB")
		})
	}
}
