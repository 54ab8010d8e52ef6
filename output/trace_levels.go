package output

import "github.com/takt-sim/takt/sim"

// LevelPoint is a level that holds from time T until the next point.
type LevelPoint struct{ T, N float64 }

// LevelSeries is a level over time, a step function: the plant's WIP or a
// buffer's contents. It is a plotter.XYer.
type LevelSeries struct {
	Name   string
	Points []LevelPoint // in time order; the last one closes the series
	// Bucket > 0 means the series is downsampled: each point is the
	// time-average level over an interval of this length.
	Bucket float64
	Max    float64 // the highest level reached
}

// Len implements plotter.XYer.
func (s LevelSeries) Len() int { return len(s.Points) }

// XY implements plotter.XYer.
func (s LevelSeries) XY(i int) (x, y float64) { return s.Points[i].T, s.Points[i].N }

// Levels are the level series, the plant's WIP first, then each station's
// buffer in model order, each closed at the horizon.
func (rec *Recorder) Levels() []LevelSeries {
	out := make([]LevelSeries, len(rec.levels))
	for i, l := range rec.levels {
		out[i] = l.series(rec.horizon)
	}
	return out
}

// levelTrack follows one level: exactly while it changed at most
// MaxLevelPoints times, then as time-averages over LevelBuckets intervals.
type levelTrack struct {
	name         string
	points       []LevelPoint // exact, until bucketed
	area         []float64    // ∫ level dt per bucket, once bucketed
	lastT, value float64
	max          float64
}

// set records that the level is n from time t on.
func (l *levelTrack) set(t, n float64, rec *Recorder) {
	l.max = max(l.max, n)
	if l.area != nil {
		l.addArea(l.lastT, t, l.value, rec.horizon)
		l.lastT, l.value = t, n
		return
	}
	if last := &l.points[len(l.points)-1]; last.T == t {
		last.N = n // several changes at one instant: keep the last
	} else {
		l.points = append(l.points, LevelPoint{t, n})
	}
	l.lastT, l.value = t, n
	if len(l.points) > rec.opt.MaxLevelPoints {
		l.bucket(rec.horizon)
	}
}

// bucket turns the exact points into bucket areas.
func (l *levelTrack) bucket(horizon float64) {
	l.area = make([]float64, LevelBuckets)
	for i := 1; i < len(l.points); i++ {
		l.addArea(l.points[i-1].T, l.points[i].T, l.points[i-1].N, horizon)
	}
	l.points = nil
}

// addArea adds the level v held over [t0, t1] to the buckets it covers.
func (l *levelTrack) addArea(t0, t1, v, horizon float64) {
	if v == 0 || t1 <= t0 {
		return
	}
	w := horizon / LevelBuckets
	for b := int(t0 / w); b < LevelBuckets && float64(b)*w < t1; b++ {
		lo, hi := max(t0, float64(b)*w), min(t1, float64(b+1)*w)
		if hi > lo {
			l.area[b] += v * (hi - lo)
		}
	}
}

// series is the track as a LevelSeries closed at the horizon.
func (l *levelTrack) series(horizon float64) LevelSeries {
	s := LevelSeries{Name: l.name, Max: l.max}
	if l.area == nil {
		s.Points = append(append(s.Points, l.points...), LevelPoint{horizon, l.value})
		return s
	}
	area := append([]float64(nil), l.area...)
	tail := &levelTrack{area: area}
	tail.addArea(l.lastT, horizon, l.value, horizon)
	w := horizon / LevelBuckets
	s.Bucket = w
	for b, a := range area {
		s.Points = append(s.Points, LevelPoint{float64(b) * w, a / w})
	}
	s.Points = append(s.Points, LevelPoint{horizon, area[len(area)-1] / w})
	return s
}

// Tracers sends every call to each of its tracers in order.
type Tracers []sim.Tracer

// MachineState implements sim.Tracer.
func (ts Tracers) MachineState(t float64, station string, k int, s sim.State) {
	for _, tr := range ts {
		tr.MachineState(t, station, k, s)
	}
}

// PartEvent implements sim.Tracer.
func (ts Tracers) PartEvent(t float64, part int64, ev sim.PartEventKind, element string) {
	for _, tr := range ts {
		tr.PartEvent(t, part, ev, element)
	}
}

// PartProduct implements sim.ProductTracer for the tracers that do.
func (ts Tracers) PartProduct(t float64, part int64, product string) {
	for _, tr := range ts {
		if pt, ok := tr.(sim.ProductTracer); ok {
			pt.PartProduct(t, part, product)
		}
	}
}

// VehicleState implements sim.VehicleTracer for the tracers that do.
func (ts Tracers) VehicleState(t float64, transporter string, k int, s sim.VehicleState) {
	for _, tr := range ts {
		if vt, ok := tr.(sim.VehicleTracer); ok {
			vt.VehicleState(t, transporter, k, s)
		}
	}
}

// Level implements sim.Tracer.
func (ts Tracers) Level(t float64, element string, n int) {
	for _, tr := range ts {
		tr.Level(t, element, n)
	}
}
