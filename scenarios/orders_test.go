package scenarios

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const orderScenario = `name = "orders"
time_unit = "min"
[run]
horizon = "1d"
[[product]]
name = "A"
[[product]]
name = "B"
[[source]]
name = "book"
to = "m"
orders = "orders.csv"
[[station]]
name = "m"
process = 1
dispatch = "edd"
to = "done"
[[sink]]
name = "done"
`

// writeScenario writes the scenario and its order book into a folder and
// returns the scenario's path.
func writeScenario(t *testing.T, toml, csv string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "orders.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "s.toml")
	if err := os.WriteFile(path, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestOrderCSV(t *testing.T) {
	csv := "# a comment\nrelease, product, quantity, due, name, priority\n0, A, 3, 2h, first,\n1h, B, 2, , second, 5\n"
	sc, err := Load(writeScenario(t, orderScenario, csv))
	if err != nil {
		t.Fatal(err)
	}
	os := sc.Model.Sources[0].Orders
	if len(os) != 2 || os[0].Name != "first" || os[0].Quantity != 3 || os[0].Due != 120 ||
		os[1].Release != 60 || !math.IsInf(os[1].Due, 1) || os[1].Priority != 5 {
		t.Errorf("orders %+v", os)
	}
	s, err := runScenario(sc)
	if err != nil || s.Orders == nil || s.Orders.Completed.Mean != 1 {
		t.Fatalf("run: %v, %+v", err, s.Orders)
	}
}

// TestOrderCSVProblems: a malformed row fails with the order book's own
// FILE:LINE.
func TestOrderCSVProblems(t *testing.T) {
	for _, c := range []struct{ csv, want string }{
		{"release,product,quantity,due\n0,A,3,2h\n0,A,x,2h\n", "orders.csv:3: quantity must be a whole number >= 1, got \"x\""},
		{"release,product,quantity,due\n0,A,3,2h\nsoon,A,1,2h\n", "orders.csv:3: release: "},
		{"release,product,quantity\n0,A,3\n", "orders.csv:1: the header has no \"due\" column"},
		{"release,product,qty,due\n", "orders.csv:1: unknown column \"qty\""},
		{"release,product,quantity,due\n0,C,3,2h\n", "source \"book\": order \"book#1\": \"C\" is not a product"},
	} {
		_, err := Load(writeScenario(t, orderScenario, c.csv))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\ngot  %v\nwant %s", c.csv, err, c.want)
		}
	}
	src := strings.Replace(orderScenario, `orders = "orders.csv"`, `orders = "missing.csv"`, 1)
	if _, err := Load(writeScenario(t, src, "")); err == nil || !strings.Contains(err.Error(), "s.toml:12: source \"book\": orders: cannot read") {
		t.Errorf("missing order book: %v", err)
	}
}

// TestInlineOrders: [[order]] tables instead of a CSV file.
func TestInlineOrders(t *testing.T) {
	src := strings.Replace(orderScenario, "orders = \"orders.csv\"\n", "", 1) + `
[[order]]
name = "rush"
product = "B"
quantity = 2
due = "30min"
priority = 3
[[order]]
product = "A"
release = "1h"
`
	sc, err := Parse("s.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	os := sc.Model.Sources[0].Orders
	if len(os) != 2 || os[0].Name != "rush" || os[0].Due != 30 || os[0].Priority != 3 || os[1].Quantity != 1 || os[1].Release != 60 {
		t.Errorf("orders %+v", os)
	}
	bad := strings.Replace(src, `product = "A"`, `product = "A"
source = "nope"`, 1)
	if _, err := Parse("s.toml", []byte(bad)); err == nil || !strings.Contains(err.Error(), `source "nope" is not an order-book source`) {
		t.Errorf("bad source: %v", err)
	}
}

// TestOrderCSVUnterminatedQuote is issue 11's panic: a body of `"x` made
// the reader ask for a field position after a failed read.
func TestOrderCSVUnterminatedQuote(t *testing.T) {
	_, err := Load(writeScenario(t, orderScenario, "release,product,quantity,due\n\"x"))
	if err == nil || !IsInvalid(err) || !strings.Contains(err.Error(), "orders.csv:2:") {
		t.Fatalf("err = %v, want an invalid-input error at orders.csv:2", err)
	}
}
