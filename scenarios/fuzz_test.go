package scenarios

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// The fuzz targets of the parsers (HOUSE-STYLE: hostile input is a test
// case). Their seed corpora hold every bundled scenario and every input of
// issue 11; CI runs each for a short time (see .ci/run):
//
//	go test -run '^$' -fuzz '^FuzzParse$' -fuzztime 15s ./scenarios/

// hostileScenarios are the scenarios of issue 11 that hung, panicked or ate
// memory, as seeds.
var hostileScenarios = []string{
	oneStation("horizon = 100", `interarrival = "const(0)"`, "process = 1"),
	oneStation("horizon = 100", "interarrival = 0", "process = 1"),
	oneStation("horizon = 100", `interarrival = "exp(1e-300)"`, "process = 1"),
	oneStation(`horizon = "1e308w"`, `interarrival = "exp(1)"`, "process = 1"),
	oneStation("horizon = 1e9", `interarrival = "exp(1)"`, `process = "exp(0.5)"`),
	oneStation("horizon = 1e9", `interarrival = "exp(0.8)"`, `process = "exp(1)"`),
	oneStation("horizon = 100", "conwip = 3", "process = 0"),
	oneStation("horizon = 100", "conwip = 1000000000", "process = 1"),
	oneStation("horizon = 100", "saturated = true", "process = 0"),
	oneStation("horizon = 100\nreplications = 10000000", `interarrival = "exp(1)"`, "process = 1"),
	oneStation("horizon = 100", `interarrival = "exp(1)"`, "process = 1\nmachines = 1000000000"),
	oneStation("horizon = 100", `interarrival = "exp(1)"`, `process = "gamma(1e-170, 1e170)"`),
	oneStation("horizon = 100", `interarrival = "exp(1)"`, `process = "weibull(1e-9, 1)"`),
	oneStation("horizon = 100", `interarrival = "exp(1)"`, `process = "lognormal(1, 1e200)"`),
	oneStation("horizon = 100", `orders = "/etc/passwd"`, "process = 1"),
	oneStation("horizon = 100", `orders = "/dev/zero"`, "process = 1"),
	oneStation("horizon = 100", "", "process = 1") + "[[product]]\nname = \"p\"\n[[order]]\nproduct = \"p\"\nquantity = 2000000000\n",
	"name = \"n\"\nx = " + strings.Repeat("{a = ", 100) + "1" + strings.Repeat("}", 100) + "\n",
	"name = \"s\"\n[run]\nhorizon = 100\n[[source]]\nname = \"in\"\nto = \"m\"\nsaturated = true\n[[station]]\nname = \"m\"\nprocess = 0\n" +
		"to = [{ station = \"m\", p = 0.5 }, { sink = \"done\", p = 0.5 }]\n[[sink]]\nname = \"done\"\n",
	strings.Replace(strings.Replace(shiftBase, `windows = ["Mon-Fri 06:00-14:00"]`, "windows = []", 1), `breaks = ["Mon-Fri 10:00-10:15"]`, "", 1),
}

// eventBudget cancels a replication after a number of traced events, so
// that a fuzzed run is bounded by simulated work, not by wall time.
type eventBudget struct {
	left   int
	cancel context.CancelFunc
}

func (b *eventBudget) MachineState(float64, string, int, sim.State)        { b.spend() }
func (b *eventBudget) PartEvent(float64, int64, sim.PartEventKind, string) { b.spend() }
func (b *eventBudget) Level(float64, string, int)                          {}
func (b *eventBudget) spend() {
	if b.left--; b.left == 0 {
		b.cancel()
	}
}

// FuzzParse decodes and validates any text as a scenario: it must never
// panic, and a valid scenario must run (a little, bounded by events)
// without an internal error, conserving parts.
func FuzzParse(f *testing.F) {
	for _, ex := range Examples() {
		data, err := ExampleSource(ex.Name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(data))
	}
	for _, s := range hostileScenarios {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		sc, err := parse("fuzz.toml", []byte(src), bundled.ReadFile)
		if err != nil {
			if !IsInvalid(err) {
				t.Fatalf("not an *InvalidError: %v", err)
			}
			return
		}
		p, err := sim.Compile(sc.Model)
		if err != nil {
			t.Fatalf("valid scenario, but sim refuses it: %v", err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		res, err := p.Trace(ctx, sc.Run, 0, &eventBudget{left: 5000, cancel: cancel})
		var le *sim.LimitError
		switch {
		case errors.Is(err, context.Canceled), errors.As(err, &le):
		case err != nil:
			t.Fatalf("run: %v", err)
		case res.Entered != res.Exited+res.Joined+res.InPlant:
			t.Fatalf("parts not conserved: entered %d, exited %d, joined %d, in plant %d", res.Entered, res.Exited, res.Joined, res.InPlant)
		}
	})
}

// FuzzParseDuration: a duration that parses is finite and >= 0.
func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"90s", "2.5min", "8h", "1.5d", "2w", "3", "1e308w", "-1", "nan", "inf", "1e-320s", ".5 h", "1e99999", "0x10"} {
		f.Add(s, "min")
	}
	f.Add("1", "w")
	f.Fuzz(func(t *testing.T, s, unit string) {
		d, err := ParseDuration(s, unit)
		if err == nil && (!(d >= 0) || math.IsInf(d, 0)) {
			t.Fatalf("ParseDuration(%q, %q) = %v", s, unit, d)
		}
	})
}

// FuzzParseDist: a distribution that parses has a finite mean >= 0 and
// draws finite values >= 0.
func FuzzParseDist(f *testing.F) {
	for _, s := range []string{"exp(1.5)", "const(2)", "2", "90s", "uniform(1, 2)", "tri(1, 2, 3)", "normal(5, 1)",
		"lognormal(2, 1.5)", "gamma(3, 1.5)", "erlang(2, 3)", "weibull(2, 3)", "empirical(1: 0.5, 2: 0.5)",
		"gamma(1e-170, 1e170)", "weibull(1e-9, 1)", "lognormal(1, 1e200)", "exp(1e-300)", "const(0)", "exp(1e308w)",
		"normal(1e300, 1e300)", "exp(1e300)", "exp(1e307)", "gamma(1, 1e160)", "erlang(1e307, 2)", "erlang(1e-320, 1000)", "uniform(0, 1e308)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDist(s, "min")
		if err != nil {
			return
		}
		if m := d.Mean(); !(m >= 0) || math.IsInf(m, 0) {
			t.Fatalf("%s: mean %v", s, m)
		}
		smp := d.Bind(sim.NewStream(1, 0, "fuzz", "draws"))
		for range 100 {
			if x := smp.Rand(); !(x >= 0) || math.IsInf(x, 0) {
				t.Fatalf("%s drew %v", s, x)
			}
		}
	})
}

// FuzzOrderCSV: any order book reads without a panic into orders that a
// replication can hold.
func FuzzOrderCSV(f *testing.F) {
	book, err := ExampleSource("order-book.csv")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{string(book), "release,product,quantity,due\n\"x", "release,product,quantity,due\n0,A,2000000000,\n",
		"root:x:0:0:root:/root:/bin/bash\n", "release,product,quantity,due,name,priority\n1h,A,3,2h,first,5\n,,,,\n",
		"release,product,quantity,due\n1e308w,A,1,nan\n", "\xff\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		ps := &problems{file: "o.csv"}
		for _, o := range parseOrderCSV(ps, []byte(data), "min", "src") {
			if o.Quantity < 1 || o.Quantity > sim.MaxInPlant || !(o.Release >= 0) || math.IsInf(o.Release, 0) || math.IsNaN(o.Due) {
				t.Fatalf("order %+v", o)
			}
		}
	})
}

// FuzzParseSetFlag: any --set argument gives at most maxSweepPoints values,
// finite when numbers, without repeating a value of a range.
func FuzzParseSetFlag(f *testing.F) {
	for _, s := range []string{"station.weld.buffer=1..5", "a.b=0..10:5", "a.b=0.5..1.5:0.5", "a.b=exp(1), tri(1, 2, 3),4",
		"a.b=nan..1", "a.b=1..nan", "a.b=1e300..1e300", "a.b=1e17..1e17", "a.b=0..1:1e-300", "a.b=-inf..inf"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		_, values, err := ParseSetFlag(arg)
		if err != nil {
			return
		}
		_, spec, _ := strings.Cut(arg, "=")
		if strings.Contains(spec, "..") && len(values) > maxSweepPoints {
			t.Fatalf("%q: %d values", arg, len(values))
		}
		for _, v := range values {
			if x, ok := v.(float64); ok && strings.Contains(spec, "..") && (math.IsNaN(x) || math.IsInf(x, 0)) {
				t.Fatalf("%q: value %v", arg, x)
			}
		}
	})
}
