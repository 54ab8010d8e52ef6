package output

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

var negZero = math.Copysign(0, -1)

// TestDecimals checks that an estimate is shown to two significant digits
// of its half-width, or four of its mean when there is no half-width,
// between 0 and 6 decimals.
func TestDecimals(t *testing.T) {
	for _, c := range []struct {
		mean, hw, scale float64
		want            int
	}{
		{0.79883, 0.00591, 1, 4}, // the README's M/M/1 throughput
		{4.99, 0.29, 1, 2},
		{0.8017, 0.0077, 100, 2}, // 80.17% ±0.77
		{15.04, 1.26, 1, 1},
		{23.9, 5.3, 1, 1},
		{1234.7, 37, 1, 0},
		{1234.7, 370, 1, 0}, // never negative
		{3.14159, nan, 1, 3},
		{-2.5, nan, 1, 3},  // the magnitude of the mean counts
		{0.5, 0, 1, 4},     // zero half-width: identical replications
		{6, 8.9e-16, 1, 3}, // a half-width that is rounding noise is zero
		{1, 0, 100, 1},     // 100.0%
		{5, math.Inf(1), 1, 3},
		{0, 0, 1, 0},
		{nan, nan, 1, 0},
		{1e-9, 1e-10, 1, 10}, // at most 10
		{1.2e-5, 4e-7, 1, 8}, // small rates keep two digits of the half-width
		{1234.5, 9.96, 1, 0}, // 9.96 rounds to 10: no spurious third digit
		{0.5, 0.0996, 1, 2},  // ±0.10, not ±0.100
	} {
		e := stats.Estimate{Mean: c.mean, HalfWidth: c.hw}
		if got := decimals(e, c.scale); got != c.want {
			t.Errorf("decimals(%v ±%v, scale %v) = %d, want %d", c.mean, c.hw, c.scale, got, c.want)
		}
	}
}

func TestNum(t *testing.T) {
	for _, c := range []struct {
		x    float64
		d    int
		want string
	}{
		{0.79883, 4, "0.7988"},
		{12, 2, "12.00"},
		{-2.5, 2, "-2.50"},
		{nan, 2, "-"},
		{negZero, 0, "0"},
		{negZero, 2, "0.00"},
		{-0.0004, 3, "0.000"}, // rounds to zero: no sign
		{-0.0006, 3, "-0.001"},
		{-1e-12, 6, "0.000000"},
	} {
		if got := num(c.x, c.d); got != c.want {
			t.Errorf("num(%v, %d) = %q, want %q", c.x, c.d, got, c.want)
		}
	}
}

// TestNumNeverNegativeZero checks every small negative number at every
// precision: a value that rounds to zero is printed without a sign.
func TestNumNeverNegativeZero(t *testing.T) {
	negZeroText := regexp.MustCompile(`^-0(\.0*)?$`)
	for _, x := range []float64{negZero, -1e-300, -1e-9, -4e-7, -0.0004, -0.004, -0.04, -0.4} {
		for d := 0; d <= 6; d++ {
			if s := num(x, d); negZeroText.MatchString(s) {
				t.Errorf("num(%v, %d) = %q", x, d, s)
			}
		}
	}
}

func TestEst(t *testing.T) {
	for _, c := range []struct {
		mean, hw, scale float64
		unit, want      string
	}{
		{0.79883, 0.00591, 1, "", "0.7988 ±0.0059"},
		{4.99, 0.29, 1, "", "4.99 ±0.29"},
		{15.04, 1.26, 1, "", "15.0 ±1.3"},
		{23.9, 5.3, 1, "", "23.9 ±5.3"},
		{1234.7, 37, 1, "", "1235 ±37"},
		{-2.5, 0.31, 1, "", "-2.50 ±0.31"},
		{0.8017, 0.0077, 100, "%", "80.17% ±0.77"}, // percent: the unit follows the mean
		{0.99, 0.29, 100, "%", "99% ±29"},
		{1, 0, 100, "%", "100.0% ±0"}, // zero half-width: identical replications
		{0.5, 0, 1, "", "0.5000 ±0"},
		{6, 0, 1, "", "6.000 ±0"},
		{6, 8.9e-16, 1, "", "6.000 ±0"}, // the rounding noise of a mean of identical values
		{6, 1e-6, 1, "", "6.0000000 ±0.0000010"},
		{3.14159, nan, 1, "", "3.142"}, // one replication: no interval, no "±"
		{0.8017, nan, 100, "%", "80.17%"},
		{nan, nan, 1, "", "-"},
		{nan, nan, 100, "%", "-"}, // OEE of a station down all window: no "-%"
		{-0.00001, 0.001, 1, "", "0.0000 ±0.0010"},
		{negZero, 0, 1, "", "0 ±0"},
		{0, negZero, 1, "", "0 ±0"},
	} {
		e := stats.Estimate{Mean: c.mean, HalfWidth: c.hw}
		if got := est(e, c.scale, c.unit); got != c.want {
			t.Errorf("est(%v ±%v, %v, %q) = %q, want %q", c.mean, c.hw, c.scale, c.unit, got, c.want)
		}
	}
}

// TestTable checks the alignment: the first column left-aligned, the others
// right-aligned, two spaces apart, widths counted in characters (± is one),
// no trailing spaces.
func TestTable(t *testing.T) {
	got := table([][]string{
		{"station", "machines", "utilisation"},
		{"cut", "1", "80.17% ±0.77"},
		{"weld-and-polish", "12", "5% ±1"},
		{"x"},
	}, "  ")
	want := strings.Join([]string{
		"  station          machines   utilisation",
		"  cut                     1  80.17% ±0.77",
		"  weld-and-polish        12         5% ±1",
		"  x",
		"",
	}, "\n")
	if got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
	if got := table([][]string{{"a", ""}, {"bb", ""}}, ""); got != "a\nbb\n" {
		t.Errorf("empty last column: %q, want no trailing spaces", got)
	}
	if got := table(nil, "  "); got != "" {
		t.Errorf("no rows: %q", got)
	}
}

func TestG(t *testing.T) {
	for x, want := range map[float64]string{0.5: "0.5", 1008: "1008", 1e21: "1e+21", 1.0 / 3: "0.3333333333333333"} {
		if got := g(x); got != want {
			t.Errorf("g(%v) = %q, want %q", x, got, want)
		}
	}
	if g(nan) != "NaN" || g(math.Inf(-1)) != "-Inf" {
		t.Errorf("g(NaN), g(-Inf) = %q, %q", g(nan), g(math.Inf(-1)))
	}
}

// TestTableFit checks that a table wider than the width is cut into blocks
// of whole columns, each repeating the names, every line within the width
// (a single column wider than it stands alone), and that a narrow table is
// the plain one.
func TestTableFit(t *testing.T) {
	rows := [][]string{
		{"station", "utilisation", "starved", "queue (parts)", "wait (min)"},
		{"press", "87.4% ±7.8", "2.3% ±4.3", "18.9 ±1.4", "16.62 ±0.26"},
		{"assemble", "85.5% ±7.4", "14.5% ±7.4", "0.326 ±0.019", "0.2859 ±0.0083"},
	}
	if got, want := tableFit(rows, "  ", 200), table(rows, "  "); got != want {
		t.Errorf("a narrow table changed:\n%s", got)
	}
	got := tableFit(rows, "  ", 41) // the second block is exactly 41 wide
	want := `  station   utilisation     starved
  press      87.4% ±7.8   2.3% ±4.3
  assemble   85.5% ±7.4  14.5% ±7.4

  station   queue (parts)      wait (min)
  press         18.9 ±1.4     16.62 ±0.26
  assemble   0.326 ±0.019  0.2859 ±0.0083
`
	if got != want {
		t.Errorf("tableFit(41):\n%s\nwant:\n%s", got, want)
	}
	for _, line := range strings.Split(tableFit(rows, "  ", 20), "\n") {
		if n := len([]rune(line)); n > 26 { // "  assemble" + 2 + the widest column, 14
			t.Errorf("line %q is %d wide", line, n)
		}
	}
}
