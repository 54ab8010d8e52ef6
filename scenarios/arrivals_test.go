package scenarios

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim/experiment"
)

const demandScenario = `
name = "demand"
time_unit = "min"
[run]
horizon = "1w"
[[source]]
name = "orders"
to = "m"
arrivals = ARRIVALS
[[station]]
name = "m"
process = 1
to = "done"
[[sink]]
name = "done"
`

// TestArrivalsKey checks the weekly demand pattern of a source: windows as
// in a shift, rates per time unit or per named unit, the first window's
// rate where two overlap.
func TestArrivalsKey(t *testing.T) {
	sc, err := Parse("demand.toml", []byte(strings.Replace(demandScenario, "ARRIVALS", `[{ during = "Mon-Fri 06:00-14:00", rate = "30/h" },
            { during = ["daily 20:00-22:00"], rate = 0.1 }]`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	a := sc.Model.Sources[0].Arrivals
	if a == nil || len(a.Windows) != 2 || a.Windows[0].Rate != 0.5 || a.Windows[1].Rate != 0.1 || a.Week != 10080 {
		t.Fatalf("arrivals = %+v", a)
	}
	if got, want := a.MeanRate(), (0.5*2400+0.1*840)/10080; math.Abs(got-want) > 1e-12 {
		t.Errorf("mean rate %v, want %v", got, want)
	}
}

// TestArrivalsBad checks the errors at their lines.
func TestArrivalsBad(t *testing.T) {
	for _, c := range []struct{ arrivals, want string }{
		{`[{ during = "Mon-Fri 06:00-14:00", rate = "fast" }]`, `demand.toml:9: source "orders": arrivals #1: rate: "fast"`},
		{`[{ during = "Mon-Fri 06:00-14:00", rate = 0 }]`, "the rate is 0 all week"},
		{`[{ rate = 1 }]`, "during is missing"},
		{`[{ during = "Someday 06:00-14:00", rate = 1 }]`, "Someday"},
	} {
		_, err := Parse("demand.toml", []byte(strings.Replace(demandScenario, "ARRIVALS", c.arrivals, 1)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.arrivals, err, c.want)
		}
	}
}

// TestArrivalsBatches checks batch deliveries beside a rate, in hours:
// 40 parts Mon, Wed, Fri at 14:00 are at 14, 62 and 110 h of the week, and
// 5 more on Saturday at 24:00, which is Sunday 00:00 (144 h).
func TestArrivalsBatches(t *testing.T) {
	src := strings.Replace(demandScenario, "ARRIVALS", `[{ during = "Mon-Fri 06:00-14:00", rate = "30/h" },
            { at = ["Mon,Wed,Fri 14:00"], parts = 40 }, { at = "Sat 24:00", parts = 5 }]`, 1)
	sc, err := Parse("demand.toml", []byte(strings.Replace(src, `time_unit = "min"`, `time_unit = "h"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	a := sc.Model.Sources[0].Arrivals
	if len(a.Windows) != 1 || len(a.Batches) != 2 || a.Batches[0].Parts != 40 || a.Batches[1].Parts != 5 {
		t.Fatalf("arrivals = %+v", a)
	}
	if got := a.Batches[0].At; len(got) != 3 || got[0] != 14 || got[1] != 62 || got[2] != 110 {
		t.Errorf("batch instants %v, want [14 62 110]", got)
	}
	if got := a.Batches[1].At; len(got) != 1 || got[0] != 144 {
		t.Errorf("Saturday 24:00 is at %v h, want 144", got)
	}
	if got, want := a.MeanRate(), (30*40+125.0)/168; math.Abs(got-want) > 1e-12 {
		t.Errorf("mean rate %v, want %v", got, want)
	}
}

// TestArrivalsBatchesBad checks the errors of batch entries at their lines.
func TestArrivalsBatchesBad(t *testing.T) {
	for _, c := range []struct{ arrivals, want string }{
		{`[{ at = "Mon 06:00", parts = 0 }]`, `demand.toml:9: source "orders": arrivals #1: parts must be >= 1`},
		{`[{ at = "Mon 06:00" }]`, "parts is missing"},
		{`[{ parts = 3 }]`, "at is missing"},
		{`[{ at = "Mon 06:00-08:00", parts = 3 }]`, `want a time HH:MM`},
		{`[{ at = "Monday", parts = 3 }]`, `want DAYS HH:MM`},
		{`[{ at = 6, parts = 3 }]`, `an instant like "Mon-Fri 06:00"`},
		{`[{ at = "Mon 06:00", parts = 3, rate = 1 }]`, "not both"},
		{`[{ at = "Mon 06:00", parts = 2000000 }]`, "parts"},
	} {
		_, err := Parse("demand.toml", []byte(strings.Replace(demandScenario, "ARRIVALS", c.arrivals, 1)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.arrivals, err, c.want)
		}
	}
}

// TestWeeklyDemandExample checks the bundled example against its comment:
// a week brings 12·10·5 + 6·4 + 60 = 684 orders on average, and the cell
// keeps up, so throughput is 684/10080 per minute (interval at 1 − 10⁻⁴).
func TestWeeklyDemandExample(t *testing.T) {
	sc, err := LoadExample("weekly-demand")
	if err != nil {
		t.Fatal(err)
	}
	a := sc.Model.Sources[0].Arrivals
	if got, want := a.MeanRate(), 684.0/10080; math.Abs(got-want) > 1e-12 {
		t.Errorf("mean rate %v, want %v", got, want)
	}
	run := sc.Run
	run.Confidence = 0.9999
	s, err := experiment.Run(context.Background(), sc.Model, run, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Throughput.Contains(684.0 / 10080) {
		t.Errorf("throughput %v ± %v, want 684/10080 = %v", s.Throughput.Mean, s.Throughput.HalfWidth, 684.0/10080)
	}
}
