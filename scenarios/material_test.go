package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// materialHead is a valid scenario whose station "a" consumes steel; tests
// append the [[material]] table from line 15.
const materialHead = `name = "m"
[run]
horizon = 100
[[source]]
name = "in"
to = "a"
interarrival = "exp(2)"
[[station]]
name = "a"
process = "exp(1)"
to = "done"
consumes = { steel = 2 }
[[sink]]
name = "done"
`

// TestMaterialDecode: the policy follows from the keys; holding is per
// hour (0.6 per hour = 0.01 per minute), the order cost per order.
func TestMaterialDecode(t *testing.T) {
	for _, c := range []struct {
		keys   string
		policy sim.Policy
	}{
		{"reorder_point = 5\nquantity = 20\n", sim.ReorderQuantity},
		{"reorder_point = 5\norder_up_to = 20\n", sim.OrderUpTo},
		{"review = \"2h\"\norder_up_to = 20\n", sim.PeriodicReview},
	} {
		src := materialHead + "[[material]]\nname = \"steel\"\ninitial = 10\nlead_time = \"30min\"\nholding = 0.6\norder_cost = 25\n" + c.keys
		sc, err := Parse("m.toml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		m := sc.Model.Materials[0]
		if m.Policy != c.policy || m.Initial != 10 || m.Holding != 0.01 || m.Ordering != 25 || m.LeadTime.Mean() != 30 {
			t.Errorf("%q: %+v", c.keys, m)
		}
		if c.policy == sim.PeriodicReview && m.Review != 120 {
			t.Errorf("review %v, want 120 min", m.Review)
		}
		if u := sc.Model.Stations[0].Consumes; len(u) != 1 || u[0] != (sim.Use{Material: "steel", Count: 2}) {
			t.Errorf("consumes %v", u)
		}
	}
}

// TestMaterialProblems: a material without a policy or lead time, and a
// station consuming an unknown material, are reported on their lines.
func TestMaterialProblems(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{materialHead + "[[material]]\nname = \"steel\"\nlead_time = 1\n", `m.toml:15: material "steel": give a replenishment policy`},
		{materialHead + "[[material]]\nname = \"steel\"\nreorder_point = 1\nquantity = 2\n", `m.toml:15: material "steel": lead_time is missing`},
		{materialHead + "[[material]]\nname = \"steel\"\nreorder_point = 5\norder_up_to = 5\nlead_time = 1\n", `material "steel": order_up_to (5) must exceed reorder_point (5)`},
		{strings.Replace(materialHead, "steel = 2", "steal = 2", 1) + "[[material]]\nname = \"steel\"\nreorder_point = 1\nquantity = 2\nlead_time = 1\n",
			`m.toml:12: station "a": consumes: "steal" is not a material (did you mean "steel"?)`},
	} {
		_, err := Parse("m.toml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v\nwant %s", err, c.want)
		}
	}
}
