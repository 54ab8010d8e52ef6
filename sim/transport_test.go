package sim

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim/theory"
)

// agv is a transporter of count vehicles parked at home, with the given
// speed, load and unload times (nil for none), capacity 1, FIFO.
func agv(count int, speed float64, load, unload Dist, home string, d ...Distance) Transporter {
	return Transporter{Name: "agv", Count: count, Speed: speed, Load: load, Unload: unload,
		Capacity: 1, Home: home, Distances: d}
}

// by is a single route to name carried by the transporter "agv".
func by(name string) []Route { return []Route{{To: name, P: 1, By: "agv"}} }

// agvCell is the cell of TestTransportExact.
func agvCell() *Model {
	return &Model{Name: "agv", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(4), Buffer: Unlimited, Routes: by("b")},
			{Name: "b", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: to("out")}},
		Sinks:        []Sink{{Name: "out"}},
		Transporters: []Transporter{agv(1, 5, constD(0.5), constD(0.5), "a", Distance{From: "a", To: "b", Length: 10})}}
}

// TestTransportExact checks one vehicle with deterministic times against
// the cycle worked out by hand. A saturated machine a (4 per part) sends
// its parts by AGV to machine b (1 per part); the AGV (home at a) drives
// 10 distance units at speed 5 (2 time units) each way, loads 0.5 and
// unloads 0.5, and parks at b after each delivery. In steady state, from a
// request at a at time t:
//
//	t      a finishes, requests; the AGV is at b and drives empty
//	t+2    the AGV is at a: a starts its next part (done at t+6); load
//	t+2.5  drive loaded
//	t+4.5  unload
//	t+5    b takes the part, done at t+6; the AGV idles at b until t+6
//
// So one part every 6 (throughput 1/6); a part enters a at t+2 − 6 and
// leaves at t+6: cycle time 10, WIP 10/6 (Little). Per period of 6, a is
// busy 4 and waiting_transport 2, b busy 1; the AGV drives empty 2,
// loads 0.5, drives loaded 2, unloads 0.5 and idles 1; every request
// waits 2 for it. The window (101, 701) holds 100 periods and no event
// on its edges (events fall at 0, 0.5, 1, 2, 4 and 4.5 mod 6).
func TestTransportExact(t *testing.T) {
	m := agvCell()
	s := runExp(t, m, testRun(701, 101, 2))
	exact(t, "throughput", s.Throughput.Mean, 1.0/6)
	exact(t, "cycle time", s.CycleTime.Mean, 10)
	exact(t, "WIP", s.WIP.Mean, 10.0/6)
	exact(t, "a busy", s.Stations[0].States[Busy].Mean, 4.0/6)
	exact(t, "a waiting_transport", s.Stations[0].States[WaitingTransport].Mean, 2.0/6)
	exact(t, "b busy", s.Stations[1].Utilization.Mean, 1.0/6)
	tr := s.Transporters[0]
	for st, want := range [NumVehicleStates]float64{VehicleIdle: 1.0 / 6, VehicleEmpty: 2.0 / 6, VehicleLoading: 0.5 / 6,
		VehicleLoaded: 2.0 / 6, VehicleUnloading: 0.5 / 6} {
		exact(t, "AGV "+VehicleState(st).String(), tr.States[st].Mean, want)
	}
	exact(t, "AGV utilisation", tr.Utilization.Mean, 5.0/6)
	exact(t, "response", tr.Response.Mean, 2)
	exact(t, "requests waiting", tr.Waiting.Mean, 2.0/6)
	exact(t, "trips", tr.Trips.Mean, 100)
	exact(t, "parts", tr.Parts.Mean, 100)
	checkLittle(t, s)
}

// TestTransportFleetMMc checks a fleet of 3 AGVs against the M/M/3 queue:
// parts arrive in a Poisson stream (λ = 2.4) at a station that takes no
// time and has machines to spare, so every arrival is a request at once;
// all distances are 0 and loading takes exp(1), so a vehicle's busy time
// per request is exponential with μ = 1 and the requests form an M/M/3
// queue (ρ = 0.8) served FIFO. The response time (request to the
// vehicle's arrival) is the M/M/c wait in queue (Erlang C, Kleinrock
// vol. 1 eq. 3.43), the requests waiting its Lq = λ·Wq, the vehicles load
// a fraction ρ of the time, and the cycle time is Wq + 1/μ.
func TestTransportFleetMMc(t *testing.T) {
	lambda, mu, c := 2.4, 1.0, 3
	m := &Model{Name: "fleet", Sources: []Source{open("a", expD(1/lambda))},
		Stations:     []Station{{Name: "a", Machines: 100, Process: constD(0), Buffer: Unlimited, Routes: by("out")}},
		Sinks:        []Sink{{Name: "out"}},
		Transporters: []Transporter{agv(c, 1, expD(1/mu), nil, "a", Distance{From: "a", To: "out"})}}
	s := runExp(t, m, testRun(10000, 500, 10))
	wq := theory.MMcWait(c, lambda, mu)
	tr := s.Transporters[0]
	within(t, "response", tr.Response, wq)
	within(t, "requests waiting", tr.Waiting, lambda*wq)
	within(t, "loading", tr.States[VehicleLoading], lambda/(float64(c)*mu))
	within(t, "cycle time", s.CycleTime, wq+1/mu)
	exact(t, "empty travel", tr.States[VehicleEmpty].Mean, 0)
	checkLittle(t, s)
}

// TestTransportTripMG1 checks one AGV whose whole trip is the service of
// an M/G/1 queue. Requests arrive in a Poisson stream (λ = 0.1) at a; the
// AGV parks at the sink, 2 away at speed 1, so every request costs it a
// drive of 2 empty, a load of exp(3), a drive of 2 loaded and an unload of
// 1: S = 5 + exp(3), te = 8, cs² = 9/64, ρ = 0.8. The wait for a free AGV
// is the Pollaczek–Khinchine Wq (Kleinrock vol. 1 eq. 5.76), so the
// response is Wq + 2 (the empty drive) and the cycle time Wq + 8.
func TestTransportTripMG1(t *testing.T) {
	lambda, te, cs2 := 0.1, 8.0, 9.0/64
	m := &Model{Name: "mg1", Sources: []Source{open("a", expD(1/lambda))},
		Stations:     []Station{{Name: "a", Machines: 100, Process: constD(0), Buffer: Unlimited, Routes: by("out")}},
		Sinks:        []Sink{{Name: "out"}},
		Transporters: []Transporter{agv(1, 1, expD(3), constD(1), "out", Distance{From: "out", To: "a", Length: 2})}}
	s := runExp(t, m, testRun(40000, 2000, 10))
	wq := theory.PollaczekKhinchine(lambda, te, cs2)
	tr := s.Transporters[0]
	within(t, "response", tr.Response, wq+2)
	within(t, "cycle time", s.CycleTime, wq+te)
	within(t, "empty travel", tr.States[VehicleEmpty], lambda*2)
	within(t, "loading", tr.States[VehicleLoading], lambda*3)
	within(t, "idle", tr.States[VehicleIdle], 1-lambda*te)
	checkLittle(t, s)
}

// TestTransportCapacity checks a vehicle that takes two parts per trip:
// two saturated machines at a (4 per part) finish together and ask for
// the AGV, which takes both (capacity 2), loads 0.5 per part, drives 3 to
// the sink and comes back empty. From the requests at t: the AGV arrives
// at t+3 (from the sink; at t = 4 it starts at home, a), the machines start
// their next parts (done at t+7), loading ends at t+4, the parts leave at
// t+7. Two parts every 7, each 4 + 3 + 1 + 3 = 11 in the plant; 100 trips
// in the window (100, 800), whose edges no event meets (1, 4, 5 mod 7).
func TestTransportCapacity(t *testing.T) {
	tr := agv(1, 1, constD(0.5), nil, "a", Distance{From: "a", To: "out", Length: 3})
	tr.Capacity = 2
	m := &Model{Name: "pair", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations:     []Station{{Name: "a", Machines: 2, Process: constD(4), Buffer: Unlimited, Routes: by("out")}},
		Sinks:        []Sink{{Name: "out"}},
		Transporters: []Transporter{tr}}
	s := runExp(t, m, testRun(800, 100, 2))
	exact(t, "throughput", s.Throughput.Mean, 2.0/7)
	exact(t, "cycle time", s.CycleTime.Mean, 11)
	exact(t, "trips", s.Transporters[0].Trips.Mean, 100)
	exact(t, "parts", s.Transporters[0].Parts.Mean, 200)
	exact(t, "response", s.Transporters[0].Response.Mean, 3)
	checkLittle(t, s)
}

// TestTransportWaitsForRoom checks that a vehicle is sent only when the
// destination has room: a fast saturated machine a (1 per part) sends by
// AGV (all distances, loads and unloads 0) to a slow machine b (5 per
// part) without a buffer. a's part waits on a until b finishes; then the
// AGV fetches it at once and b starts it. b sets the pace, one part every
// 5; a is busy 1 and waits for the AGV 4 of every 5, each request waits 4;
// each part takes 1 at a, 4 waiting there and 5 in b: cycle time 10, WIP
// 2. The AGV never waits at b with a part.
func TestTransportWaitsForRoom(t *testing.T) {
	m := &Model{Name: "full", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: by("b")},
			{Name: "b", Machines: 1, Process: constD(5), Buffer: 0, Routes: to("out")}},
		Sinks:        []Sink{{Name: "out"}},
		Transporters: []Transporter{agv(1, 1, nil, nil, "a", Distance{From: "a", To: "b"})}}
	s := runExp(t, m, testRun(602, 102, 2))
	exact(t, "throughput", s.Throughput.Mean, 1.0/5)
	exact(t, "cycle time", s.CycleTime.Mean, 10)
	exact(t, "WIP", s.WIP.Mean, 2)
	exact(t, "a waiting_transport", s.Stations[0].States[WaitingTransport].Mean, 4.0/5)
	exact(t, "response", s.Transporters[0].Response.Mean, 4)
	exact(t, "AGV waiting", s.Transporters[0].States[VehicleWaiting].Mean, 0)
	checkLittle(t, s)
}

// TestTransportWaitsAtDestination checks a vehicle whose promised room is
// taken by a part that came another way: b (no buffer, 2 per part) is fed
// directly by a saturated c (exp(2) per part) and by AGV (a drive of 1.5)
// from a saturated a (1 per part). c's parts take b while the AGV is on
// its way, so the AGV waits at b with its part until b takes it in turn;
// parts are conserved and Little's law holds.
func TestTransportWaitsAtDestination(t *testing.T) {
	m := &Model{Name: "steal", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}, {Name: "raw2", To: "c", Kind: Saturated}},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: by("b")},
			{Name: "c", Machines: 1, Process: expD(2), Buffer: Unlimited, Routes: to("b")},
			{Name: "b", Machines: 1, Process: constD(2), Buffer: 0, Routes: to("out")}},
		Sinks:        []Sink{{Name: "out"}},
		Transporters: []Transporter{agv(1, 1, nil, nil, "a", Distance{From: "a", To: "b", Length: 1.5})}}
	s := runExp(t, m, testRun(2000, 100, 5))
	if w := s.Transporters[0].States[VehicleWaiting].Mean; !(w > 0) {
		t.Errorf("AGV waiting at b = %v, want > 0", w)
	}
	checkLittle(t, s)
}

// TestTransportNearest checks the dispatch rules on requests made while
// the only vehicle is busy: FIFO serves the oldest, nearest the one whose
// pickup is nearest to where the vehicle is.
func TestTransportNearest(t *testing.T) {
	tp := &transportPlan{travel: [][]float64{{0, 5, 1}, {5, 0, 4}, {1, 4, 0}}}
	for _, c := range []struct {
		d    TransportDispatch
		want int
	}{{TransportFIFO, 1}, {TransportNearest, 2}} {
		tr := &transportRun{pl: &plant{}, spec: &Transporter{Dispatch: c.d}, plan: tp, // to a sink
			pending: []*carryRequest{{from: 1, at: 1}, {from: 2, at: 2}}}
		if r := tr.next(0); r.from != c.want || len(tr.pending) != 1 {
			t.Errorf("%v: served the request at place %d, want %d", c.d, r.from, c.want)
		}
	}
}

// TestTransportErrors checks that bad transporters and routes are refused
// with a message naming them.
func TestTransportErrors(t *testing.T) {
	base := func() *Model {
		return &Model{Name: "bad", Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
			Stations: []Station{
				{Name: "a", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: by("b")},
				{Name: "b", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: to("out")}},
			Sinks:        []Sink{{Name: "out"}},
			Transporters: []Transporter{agv(1, 1, nil, nil, "a", Distance{From: "a", To: "b", Length: 1})}}
	}
	for _, c := range []struct {
		name, want string
		edit       func(*Model)
	}{
		{"count", "count must be", func(m *Model) { m.Transporters[0].Count = 0 }},
		{"speed", "speed must be", func(m *Model) { m.Transporters[0].Speed = 0 }},
		{"capacity", "capacity must be", func(m *Model) { m.Transporters[0].Capacity = 0 }},
		{"unknown", `no such transporter`, func(m *Model) { m.Stations[0].Routes[0].By = "forklift" }},
		{"no way", `no way between its home "a" and "b"`, func(m *Model) { m.Transporters[0].Distances = nil }},
		{"place", `"c" is neither`, func(m *Model) {
			m.Transporters[0].Distances = append(m.Transporters[0].Distances, Distance{From: "c", To: "a"})
		}},
		{"move and by", "give move or by", func(m *Model) { m.Stations[0].Routes[0].Move = constD(1) }},
		{"name", "already used", func(m *Model) { m.Transporters[0].Name = "b" }},
		{"conveyor", "a conveyor runs there", func(m *Model) {
			m.Conveyors = []Conveyor{{Name: "belt", From: "a", To: "b", Length: 1, Speed: 1, Spacing: 1}}
		}},
	} {
		m := base()
		c.edit(m)
		if _, err := Compile(m); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.name, err, c.want)
		}
	}
}

// vehicleRecorder is a recorder that follows the vehicles too.
type vehicleRecorder struct{ recorder }

func (r *vehicleRecorder) VehicleState(t float64, transporter string, k int, s VehicleState) {
	r.lines = append(r.lines, fmt.Sprintf("%g %s#%d %s", t, transporter, k+1, s))
}

// TestTransportTrace checks the trace of the first parts of
// TestTransportExact's cell: part 1 finishes at a at 4 and is picked up at
// once (the AGV starts at a), delivered to b at 4 + 0.5 + 2 + 0.5 = 7 and
// leaves at 8 (just after a's event, scheduled earlier); part 2 finishes
// at 8 and waits (a is waiting_transport)
// until the AGV, parked at b, has driven back at 10. The AGV's states
// follow (its drive to a at 4 takes no time).
func TestTransportTrace(t *testing.T) {
	m := agvCell()
	rec := &vehicleRecorder{}
	if _, err := TraceReplication(context.Background(), m, Run{Horizon: 10.5, Replications: 1, Seed: 1, Confidence: 0.95}, 0, rec); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range rec.lines {
		if strings.Contains(l, "agv") || strings.Contains(l, "a#0") || strings.Contains(l, "exited") {
			got = append(got, l)
		}
	}
	want := `0 a#0 starved
0 agv#1 idle
0 a#0 busy
4 a#0 waiting_transport
4 agv#1 empty
4 part1 picked_up agv#1
4 a#0 busy
4 agv#1 loading
4.5 agv#1 loaded
6.5 agv#1 unloading
7 part1 delivered agv#1
7 agv#1 idle
8 a#0 waiting_transport
8 agv#1 empty
8 part1 exited out
10 part2 picked_up agv#1
10 a#0 busy
10 agv#1 loading`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("trace:\n%s\nwant:\n%s", g, want)
	}
}

// TestTransportWithOutages checks transport beside failures and a shift:
// machines fail while they wait for a vehicle and go off shift while one
// is on its way; a fifth of b's parts go back to a. a holds each part
// until an AGV has come (about 2 more): the plant is stable, parts are
// conserved, every state share sums to 1 and Little's law holds.
func TestTransportWithOutages(t *testing.T) {
	var days [][2]float64
	for d := range 7 {
		days = append(days, [2]float64{float64(d) * 1440, float64(d)*1440 + 1320}) // 22 h a day
	}
	cal, err := NewCalendar(7*24*60, days, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := &Model{Name: "outages", Sources: []Source{open("a", expD(8))},
		Stations: []Station{
			{Name: "a", Machines: 1, Process: expD(2), Buffer: Unlimited, Routes: by("b"),
				Failures: []Failure{{Name: "jam", TTF: expD(40), TTR: expD(5)}}},
			{Name: "b", Machines: 2, Process: expD(3), Buffer: 2, Routes: []Route{{To: "out", P: 0.8, By: "agv"}, {To: "a", P: 0.2, By: "agv"}},
				Shift: "day"}},
		Sinks:  []Sink{{Name: "out"}},
		Shifts: []Shift{{Name: "day", Calendar: cal}},
		Transporters: []Transporter{agv(2, 1, expD(0.5), constD(0.2), "out",
			Distance{From: "a", To: "b", Length: 1}, Distance{From: "b", To: "out", Length: 1})}}
	checkLittle(t, runExp(t, m, testRun(7*24*60*3, 7*24*60, 5)))
}

// TestTransportPacesLoop checks that a CONWIP loop through a station that
// takes no time is paced by the vehicle that carries its parts (it is no
// zero-time loop): 3 parts, one AGV loading 1 per part over zero
// distances, so one part leaves every 1 (throughput 1, WIP 3, cycle time
// 3 by Little's law) in the window (10.5, 110.5).
func TestTransportPacesLoop(t *testing.T) {
	m := &Model{Name: "paced", Sources: []Source{{Name: "loop", To: "a", Kind: CONWIP, WIP: 3}},
		Stations:     []Station{{Name: "a", Machines: 3, Process: constD(0), Buffer: Unlimited, Routes: by("out")}},
		Sinks:        []Sink{{Name: "out"}},
		Transporters: []Transporter{agv(1, 1, constD(1), nil, "a", Distance{From: "a", To: "out"})}}
	s := runExp(t, m, testRun(110.5, 10.5, 2))
	exact(t, "throughput", s.Throughput.Mean, 1)
	exact(t, "WIP", s.WIP.Mean, 3)
	exact(t, "cycle time", s.CycleTime.Mean, 3)
	checkLittle(t, s)
}

// TestTransportPlan checks places on a plan: a at (0, 0) and b at (6, 4)
// are 6 + 4 = 10 apart along rectilinear aisles, the length of
// TestTransportExact's table, so the cell runs exactly as there.
func TestTransportPlan(t *testing.T) {
	m := agvCell()
	m.Transporters[0].Distances = nil
	m.Transporters[0].At = []Place{{Name: "b", X: 6, Y: 4}, {Name: "a"}}
	s := runExp(t, m, testRun(701, 101, 1))
	exact(t, "cycle time", s.CycleTime.Mean, 10)
	exact(t, "AGV empty", s.Transporters[0].States[VehicleEmpty].Mean, 2.0/6)
	m.Transporters[0].Distances = []Distance{{From: "a", To: "b", Length: 10}}
	if _, err := Compile(m); err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("distances and a plan: err = %v", err)
	}
}

// TestTransportPlanStraight: with straight ways, a at (0, 0) and b at
// (6, 8) are √(36 + 64) = 10 apart, again TestTransportExact's length, so
// the cell runs exactly as there; along aisles they would be 14 apart.
func TestTransportPlanStraight(t *testing.T) {
	m := agvCell()
	m.Transporters[0].Distances = nil
	m.Transporters[0].At = []Place{{Name: "b", X: 6, Y: 8}, {Name: "a"}}
	m.Transporters[0].Straight = true
	s := runExp(t, m, testRun(701, 101, 1))
	exact(t, "cycle time", s.CycleTime.Mean, 10)
	exact(t, "AGV empty", s.Transporters[0].States[VehicleEmpty].Mean, 2.0/6)
	m.Transporters[0].Straight = false
	if s := runExp(t, m, testRun(701, 101, 1)); s.CycleTime.Mean <= 10 {
		t.Errorf("along aisles (14 apart) the cycle time %v is not longer than 10", s.CycleTime.Mean)
	}
}
