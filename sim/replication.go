package sim

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"

	"github.com/fschuetz04/simgo"
	"github.com/takt-sim/takt/sim/stats"
)

// Quantiles are the cycle-time quantiles every replication estimates.
var Quantiles = [...]float64{0.5, 0.9, 0.95, 0.99}

// Replication holds the results of one replication, measured over the
// window from the end of the warm-up to the horizon. Rates are per time
// unit, times in the time unit, states as fractions of machine time.
type Replication struct {
	Index      int
	Throughput float64 // parts reaching a sink per time unit
	// ThroughputScheduled is per time unit of scheduled time: when any
	// station follows a shift, the time in which at least one does work.
	ThroughputScheduled float64
	WIP                 float64 // time-average parts in the plant
	CycleTime           float64 // mean time from entering the plant to a sink
	// CycleQuantiles are the sketch estimates of the cycle-time quantiles
	// at the levels of Quantiles (relative accuracy SketchAccuracy).
	CycleQuantiles [len(Quantiles)]float64
	Completed      int64 // parts reaching a sink in the window
	Stations       []StationResult
	Sinks          []int64 // parts absorbed per sink in the window
	// SourcesBlocked is, per source, the fraction of the window in which
	// it held parts the station it feeds had no room for.
	SourcesBlocked []float64
	Crews          []float64 // utilisation per crew: fraction of its members' time at work
	// CrewsScheduled is the utilisation per crew over its scheduled time
	// (its shift; all the time without one): its members' time at work on
	// shift over their scheduled time, at most 1. CrewsOvertime is their
	// time at work off shift (finishing a task after the shift ended) over
	// the same scheduled time; 0 without a shift.
	CrewsScheduled, CrewsOvertime []float64
	// LabourPerPart is the crews' working time per part reaching a sink.
	LabourPerPart float64
	// Products holds the results per product, in model order.
	Products []ProductResult
	// Orders holds the outcome of every order, source by source in model
	// order, each in its file order.
	Orders []OrderResult
	// WIPSeries is the time-average WIP in each of SeriesBuckets equal
	// intervals of [0, Horizon], warm-up included, for warm-up analysis.
	WIPSeries []float64
	// End is the instant the replication ended: the horizon, or with
	// Run.Until the event that completed its work. The window is [Warmup,
	// End]; with Until its length is the Makespan (NaN without Until).
	End, Makespan float64

	// Conservation over the whole run (warm-up included):
	// Entered = Exited + Joined + InPlant; Exited counts scrap too
	// (Scrapped), Joined the parts consumed into assemblies.
	Entered, Exited, InPlant, Scrapped, Joined int64
	// DepartureRate and Sojourn are the rate of parts leaving the plant,
	// good or scrap, and their mean time in it, in the window: Little's law
	// is WIP = DepartureRate × Sojourn.
	DepartureRate, Sojourn float64

	// Costs is the cost per time unit of each CostCategory in the window,
	// Revenue the revenue per time unit and ProfitPerWeek their difference
	// over a week; Costs is nil for a model without costs.
	Costs         []float64
	Revenue       float64
	ProfitPerWeek float64
	// Materials holds the results per raw material, in model order.
	Materials []MaterialResult
	// Stores holds the results per finished-goods store, in sink order.
	Stores []StoreResult
	// Conveyors holds the results per conveyor, in model order.
	Conveyors []ConveyorResult
	// Transporters holds the results per transporter, in model order.
	Transporters []TransporterResult
	// Kanbans holds the results per kanban loop, in model order.
	Kanbans []KanbanResult
}

// ProductResult holds one product's results in one replication.
type ProductResult struct {
	Completed      int64
	Throughput     float64
	WIP            float64
	CycleTime      float64
	CycleQuantiles [len(Quantiles)]float64
}

// StationResult holds one station's results in one replication.
//
//	availability = 1 − (down + waiting_crew + maintenance)
//	performance  = busy / availability
//	quality      = 1 (no scrap yet)
//	OEE          = availability · performance · quality
//	MTBF         = available machine-time / failures
//	MTTR         = mean time from a failure to the machine being back
type StationResult struct {
	// States are the fractions of machine time in each state; they sum to 1.
	States       [NumStates]float64
	Utilization  float64 // fraction of machine time busy
	Queue        float64 // time-average parts in the buffer
	Wait         float64 // mean time in the buffer, 0 counted for parts that did not wait
	Availability float64
	Performance  float64
	Quality      float64
	OEE          float64
	Failures     int64   // failures begun in the window, all machines
	MTBF         float64 // NaN without failures
	MTTR         float64 // NaN without completed repairs
	// Bottleneck shares of the window by the active-period method (see
	// bottleneck.go): sole, and shifting (overlapping with the bottleneck
	// before or after).
	BottleneckSole, BottleneckShifting float64
	Setups                             int64 // setups begun in the window, all machines
	Scrapped, Reworked                 int64 // finished parts scrapped and sent to rework in the window
}

// plant is one replication in progress: the running elements on one simgo
// Simulation. It is used by one goroutine only.
type plant struct {
	sim       *simgo.Simulation
	run       Run
	stations  []*station
	sources   []*source
	sinks     []*sink
	crews     []*crew
	materials []*materialRun
	stores    []*storeRun
	conveyors []*conveyor
	kanbans   []*kanbanRun
	products  []*productRun
	orders    []*orderRun
	transport []*transportRun
	free      *part
	tracer    Tracer
	nextPart  int64
	plan      *Plan
	// err stops the replication: a limit was reached (see guard.go).
	err error
	// waiting counts the parts held at sources, released but not yet in
	// the plant (order books); they count against MaxInPlant.
	waiting int64
	// maxHeld and maxStill are MaxInPlant and maxEventsAtOneInstant; tests
	// lower them to reach them cheaply.
	maxHeld, maxStill int64

	bottleneck *bottleneckDetector
	scheduled  *WorkCalendar

	wip       stats.TimeWeighted
	wipSeries *stats.LevelSeries
	cycle     stats.Tally
	ctSketch  stats.Sketch
	entered   int64
	inTransit int64 // parts on a move between stations or in a vehicle
	exited    int64 // parts that left the plant, good or scrap
	joined    int64 // parts consumed into assemblies
	scrapped  int64
	sojourn   stats.Tally // time in the plant of every part that left, good or scrap

	model           *Model
	enteredAtWarmup int64 // entered at the end of the warm-up

	// end is the instant the statistics close: the horizon, or when the
	// work of a Run.Until is done (workDone); see until.go.
	end        float64
	workDone   bool
	untilParts int64 // parts that end the run, counted after the warm-up; 0 while not counting
	openOrders int   // orders not complete, for Until.Orders
}

// RunReplication compiles m and simulates its replication index under r;
// see Plan.Replicate. An experiment compiles once and calls Replicate.
func RunReplication(ctx context.Context, m *Model, r Run, index int) (*Replication, error) {
	return runReplication(ctx, m, r, index, nil)
}

// TraceReplication is RunReplication with every state change and part step
// reported to tr as it happens.
func TraceReplication(ctx context.Context, m *Model, r Run, index int, tr Tracer) (*Replication, error) {
	return runReplication(ctx, m, r, index, tr)
}

func runReplication(ctx context.Context, m *Model, r Run, index int, tr Tracer) (*Replication, error) {
	p, err := Compile(m)
	if err != nil {
		return nil, err
	}
	return p.Trace(ctx, r, index, tr)
}

// Model returns the model the plan was compiled from.
func (p *Plan) Model() *Model { return p.model }

// Replicate simulates replication index under r and returns its results.
// It stops early with ctx's error when ctx is cancelled. A panic in the
// model is returned as an error of this replication. It may be called from
// several goroutines at once.
func (p *Plan) Replicate(ctx context.Context, r Run, index int) (*Replication, error) {
	return p.Trace(ctx, r, index, nil)
}

// Trace is Replicate with every state change and part step reported to tr
// as it happens; tr may be nil.
func (p *Plan) Trace(ctx context.Context, r Run, index int, tr Tracer) (res *Replication, err error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	if err := p.checkOverload(r); err != nil {
		return nil, err
	}
	if err := p.checkUntil(r); err != nil {
		return nil, err
	}
	pl := build(p, r, index)
	pl.tracer = tr
	defer pl.sim.Shutdown()
	defer func() {
		if v := recover(); v != nil {
			res, err = nil, fmt.Errorf("replication %d: internal error: %v", index+1, v)
		}
	}()
	if err := pl.simulate(ctx); err != nil {
		return nil, err
	}
	if pl.run.Until.Set() && !pl.workDone {
		return nil, pl.notDone(index)
	}
	return pl.results(index), nil
}

// build creates the running elements in model order, binding every sampler
// to its own stream: products, crews, stations, sinks, sources.
func build(pln *Plan, r Run, index int) *plant {
	m := pln.model
	pl := &plant{sim: simgo.NewSimulation(), run: r, model: m, wipSeries: stats.NewLevelSeries(r.Horizon, SeriesBuckets),
		bottleneck: newBottleneckDetector(len(m.Stations), r.Warmup, r.Horizon), scheduled: pln.scheduled, plan: pln,
		maxHeld: MaxInPlant, maxStill: maxEventsAtOneInstant}
	stream := func(element, purpose string) *rand.PCG {
		return NewStream(r.Seed, index, element, purpose)
	}
	for k := range m.Products {
		pl.products = append(pl.products, newProductRun(pln, k, stream))
	}
	for i := range m.Crews {
		c := newCrew(&m.Crews[i])
		c.pl, c.calendar = pl, pln.crewCalendar[i]
		pl.crews = append(pl.crews, c)
	}
	for i := range m.Materials {
		spec := &m.Materials[i]
		pl.materials = append(pl.materials, newMaterialRun(pl, spec, spec.LeadTime.Bind(stream(spec.Name, "lead"))))
	}
	for k := range m.Transporters {
		pl.transport = append(pl.transport, newTransportRun(pl, pln, k, stream))
	}
	for i := range m.Stations {
		pl.stations = append(pl.stations, buildStation(pl, pln, i, stream))
	}
	watchRoom(pl)
	for i := range m.Kanbans {
		pl.kanbans = append(pl.kanbans, newKanbanRun(pl, pln, i))
	}
	for i := range m.Sinks {
		k := &sink{pl: pl, spec: &m.Sinks[i]}
		if st := k.spec.Store; st != nil {
			k.store = newStoreRun(pl, st, st.Demand.Bind(stream(k.spec.Name, "demand")))
			pl.stores = append(pl.stores, k.store)
		}
		pl.sinks = append(pl.sinks, k)
	}
	buildConveyors(pl, pln)
	for i := range m.Sources {
		pl.sources = append(pl.sources, buildSource(pl, pln, i, stream))
	}
	for _, st := range pl.stations {
		st.ways = st.moves != nil || st.conveyors != nil || st.carry != nil
		st.gated = st.kanban != nil || st.batch > 1 || st.assembly != nil
	}
	pl.startUntil()
	return pl
}

// buildStation creates station i with its machines and the samplers of
// its phases: process, load, setups, routing, quality.
func buildStation(pl *plant, pln *Plan, i int, stream func(string, string) *rand.PCG) *station {
	spec := &pln.model.Stations[i]
	st := &station{pl: pl, spec: spec, index: i, capacity: spec.Buffer, waiting: spec.Machines,
		process: spec.Process.Bind(stream(spec.Name, "process")),
		routes:  pln.routes[i], cumP: pln.cumP[i]}
	if pln.moves != nil && pln.moves[i] != nil {
		st.moves = map[int]Sampler{}
		for _, to := range pln.routes[i] { // in route order, one stream per way
			if d, ok := pln.moves[i][to]; ok && st.moves[to] == nil {
				st.moves[to] = d.Bind(stream(spec.Name, "move/"+pln.nodeName(to)))
			}
		}
	}
	if pln.carry != nil && pln.carry[i] != nil {
		st.carry = map[int]*transportRun{}
		for _, to := range pln.routes[i] {
			if k, ok := pln.carry[i][to]; ok {
				st.carry[to] = pl.transport[k]
			}
		}
	}
	if len(st.routes) > 1 {
		st.router = rand.New(stream(spec.Name, "route"))
	}
	if c := pln.calendar[i]; c != nil {
		st.shift = &shiftDriver{st: st, calendar: c}
	}
	if spec.Load != nil {
		st.load = spec.Load.Bind(stream(spec.Name, "load"))
	}
	if q := spec.Quality; q != nil {
		st.quality = &qualityRun{spec: q, r: rand.New(stream(spec.Name, "quality")), reworkTo: pln.stationOf[q.ReworkTo]}
	}
	st.dispatch = spec.Dispatch
	st.batch = max(1, spec.Batch)
	st.assembly = buildAssembly(pl, pln, spec.Assembly)
	st.setup = buildSetup(spec, stream)
	for _, u := range spec.Consumes {
		st.uses = append(st.uses, stationUse{mat: pl.materials[pln.materialIndex[u.Material]], count: u.Count})
	}
	if op := spec.Operators; op != nil {
		st.ops = &operatorNeed{count: op.Count, during: op.During}
		for _, name := range op.Crews {
			st.ops.crews = append(st.ops.crews, pl.crews[pln.crewOf(name)])
		}
	}
	for k := range spec.Machines {
		mc := newMachine(st, k)
		mc.rel = newReliability(mc, k, pl.crews, pln, stream)
		st.machines = append(st.machines, mc)
		st.idle.push(mc)
	}
	return st
}

// buildAssembly resolves a bill of materials to the running products; nil
// for a station that assembles nothing.
func buildAssembly(pl *plant, pln *Plan, a *Assembly) *assemblyRun {
	if a == nil {
		return nil
	}
	run := &assemblyRun{}
	for _, c := range a.Components {
		run.components = append(run.components, pl.products[pln.productIndex[c.Product]])
		run.counts = append(run.counts, c.Count)
	}
	if a.Output != "" {
		run.output = pl.products[pln.productIndex[a.Output]]
	}
	return run
}

// buildSetup binds a station's setup times to their streams; nil without
// setups.
func buildSetup(spec *Station, stream func(string, string) *rand.PCG) *setupRun {
	su := spec.Setup
	if su == nil {
		return nil
	}
	run := &setupRun{}
	if su.Time != nil {
		run.def = su.Time.Bind(stream(spec.Name, "setup"))
	}
	for _, c := range su.Changes {
		run.changes = append(run.changes, setupChangeRun{c.From, c.To,
			c.Time.Bind(stream(spec.Name, "setup/"+c.From+"->"+c.To))})
	}
	return run
}

// buildSource creates source i with its order book, product mix and
// interarrival stream.
func buildSource(pl *plant, pln *Plan, i int, stream func(string, string) *rand.PCG) *source {
	m := pln.model
	spec := &m.Sources[i]
	s := &source{pl: pl, spec: spec, to: pl.stations[pln.sourceTo[i]]}
	if spec.Kind == Rope {
		pl.stations[pln.stationOf[spec.RopeAt]].drum = true
	}
	if spec.Kind == OrderBook {
		var runs []*orderRun
		for k := range spec.Orders {
			o := &spec.Orders[k]
			run := &orderRun{spec: o, left: o.Quantity, completion: math.NaN(), prod: pl.products[pln.productIndex[o.Product]]}
			runs = append(runs, run)
			pl.orders = append(pl.orders, run)
		}
		s.book = newOrderBook(s, runs)
	}
	if len(spec.Mix) > 0 {
		s.mix = &mixer{r: rand.New(stream(spec.Name, "mix"))}
		sum := 0.0
		for _, sh := range spec.Mix {
			for k, pr := range m.Products {
				if pr.Name == sh.Product {
					s.mix.products = append(s.mix.products, pl.products[k])
				}
			}
			sum += sh.P
			s.mix.cum = append(s.mix.cum, sum)
		}
	}
	s.onArrive = s.arrive
	switch spec.Kind {
	case Open:
		if a := spec.Arrivals; a != nil {
			if a.maxRate() > 0 {
				s.arrivals = newThinning(a, rand.New(stream(spec.Name, "arrivals")))
			}
			if len(a.Batches) > 0 {
				s.deliveries = newDeliveries(s, a)
			}
		} else {
			s.inter = spec.Interarrival.Bind(stream(spec.Name, "interarrival"))
		}
	case Saturated:
		s.to.feeder = s
	case Pull:
		for _, k := range pl.sinks {
			if k.spec.Name == spec.Store && k.store != nil {
				k.store.src = s
			}
		}
	}
	return s
}

// simulate runs from time 0 to the horizon, resetting the statistics at the
// end of the warm-up.
func (pl *plant) simulate(ctx context.Context) error {
	// The end comes first of all events at its time: those are out of the
	// window, as if at the horizon (see justBefore).
	end := pl.timeout(justBefore(pl.run.Horizon))
	for _, c := range pl.crews {
		c.startShift()
	}
	if pl.tracer != nil {
		for _, st := range pl.stations {
			for k, m := range st.machines {
				pl.tracer.MachineState(0, st.spec.Name, k, m.state)
			}
		}
	}
	if vt, ok := pl.tracer.(VehicleTracer); ok {
		for _, t := range pl.transport {
			for _, v := range t.vehicles {
				vt.VehicleState(0, t.spec.Name, v.k, v.state)
			}
		}
	}
	for _, st := range pl.stations {
		for _, m := range st.machines {
			if m.rel != nil {
				m.rel.start()
			}
		}
		if st.shift != nil {
			st.shift.start()
		}
	}
	for _, r := range pl.materials {
		r.start()
	}
	for _, s := range pl.sources {
		s.start()
	}
	for _, r := range pl.stores {
		r.start()
	}
	if w := pl.run.Warmup; w > 0 {
		// Events within rounding before the end of the warm-up are at
		// it, in the window (see justBefore): the reset comes first.
		pl.timeout(justBefore(w)).AddHandler(func(*simgo.Event) { pl.reset(w) })
	}
	return pl.loop(ctx, end)
}

// reset starts every statistic's window at now.
func (pl *plant) reset(now float64) {
	for _, st := range pl.stations {
		st.reset(now)
	}
	for _, k := range pl.sinks {
		k.count = 0
	}
	for _, r := range pl.materials {
		r.reset(now)
	}
	for _, so := range pl.sources {
		so.holding.Reset(now)
	}
	for _, r := range pl.stores {
		r.reset(now)
	}
	for _, c := range pl.conveyors {
		c.reset(now)
	}
	for _, t := range pl.transport {
		t.reset(now)
	}
	for _, k := range pl.kanbans {
		k.reset(now)
	}
	for _, c := range pl.crews {
		c.reset(now)
	}
	pl.wip.Reset(now)
	pl.enteredAtWarmup = pl.entered
	pl.countUntil()
	pl.cycle.Reset()
	pl.ctSketch.Reset()
	pl.sojourn.Reset()
	for _, pr := range pl.products {
		pr.completed, pr.entered = 0, 0
		pr.cycle.Reset()
		pr.sketch.Reset()
		pr.wip.Reset(now)
	}
}

// results closes every statistic at the end: the horizon, or the instant
// the work of an Until run was done.
func (pl *plant) results(index int) *Replication {
	end := pl.end
	window := end - pl.run.Warmup
	res := &Replication{Index: index, WIP: pl.wip.Mean(end), CycleTime: pl.cycle.Mean(),
		Completed: pl.cycle.N(), Entered: pl.entered, Exited: pl.exited, End: end, Makespan: math.NaN()}
	if pl.workDone {
		res.Makespan = window
	}
	res.Throughput = float64(res.Completed) / window
	res.ThroughputScheduled = res.Throughput
	if c := pl.scheduled; c != nil {
		res.ThroughputScheduled = float64(res.Completed) / c.OnTime(pl.run.Warmup, end)
	}
	for i, p := range Quantiles {
		res.CycleQuantiles[i] = pl.ctSketch.Quantile(p)
	}
	for _, st := range pl.stations {
		for _, m := range st.machines {
			m.set(m.state, end)
		}
	}
	pl.bottleneck.finish(end)
	res.InPlant = pl.inTransit
	for _, st := range pl.stations {
		res.Stations = append(res.Stations, st.result(end, window))
		res.InPlant += int64(st.inside())
	}
	for _, c := range pl.conveyors {
		res.Conveyors = append(res.Conveyors, c.result(end, window))
		res.InPlant += int64(c.on.len())
	}
	for _, k := range pl.sinks {
		res.Sinks = append(res.Sinks, k.count)
	}
	for _, so := range pl.sources {
		res.SourcesBlocked = append(res.SourcesBlocked, so.holding.Mean(end))
	}
	labour := 0.0
	for _, c := range pl.crews {
		res.Crews = append(res.Crews, c.utilization(end))
		u, over := c.scheduledUtilization(pl.run.Warmup, end)
		res.CrewsScheduled = append(res.CrewsScheduled, u)
		res.CrewsOvertime = append(res.CrewsOvertime, over)
		labour += c.busy.Mean(end) * window
	}
	res.LabourPerPart = labour / float64(res.Completed)
	res.WIPSeries = pl.wipSeries.Means(end)
	for _, o := range pl.orders {
		res.Orders = append(res.Orders, o.result())
	}
	res.Scrapped, res.Sojourn, res.Joined = pl.scrapped, pl.sojourn.Mean(), pl.joined
	res.DepartureRate = float64(pl.sojourn.N()) / window
	for _, pr := range pl.products {
		r := ProductResult{Completed: pr.completed, Throughput: float64(pr.completed) / window,
			WIP: pr.wip.Mean(end), CycleTime: pr.cycle.Mean()}
		for i, p := range Quantiles {
			r.CycleQuantiles[i] = pr.sketch.Quantile(p)
		}
		res.Products = append(res.Products, r)
	}
	for _, r := range pl.materials {
		res.Materials = append(res.Materials, r.result(end, window))
	}
	for _, r := range pl.stores {
		res.Stores = append(res.Stores, r.result(end))
	}
	for _, t := range pl.transport {
		res.Transporters = append(res.Transporters, t.result(end, window))
	}
	for _, k := range pl.kanbans {
		res.Kanbans = append(res.Kanbans, k.result(end, window))
	}
	pl.costs(res, window)
	return res
}

// SeriesBuckets is the number of equal intervals of the horizon over which
// every replication records the time-average WIP, for warm-up analysis.
const SeriesBuckets = 500

// timeout schedules an event d time units from now and clears the
// finalizer simgo gives every event.
//
// Clearing it is safe: simgo's finalizer aborts an event that is garbage
// collected while still pending, which only matters for events with abort
// handlers that something waits on. A scheduled timeout stays referenced by
// the event queue until it is processed, so it is never collected while
// pending, and takt adds no abort handlers to its timeouts (the ones it
// cancels, it aborts explicitly). Clearing it matters: setting and running
// finalizers takes a process-wide lock and about 40% of a core per event.
func (pl *plant) timeout(d float64) *simgo.Event {
	ev := pl.sim.Timeout(d)
	runtime.SetFinalizer(ev, nil)
	return ev
}
