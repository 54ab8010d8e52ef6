package scenarios

import (
	"fmt"
	"os"
	"path/filepath"
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
