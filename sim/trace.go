package sim

// Tracer receives what happens in one replication, as it happens, in time
// order. It is for teaching, debugging and charts of one replication (a
// Gantt chart of machine states, WIP over time, an event log); statistics
// never depend on it. A nil Tracer — the default — costs one comparison per
// traced call.
//
// Times are in the model's time unit. Parts are numbered from 1 in the
// order they are created. Tracers run on the replication's goroutine and
// must not retain the replication's state.
type Tracer interface {
	// MachineState reports that machine k (from 0) of the station enters
	// state s at time t. At time 0 every machine reports its first state.
	MachineState(t float64, station string, k int, s State)
	// PartEvent reports a part's step: PartEntered (element is its
	// source), PartQueued, PartStarted and PartFinished (element is the
	// station), PartExited (element is the sink).
	PartEvent(t float64, part int64, event PartEventKind, element string)
	// Level reports the number of parts in the plant (element "") or in a
	// station's buffer (element is the station) after a change at time t.
	Level(t float64, element string, n int)
}

// ProductTracer is a Tracer that also learns the product of each part:
// PartProduct reports it when a part of a product is made, before its
// first event, and again when an assembly makes it the output product. Parts without a
// product are not reported.
type ProductTracer interface {
	PartProduct(t float64, part int64, product string)
}

// VehicleTracer is a Tracer that also follows the vehicles of the
// transporters: VehicleState reports that vehicle k (from 0) of the
// transporter enters state s at time t; at time 0 every vehicle reports
// VehicleIdle.
type VehicleTracer interface {
	VehicleState(t float64, transporter string, k int, s VehicleState)
}

// traceProduct reports p's product to the tracer, if it wants it.
func (pl *plant) traceProduct(now float64, p *part) {
	if pt, ok := pl.tracer.(ProductTracer); ok && p.prod != nil {
		pt.PartProduct(now, p.id, p.prod.spec.Name)
	}
}

// PartEventKind is a step of a part through the plant.
type PartEventKind int

const (
	PartEntered PartEventKind = iota
	PartQueued
	PartStarted
	PartFinished
	PartExited
	// PartScrapped: the part leaves the plant as scrap (element is the
	// station).
	PartScrapped
	// PartMoving: the part leaves the station (element) on a route with a
	// move time; it arrives at the next one after it.
	PartMoving
	// PartConveying: the part enters the head of a conveyor (element is
	// the conveyor); PartConveyed: it reaches the end and leaves the
	// conveyor when the next station or sink takes it, at its next event.
	PartConveying
	PartConveyed
	// PartPickedUp: a vehicle (element, e.g. "agv#2") took the part from
	// its machine.
	PartPickedUp
	// PartDelivered: the vehicle (element) handed the part to its
	// destination.
	PartDelivered
	// PartCard: the part takes a card of a kanban loop (element is the
	// loop) as it starts at the loop's first station.
	PartCard
	// PartCardFreed: the part gives its card back (element is the loop):
	// it was withdrawn from the loop's supermarket.
	PartCardFreed
)

var partEventNames = [...]string{"entered", "queued", "started", "finished", "exited", "scrapped", "moving", "conveying", "conveyed", "picked_up", "delivered", "card", "card_freed"}

// String is the event's name as written in traces: "entered", "queued", ….
func (k PartEventKind) String() string { return partEventNames[k] }
