package output

import (
	"math"

	"github.com/takt-sim/takt/sim"
)

// DefaultMaxAnimationEvents caps the events an animation keeps: machine
// state changes, buffer level changes and part moves together.
const DefaultMaxAnimationEvents = 20000

// Animation is what the report's animation replays: replication 1 inside
// a time window, as the machines' states and the buffers' levels at the
// window's start and every change and part move inside it. Elements are
// numbered as the boxes of Layout: sources, stations, sinks in model
// order. Times are exact (the trace's float64 values).
type Animation struct {
	From, To float64
	// Cut is true when the window ends early at To because the window
	// held more than the cap of events.
	Cut bool
	// Machines are the animated machines as (box, machine index); at most
	// MaxSlots per station.
	Machines [][2]int
	// Init is each machine's state at From, as an index into States.
	Init []int
	// Level0 are the stations' buffer levels at From as (box, level).
	Level0 [][2]int
	// States are the names of the states by index (sim.State order).
	States []string
	// S are the state changes: time, machine (index into Machines),
	// state, repeated.
	S []float64
	// Q are the buffer level changes: time, box, level, repeated.
	Q []float64
	// P are the part moves: time, from box, to box, part, repeated. A part
	// moves when it reaches a station (from its source or the station it
	// left) and when it reaches a sink.
	P []float64
}

// partAt is where a part is: the box of its element, and whether it has
// finished there (it leaves with its next event).
type partAt struct {
	box  int
	left bool
}

// animTrack records an Animation as a sim.Tracer.
type animTrack struct {
	a        Animation
	max, n   int
	box      map[string]int   // element → box
	machine  map[[2]int]int   // (box, k) → index into Machines
	state    []int            // machines' current states before From
	level    map[int]int      // station box → current level before From
	at       map[int64]partAt // part → where it is
	stations []int
}

func newAnimTrack(m *sim.Model, from, to float64, max int) *animTrack {
	tr := &animTrack{max: max, box: map[string]int{}, machine: map[[2]int]int{}, level: map[int]int{}, at: map[int64]partAt{}}
	tr.a.From, tr.a.To = from, to
	for s := range sim.State(sim.NumStates) {
		tr.a.States = append(tr.a.States, s.String())
	}
	n := 0
	for _, s := range m.Sources {
		tr.box[s.Name] = n
		n++
	}
	for _, st := range m.Stations {
		tr.box[st.Name] = n
		tr.stations = append(tr.stations, n)
		tr.level[n] = 0
		for k := range min(st.Machines, MaxSlots) {
			tr.machine[[2]int{n, k}] = len(tr.a.Machines)
			tr.a.Machines = append(tr.a.Machines, [2]int{n, k})
			tr.state = append(tr.state, 0)
		}
		n++
	}
	for _, k := range m.Sinks {
		tr.box[k.Name] = n
		n++
	}
	return tr
}

// inWindow reports whether an event at t is recorded, ending the window
// at t when the cap is reached.
func (tr *animTrack) inWindow(t float64) bool {
	if t < tr.a.From || t >= tr.a.To {
		return false
	}
	if tr.n >= tr.max {
		tr.a.To, tr.a.Cut = t, true
		return false
	}
	tr.n++
	return true
}

// MachineState implements sim.Tracer.
func (tr *animTrack) MachineState(t float64, station string, k int, s sim.State) {
	b, ok := tr.box[station]
	if !ok {
		return
	}
	i, ok := tr.machine[[2]int{b, k}]
	if !ok {
		return
	}
	if t <= tr.a.From {
		tr.state[i] = int(s)
		return
	}
	if tr.inWindow(t) {
		tr.a.S = append(tr.a.S, t, float64(i), float64(s))
	}
}

// Level implements sim.Tracer.
func (tr *animTrack) Level(t float64, element string, n int) {
	b, ok := tr.box[element]
	if !ok || element == "" {
		return
	}
	if t <= tr.a.From {
		tr.level[b] = n
		return
	}
	if tr.inWindow(t) {
		tr.a.Q = append(tr.a.Q, t, float64(b), float64(n))
	}
}

// PartEvent implements sim.Tracer. A part moves when it reaches a
// station (its first queued or started event there since it arrived or
// finished) and when it reaches a sink. A part a source releases straight
// into a station may be reported queued before it is reported entered; it
// moves from its source when it enters.
func (tr *animTrack) PartEvent(t float64, part int64, ev sim.PartEventKind, element string) {
	b, ok := tr.box[element]
	if !ok {
		return
	}
	where, known := tr.at[part]
	switch ev {
	case sim.PartEntered:
		if known {
			tr.move(t, b, where.box, part)
		} else {
			tr.at[part] = partAt{box: b, left: true}
		}
	case sim.PartQueued, sim.PartStarted:
		if known && (where.box != b || where.left) {
			tr.move(t, where.box, b, part)
		}
		tr.at[part] = partAt{box: b}
	case sim.PartFinished:
		tr.at[part] = partAt{box: b, left: true}
	case sim.PartExited:
		if known {
			tr.move(t, where.box, b, part)
		}
		delete(tr.at, part)
	case sim.PartScrapped:
		delete(tr.at, part)
	}
}

// move records that part moved from box a to box b at t, inside the window.
func (tr *animTrack) move(t float64, a, b int, part int64) {
	if tr.inWindow(t) {
		tr.a.P = append(tr.a.P, t, float64(a), float64(b), float64(part))
	}
}

// animation is the finished Animation.
func (tr *animTrack) animation() *Animation {
	a := tr.a
	a.Init = append([]int(nil), tr.state...)
	a.Level0 = nil
	for _, b := range tr.stations {
		a.Level0 = append(a.Level0, [2]int{b, tr.level[b]})
	}
	if math.IsInf(a.To, 1) {
		a.To = a.From
	}
	return &a
}

// DefaultAnimationWindow is the animation's window unless one is given:
// the first tenth of the time after the warm-up.
func DefaultAnimationWindow(r sim.Run) (from, to float64) { return DefaultGanttWindow(r) }
