package scenarios

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
	"github.com/takt-sim/takt/sim/stats"
)

// TestExamplesRunLittleAndConservation runs every bundled scenario as it is
// shipped and checks, on every replication, conservation of parts
// (entered = exited + in the plant at the end) and that each station's state
// fractions sum to 1, and over the replications Little's law,
// WIP = throughput × cycle time: the paired difference must have a
// confidence interval that contains 0. The level is 1 − 10⁻⁴ per example
// (Bonferroni over the examples and sim's theory tests).
func TestExamplesRunLittleAndConservation(t *testing.T) {
	for _, ex := range Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			sc, err := LoadExample(ex.Name)
			if err != nil {
				t.Fatal(err)
			}
			run := sc.Run
			run.Confidence = 0.9999
			s, err := experiment.Run(context.Background(), sc.Model, run, experiment.Options{})
			if err != nil {
				t.Fatal(err)
			}
			d := make([]float64, len(s.Replications))
			for i, r := range s.Replications {
				if r.Entered != r.Exited+r.Joined+r.InPlant {
					t.Errorf("replication %d: entered %d != exited %d + in plant %d", i+1, r.Entered, r.Exited, r.InPlant)
				}
				if r.Completed == 0 {
					t.Errorf("replication %d: no part completed", i+1)
				}
				for k, st := range r.Stations {
					sum := 0.0
					for _, f := range st.States {
						sum += f
					}
					if math.Abs(sum-1) > 1e-9 {
						t.Errorf("replication %d, station %s: state fractions sum to %v", i+1, sc.Model.Stations[k].Name, sum)
					}
				}
				d[i] = r.WIP - r.DepartureRate*r.Sojourn
				checkRoundTrip(t, r)
			}
			if n := run.Until.Parts; n > 0 {
				// A lot from an empty plant ends with parts still inside:
				// Little's law holds for the steady state, not for a
				// finite job, so the count is checked instead.
				for i, r := range s.Replications {
					if r.Completed != n {
						t.Errorf("replication %d: %d parts completed, want %d", i+1, r.Completed, n)
					}
				}
				return
			}
			little := stats.NewEstimate(d, run.Confidence)
			if !little.Contains(0) {
				t.Errorf("Little's law: WIP − TH·CT = %.4g ± %.3g (WIP %.4g)", little.Mean, little.HalfWidth, s.WIP.Mean)
			}
		})
	}
}

// checkRoundTrip checks that a replication's encoding decodes to the same
// values: %v prints every float64 in its shortest form that reads back to
// the same bits (NaN as NaN, −0 as -0), so equal text is equal bits.
func checkRoundTrip(t *testing.T, r *sim.Replication) {
	t.Helper()
	data, err := r.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back sim.Replication
	if err := back.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	if a, b := fmt.Sprintf("%v", *r), fmt.Sprintf("%v", back); a != b {
		t.Errorf("replication %d: encoding does not round-trip:\n%s\n%s", r.Index+1, a, b)
	}
}

// TestBundledVariantsCRN compares the bundled scenarios whose variants
// change a part of the plant and keep the rest of its random timing (bottleneck-shift,
// demo, tpm), and checks that common random numbers pay: for every variant
// and KPI that differs at all, the paired interval of the difference is
// narrower than the unpaired (Welch) one. CRN guarantees no such thing in
// general — staffing's variants (more operators, more shifts) reorder when
// every part starts, the pairs are hardly correlated, and with 5
// replications the paired t (4 degrees of freedom) is then wider than
// Welch's; its paired intervals are still valid, only not narrower.
func TestBundledVariantsCRN(t *testing.T) {
	for _, name := range []string{"bottleneck-shift", "demo", "tpm"} {
		sc, err := LoadExample(name)
		if err != nil {
			t.Fatal(err)
		}
		ex := Example{Name: name}
		t.Run(ex.Name, func(t *testing.T) {
			alts := []experiment.Alternative{{Name: "base", Model: sc.Model, Run: sc.Run}}
			for _, v := range sc.Variants {
				alts = append(alts, experiment.Alternative{Name: v.Name, Model: v.Scenario.Model, Run: v.Scenario.Run})
			}
			c, err := experiment.Compare(context.Background(), alts, experiment.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range c.Alternatives[1:] {
				for _, d := range a.Diffs[:3] { // throughput, WIP, cycle time
					if d.Paired.HalfWidth == 0 && d.Paired.Mean == 0 {
						continue // the variant does not change this KPI at all
					}
					if !(d.Paired.HalfWidth < d.Unpaired.HalfWidth) {
						t.Errorf("%s, %s: paired half-width %.3g not narrower than unpaired %.3g",
							a.Name, d.KPI, d.Paired.HalfWidth, d.Unpaired.HalfWidth)
					}
				}
			}
		})
	}
}

// TestQuantilesDifferAcrossReplications runs tpm-pm, whose median cycle
// time is so stable that every replication's falls in the same bucket of
// the quantile sketch: without interpolation within the bucket all
// replications gave the same p50 (18.634447336549112) and an interval of
// ±0. Each quantile must now differ between replications and have an
// interval of positive width.
func TestQuantilesDifferAcrossReplications(t *testing.T) {
	sc, err := LoadExample("tpm-pm")
	if err != nil {
		t.Fatal(err)
	}
	run := sc.Run
	run.Horizon, run.Replications = 2*sc.Run.Warmup, 4 // 2 weeks; shorter than shipped, to keep the test cheap
	s, err := experiment.Run(context.Background(), sc.Model, run, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for k, q := range s.CycleQuantiles {
		seen := map[float64]bool{}
		for _, r := range s.Replications {
			seen[r.CycleQuantiles[k]] = true
		}
		if len(seen) != len(s.Replications) || !(q.HalfWidth > 0) {
			t.Errorf("p%g: %d distinct values in %d replications, half-width %v", 100*q.P, len(seen), len(s.Replications), q.HalfWidth)
		}
	}
}

// closedTandemMVA is the throughput of a closed tandem of single
// exponential stations with mean times s and n parts, by mean value
// analysis (Reiser & Lavenberg 1980): R_i(n) = s_i·(1 + L_i(n−1)),
// X(n) = n / Σ R_i(n), L_i(n) = X(n)·R_i(n).
func closedTandemMVA(s []float64, n int) float64 {
	l := make([]float64, len(s))
	x := 0.0
	for k := 1; k <= n; k++ {
		r := make([]float64, len(s))
		total := 0.0
		for i := range s {
			r[i] = s[i] * (1 + l[i])
			total += r[i]
		}
		x = float64(k) / total
		for i := range s {
			l[i] = x * r[i]
		}
	}
	return x
}

// TestPushVsPullTandem runs the bundled tandem's push-against-pull
// comparison: its variant replaces the open source's interarrival time by
// conwip = 4. The pull line must match mean value analysis (throughput
// 0.511, WIP exactly 4, cycle time 4/0.511), and the paired differences to
// the push line (λ = 0.5, WIP 6.5, cycle time 13, Jackson) must cover the
// theoretical differences and be significant.
func TestPushVsPullTandem(t *testing.T) {
	sc, err := LoadExample("tandem")
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Variants) != 1 || sc.Variants[0].Scenario.Model.Sources[0].Kind != sim.CONWIP {
		t.Fatalf("tandem: want one variant with a CONWIP source, got %d", len(sc.Variants))
	}
	run := sc.Run
	run.Confidence = 0.9999 // Bonferroni over the checks, as the other theory tests
	pull := sc.Variants[0].Scenario.Model
	c, err := experiment.Compare(context.Background(), []experiment.Alternative{
		{Name: "push", Model: sc.Model, Run: run}, {Name: "pull", Model: pull, Run: run}}, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	th := closedTandemMVA([]float64{1.0, 1.6, 1.2}, 4)
	s := c.Alternatives[1].Summary
	if !s.Throughput.Contains(th) || !s.CycleTime.Contains(4/th) || math.Abs(s.WIP.Mean-4) > 1e-9 {
		t.Errorf("pull: throughput %v, cycle time %v, WIP %v; MVA %.4f, %.4f, 4", s.Throughput, s.CycleTime, s.WIP, th, 4/th)
	}
	// Push: Jackson, each station an M/M/1 at λ = 0.5 (tandem.toml).
	want := []float64{th - 0.5, 4 - 6.5, 4/th - 13} // throughput, WIP, cycle time
	for i, d := range c.Alternatives[1].Diffs[:3] {
		if !d.Paired.Contains(want[i]) || !d.Significant {
			t.Errorf("pull − push %s = %v, theory %.4f, significant %v", d.KPI, d.Paired, want[i], d.Significant)
		}
	}
}
