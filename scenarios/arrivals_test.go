package scenarios

import (
	"math"
	"strings"
	"testing"
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
