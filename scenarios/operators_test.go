package scenarios

import (
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

const operatorBase = `name = "ops"
time_unit = "min"
[run]
horizon = "1w"
[[shift]]
name = "day"
windows = ["Mon-Fri 06:00-14:00"]
[[crew]]
name = "operators"
size = 2
shift = "day"
[[crew]]
name = "setters"
size = 1
[[source]]
name = "raw"
to = "lathe"
saturated = true
[[station]]
name = "lathe"
machines = 3
process = "exp(10)"
load = "2min"
operators = [{ crew = "operators", count = 1, during = "load" }, { crew = "setters", count = 1, during = "load" }]
to = "done"
[[sink]]
name = "done"
`

func TestOperatorKeys(t *testing.T) {
	sc, err := Parse("o.toml", []byte(operatorBase))
	if err != nil {
		t.Fatal(err)
	}
	st := sc.Model.Stations[0]
	if st.Operators == nil || strings.Join(st.Operators.Crews, ",") != "operators,setters" || st.Operators.Count != 1 ||
		st.Operators.During != sim.DuringLoad || st.Load.String() != "const(2)" || sc.Model.Crews[0].Shift != "day" {
		t.Errorf("station %+v, operators %+v, crews %+v", st, st.Operators, sc.Model.Crews)
	}
}

func TestOperatorProblems(t *testing.T) {
	for _, c := range []struct{ old, new, want string }{
		{`crew = "setters", count = 1`, `crew = "seters", count = 1`, `o.toml:24: station "lathe": operators: crew "seters" names no [[crew]] (did you mean "setters"?)`},
		{`count = 1, during = "load" }, { crew = "setters", count = 1`, `count = 3, during = "load" }, { crew = "setters", count = 3`, `o.toml:24: station "lathe": operators: crew "operators" has 2 members, fewer than the 3 a machine needs`},
		{`crew = "setters", count = 1, during = "load"`, `crew = "setters", count = 1, during = "lunch"`, `o.toml:24: station "lathe": operators: during must be "process", "load" or "setup", got "lunch"`},
		{`load = "2min"`, ``, `operators: during = "load" needs a load time`},
		{`shift = "day"
[[crew]]`, `shift = "night"
[[crew]]`, `o.toml:11: crew "operators": shift "night" names no [[shift]]`},
		{`count = 1, during = "load" }]`, `count = 2, during = "load" }]`, `every crew in the list needs the same count`},
	} {
		src := strings.Replace(operatorBase, c.old, c.new, 1)
		if src == operatorBase {
			t.Fatalf("%q not found", c.old)
		}
		_, err := Parse("o.toml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q → %q:\ngot  %v\nwant %s", c.old, c.new, err, c.want)
		}
	}
}
