package output

import (
	"fmt"
	"math"

	"github.com/takt-sim/takt/sim"
)

// Recorder is a sim.Tracer that keeps, bounded, what the charts of one
// traced replication need: the machine states inside a time window (for
// Gantt), the plant's WIP and every buffer's level over time (downsampled
// beyond a number of changes, for LevelsOverTime), and the cycle times of
// parts leaving after the warm-up, up to a cap (for CycleTimeHistogram).
// Its memory does not grow with the horizon.
type Recorder struct {
	opt             RecorderOptions
	warmup, horizon float64
	from, to        float64
	auto            bool    // the default window: it starts near the first change
	firstChange     float64 // the first state change in the window; +Inf before
	shortened       string  // the machine whose MaxChanges shortened the window
	machines        []*machineTrack
	firstMachine    map[string]int // station → index of its machine 0
	levels          []*levelTrack  // the plant's WIP, then each station's buffer
	levelIndex      map[string]int
	entered         map[int64]float64 // parts in the plant → time they entered
	cycleTimes      []float64
	cycleDropped    int
	model           *sim.Model
	anim            *animTrack
}

// RecorderOptions bound what a Recorder keeps. Zero values mean the
// defaults.
type RecorderOptions struct {
	// From and To are the Gantt window. To <= From means the default (see
	// DefaultGanttWindow): a readable stretch after the warm-up.
	From, To float64
	// MaxChanges is the number of state changes kept per machine inside
	// the window (default 200, or DefaultGanttChanges in the default
	// window); when a machine reaches it, the window ends there for every
	// machine.
	MaxChanges int
	// MaxCycleTimes caps the cycle times kept (default 100000).
	MaxCycleTimes int
	// MaxLevelPoints is the number of changes kept exactly per level
	// series (default 1500); beyond it the series becomes time-averages
	// over LevelBuckets equal intervals of the horizon.
	MaxLevelPoints int
	// AnimateFrom and AnimateTo are the animation's window; AnimateTo <=
	// AnimateFrom means the default, DefaultAnimationWindow.
	AnimateFrom, AnimateTo float64
	// MaxAnimationEvents caps the events of the animation (default
	// DefaultMaxAnimationEvents); the window ends where it is reached.
	MaxAnimationEvents int
	// Layout places elements of the plant's diagram by hand; nil for
	// none.
	Layout map[string]LayoutHint
}

// LevelBuckets is the number of intervals of a downsampled level series.
const LevelBuckets = 400

// Default bounds of a Recorder.
const (
	DefaultMaxChanges     = 200
	DefaultGanttChanges   = 60
	DefaultMaxCycleTimes  = 100000
	DefaultMaxLevelPoints = 1500
)

// NewRecorder returns a Recorder for one replication of m under r.
func NewRecorder(m *sim.Model, r sim.Run, opt RecorderOptions) *Recorder {
	auto := opt.To <= opt.From
	if auto {
		opt.MaxChanges = orDefault(opt.MaxChanges, DefaultGanttChanges)
	}
	opt.MaxChanges = orDefault(opt.MaxChanges, DefaultMaxChanges)
	opt.MaxCycleTimes = orDefault(opt.MaxCycleTimes, DefaultMaxCycleTimes)
	opt.MaxLevelPoints = orDefault(opt.MaxLevelPoints, DefaultMaxLevelPoints)
	opt.MaxAnimationEvents = orDefault(opt.MaxAnimationEvents, DefaultMaxAnimationEvents)
	rec := &Recorder{opt: opt, warmup: r.Warmup, horizon: r.Horizon, from: opt.From, to: opt.To, auto: auto,
		firstChange: math.Inf(1), firstMachine: map[string]int{}, levelIndex: map[string]int{}, entered: map[int64]float64{}, model: m}
	if auto {
		rec.from, rec.to = DefaultGanttWindow(r)
	}
	afrom, ato := opt.AnimateFrom, opt.AnimateTo
	if ato <= afrom {
		afrom, ato = DefaultAnimationWindow(r)
	}
	rec.anim = newAnimTrack(m, afrom, min(ato, r.Horizon), opt.MaxAnimationEvents)
	rec.addLevel("", "WIP (plant)")
	for _, st := range m.Stations {
		rec.firstMachine[st.Name] = len(rec.machines)
		for k := range st.Machines {
			name := st.Name
			if st.Machines > 1 {
				name = fmt.Sprintf("%s #%d", st.Name, k+1)
			}
			rec.machines = append(rec.machines, &machineTrack{name: name})
		}
		rec.addLevel(st.Name, st.Name)
	}
	return rec
}

// DefaultGanttWindow is the Gantt window used unless one is given, at
// most: the first tenth of the time after the warm-up. The Recorder ends
// it where a machine has changed state DefaultGanttChanges times, so the
// bars stay readable, and starts it shortly before the first change when
// nothing changed in the first quarter of it (a plant off shift at the end of
// the warm-up), so the chart shows work, not a quiet night.
func DefaultGanttWindow(r sim.Run) (from, to float64) {
	return r.Warmup, r.Warmup + (r.Horizon-r.Warmup)/10
}

func orDefault(v, def int) int {
	if v <= 0 {
		return def
	}
	return v
}

func (rec *Recorder) addLevel(element, name string) {
	rec.levelIndex[element] = len(rec.levels)
	rec.levels = append(rec.levels, &levelTrack{name: name, points: []LevelPoint{{0, 0}}})
}

// MachineState implements sim.Tracer.
func (rec *Recorder) MachineState(t float64, station string, k int, s sim.State) {
	rec.anim.MachineState(t, station, k, s)
	i, ok := rec.firstMachine[station]
	if !ok {
		return
	}
	m := rec.machines[i+k]
	switch {
	case t <= rec.from:
		m.state = s
	case t < rec.to:
		if len(m.changes) >= rec.opt.MaxChanges {
			rec.to, rec.shortened = t, m.name
			return
		}
		m.changes = append(m.changes, stateChange{t, s})
		rec.firstChange = min(rec.firstChange, t)
	}
}

// PartEvent implements sim.Tracer.
func (rec *Recorder) PartEvent(t float64, part int64, ev sim.PartEventKind, element string) {
	rec.anim.PartEvent(t, part, ev, element)
	switch ev {
	case sim.PartEntered:
		rec.entered[part] = t
	case sim.PartExited:
		t0, ok := rec.entered[part]
		if !ok {
			return
		}
		delete(rec.entered, part)
		switch {
		case t < rec.warmup:
		case len(rec.cycleTimes) < rec.opt.MaxCycleTimes:
			rec.cycleTimes = append(rec.cycleTimes, t-t0)
		default:
			rec.cycleDropped++
		}
	}
}

// Level implements sim.Tracer.
func (rec *Recorder) Level(t float64, element string, n int) {
	rec.anim.Level(t, element, n)
	if i, ok := rec.levelIndex[element]; ok {
		rec.levels[i].set(t, float64(n), rec)
	}
}

// Animation is the animation of the traced replication.
func (rec *Recorder) Animation() *Animation { return rec.anim.animation() }

// Layout is the layout of the traced plant.
func (rec *Recorder) Layout() *PlantLayout { return Layout(rec.model, rec.opt.Layout) }

// GanttWindow is the window of GanttRows. When a machine reached
// MaxChanges, to is the time it did and shortenedBy names it.
func (rec *Recorder) GanttWindow() (from, to float64, shortenedBy string) {
	from = rec.from
	if rec.auto && rec.firstChange < rec.to && rec.firstChange-from > (rec.to-from)/4 {
		// No machine changed state in the first quarter of the window:
		// starting shortly before firstChange (a margin of 5% of what
		// follows) hides nothing and shows the work larger.
		from = rec.firstChange - (rec.to-rec.firstChange)/20
	}
	return from, rec.to, rec.shortened
}

// GanttRows are the machines' states in the Gantt window, one row per
// machine in model order.
func (rec *Recorder) GanttRows() []GanttRow {
	from, to, _ := rec.GanttWindow()
	rows := make([]GanttRow, len(rec.machines))
	for i, m := range rec.machines {
		rows[i] = GanttRow{Name: m.name, Segments: m.segments(from, to)}
	}
	return rows
}

// CycleTimes are the cycle times of the parts that left after the warm-up,
// in the order they left, and how many more left beyond MaxCycleTimes.
func (rec *Recorder) CycleTimes() (cts []float64, dropped int) {
	return rec.cycleTimes, rec.cycleDropped
}

// machineTrack is one machine's state at the window start and its changes
// inside the window.
type machineTrack struct {
	name    string
	state   sim.State // the state at the window start (its latest before it)
	changes []stateChange
}

type stateChange struct {
	t float64
	s sim.State
}

// segments turns the track into the intervals of each state in [from, to].
func (m *machineTrack) segments(from, to float64) []Segment {
	var segs []Segment
	cur, t0 := m.state, from
	for _, c := range m.changes {
		if c.t > t0 {
			segs = append(segs, Segment{From: t0, To: c.t, State: cur.String()})
		}
		cur, t0 = c.s, c.t
	}
	if to > t0 {
		segs = append(segs, Segment{From: t0, To: to, State: cur.String()})
	}
	return segs
}
