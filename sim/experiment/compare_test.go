package experiment

import (
	"context"
	"testing"

	"github.com/takt-sim/takt/sim"
)

func twoStation(buffer int) *sim.Model {
	return &sim.Model{Name: "two",
		Sources: []sim.Source{{Name: "raw", To: "m1", Kind: sim.Saturated}},
		Stations: []sim.Station{
			{Name: "m1", Machines: 1, Process: expD(1), Buffer: sim.Unlimited, Routes: to("m2")},
			{Name: "m2", Machines: 1, Process: expD(1), Buffer: buffer, Routes: to("out")}},
		Sinks: []sim.Sink{{Name: "out"}}}
}

// TestCompareCRN checks that common random numbers pay: the paired interval
// of the throughput gain from a bigger buffer is narrower than the unpaired
// one, and the gain matches the exact birth–death values.
func TestCompareCRN(t *testing.T) {
	r := testRun(5000, 200, 20)
	c, err := Compare(context.Background(), []Alternative{
		{Name: "buffer 1", Model: twoStation(1), Run: r}, {Name: "buffer 3", Model: twoStation(3), Run: r}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := c.Alternatives[1].Diffs[0]
	if d.KPI != "throughput" {
		t.Fatalf("first KPI %q", d.KPI)
	}
	if !(d.Paired.HalfWidth < d.Unpaired.HalfWidth) {
		t.Errorf("paired half-width %.4g not narrower than unpaired %.4g", d.Paired.HalfWidth, d.Unpaired.HalfWidth)
	}
	within(t, "throughput gain", d.Paired, twoStationTH(1, 1, 3)-twoStationTH(1, 1, 1))
	if !d.Significant {
		t.Errorf("a gain of %.3f should be significant: %+v", d.Paired.Mean, d.Paired)
	}
	if rank := c.Rank(KPIs()[0]); rank[0] != 1 {
		t.Errorf("ranking by throughput %v, want the bigger buffer first", rank)
	}
}

// TestCompareNoChange checks that a variant identical to the base differs
// by exactly zero in every KPI.
func TestCompareNoChange(t *testing.T) {
	r := testRun(2000, 100, 5)
	c, err := Compare(context.Background(), []Alternative{
		{Name: "base", Model: twoStation(2), Run: r}, {Name: "same", Model: twoStation(2), Run: r}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Alternatives[1].Diffs {
		if d.Paired.Mean != 0 || d.Paired.HalfWidth != 0 || d.Significant {
			t.Errorf("%s: %+v, want exactly 0", d.KPI, d)
		}
	}
}

// TestCompareNeedsSameReplications checks the pairing precondition.
func TestCompareNeedsSameReplications(t *testing.T) {
	r := testRun(100, 0, 5)
	r2 := r
	r2.Replications = 6
	if _, err := Compare(context.Background(), []Alternative{{Name: "a", Model: twoStation(1), Run: r}, {Name: "b", Model: twoStation(1), Run: r2}}, Options{}); err == nil {
		t.Error("different replication counts: want an error")
	}
}

// TestSensitivityFindsBottleneck checks that +10% capacity helps most at
// the clear bottleneck, and that a faster non-bottleneck barely helps.
func TestSensitivityFindsBottleneck(t *testing.T) {
	c, err := Sensitivity(context.Background(), bottleneckLine(1, 1.6, 1), testRun(5000, 200, 10), 0.1, Options{})
	if err != nil {
		t.Fatal(err)
	}
	rank := c.Rank(KPIs()[0])
	if c.Alternatives[rank[0]].Name != "s2" {
		t.Errorf("best alternative %q, want s2", c.Alternatives[rank[0]].Name)
	}
	gain := c.Alternatives[2].Diffs[0].Paired
	// Throughput is nearly 1/1.6; 10% more capacity at s2 gains up to 10%.
	if !(gain.Mean > 0.03 && gain.Mean < 0.0625+gain.HalfWidth) {
		t.Errorf("gain at s2 %.4f ± %.4f", gain.Mean, gain.HalfWidth)
	}
}
