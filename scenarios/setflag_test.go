package scenarios

import (
	"fmt"
	"testing"
)

func TestParseSetFlag(t *testing.T) {
	for _, c := range []struct{ arg, path, values string }{
		{"station.weld.buffer=1..5", "station.weld.buffer", "[1 2 3 4 5]"},
		{"station.weld.buffer=0..10:5", "station.weld.buffer", "[0 5 10]"},
		{"source.raw.conwip=2..3", "source.raw.conwip", "[2 3]"},
		{"run.warmup=0.5..1.5:0.5", "run.warmup", "[0.5 1 1.5]"},
		{"station.a.process=exp(1), tri(1, 2, 3),4", "station.a.process", "[exp(1) tri(1, 2, 3) 4]"},
		{"station.a.pm.every=8h,16h", "station.a.pm.every", "[8h 16h]"},
		{" crew.m.size = 1,2 ", "crew.m.size", "[1 2]"},
	} {
		path, vals, err := ParseSetFlag(c.arg)
		if err != nil || path != c.path || fmt.Sprint(vals) != c.values {
			t.Errorf("ParseSetFlag(%q) = %q, %v, %v; want %q, %s", c.arg, path, vals, err, c.path, c.values)
		}
	}
	if _, vals, _ := ParseSetFlag("a.b=1..3"); fmt.Sprintf("%T", vals[0]) != "int64" {
		t.Errorf("whole-number range gives %T, want int64", vals[0])
	}
	for _, bad := range []string{"station.a.buffer", "=3", "a.b=", "a.b=5..1", "a.b=1..x", "a.b=1..2:0", "a.b=0..1e6:0.5"} {
		if _, _, err := ParseSetFlag(bad); err == nil {
			t.Errorf("ParseSetFlag(%q): want an error", bad)
		}
	}
}

// TestParseSetFlagNonFiniteRange is issue 11's hang: ranges with nan, inf
// or a step below the numbers' resolution ran forever and ate memory.
func TestParseSetFlagNonFiniteRange(t *testing.T) {
	for _, bad := range []string{"a.b=nan..1", "a.b=1..nan", "a.b=1..2:nan", "a.b=inf..inf", "a.b=-inf..1",
		"a.b=1..inf", "a.b=1..1e300", "a.b=0..1:1e-300", "a.b=1e17..1.0000000000000001e17:1",
		"a.b=1e17..1e17+32", "a.b=1e16..1.00000000000001e16:0.5"} {
		if _, vals, err := ParseSetFlag(bad); err == nil {
			t.Errorf("ParseSetFlag(%q) = %d values, want an error", bad, len(vals))
		}
	}
	for _, c := range []struct{ arg, values string }{
		{"a.b=1e300..1e300", "[1e+300]"},
		{"a.b=1e17..1e17", "[1e+17]"},
		{"a.b=9007199254740992..9007199254740992", "[9007199254740992]"},
	} {
		if _, vals, err := ParseSetFlag(c.arg); err != nil || fmt.Sprint(vals) != c.values {
			t.Errorf("ParseSetFlag(%q) = %v, %v; want %s", c.arg, vals, err, c.values)
		}
	}
}
