package sim

import (
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/fschuetz04/simgo"
	"github.com/takt-sim/takt/sim/stats"
)

// VehicleState is what a vehicle of a transporter is doing. Each vehicle
// is in exactly one state at every instant, so a transporter's state
// fractions sum to 1.
type VehicleState int

const (
	// VehicleIdle: parked where it last delivered (or at home), no request.
	VehicleIdle VehicleState = iota
	// VehicleEmpty: driving empty to a pickup.
	VehicleEmpty
	// VehicleLoading: loading parts at the pickup.
	VehicleLoading
	// VehicleLoaded: driving loaded to the destination.
	VehicleLoaded
	// VehicleUnloading: unloading parts at the destination.
	VehicleUnloading
	// VehicleWaiting: loaded at its destination, which has no room yet.
	VehicleWaiting
	// NumVehicleStates is the number of vehicle states.
	NumVehicleStates
)

var vehicleStateNames = [NumVehicleStates]string{"idle", "empty", "loading", "loaded", "unloading", "waiting"}

// String is the state's name as used in the output: "idle", "empty", ….
func (s VehicleState) String() string { return vehicleStateNames[s] }

// TransporterResult holds one transporter's results in one replication.
type TransporterResult struct {
	// States are the fractions of vehicle time in each VehicleState; they
	// sum to 1.
	States [NumVehicleStates]float64
	// Waiting is the time-average number of requests not yet picked up
	// (their machines are WaitingTransport); Response the mean time from a
	// request to the vehicle's arrival at the pickup.
	Waiting, Response float64
	// Trips are the loaded trips begun in the window, Parts the parts
	// picked up in it.
	Trips, Parts int64
}

// transportRun is a Transporter in one replication.
type transportRun struct {
	pl           *plant
	spec         *Transporter
	plan         *transportPlan
	load, unload Sampler // nil for none
	vehicles     []*vehicle
	idle         []*vehicle      // parked, longest idle first
	pending      []*carryRequest // requests no vehicle serves yet, oldest first
	boarding     *vehicle        // the vehicle taking parts at a pickup now
	area         [NumVehicleStates]float64
	waiting      stats.TimeWeighted // requests not yet picked up
	response     stats.Tally
	trips, parts int64
}

// carryRequest is a finished part waiting on its machine for a vehicle.
type carryRequest struct {
	m    *machine
	from int // place of the pickup
	to   int // destination node
	at   float64
}

// vehicle is one vehicle of a transporter.
type vehicle struct {
	t      *transportRun
	name   string // "agv#2", for the trace
	k      int    // its index, from 0
	at     int    // place where it is (or was last)
	state  VehicleState
	since  float64
	req    *carryRequest // the request it drives to
	dest   int           // destination node of its cargo
	cargo  []*part
	handed int // parts of cargo handed over

	onPickup, onLoaded, onArrive, onUnloaded simgo.Handler
}

// newTransportRun creates transporter k with its vehicles parked at home.
func newTransportRun(pl *plant, pln *Plan, k int, stream func(string, string) *rand.PCG) *transportRun {
	spec := &pln.model.Transporters[k]
	t := &transportRun{pl: pl, spec: spec, plan: pln.transport[k]}
	if spec.Load != nil {
		t.load = spec.Load.Bind(stream(spec.Name, "load"))
	}
	if spec.Unload != nil {
		t.unload = spec.Unload.Bind(stream(spec.Name, "unload"))
	}
	for i := range spec.Count {
		v := &vehicle{t: t, k: i, name: spec.Name + "#" + strconv.Itoa(i+1)}
		v.onPickup, v.onLoaded = v.atPickup, v.loaded
		v.onArrive, v.onUnloaded = v.atDestination, v.unloaded
		t.vehicles = append(t.vehicles, v)
		t.idle = append(t.idle, v)
	}
	return t
}

// request asks for a vehicle to carry machine m's part to node to; the
// machine is WaitingTransport until one picks the part up.
func (t *transportRun) request(m *machine, to int, now float64) {
	r := &carryRequest{m: m, from: t.plan.place[m.st.index], to: to, at: now}
	m.ride = r
	t.waiting.Add(now, 1)
	t.pending = append(t.pending, r)
	if b := t.boarding; b != nil && b.at == r.from && b.dest == to && len(b.cargo) < t.spec.Capacity {
		return // the vehicle loading there takes it if it can (then it sends the idle ones)
	}
	t.dispatch()
}

// dispatch sends idle vehicles to the waiting requests whose destination
// has room, oldest request first, each the nearest idle vehicle.
func (t *transportRun) dispatch() {
	for len(t.idle) > 0 {
		i := slices.IndexFunc(t.pending, t.servable)
		if i < 0 {
			return
		}
		r := t.pending[i]
		t.pending = slices.Delete(t.pending, i, i+1)
		best := 0
		for j, v := range t.idle {
			if t.plan.travel[v.at][r.from] < t.plan.travel[t.idle[best].at][r.from] {
				best = j
			}
		}
		v := t.idle[best]
		t.idle = slices.Delete(t.idle, best, best+1)
		v.serve(r, t.pl.sim.Now())
	}
}

// servable reports whether r's destination has room for its part that is
// not promised to another vehicle: a sink always has.
func (t *transportRun) servable(r *carryRequest) bool {
	if r.to >= len(t.pl.stations) {
		return true
	}
	return t.pl.stations[r.to].room() > 0
}

// next removes and returns the request a free vehicle at place at serves
// by the dispatch rule, among those whose destination has room; nil when
// there is none.
func (t *transportRun) next(at int) *carryRequest {
	best := -1
	for i, r := range t.pending {
		if !t.servable(r) {
			continue
		}
		if best < 0 || t.spec.Dispatch == TransportNearest && t.plan.travel[at][r.from] < t.plan.travel[at][t.pending[best].from] {
			best = i
		}
		if t.spec.Dispatch == TransportFIFO {
			break
		}
	}
	if best < 0 {
		return nil
	}
	r := t.pending[best]
	t.pending = slices.Delete(t.pending, best, best+1)
	return r
}

// room is the number of parts the station can take now (idle machines
// and free buffer places) less those promised to vehicles on their way.
// The idle machines of a kanban loop's first station count only while a
// card is free.
func (st *station) room() int {
	free := st.capacity - st.queue.len()
	if st.capacity == Unlimited {
		free = MaxInPlant
	}
	if st.batch == 1 && st.assembly == nil && (st.kanban == nil || st.kanban.free > 0) {
		free += st.idle.len()
	}
	return free - st.promised
}

// roomFreed lets the transporters delivering to the station serve the
// requests that waited for room there.
func (st *station) roomFreed() {
	for _, t := range st.watch {
		t.dispatch()
	}
}

// set moves the vehicle into state s at now.
func (v *vehicle) set(s VehicleState, now float64) {
	v.t.area[v.state] += now - v.since
	if vt, ok := v.t.pl.tracer.(VehicleTracer); ok && s != v.state {
		vt.VehicleState(now, v.t.spec.Name, v.k, s)
	}
	v.state, v.since = s, now
}

// serve drives empty to the pickup of r; the destination's room for the
// part is promised to the vehicle.
func (v *vehicle) serve(r *carryRequest, now float64) {
	v.req, v.dest = r, r.to
	v.promise(1)
	v.set(VehicleEmpty, now)
	v.t.pl.timeout(v.t.plan.travel[v.at][r.from]).AddHandler(v.onPickup)
}

// atPickup takes the part it came for and, up to its capacity, the other
// parts waiting at the same pickup for the same destination, then loads.
func (v *vehicle) atPickup(*simgo.Event) {
	t := v.t
	now := t.pl.sim.Now()
	v.at = v.req.from
	t.boarding = v
	v.take(v.req, now)
	v.req = nil
	for len(v.cargo) < t.spec.Capacity {
		i := slices.IndexFunc(t.pending, func(r *carryRequest) bool { return r.from == v.at && r.to == v.dest })
		if i < 0 || !t.servable(t.pending[i]) {
			break
		}
		r := t.pending[i]
		t.pending = slices.Delete(t.pending, i, i+1)
		v.promise(1)
		v.take(r, now)
	}
	t.boarding = nil
	t.dispatch() // requests made meanwhile that it could not take
	v.set(VehicleLoading, now)
	v.t.pl.timeout(sum(t.load, len(v.cargo))).AddHandler(v.onLoaded)
}

// take moves r's part from its machine into the vehicle; the machine goes
// on.
func (v *vehicle) take(r *carryRequest, now float64) {
	t := v.t
	t.waiting.Add(now, -1)
	t.response.Add(now - r.at)
	t.parts++
	m := r.m
	m.ride = nil
	p := m.heldPart(now)
	t.pl.inTransit++
	v.cargo = append(v.cargo, p)
	if tr := t.pl.tracer; tr != nil {
		tr.PartEvent(now, p.id, PartPickedUp, v.name)
	}
	m.released(now)
}

// sum is the total of n draws of s; 0 for a nil s.
func sum(s Sampler, n int) float64 {
	total := 0.0
	if s != nil {
		for range n {
			total += s.Rand()
		}
	}
	return total
}

// loaded drives to the destination.
func (v *vehicle) loaded(*simgo.Event) {
	t := v.t
	now := t.pl.sim.Now()
	t.trips++
	v.set(VehicleLoaded, now)
	t.pl.timeout(t.plan.travel[v.at][t.plan.place[v.dest]]).AddHandler(v.onArrive)
}

// atDestination unloads.
func (v *vehicle) atDestination(*simgo.Event) {
	t := v.t
	now := t.pl.sim.Now()
	v.at = t.plan.place[v.dest]
	v.set(VehicleUnloading, now)
	t.pl.timeout(sum(t.unload, len(v.cargo))).AddHandler(v.onUnloaded)
}

func (v *vehicle) unloaded(*simgo.Event) { v.deliver(v.t.pl.sim.Now()) }

// deliver hands the parts over one by one; when the destination has no
// room, the vehicle waits there, a holder blocked on the station.
func (v *vehicle) deliver(now float64) {
	pl := v.t.pl
	for v.handed < len(v.cargo) {
		p := v.cargo[v.handed]
		switch {
		case v.dest >= len(pl.stations):
			v.handOver()
			pl.sinks[v.dest-len(pl.stations)].absorb(p, now)
		case pl.stations[v.dest].accept(p, now):
			v.handOver()
		default:
			v.set(VehicleWaiting, now)
			pl.stations[v.dest].blocked.push(v)
			return
		}
	}
	v.free(now)
}

// promise reserves (n > 0) or frees (n < 0) room at the destination.
func (v *vehicle) promise(n int) {
	if v.dest < len(v.t.pl.stations) {
		v.t.pl.stations[v.dest].promised += n
	}
}

// handOver takes the next part out of the vehicle.
func (v *vehicle) handOver() *part {
	p := v.cargo[v.handed]
	v.cargo[v.handed] = nil
	v.handed++
	v.promise(-1)
	pl := v.t.pl
	pl.inTransit--
	if tr := pl.tracer; tr != nil {
		tr.PartEvent(pl.sim.Now(), p.id, PartDelivered, v.name)
	}
	return p
}

// heldPart hands the next part to the station that found room.
func (v *vehicle) heldPart(float64) *part { return v.handOver() }

// released goes on delivering.
func (v *vehicle) released(now float64) { v.deliver(now) }

// free serves the next request, or parks.
func (v *vehicle) free(now float64) {
	v.cargo, v.handed = v.cargo[:0], 0
	t := v.t
	if r := t.next(v.at); r != nil {
		v.serve(r, now)
		return
	}
	v.set(VehicleIdle, now)
	t.idle = append(t.idle, v)
}

// reset starts the statistics window at now.
func (t *transportRun) reset(now float64) {
	for _, v := range t.vehicles {
		v.since = now
	}
	t.area = [NumVehicleStates]float64{}
	t.waiting.Reset(now)
	t.response.Reset()
	t.trips, t.parts = 0, 0
}

// result closes the vehicles' states at end and computes the results over
// a window of the given length.
func (t *transportRun) result(end, window float64) TransporterResult {
	for _, v := range t.vehicles {
		v.set(v.state, end)
	}
	r := TransporterResult{Waiting: t.waiting.Mean(end), Response: t.response.Mean(), Trips: t.trips, Parts: t.parts}
	total := window * float64(len(t.vehicles))
	for s := range r.States {
		r.States[s] = t.area[s] / total
	}
	return r
}

// watchRoom tells every station that transporters deliver to which ones,
// in model order.
func watchRoom(pl *plant) {
	for _, st := range pl.stations {
		for _, to := range st.routes {
			t := st.carry[to]
			if t != nil && to < len(pl.stations) && !slices.Contains(pl.stations[to].watch, t) {
				pl.stations[to].watch = append(pl.stations[to].watch, t)
			}
		}
	}
}
