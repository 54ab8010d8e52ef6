package output

import (
	"math"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// TestValueStreamPennyFab checks the map of the Penny Fab against
// Factory Physics' best case (Hopp & Spearman, ch. 7): at the critical
// WIP each of the 4 stations processes a penny for 2 h and nothing waits,
// so the lead time is the raw process time T0 = 8 h, all of it value
// added: process cycle efficiency 100%.
func TestValueStreamPennyFab(t *testing.T) {
	m := pennyFab()
	s := runModel(t, m, 3)
	v := NewValueStream(m, s, nil)
	near := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
	}
	for _, st := range v.Steps {
		near(st.Name+" processing", st.Processing.Mean, 2)
		near(st.Name+" C/T", st.CycleTime, 2)
		near(st.Name+" wait", st.Wait.Mean, 0)
		near(st.Name+" parts waiting", st.Queue.Mean, 0)
		near(st.Name+" demand held", st.DemandTime.Mean, 0)
	}
	near("lead time", v.LeadTime.Mean, 8)
	near("value-added time", v.ValueAdded.Mean, 8)
	near("PCE", v.PCE.Mean, 1)
}

// TestValueStreamEqualsSummary checks every figure of the map of a
// random line with failures against the summary it comes from: the
// station figures are the summary's estimates themselves, the lead time
// is its cycle time, and the per-replication ratios are recomputed here
// from the replications (value-added time = Σ utilisation × machines /
// throughput; PCE = value added / cycle time; demand held = parts
// waiting / throughput, in minutes and days).
func TestValueStreamEqualsSummary(t *testing.T) {
	m := tinyLine(true)
	s := runModel(t, m, 4)
	v := NewValueStream(m, s, []int{1, 0})
	if len(v.Steps) != 2 || v.Steps[0].Name != "weld" || v.Steps[1].Name != "cut" {
		t.Fatalf("steps %+v, want weld then cut", v.Steps)
	}
	if v.LeadTime != s.CycleTime {
		t.Errorf("lead time %+v, summary's cycle time %+v", v.LeadTime, s.CycleTime)
	}
	mean := func(f func(*sim.Replication) float64) float64 {
		sum := 0.0
		for _, r := range s.Replications {
			sum += f(r)
		}
		return sum / float64(len(s.Replications))
	}
	rel := func(what string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-12*math.Abs(want) {
			t.Errorf("%s = %v, recomputed %v", what, got, want)
		}
	}
	for k, i := range []int{1, 0} {
		st, ss := v.Steps[k], s.Stations[i]
		if st.Uptime != ss.Availability || st.OEE != ss.OEE || st.Queue != ss.Queue || st.Wait != ss.Wait || st.Setups != ss.Setups {
			t.Errorf("%s: uptime, OEE, queue, wait or setups differ from the summary's", st.Name)
		}
		rel(st.Name+" processing", st.Processing.Mean, mean(func(r *sim.Replication) float64 {
			return r.Stations[i].Utilization * float64(m.Stations[i].Machines) / r.Throughput
		}))
		rel(st.Name+" demand held", st.DemandTime.Mean, mean(func(r *sim.Replication) float64 { return r.Stations[i].Queue / r.Throughput }))
		rel(st.Name+" demand held in days", st.DemandDays.Mean, mean(func(r *sim.Replication) float64 { return r.Stations[i].Queue / r.Throughput / 1440 }))
	}
	va := func(r *sim.Replication) float64 {
		return (r.Stations[0].Utilization*1 + r.Stations[1].Utilization*2) / r.Throughput
	}
	rel("value-added time", v.ValueAdded.Mean, mean(va))
	rel("PCE", v.PCE.Mean, mean(func(r *sim.Replication) float64 { return va(r) / r.CycleTime }))
	if !(v.ValueAdded.HalfWidth > 0) || v.ValueAdded.N != 4 {
		t.Errorf("value-added time %+v: want an interval over 4 replications", v.ValueAdded)
	}
	// weld jams: its uptime is below 1; cut has no failures.
	if !(v.Steps[0].Uptime.Mean < 1) || v.Steps[1].Uptime.Mean != 1 {
		t.Errorf("uptime weld %v, cut %v", v.Steps[0].Uptime.Mean, v.Steps[1].Uptime.Mean)
	}
	// The drawing and the table show the same figures.
	svg := string(v.SVG())
	for _, want := range []string{"lead time " + est(s.CycleTime, 1, "") + " min", "OEE " + est(s.Stations[1].OEE, 100, "%"),
		est(s.Stations[0].Queue, 1, "") + " parts", "process cycle efficiency " + est(v.PCE, 100, "%")} {
		if !strings.Contains(svg, want) {
			t.Errorf("the map lacks %q", want)
		}
	}
}
