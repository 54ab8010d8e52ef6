package sim

import (
	"fmt"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
)

// TestBottleneckDetectorHandCase feeds hand-made active periods:
//
//	A [0, 10)   B [8, 20)   C [25, 30)   D [12, 14) inside B
//
// A is the bottleneck on [0, 8), B (longer) on [8, 20), C on [25, 30); D
// never (B covers it and is longer). A and B overlap on [8, 10): 2 time
// units of shifting for each; sole A = 8, sole B = 12 − 2 = 10, sole C = 5.
func TestBottleneckDetectorHandCase(t *testing.T) {
	d := newBottleneckDetector(4, 0, 30)
	d.begin(0, 0)
	d.begin(1, 8)
	d.end(0, 10)
	d.begin(3, 12)
	d.end(3, 14)
	d.end(1, 20)
	d.begin(2, 25)
	d.end(2, 30)
	d.finish(d.to)
	for i, want := range [][2]float64{{8, 2}, {10, 2}, {5, 0}, {0, 0}} {
		exact(t, fmt.Sprintf("station %d sole", i), d.sole[i], want[0])
		exact(t, fmt.Sprintf("station %d shifting", i), d.shifted[i], want[1])
	}
}

// TestBottleneckDetectorWindow checks clipping to the statistics window and
// a period still ongoing at the horizon.
func TestBottleneckDetectorWindow(t *testing.T) {
	d := newBottleneckDetector(2, 5, 20)
	d.begin(0, 0)
	d.end(0, 10) // A [0, 10): bottleneck on [5, 10) within the window
	d.begin(1, 12)
	d.finish(d.to) // B [12, 20): cut at the horizon
	exact(t, "A sole", d.sole[0], 5)
	exact(t, "B sole", d.sole[1], 8)
	exact(t, "A shifting", d.shifted[0], 0)
}

func bottleneckLine(means ...float64) *Model {
	m := &Model{Name: "line", Sources: []Source{{Name: "raw", To: "s1", Kind: Saturated}},
		Sinks: []Sink{{Name: "out"}}}
	for i, mean := range means {
		next := fmt.Sprintf("s%d", i+2)
		if i == len(means)-1 {
			next = "out"
		}
		buf := 5
		if i == 0 {
			buf = Unlimited
		}
		m.Stations = append(m.Stations, Station{Name: fmt.Sprintf("s%d", i+1), Machines: 1,
			Process: expD(mean), Buffer: buf, Routes: to(next)})
	}
	return m
}

// TestSoleBottleneck: in a line with one clearly slowest station, that
// station is the sole bottleneck most of the time and no other station comes
// close.
func TestSoleBottleneck(t *testing.T) {
	s := runExp(t, bottleneckLine(1, 1.6, 1), testRun(20000, 500, 10))
	slow := s.Stations[1].BottleneckSole
	if slow.Mean-slow.HalfWidth < 0.5 {
		t.Errorf("slowest station sole bottleneck %.3f ± %.3f, want most of the time", slow.Mean, slow.HalfWidth)
	}
	for _, i := range []int{0, 2} {
		o := s.Stations[i].BottleneckSole
		if o.Mean+o.HalfWidth > 0.2 {
			t.Errorf("station %s sole bottleneck %.3f ± %.3f, want rarely", s.Stations[i].Name, o.Mean, o.HalfWidth)
		}
	}
}

// TestShiftingBottleneck: with two equal slow stations the bottleneck
// shifts between them: their sole shares do not differ significantly and
// both are shifting bottlenecks part of the time.
func TestShiftingBottleneck(t *testing.T) {
	s := runExp(t, bottleneckLine(1, 1.5, 1.5, 1), testRun(20000, 500, 10))
	d := scaled(s, func(r *Replication) float64 {
		return r.Stations[1].BottleneckSole - r.Stations[2].BottleneckSole
	})
	within(t, "sole s2 − sole s3", stats.NewEstimate(d, s.Confidence), 0)
	for _, i := range []int{1, 2} {
		sh, so := s.Stations[i].BottleneckShifting, s.Stations[i].BottleneckSole
		if sh.Mean-sh.HalfWidth <= 0.02 {
			t.Errorf("station %s shifting %.3f ± %.3f, want > 0", s.Stations[i].Name, sh.Mean, sh.HalfWidth)
		}
		if so.Mean+sh.Mean < 2*(s.Stations[0].BottleneckSole.Mean+s.Stations[3].BottleneckSole.Mean) {
			t.Errorf("station %s is not among the bottlenecks", s.Stations[i].Name)
		}
	}
}

// TestBottleneckTie checks that equally long periods make every tied
// station a shifting bottleneck, not the first one the sole bottleneck: the
// periods [0, 20) and [2, 20) are equally long inside the window [5, 20).
func TestBottleneckTie(t *testing.T) {
	d := newBottleneckDetector(2, 5, 20)
	d.begin(0, 0)
	d.begin(1, 2)
	d.finish(d.to)
	for i := range 2 {
		exact(t, fmt.Sprintf("station %d sole", i), d.sole[i], 0)
		exact(t, fmt.Sprintf("station %d shifting", i), d.shifted[i], 15)
	}
}
