package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Regression tests for issue 11 (hardening): each input below was accepted
// and then hung, ate memory or panicked; each is refused now with a
// FILE:LINE message that names the key.

// mustRefuse parses src and checks that one problem is reported at
// t.toml:line with a message containing msg.
func mustRefuse(t *testing.T, src string, line int, msg string) {
	t.Helper()
	_, err := Parse("t.toml", []byte(src))
	if err == nil || !IsInvalid(err) {
		t.Fatalf("want an invalid-input error containing %q, got %v", msg, err)
	}
	prefix := fmt.Sprintf("t.toml:%d: ", line)
	for _, l := range strings.Split(err.Error(), "\n") {
		if strings.HasPrefix(l, prefix) && strings.Contains(l, msg) {
			return
		}
	}
	t.Errorf("want a problem %q… containing %q, got\n%v", prefix, msg, err)
}

// oneStation is a valid scenario: run on lines 2–3, source on 4–7, station
// on 8–11, sink on 12–13.
func oneStation(run, source, station string) string {
	return "name = \"t\"\n[run]\n" + run + "\n[[source]]\nname = \"in\"\nto = \"a\"\n" + source +
		"\n[[station]]\nname = \"a\"\nto = \"done\"\n" + station + "\n[[sink]]\nname = \"done\"\n"
}

func TestHorizon1e308wOverflows(t *testing.T) {
	mustRefuse(t, oneStation(`horizon = "1e308w"`, `interarrival = "exp(1)"`, "process = 1"), 3, "too large")
	mustRefuse(t, oneStation("horizon = 100", `interarrival = "exp(1e308w)"`, "process = 1"), 7, "too large")
}

func TestInterarrivalZeroRefused(t *testing.T) {
	for _, ia := range []string{`"const(0)"`, "0", `"uniform(0, 0)"`, `"empirical(0: 1)"`} {
		t.Run(ia, func(t *testing.T) {
			mustRefuse(t, oneStation("horizon = 100", "interarrival = "+ia, "process = 1"), 7, "interarrival: ")
		})
	}
}

func TestDistributionsThatBreakAtRunTimeRefused(t *testing.T) {
	for _, d := range []string{"gamma(1e-170, 1e170)", "weibull(1e-9, 1)", "lognormal(1, 1e200)"} {
		t.Run(d, func(t *testing.T) {
			mustRefuse(t, oneStation("horizon = 100", `interarrival = "exp(2)"`, `process = "`+d+`"`), 11, "process: "+d)
		})
	}
}

func TestCountsOverTheLimitsRefused(t *testing.T) {
	mustRefuse(t, oneStation("horizon = 100", `interarrival = "exp(2)"`, "process = 1\nmachines = 1000000000"), 12,
		"machines = 1000000000 is over the limit of 10000")
	mustRefuse(t, oneStation("horizon = 100", "conwip = 1000000000", "process = 1"), 7,
		"conwip = 1000000000 is over the limit of 1000000")
	mustRefuse(t, oneStation("horizon = 100\nreplications = 10000000", `interarrival = "exp(2)"`, "process = 1"), 4,
		"replications = 10000000 is over the limit of 100000")
	mustRefuse(t, oneStation("horizon = 100", "", "process = 1")+
		"[[product]]\nname = \"p\"\n[[order]]\nproduct = \"p\"\nquantity = 2000000000\n", 18,
		"quantity = 2000000000 is over the limit of 1000000")
}

func TestOrderQuantity2e9InCSVRefused(t *testing.T) {
	_, err := Load(writeScenario(t, orderScenario, "release,product,quantity,due\n0,A,2000000000,\n"))
	if err == nil || !strings.Contains(err.Error(), "orders.csv:2: quantity = 2000000000 is over the limit") {
		t.Fatalf("err = %v", err)
	}
}

func TestOrderCSVOfAMillionRowsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString("release,product,quantity,due\n")
	for range MaxOrders + 1 {
		b.WriteString("0,A,1,\n")
	}
	_, err := Load(writeScenario(t, orderScenario, b.String()))
	want := fmt.Sprintf("orders.csv:%d: more than %d orders", MaxOrders+2, MaxOrders)
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err = %v, want %q", err, want)
	}
}

// TestOrdersEtcPasswdNotEchoed: a file that is not an order book is named,
// its content is not repeated.
func TestOrdersEtcPasswdNotEchoed(t *testing.T) {
	passwd := "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
	_, err := Load(writeScenario(t, orderScenario, passwd))
	if err == nil || !strings.Contains(err.Error(), "orders.csv:1: this is not an order book") || strings.Contains(err.Error(), "root") {
		t.Fatalf("err = %v", err)
	}
	long := strings.Repeat("x", 500)
	_, err = Load(writeScenario(t, orderScenario, "release,product,quantity,due\n"+long+",A,1,\n"))
	if err == nil || strings.Contains(err.Error(), long[:maxEcho]) {
		t.Fatalf("a 500-character field is repeated whole: %v", err)
	}
}

func TestOrdersDevZeroRefused(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	path := writeScenario(t, strings.Replace(orderScenario, `"orders.csv"`, `"/dev/zero"`, 1), "")
	_, err := Load(path)
	if err == nil || !IsInvalid(err) || !strings.Contains(err.Error(), "s.toml:12: ") ||
		!strings.Contains(err.Error(), "/dev/zero is not a regular file") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Load("/dev/zero"); err == nil || !IsInvalid(err) || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Load(/dev/zero) = %v", err)
	}
}

func TestInputFileSizeCap(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.toml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileBytes + 1); err != nil { // sparse: cheap
		t.Fatal(err)
	}
	f.Close()
	if _, err := Load(big); err == nil || !IsInvalid(err) || !strings.Contains(err.Error(), "larger than 16 MiB") {
		t.Fatalf("err = %v", err)
	}
	bin := filepath.Join(dir, "bin.toml")
	if err := os.WriteFile(bin, []byte("name = \"x\"\x00\xff"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(bin); err == nil || !strings.Contains(err.Error(), "not a text file") {
		t.Fatalf("err = %v", err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Fatalf("Load(folder) = %v", err)
	}
}

// TestNested5000InlineTablesRefusedCheaply: a 20 kB file of 5000 nested
// inline tables took 1.1 GB to reject; it is refused before decoding, at
// its line, allocating little more than the file.
func TestNested5000InlineTablesRefusedCheaply(t *testing.T) {
	src := "name = \"n\"\n# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ in a comment\ndescription = \"{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{ in a string\"\n" +
		"x = " + strings.Repeat("{a = ", 5000) + "1" + strings.Repeat("}", 5000) + "\n"
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Parse("t.toml", []byte(src))
	runtime.ReadMemStats(&after)
	if err == nil || !strings.HasPrefix(err.Error(), "t.toml:4: arrays and inline tables nest more than 32 deep") {
		t.Fatalf("err = %v", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("rejecting took %d bytes", alloc)
	}
	// Brackets in strings and comments do not count.
	if _, err := Parse("t.toml", []byte(oneStation("horizon = 100", `interarrival = "exp(1)" # [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`,
		"process = 1\n"+`description = '''`+strings.Repeat("{", 40)+`'''`))); err != nil && strings.Contains(err.Error(), "nest") {
		t.Errorf("brackets in strings or comments counted: %v", err)
	}
}

// TestValidate100000StationsNotQuadratic: validating a line of 100000
// stations took 52 s, because the check that every station reaches a sink
// went over all stations once per station; it walks the routes backwards
// once now. 30000 stations keep the test cheap (about a second) while the
// old check would take minutes.
func TestValidate100000StationsNotQuadratic(t *testing.T) {
	var b strings.Builder
	b.WriteString("name = \"big\"\n[run]\nhorizon = 100\n[[source]]\nname = \"s\"\nto = \"st0\"\ninterarrival = \"exp(1)\"\n")
	const n = 30_000
	for i := range n {
		next := fmt.Sprintf("st%d", i+1)
		if i+1 == n {
			next = "done"
		}
		fmt.Fprintf(&b, "[[station]]\nname = \"st%d\"\nprocess = 1\nto = \"%s\"\n", i, next)
	}
	b.WriteString("[[sink]]\nname = \"done\"\n")
	sc, err := Parse("big.toml", []byte(b.String()))
	if err != nil || len(sc.Model.Stations) != n {
		t.Fatal(err)
	}
}

// TestEmptyWindowsRefused: windows = [] ran silently 100% off shift; an
// empty calendar is an error, like breaks that cover every window.
func TestEmptyWindowsRefused(t *testing.T) {
	src := strings.Replace(shiftBase, `windows = ["Mon-Fri 06:00-14:00"]`, "windows = []", 1)
	src = strings.Replace(src, `breaks = ["Mon-Fri 10:00-10:15"]`, "", 1)
	mustRefuse(t, src, 9, "windows is empty: the shift would never work")
}
