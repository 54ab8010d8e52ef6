package sim

import (
	"errors"
	"fmt"
	"math"
)

// Unlimited is the buffer capacity of a buffer without a limit.
const Unlimited = -1

// SourceKind says how a source releases parts into the plant.
type SourceKind int

const (
	// Open releases a part every interarrival time (an open line). When the
	// buffer it feeds is full the source is blocked: it holds the part and
	// draws the next interarrival time only once the part has entered.
	Open SourceKind = iota
	// Saturated keeps the station it feeds from ever starving: a new part
	// enters whenever a machine there would otherwise be idle.
	Saturated
	// CONWIP keeps a constant number of parts in the plant: it releases WIP
	// parts at time 0 and a new one whenever one of its parts reaches a sink.
	CONWIP
	// OrderBook releases the parts of its Orders at their release times.
	OrderBook
	// Rope is drum–buffer–rope release: the source keeps WIP parts between
	// its release and the end of their processing at the constraint station
	// RopeAt (the drum), releasing one each time a part finishes there (or
	// leaves the plant without reaching it). Demand is unlimited.
	Rope
	// Pull releases a part whenever its Store authorises one (make to
	// stock: production replaces what customers took).
	Pull
)

// String returns the scenario keyword of the kind.
func (k SourceKind) String() string {
	switch k {
	case Open:
		return "interarrival"
	case Saturated:
		return "saturated"
	case CONWIP:
		return "conwip"
	case OrderBook:
		return "orders"
	case Rope:
		return "rope"
	case Pull:
		return "pull"
	}
	return fmt.Sprintf("SourceKind(%d)", int(k))
}

// Model is a plant: sources release parts, stations process them, sinks
// absorb them. A Model is plain data; it is never modified by a run, so one
// Model may be shared by replications running in parallel.
//
// Construction order is part of the model: elements are built and scheduled
// in slice order, and ties at equal times are broken by that order.
type Model struct {
	Name     string
	TimeUnit string
	Sources  []Source
	Stations []Station
	Sinks    []Sink
	Crews    []Crew
	Shifts   []Shift
	Products []Product
	// Costs are the plant-wide money rates; nil for a plant without costs.
	Costs *Costs
	// Materials are the raw materials in stock that stations consume.
	Materials []Material
	// Conveyors carry the parts of the routes they lie on.
	Conveyors []Conveyor
	// Transporters are the vehicle fleets that carry parts on the routes
	// that name them (Route.By).
	Transporters []Transporter
	// Kanbans are the kanban loops, each between a supermarket and the
	// stations that replenish it.
	Kanbans []Kanban
}

// Source releases parts into the plant at one station.
type Source struct {
	Name string
	To   string // name of a station
	Kind SourceKind
	// Interarrival is the time between releases of an Open source; or,
	// instead, Arrivals: a rate that changes over the week.
	Interarrival Dist
	Arrivals     *Arrivals
	// WIP is the number of parts a CONWIP source keeps in the plant, or a
	// Rope source ahead of its constraint RopeAt.
	WIP    int
	RopeAt string
	// Mix is the product mix of the released parts; empty in a model
	// without products. The products' routes start at To.
	Mix []Share
	// Orders of an OrderBook source, released at their times.
	Orders []Order
	// Store names the sink whose Store authorises a Pull source.
	Store string
}

// Station is a group of identical parallel machines with a buffer in front.
type Station struct {
	Name     string
	Machines int  // identical parallel machines, >= 1
	Process  Dist // processing time of one part on one machine
	// Buffer is the number of parts that may wait in front of the machines;
	// Unlimited for no limit, 0 for no waiting room.
	Buffer int
	// Routes says where finished parts go: one route with P = 1, or a
	// probabilistic split whose probabilities sum to 1.
	Routes []Route
	// Failures are independent failure modes of each machine.
	Failures []Failure
	// PM is planned maintenance of each machine; nil for none.
	PM *PM
	// Shift names the working calendar the station follows; "" for around
	// the clock. AtShiftEnd says what happens to a part in process when a
	// shift or a break ends.
	Shift      string
	AtShiftEnd AtShiftEnd
	// Operators the machines need, nil for none; Load is the load time at
	// the start of each part (nil for none), before Process.
	Operators *Operators
	Load      Dist
	// Setup is the changeover between families or products; nil for none.
	// Dispatch picks the next part from the buffer.
	Setup    *Setup
	Dispatch Dispatch
	// Quality says how many finished parts are scrap or go to rework; nil
	// for all good.
	Quality *Quality
	// Batch is the number of parts a machine processes together (an oven):
	// it starts once the buffer holds a whole batch, and the batch takes one
	// processing time. 0 or 1: one part at a time.
	Batch int
	// Assembly joins parts by a bill of materials; nil for none.
	Assembly *Assembly
	// Cost is what each machine costs; used when Model.Costs is set.
	Cost MachineCost
	// Consumes lists the raw materials a machine takes per part when it
	// starts it.
	Consumes []Use
}

// Route is one branch of a station's routing: the name of a station or a sink
// and the probability that a finished part takes it.
type Route struct {
	To string
	P  float64
	// Move is the time a part takes to get there (carried, rolled,
	// walked); nil for none. Moving, the part holds no machine and no
	// buffer place, and counts in the plant's WIP and its cycle time.
	Move Dist
	// By names the Transporter that carries the part there; "" for none.
	// The finished part waits on its machine (WaitingTransport) until a
	// vehicle picks it up; it is then in the plant's WIP, in no buffer.
	By string
}

// Sink absorbs finished parts.
type Sink struct {
	Name string
	// Store makes the sink a finished-goods store; nil for a plain sink.
	Store *Store
}

// Run fixes how an experiment is run: each replication simulates the model
// from time 0 to Horizon (Warmup included) with its own random streams, or
// until its work is done (Until), Horizon then being the longest it may
// take.
type Run struct {
	Horizon      float64 // in the model's time unit, warm-up included
	Warmup       float64 // statistics are reset at this time
	Replications int
	Seed         uint64
	Confidence   float64 // level of the confidence intervals, e.g. 0.95
	Until        Until
}

// Until ends each replication when its work is done instead of at the
// horizon: at the event at which the Parts-th part counted after the
// warm-up reaches a sink, or at which the last order of the order books is
// complete (Orders). Its statistics window is from the end of the warm-up
// to that instant, whose length is the replication's makespan. The zero
// Until runs to the horizon.
type Until struct {
	Parts  int64
	Orders bool
}

// Set says whether the run ends when its work is done.
func (u Until) Set() bool { return u.Parts > 0 || u.Orders }

// routeTolerance is how far the probabilities of a split may be from 1.
const routeTolerance = 1e-9

// Validate checks the run settings and returns every problem found.
func (r Run) Validate() error {
	var errs []error
	if !(r.Horizon > 0) || math.IsInf(r.Horizon, 0) {
		errs = append(errs, fmt.Errorf("run: horizon must be > 0, got %v", r.Horizon))
	}
	if r.Warmup < 0 || math.IsNaN(r.Warmup) {
		errs = append(errs, fmt.Errorf("run: warmup must be >= 0, got %v", r.Warmup))
	} else if r.Warmup >= r.Horizon {
		errs = append(errs, fmt.Errorf("run: warmup (%v) must be less than horizon (%v)", r.Warmup, r.Horizon))
	}
	if r.Replications < 1 || r.Replications > MaxReplications {
		errs = append(errs, fmt.Errorf("run: replications must be between 1 and %d, got %d", MaxReplications, r.Replications))
	}
	if !(r.Confidence > 0 && r.Confidence < 1) {
		errs = append(errs, fmt.Errorf("run: confidence must be between 0 and 1, got %v", r.Confidence))
	}
	if r.Until.Parts < 0 {
		errs = append(errs, fmt.Errorf("run: until parts must be >= 1, got %d", r.Until.Parts))
	}
	return errors.Join(errs...)
}

// Validate checks that the model can be run: names are unique and every
// reference resolves. It is a safety net for models built in code; scenario
// files get the same checks with file and line from package scenarios.
func (m *Model) Validate() error {
	_, err := Compile(m)
	return err
}
