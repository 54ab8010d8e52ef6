package scenarios

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
	"github.com/takt-sim/takt/sim/stats"
)

// A scenario is rewritten in another time unit without knowing its keys:
// every number in it (a TOML number, a number inside a string such as
// "tri(0.6, 0.8, 1.0)", a cell of a CSV file it reads) is a candidate, and
// the decoder says which are durations: a number is one when the scenario
// still decodes with the file's own unit written after it ("1.05" →
// "1.05min"), which changes nothing in its own unit. A count, a
// probability or a shape refuses a unit. The rewritten scenario has every
// duration with its unit and the new time_unit; it is the same plant.

// slot is one number in a scenario: a TOML value at path (keys and list
// indexes) or a CSV cell (file, row, column); tok is the byte range of the
// number inside a string value or cell, or {-1, -1} for a TOML number.
type slot struct {
	path     []any
	file     string
	row, col int
	tok      [2]int
}

// unitDoc is a scenario as data: the TOML document and the CSV files it
// reads, each as records.
type unitDoc struct {
	toml map[string]any
	csv  map[string][][]string
}

// loadUnitDoc reads a bundled example and the CSV files it names.
func loadUnitDoc(t *testing.T, name string) *unitDoc {
	data, err := ExampleSource(name)
	if err != nil {
		t.Fatal(err)
	}
	d := &unitDoc{csv: map[string][][]string{}}
	if _, err := toml.Decode(string(data), &d.toml); err != nil {
		t.Fatal(err)
	}
	var files []string
	walkDoc(d.toml, nil, func(path []any, v any) {
		if s, ok := v.(string); ok && strings.HasSuffix(s, ".csv") {
			files = append(files, s)
		}
	})
	for _, f := range files {
		raw, err := bundled.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(raw))
		r.Comment, r.FieldsPerRecord = '#', -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		d.csv[f] = recs
	}
	return d
}

// walkDoc calls f on every leaf of v with its path.
func walkDoc(v any, path []any, f func([]any, any)) {
	switch x := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(x) {
			walkDoc(x[k], append(append([]any(nil), path...), k), f)
		}
	case []map[string]any:
		for i, e := range x {
			walkDoc(e, append(append([]any(nil), path...), i), f)
		}
	case []any:
		for i, e := range x {
			walkDoc(e, append(append([]any(nil), path...), i), f)
		}
	default:
		f(path, v)
	}
}

// numberTokens returns the byte ranges of the plain numbers in s that
// stand alone: at the start or after a space, "(", "," or "[", and at the
// end or before a space, ")", "," or "]" (so not "06" in "06:00", nor "2"
// in "m2" or "2h").
func numberTokens(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if i > 0 && !strings.ContainsRune(" (,[:", rune(s[i-1])) {
			i++
			continue
		}
		num, _ := splitNumber(s[i:])
		j := i + len(num)
		if num == "" || j < len(s) && !strings.ContainsRune(" ),]:", rune(s[j])) {
			i++
			continue
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// slots lists every number of the document.
func (d *unitDoc) slots() []slot {
	var out []slot
	walkDoc(d.toml, nil, func(path []any, v any) {
		switch x := v.(type) {
		case int64, float64:
			out = append(out, slot{path: path, tok: [2]int{-1, -1}})
		case string:
			for _, tk := range numberTokens(x) {
				out = append(out, slot{path: path, tok: tk})
			}
		}
	})
	for _, f := range sortedKeys(d.csv) {
		for r, rec := range d.csv[f] {
			for c, cell := range rec {
				for _, tk := range numberTokens(cell) {
					out = append(out, slot{file: f, row: r, col: c, tok: tk})
				}
			}
		}
	}
	return out
}

// withUnit returns a copy of the document with the unit written after the
// numbers of the given slots.
func (d *unitDoc) withUnit(slots []slot, unit string) *unitDoc {
	c := &unitDoc{toml: copyDoc(d.toml).(map[string]any), csv: map[string][][]string{}}
	for f, recs := range d.csv {
		for _, rec := range recs {
			c.csv[f] = append(c.csv[f], append([]string(nil), rec...))
		}
	}
	// Later tokens of a string first, so that earlier ranges stay valid.
	for i := len(slots) - 1; i >= 0; i-- {
		s := slots[i]
		if s.file != "" {
			cell := &c.csv[s.file][s.row][s.col]
			*cell = (*cell)[:s.tok[1]] + unit + (*cell)[s.tok[1]:]
			continue
		}
		parent, key := c.toml, s.path[len(s.path)-1]
		var holder any = parent
		for _, k := range s.path[:len(s.path)-1] {
			holder = child(holder, k)
		}
		old := child(holder, key)
		var nu string
		switch x := old.(type) {
		case int64:
			nu = strconv.FormatInt(x, 10) + unit
		case float64:
			nu = strconv.FormatFloat(x, 'g', -1, 64) + unit
		case string:
			nu = x[:s.tok[1]] + unit + x[s.tok[1]:]
		}
		setChild(holder, key, nu)
	}
	return c
}

func child(v any, k any) any {
	switch x := v.(type) {
	case map[string]any:
		return x[k.(string)]
	case []map[string]any:
		return x[k.(int)]
	case []any:
		return x[k.(int)]
	}
	panic(fmt.Sprintf("no child %v in %T", k, v))
}

func setChild(v any, k any, nu any) {
	switch x := v.(type) {
	case map[string]any:
		x[k.(string)] = nu
	case []any:
		x[k.(int)] = nu
	default:
		panic(fmt.Sprintf("cannot set %v in %T", k, v))
	}
}

// parse decodes the document as a scenario file.
func (d *unitDoc) parse(name string) (*Scenario, error) {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(d.toml); err != nil {
		return nil, err
	}
	read := func(f string) ([]byte, error) {
		recs, ok := d.csv[f]
		if !ok {
			return nil, fmt.Errorf("no file %q", f)
		}
		var out bytes.Buffer
		w := csv.NewWriter(&out)
		if err := w.WriteAll(recs); err != nil {
			return nil, err
		}
		return out.Bytes(), nil
	}
	return parse(name+".toml", buf.Bytes(), read)
}

// inUnit rewrites the document in time unit to: the durations among its
// numbers get the document's own unit written out, and time_unit becomes
// to.
func (d *unitDoc) inUnit(t *testing.T, name, to string) *unitDoc {
	from := "min"
	if u, ok := d.toml["time_unit"].(string); ok {
		from, _ = CanonicalUnit(u)
	}
	var durations []slot
	for _, s := range d.slots() {
		if _, err := d.withUnit([]slot{s}, from).parse(name); err == nil {
			durations = append(durations, s)
		}
	}
	if len(durations) == 0 {
		t.Fatalf("%s: no durations found", name)
	}
	c := d.withUnit(durations, from)
	c.toml["time_unit"] = to
	return c
}

// kpi is one result of a replication: dim is the power of time in its
// unit (1 a time, −1 a rate, 0 a count, level or fraction); its scale is
// what its rounding is relative to: 1 for a fraction, the horizon for a
// time, its own size for the rest.
type kpi struct {
	name     string
	v        float64
	dim      int
	fraction bool
}

// kpis lists the results of replication r.
func kpis(m *sim.Model, r *sim.Replication) []kpi {
	out := []kpi{{"throughput", r.Throughput, -1, false}, {"throughput per scheduled time", r.ThroughputScheduled, -1, false},
		{"WIP", r.WIP, 0, false}, {"cycle time", r.CycleTime, 1, false}, {"completed", float64(r.Completed), 0, false},
		{"labour per part", r.LabourPerPart, 1, false}, {"entered", float64(r.Entered), 0, false},
		{"sojourn", r.Sojourn, 1, false}}
	for i, st := range r.Stations {
		n := "station " + m.Stations[i].Name + ": "
		for s, f := range st.States {
			out = append(out, kpi{n + sim.State(s).String(), f, 0, true})
		}
		out = append(out, kpi{n + "queue", st.Queue, 0, false}, kpi{n + "wait", st.Wait, 1, false},
			kpi{n + "availability", st.Availability, 0, true}, kpi{n + "OEE", st.OEE, 0, true},
			kpi{n + "failures", float64(st.Failures), 0, false}, kpi{n + "MTBF", st.MTBF, 1, false},
			kpi{n + "MTTR", st.MTTR, 1, false}, kpi{n + "sole bottleneck", st.BottleneckSole, 0, true},
			kpi{n + "shifting bottleneck", st.BottleneckShifting, 0, true}, kpi{n + "setups", float64(st.Setups), 0, false},
			kpi{n + "scrapped", float64(st.Scrapped), 0, false})
	}
	for k, c := range r.Crews {
		n := "crew " + m.Crews[k].Name + ": "
		out = append(out, kpi{n + "utilisation", c, 0, true}, kpi{n + "of scheduled time", r.CrewsScheduled[k], 0, true})
	}
	for k, p := range r.Products {
		n := "product " + m.Products[k].Name + ": "
		out = append(out, kpi{n + "throughput", p.Throughput, -1, false}, kpi{n + "WIP", p.WIP, 0, false},
			kpi{n + "cycle time", p.CycleTime, 1, false})
	}
	for k, o := range r.Orders {
		n := fmt.Sprintf("order %d: ", k+1)
		out = append(out, kpi{n + "completion", o.Completion, 1, false}, kpi{n + "lateness", o.Lateness, 1, false})
	}
	return out
}

// TestBundledSameInEveryUnit runs every bundled scenario in s, min, h, d
// and w (1 week, 2 with shifts, warm-up of 1 day included, or its own
// shorter horizon; 2 replications) and finds the same results after
// conversion.
//
// "The same": the rewritten plant is the same, but its numbers are not
// bit-equal — 1.05 min is 63.00000000000001 s, 14:00 is the double nearest
// to 14/24 d — so event times differ by float64 rounding, a relative
// 1e-16 or so per operation. The results then agree to a relative 1e-6 of
// their scale (see kpi); an event order changed by rounding would change a
// count or a state by far more. Where an order at a tie matters (a part
// done as its shift ends, one at the horizon, equally long active periods),
// the simulator decides it up to rounding (see sim's simultaneous), so no
// tie here is decided by the unit. The cycle-time quantiles come from a
// log-bucket sketch whose buckets fall elsewhere in another unit: they
// agree to its relative accuracy, twice (both sides are off by up to it).
func TestBundledSameInEveryUnit(t *testing.T) {
	for _, ex := range Examples() {
		t.Run(ex.Name, func(t *testing.T) {
			d := loadUnitDoc(t, ex.Name)
			run := d.toml["run"].(map[string]any)
			run["replications"] = int64(2)
			sc, err := d.parse(ex.Name)
			if err != nil {
				t.Fatal(err)
			}
			u, _ := lookupUnit(sc.TimeUnit)
			short := "1w"
			if _, ok := d.toml["shift"]; ok {
				short = "2w" // a calendar's rounding shows from the second week on
			}
			if h, _ := ParseDuration(short, "s"); sc.Run.Horizon*u.seconds > h {
				run["horizon"], run["warmup"] = short, "1d"
			}
			base := unitRun(t, d, ex.Name)
			for _, to := range timeUnits {
				got := unitRun(t, d.inUnit(t, ex.Name, to.canonical), ex.Name)
				f := u.seconds / to.seconds // one unit of the file in unit to
				for i, r := range got.Replications {
					want := kpis(base.model, base.Replications[i])
					for k, g := range kpis(base.model, r) {
						w := want[k]
						v := g.v * math.Pow(f, float64(-g.dim)) // in the file's unit
						scale := math.Max(math.Abs(w.v), math.Abs(v))
						if w.fraction {
							scale = 1
						} else if w.dim == 1 {
							scale = base.Run.Horizon
						}
						if !(math.Abs(v-w.v) <= 1e-6*scale) && !(math.IsNaN(v) && math.IsNaN(w.v)) {
							t.Errorf("in %s, replication %d: %s = %v (%v %s), want %v", to.canonical, i+1, w.name, v, g.v, to.canonical, w.v)
						}
					}
					for q, g := range r.CycleQuantiles {
						v, w := g/f, base.Replications[i].CycleQuantiles[q]
						if !(math.Abs(v-w) <= 2*stats.SketchAccuracy*w) {
							t.Errorf("in %s, replication %d: cycle time p%v = %v, want %v ± %v%%", to.canonical, i+1, 100*sim.Quantiles[q], v, w, 200*stats.SketchAccuracy)
						}
					}
				}
			}
		})
	}
}

// unitResult is a scenario's results with its model.
type unitResult struct {
	*sim.Summary
	model *sim.Model
}

func unitRun(t *testing.T, d *unitDoc, name string) unitResult {
	t.Helper()
	sc, err := d.parse(name)
	if err != nil {
		t.Fatal(err)
	}
	s, err := experiment.Run(context.Background(), sc.Model, sc.Run, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return unitResult{s, sc.Model}
}
