package sim

import (
	"math"
	"slices"

	"github.com/takt-sim/takt/sim/stats"
)

// Transporter is a fleet of identical vehicles (forklifts, AGVs, tuggers)
// that carry finished parts on the routes that name it (Route.By).
//
// A part on such a route waits on its machine, which is WaitingTransport,
// until a vehicle comes: the vehicle drives empty from where it is to the
// pickup, loads, drives loaded to the destination, unloads and hands the
// parts over; it then parks there until the next request. When the
// destination has no room, the loaded vehicle waits there with its parts
// (VehicleWaiting) until room frees, as a blocked machine would.
//
//	travel time = shortest path in Distances / Speed
//	response    = vehicle's arrival at the pickup − request
type Transporter struct {
	Name  string
	Count int // vehicles, >= 1
	// Speed is in distance units per time unit, > 0.
	Speed float64
	// Load and Unload are the times to load and to unload one part; nil
	// for none. A trip with several parts takes one draw per part.
	Load, Unload Dist
	// Capacity is the number of parts one trip carries, >= 1. At the
	// pickup the vehicle takes, besides the request it came for, the
	// other parts waiting there for the same destination, oldest first.
	Capacity int
	// Dispatch picks the request a vehicle serves next when it is free.
	Dispatch TransportDispatch
	// Home is where every vehicle parks at time 0: a station, a sink or
	// another place named in Distances (a depot).
	Home string
	// Distances are the lengths of the aisles between places (stations,
	// sinks, Home). A length given one way holds both ways unless the other
	// way is given too. Vehicles take the shortest path through them.
	Distances []Distance
	// At, instead of Distances, places every place on a plan: the way
	// between two is rectilinear (aisles at right angles), of length
	//	|x₁ − x₂| + |y₁ − y₂|,
	// or, with Straight, the straight line between them (a free-ranging
	// vehicle, a crane), √((x₁ − x₂)² + (y₁ − y₂)²).
	At       []Place
	Straight bool
}

// Place is a named point of a plan, in the distance unit of the speed.
type Place struct {
	Name string
	X, Y float64
}

// Distance is the length of the way from one place to another.
type Distance struct {
	From, To string
	Length   float64
}

// TransportDispatch is the rule by which a free vehicle picks its next
// request.
type TransportDispatch int

const (
	// TransportFIFO serves requests in the order they were made.
	TransportFIFO TransportDispatch = iota
	// TransportNearest serves the request whose pickup is nearest to the
	// vehicle (by travel time), the oldest of equally near ones.
	TransportNearest
)

// String is the scenario keyword of the rule.
func (d TransportDispatch) String() string {
	if d == TransportNearest {
		return "nearest"
	}
	return "fifo"
}

// TransportPaths returns the places of tr's distance table or plan (Home
// first, then the others in the order they are named) and the length of
// the shortest path from each place to each other, +Inf where none leads.
func TransportPaths(tr *Transporter) (places []string, length [][]float64) {
	index := map[string]int{}
	place := func(name string) int {
		if i, ok := index[name]; ok {
			return i
		}
		index[name] = len(places)
		places = append(places, name)
		return len(places) - 1
	}
	place(tr.Home)
	for _, d := range tr.Distances {
		place(d.From)
		place(d.To)
	}
	for _, p := range tr.At {
		place(p.Name)
	}
	n := len(places)
	length = make([][]float64, n)
	for i := range length {
		length[i] = make([]float64, n)
		for j := range length[i] {
			if i != j {
				length[i][j] = math.Inf(1)
			}
		}
	}
	for _, p := range tr.At {
		for _, q := range tr.At {
			if i, j := index[p.Name], index[q.Name]; i != j {
				if tr.Straight {
					length[i][j] = math.Hypot(p.X-q.X, p.Y-q.Y)
				} else {
					length[i][j] = math.Abs(p.X-q.X) + math.Abs(p.Y-q.Y)
				}
			}
		}
	}
	given := map[[2]int]bool{}
	for _, d := range tr.Distances {
		a, b := index[d.From], index[d.To]
		if a == b {
			continue
		}
		length[a][b], given[[2]int{a, b}] = d.Length, true
		if !given[[2]int{b, a}] {
			length[b][a] = d.Length
		}
	}
	for k := range n { // Floyd–Warshall
		for i := range n {
			for j := range n {
				if via := length[i][k] + length[k][j]; via < length[i][j] {
					length[i][j] = via
				}
			}
		}
	}
	return places, length
}

// transportPlan is a transporter compiled: its places by node and the
// travel times between them.
type transportPlan struct {
	place  map[int]int // node (station or sink) → place index
	travel [][]float64 // time from place to place, in the time unit
}

// transporters checks the transporters and every route that names one.
func (c *compiler) transporters() {
	m := c.m
	index := map[string]int{}
	paths := make([][][]float64, len(m.Transporters))
	places := make([][]string, len(m.Transporters))
	for k := range m.Transporters {
		tr := &m.Transporters[k]
		c.add("transporter", tr.Name)
		index[tr.Name] = k
		c.checkTransporter(tr)
		places[k], paths[k] = TransportPaths(tr)
	}
	c.p.transport = make([]*transportPlan, len(m.Transporters))
	for k := range m.Transporters {
		tp := &transportPlan{place: map[int]int{}, travel: paths[k]}
		for i, name := range places[k] {
			if n, ok := c.node[name]; ok {
				tp.place[n] = i
			}
		}
		for i := range tp.travel {
			for j := range tp.travel[i] {
				tp.travel[i][j] /= m.Transporters[k].Speed // +Inf or NaN with a bad speed: refused
			}
		}
		c.p.transport[k] = tp
	}
	for i, st := range m.Stations {
		for _, r := range st.Routes {
			if r.By != "" {
				c.carry(i, st, r, index)
			}
		}
	}
}

// checkTransporter checks one transporter's own settings.
func (c *compiler) checkTransporter(tr *Transporter) {
	if tr.Count < 1 || tr.Count > MaxMachines {
		c.bad("transporter %q: count must be between 1 and %d, got %d", tr.Name, MaxMachines, tr.Count)
	}
	if !(tr.Speed > 0) || math.IsInf(tr.Speed, 0) {
		c.bad("transporter %q: speed must be > 0 and finite, got %v", tr.Name, tr.Speed)
	}
	if tr.Capacity < 1 || tr.Capacity > MaxInPlant {
		c.bad("transporter %q: capacity must be between 1 and %d, got %d", tr.Name, MaxInPlant, tr.Capacity)
	}
	for _, d := range []Dist{tr.Load, tr.Unload} {
		if d != nil && !(d.Mean() >= 0) {
			c.bad("transporter %q: load and unload times must be >= 0", tr.Name)
		}
	}
	if tr.Home == "" {
		c.bad("transporter %q: home is missing", tr.Name)
	}
	if len(tr.At) > 0 && len(tr.Distances) > 0 {
		c.bad("transporter %q: give distances or places (at), not both", tr.Name)
	}
	for _, p := range tr.At {
		if _, ok := c.node[p.Name]; !ok && p.Name != tr.Home || math.IsInf(p.X, 0) || math.IsInf(p.Y, 0) || math.IsNaN(p.X+p.Y) {
			c.bad("transporter %q: at: %q must be a station, a sink or its home, at finite coordinates", tr.Name, p.Name)
		}
	}
	for _, d := range tr.Distances {
		if !(d.Length >= 0) || math.IsInf(d.Length, 0) {
			c.bad("transporter %q: the distance from %q to %q must be >= 0 and finite, got %v", tr.Name, d.From, d.To, d.Length)
		}
		for _, name := range []string{d.From, d.To} {
			if _, ok := c.node[name]; !ok && name != tr.Home {
				c.bad("transporter %q: distance: %q is neither a station, a sink nor its home", tr.Name, name)
			}
		}
	}
}

// carry records that station i's route r is carried by a transporter,
// which must exist and connect its home, the station and the route's
// target.
func (c *compiler) carry(i int, st Station, r Route, index map[string]int) {
	k, ok := index[r.By]
	if !ok {
		c.bad("station %q: to %q by %q: no such transporter", st.Name, r.To, r.By)
		return
	}
	to, ok := c.node[r.To]
	if !ok {
		return // reported by routes
	}
	if r.Move != nil {
		c.bad("station %q: to %q: give move or by, not both", st.Name, r.To)
	}
	if slices.Contains(c.p.conveyorEnds, [2]int{i, to}) {
		c.bad("station %q: to %q: a conveyor runs there; give a conveyor or by, not both", st.Name, r.To)
	}
	tp := c.p.transport[k]
	home := 0 // Home is place 0
	for _, n := range []int{i, to} {
		p, ok := tp.place[n]
		if !ok || math.IsInf(tp.travel[home][p], 1) || math.IsInf(tp.travel[p][home], 1) {
			c.bad("transporter %q: no way between its home %q and %q in its distance table (needed by station %q's route to %q)",
				r.By, c.m.Transporters[k].Home, c.p.nodeName(n), st.Name, r.To)
		}
	}
	if c.p.carry == nil {
		c.p.carry = make([]map[int]int, len(c.m.Stations))
	}
	if c.p.carry[i] == nil {
		c.p.carry[i] = map[int]int{}
	}
	if prev, dup := c.p.carry[i][to]; dup && prev != k {
		c.bad("station %q: two routes to %q by different transporters", st.Name, r.To)
	}
	c.p.carry[i][to] = k
}

// TransporterSummary summarises one transporter over the replications.
type TransporterSummary struct {
	Name  string
	Count int
	// States are the fractions of vehicle time per VehicleState;
	// Utilization is 1 − idle.
	States      [NumVehicleStates]stats.Estimate
	Utilization stats.Estimate
	// Waiting is the time-average number of requests not yet picked up,
	// Response the mean time from a request to the vehicle's arrival;
	// Trips and Parts are per replication.
	Waiting, Response, Trips, Parts stats.Estimate
}

// summarizeTransporters summarises every transporter.
func summarizeTransporters(m *Model, col func(func(*Replication) float64) stats.Estimate) []TransporterSummary {
	var out []TransporterSummary
	for k, tr := range m.Transporters {
		at := func(f func(TransporterResult) float64) stats.Estimate {
			return col(func(x *Replication) float64 { return f(x.Transporters[k]) })
		}
		ts := TransporterSummary{Name: tr.Name, Count: tr.Count,
			Utilization: at(func(r TransporterResult) float64 { return 1 - r.States[VehicleIdle] }),
			Waiting:     at(func(r TransporterResult) float64 { return r.Waiting }),
			Response:    at(func(r TransporterResult) float64 { return r.Response }),
			Trips:       at(func(r TransporterResult) float64 { return float64(r.Trips) }),
			Parts:       at(func(r TransporterResult) float64 { return float64(r.Parts) })}
		for s := range ts.States {
			ts.States[s] = at(func(r TransporterResult) float64 { return r.States[s] })
		}
		out = append(out, ts)
	}
	return out
}
