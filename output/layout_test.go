package output

import (
	"fmt"
	"testing"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
)

// checkLayout fails when two boxes overlap, a box or slot leaves the
// drawing, a slot or buffer bar leaves its box, or an edge's points leave
// the drawing.
func checkLayout(t *testing.T, name string, l *PlantLayout) {
	t.Helper()
	inside := func(r, o Rect) bool {
		return r.X >= o.X-1e-9 && r.Y >= o.Y-1e-9 && r.X+r.W <= o.X+o.W+1e-9 && r.Y+r.H <= o.Y+o.H+1e-9
	}
	page := Rect{0, 0, l.Width, l.Height}
	for i, a := range l.Boxes {
		if a.W <= 0 || a.H <= 0 || !inside(a.Rect(), page) {
			t.Errorf("%s: box %s %+v is empty or outside the drawing %gx%g", name, a.Name, a.Rect(), l.Width, l.Height)
		}
		for _, s := range append([]Rect{a.Buffer}, a.Slots...) {
			if s.W > 0 && !inside(s, a.Rect()) {
				t.Errorf("%s: a slot or buffer %+v of %s leaves its box %+v", name, s, a.Name, a.Rect())
			}
		}
		for _, b := range l.Boxes[i+1:] {
			if a.Rect().overlaps(b.Rect()) {
				t.Errorf("%s: boxes %s %+v and %s %+v overlap", name, a.Name, a.Rect(), b.Name, b.Rect())
			}
		}
	}
	for _, e := range l.Edges {
		for _, p := range e.Points {
			if p[0] < 0 || p[1] < 0 || p[0] > l.Width || p[1] > l.Height {
				t.Errorf("%s: edge %s→%s leaves the drawing at %v", name, l.Boxes[e.From].Name, l.Boxes[e.To].Name, p)
			}
		}
	}
}

// TestLayoutBundledScenarios lays out every bundled scenario and checks
// the geometry: no two boxes overlap, everything inside the drawing, and
// every source, station, sink and crew has exactly one box.
func TestLayoutBundledScenarios(t *testing.T) {
	for _, ex := range scenarios.Examples() {
		sc, err := scenarios.LoadExample(ex.Name)
		if err != nil {
			t.Fatal(err)
		}
		m := sc.Model
		l := Layout(m, nil)
		checkLayout(t, ex.Name, l)
		if want := len(m.Sources) + len(m.Stations) + len(m.Sinks) + len(m.Crews); len(l.Boxes) != want {
			t.Errorf("%s: %d boxes, want %d", ex.Name, len(l.Boxes), want)
		}
		for _, b := range l.Boxes {
			if b.Kind == "station" && len(b.Slots) != min(m.Stations[b.Index].Machines, MaxSlots) {
				t.Errorf("%s: station %s has %d slots for %d machines", ex.Name, b.Name, len(b.Slots), m.Stations[b.Index].Machines)
			}
		}
	}
}

// TestLayoutFlow checks the layering on a hand-made plant: a line of 14
// stations wraps into 3 bands of LayoutColumns (7) columns, a split's
// branches share a column with their probabilities as labels, and a
// rework loop back to the first station does not push it right.
func TestLayoutFlow(t *testing.T) {
	one, err := sim.Const(1)
	if err != nil {
		t.Fatal(err)
	}
	m := &sim.Model{Sources: []sim.Source{{Name: "in", To: "s1", Interarrival: one}}, Sinks: []sim.Sink{{Name: "out"}}}
	for i := 1; i <= 14; i++ {
		st := sim.Station{Name: fmt.Sprintf("s%d", i), Machines: 1, Process: one, Buffer: sim.Unlimited,
			Routes: []sim.Route{{To: fmt.Sprintf("s%d", i+1), P: 1}}}
		switch i {
		case 2:
			st.Quality = &sim.Quality{Yield: 1, Rework: 0.1, ReworkTo: "s1"}
		case 3:
			st.Routes = []sim.Route{{To: "s4", P: 0.7}, {To: "s5", P: 0.3}}
		case 4:
			st.Routes = []sim.Route{{To: "s6", P: 1}}
		case 14:
			st.Routes = []sim.Route{{To: "out", P: 1}}
		}
		m.Stations = append(m.Stations, st)
	}
	l := Layout(m, nil)
	checkLayout(t, "line", l)
	col := map[string][2]int{}
	for _, b := range l.Boxes {
		col[b.Name] = [2]int{b.Band, b.Col}
	}
	// Longest paths: in 0, s1 1, s2 2, s3 3, s4 and s5 4, s6 5, … s14 13,
	// out 14; 7 columns a band.
	for name, want := range map[string][2]int{"in": {0, 0}, "s1": {0, 1}, "s3": {0, 3}, "s4": {0, 4}, "s5": {0, 4},
		"s6": {0, 5}, "s7": {0, 6}, "s8": {1, 0}, "s14": {1, 6}, "out": {2, 0}} {
		if col[name] != want {
			t.Errorf("%s in band, column %v, want %v", name, col[name], want)
		}
	}
	labels := map[string]bool{}
	for _, e := range l.Edges {
		labels[l.Boxes[e.From].Name+">"+l.Boxes[e.To].Name+" "+e.Kind+" "+e.Label] = true
	}
	for _, want := range []string{"s3>s4 split 70%", "s3>s5 split 30%", "s2>s1 rework rework 10%", "s6>s7 flow "} {
		if !labels[want] {
			t.Errorf("no edge %q in %v", want, labels)
		}
	}
}

// TestLayoutHints puts a station in a column and row of its own.
func TestLayoutHints(t *testing.T) {
	sc, err := scenarios.LoadExample("assembly")
	if err != nil {
		t.Fatal(err)
	}
	l := Layout(sc.Model, map[string]LayoutHint{"lace": {Row: 1, Column: 2}, "test": {Column: 6}})
	checkLayout(t, "assembly with hints", l)
	for _, b := range l.Boxes {
		switch b.Name {
		case "lace":
			if b.Col != 1 || b.Y > l.Boxes[2].Y { // weld (box 2) is in the same column
				t.Errorf("lace at column %d, y %g; want column 1 above weld (y %g)", b.Col, b.Y, l.Boxes[2].Y)
			}
		case "test":
			if b.Col != 5 {
				t.Errorf("test at column %d, want 5", b.Col)
			}
		}
	}
}
