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
