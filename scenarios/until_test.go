package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

const untilScenario = `name = "lot"
time_unit = "min"
[run]
horizon = "1w"
WARMUP
until = UNTIL
[[source]]
name = "rel"
to = "a"
SOURCE
[[station]]
name = "a"
process = 1
to = "done"
[[sink]]
name = "done"
`

// bookSource is an order-book source with the product of its orders.
const bookSource = "orders = \"book.csv\"\n[[product]]\nname = \"p\""

func untilText(until, warmup, source string) []byte {
	r := strings.NewReplacer("UNTIL", until, "WARMUP", warmup, "SOURCE", source)
	return []byte(r.Replace(untilScenario))
}

// TestUntilKey checks both forms of until.
func TestUntilKey(t *testing.T) {
	for _, c := range []struct {
		until, source string
		want          sim.Until
	}{
		{`{ parts = 1000 }`, "saturated = true", sim.Until{Parts: 1000}},
		{`{ orders = "all" }`, bookSource, sim.Until{Orders: true}},
	} {
		sc, err := parse("lot.toml", untilText(c.until, "", c.source), func(string) ([]byte, error) {
			return []byte("release,product,quantity,due\n0,p,5,\n"), nil
		})
		if err != nil {
			t.Fatalf("%s: %v", c.until, err)
		}
		if sc.Run.Until != c.want {
			t.Errorf("%s: until %+v, want %+v", c.until, sc.Run.Until, c.want)
		}
	}
}

// TestUntilBad checks the errors at the line of until (line 6).
func TestUntilBad(t *testing.T) {
	for _, c := range []struct{ until, warmup, source, want string }{
		{`{ parts = 0 }`, "", "saturated = true", `lot.toml:6: run: parts must be >= 1`},
		{`{ parts = 10, orders = "all" }`, "", "saturated = true", `lot.toml:6: run: give parts or orders`},
		{`{ }`, "", "saturated = true", `give parts or orders`},
		{`{ orders = "some" }`, "", "saturated = true", `orders must be "all"`},
		{`{ orders = "all" }`, "", "saturated = true", `lot.toml:6: run: until orders: no source has an order book`},
		{`{ orders = "all" }`, `warmup = "1h"`, bookSource, `until orders: an order book runs from time 0`},
		{`{ part = 10 }`, "", "saturated = true", `unknown key`},
		{`1000`, "", "saturated = true", `a table like { parts = 1000 }`},
	} {
		_, err := parse("lot.toml", untilText(c.until, c.warmup, c.source), func(string) ([]byte, error) {
			return []byte("release,product,quantity,due\n0,p,5,\n"), nil
		})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.until, err, c.want)
		}
	}
}
