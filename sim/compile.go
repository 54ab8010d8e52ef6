package sim

import (
	"errors"
	"fmt"
	"math"
)

// Plan is a Model compiled for running: every name resolved to an index
// (stations are 0..len(Stations)-1, sinks follow them as len(Stations)+k)
// and every reference checked. A Plan is read-only once compiled, so the
// replications of an experiment share one.
type Plan struct {
	model        *Model
	sourceTo     []int                 // station index fed by each source
	routes       [][]int               // per station: target node of each route
	cumP         [][]float64           // per station: cumulative route probabilities
	moves        []map[int]Dist        // per station: the move time to a node; nil without
	crewOf       func(name string) int // crew index of a name, -1 for ""
	calendar     []*WorkCalendar       // per station: its shift's calendar, nil around the clock
	crewCalendar []*WorkCalendar       // per crew: its shift's calendar, nil around the clock
	// scheduled is the union of the stations' calendars; nil when no
	// station has a shift.
	scheduled *WorkCalendar
	// productRoute is, per product, the node after each step of its route
	// (the last one a sink); nil for a product without a route.
	productRoute    [][]int
	productStations [][]int // per product: the station index of each step of its route
	// arrivals and capacity are each station's arrival rate and capacity
	// in an open line, nil for other plants (see openRates).
	arrivals, capacity []float64
	stationOf          map[string]int
	productIndex       map[string]int
	materialIndex      map[string]int
	// conveyorEnds are each conveyor's station and node at its ends.
	conveyorEnds [][2]int
	// transport is each transporter compiled; carry, per station, the
	// transporter (index) carrying its route to a node; nil without.
	transport      []*transportPlan
	carry          []map[int]int
	kanbanStations [][]int // per kanban loop: its stations, in order
}

// Compile resolves the names of m and checks what a run relies on,
// returning every problem found. The Plan it returns runs any number of
// replications, also in parallel: compile a model once per experiment.
func Compile(m *Model) (*Plan, error) {
	c := &compiler{p: &Plan{model: m, sourceTo: make([]int, len(m.Sources)),
		routes: make([][]int, len(m.Stations)), cumP: make([][]float64, len(m.Stations))},
		m: m, node: map[string]int{}, seen: map[string]string{}, crews: map[string]int{}, shifts: map[string]int{}}
	c.names()
	c.sources()
	c.stations()
	c.crewShifts()
	c.operators()
	c.stationShifts()
	c.p.compileProducts(c.node, c.seen, c.bad)
	c.materials()
	c.conveyors()
	c.transporters()
	c.kanbans()
	if k, loop := ZeroTimeLoop(m); k >= 0 && len(c.errs) == 0 {
		c.bad("source %q: %s", m.Sources[k].Name, ZeroTimeLoopMessage(m.Sources[k], loop))
	}
	if err := errors.Join(c.errs...); err != nil {
		return nil, err
	}
	c.p.arrivals, c.p.capacity = openRates(m, c.p)
	return c.p, nil
}

// compiler holds the name tables and the problems found while compiling.
type compiler struct {
	p      *Plan
	m      *Model
	errs   []error
	node   map[string]int    // stations 0..n-1, then sinks
	seen   map[string]string // every name and the kind of element using it
	crews  map[string]int
	shifts map[string]int
}

func (c *compiler) bad(format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf(format, args...))
}

// add records a name, which must be present and unique across elements.
func (c *compiler) add(kind, name string) {
	if name == "" {
		c.bad("%s: name is missing", kind)
		return
	}
	if k, dup := c.seen[name]; dup {
		c.bad("%s %q: name already used by a %s", kind, name, k)
		return
	}
	c.seen[name] = kind
}

// names indexes stations, sinks, sources and crews.
func (c *compiler) names() {
	m := c.m
	for i, st := range m.Stations {
		c.add("station", st.Name)
		c.node[st.Name] = i
	}
	for k, sk := range m.Sinks {
		c.add("sink", sk.Name)
		c.node[sk.Name] = len(m.Stations) + k
		if st := sk.Store; st != nil {
			if st.BaseStock < 0 || st.BaseStock > MaxInPlant {
				c.bad("sink %q: base stock must be between 0 and %d, got %d", sk.Name, MaxInPlant, st.BaseStock)
			}
			if st.Demand == nil || !(st.Demand.Mean() > 0) {
				c.bad("sink %q: the time between demands must have a mean > 0", sk.Name)
			}
		}
	}
	for _, so := range m.Sources {
		c.add("source", so.Name)
	}
	for i, cr := range m.Crews {
		c.add("crew", cr.Name)
		c.crews[cr.Name] = i
		if cr.Size < 1 || cr.Size > MaxCrewSize {
			c.bad("crew %q: size must be between 1 and %d, got %d", cr.Name, MaxCrewSize, cr.Size)
		}
	}
	crews := c.crews
	c.p.crewOf = func(name string) int {
		if name == "" {
			return -1
		}
		return crews[name]
	}
	if len(m.Sources) == 0 {
		c.bad("model: no source")
	}
	if len(m.Sinks) == 0 {
		c.bad("model: no sink")
	}
}

// sources resolves where each source releases and checks its kind.
func (c *compiler) sources() {
	m := c.m
	for i, so := range m.Sources {
		to, ok := c.node[so.To]
		if !ok || to >= len(m.Stations) {
			c.bad("source %q: to %q is not a station", so.Name, so.To)
		}
		c.p.sourceTo[i] = to
		switch so.Kind {
		case Open:
			if so.Arrivals != nil {
				if err := so.Arrivals.check(); err != nil || so.Interarrival != nil {
					c.bad("source %q: give interarrival or arrivals, not both; %v", so.Name, err)
				}
			} else if so.Interarrival == nil {
				c.bad("source %q: interarrival is missing", so.Name)
			} else if !(so.Interarrival.Mean() > 0) {
				c.bad("source %q: interarrival %v has mean 0: parts would arrive without end at one instant", so.Name, so.Interarrival)
			}
		case Saturated:
		case Rope:
			if n, ok := c.node[so.RopeAt]; !ok || n >= len(m.Stations) {
				c.bad("source %q: rope: %q is not a station", so.Name, so.RopeAt)
			}
			if so.WIP < 1 || so.WIP > MaxInPlant {
				c.bad("source %q: the rope must hold between 1 and %d parts, got %d", so.Name, MaxInPlant, so.WIP)
			}
		case CONWIP:
			if so.WIP < 1 || so.WIP > MaxInPlant {
				c.bad("source %q: conwip must be between 1 and %d, got %d", so.Name, MaxInPlant, so.WIP)
			}
		case Pull:
			if k, ok := c.node[so.Store]; !ok || k < len(m.Stations) || m.Sinks[k-len(m.Stations)].Store == nil {
				c.bad("source %q: pull: %q is not a store (a sink with a base stock)", so.Name, so.Store)
			}
		case OrderBook:
			if len(so.Orders) == 0 {
				c.bad("source %q: an order book needs orders", so.Name)
			}
			for _, o := range so.Orders {
				if o.Quantity < 1 || o.Quantity > MaxInPlant {
					c.bad("source %q: order %q: quantity must be between 1 and %d, got %d", so.Name, o.Name, MaxInPlant, o.Quantity)
				}
			}
		default:
			c.bad("source %q: unknown kind %v", so.Name, so.Kind)
		}
	}
}

// stations checks every station and resolves its routes.
func (c *compiler) stations() {
	for i, st := range c.m.Stations {
		if st.Machines < 1 || st.Machines > MaxMachines {
			c.bad("station %q: machines must be between 1 and %d, got %d", st.Name, MaxMachines, st.Machines)
		}
		if st.Buffer < Unlimited {
			c.bad("station %q: buffer must be >= 0, got %d", st.Name, st.Buffer)
		}
		if st.Process == nil {
			c.bad("station %q: process is missing", st.Name)
		}
		c.routes(i, st)
		checkOutages(st, c.crews, c.bad)
		if st.Batch < 0 || st.Batch > 1 && st.Buffer != Unlimited && st.Buffer < st.Batch {
			c.bad("station %q: batch must be >= 1 and fit in the buffer (%d), got %d", st.Name, st.Buffer, st.Batch)
		}
		c.quality(st)
	}
}

// routes resolves station i's routing and its cumulative probabilities.
func (c *compiler) routes(i int, st Station) {
	if len(st.Routes) == 0 && !allRouted(c.m) {
		c.bad("station %q: to is missing (only a plant whose every part follows a product route can do without)", st.Name)
	}
	sum := 0.0
	for _, r := range st.Routes {
		to, ok := c.node[r.To]
		if !ok {
			c.bad("station %q: to %q is neither a station nor a sink", st.Name, r.To)
		}
		if !(r.P >= 0) {
			c.bad("station %q: probability of route to %q must be >= 0", st.Name, r.To)
		}
		sum += r.P
		if r.Move != nil && ok {
			c.move(i, st, to, r)
		}
		c.p.routes[i] = append(c.p.routes[i], to)
		c.p.cumP[i] = append(c.p.cumP[i], sum)
	}
	if len(st.Routes) > 0 && math.Abs(sum-1) > routeTolerance {
		c.bad("station %q: route probabilities sum to %v, not 1", st.Name, sum)
	}
}

// move records the move time of station i's route r to node to.
func (c *compiler) move(i int, st Station, to int, r Route) {
	if c.p.moves == nil {
		c.p.moves = make([]map[int]Dist, len(c.m.Stations))
	}
	if c.p.moves[i] == nil {
		c.p.moves[i] = map[int]Dist{}
	}
	if d, dup := c.p.moves[i][to]; dup && d.String() != r.Move.String() {
		c.bad("station %q: two routes to %q with different move times", st.Name, r.To)
	}
	if !(r.Move.Mean() >= 0) {
		c.bad("station %q: the move to %q must take >= 0, got a mean of %v", st.Name, r.To, r.Move.Mean())
	}
	c.p.moves[i][to] = r.Move
}

// nodeName is the name of a station or sink node.
func (p *Plan) nodeName(n int) string {
	if n < len(p.model.Stations) {
		return p.model.Stations[n].Name
	}
	return p.model.Sinks[n-len(p.model.Stations)].Name
}

// quality checks a station's yield and rework.
func (c *compiler) quality(st Station) {
	q := st.Quality
	if q == nil {
		return
	}
	if !(q.Yield > 0 && q.Yield <= 1) || !(q.Rework >= 0 && q.Rework < 1) {
		c.bad("station %q: yield must be in (0, 1] and rework in [0, 1)", st.Name)
	}
	if to, ok := c.node[q.ReworkTo]; q.Rework > 0 && (!ok || to >= len(c.m.Stations)) {
		c.bad("station %q: rework: %q is not a station", st.Name, q.ReworkTo)
	}
}

// crewShifts indexes the shifts and gives each crew its calendar.
func (c *compiler) crewShifts() {
	m := c.m
	for i, sh := range m.Shifts {
		c.add("shift", sh.Name)
		c.shifts[sh.Name] = i
	}
	c.p.crewCalendar = make([]*WorkCalendar, len(m.Crews))
	for i, cr := range m.Crews {
		if cr.Shift == "" {
			continue
		}
		if k, ok := c.shifts[cr.Shift]; ok {
			cal := m.Shifts[k].Calendar
			c.p.crewCalendar[i] = &cal
		} else {
			c.bad("crew %q: shift %q does not exist", cr.Name, cr.Shift)
		}
	}
}

// operators checks every station's operators.
func (c *compiler) operators() {
	for _, st := range c.m.Stations {
		checkOperators(st, c.m.Crews, c.crews, c.bad)
	}
}

// stationShifts gives each station its calendar and the plant the union
// of them, its scheduled time.
func (c *compiler) stationShifts() {
	m := c.m
	c.p.calendar = make([]*WorkCalendar, len(m.Stations))
	var union [][2]float64
	for i, st := range m.Stations {
		if st.Shift == "" {
			continue
		}
		k, ok := c.shifts[st.Shift]
		if !ok {
			c.bad("station %q: shift %q does not exist", st.Name, st.Shift)
			continue
		}
		cal := m.Shifts[k].Calendar
		c.p.calendar[i] = &cal
		union = append(union, cal.On...)
	}
	if len(union) > 0 {
		cal, err := NewCalendar(m.Shifts[0].Calendar.Week, union, nil)
		if err != nil {
			c.bad("%v", err)
		}
		c.p.scheduled = &cal
	}
}

// compileProducts resolves the products' routes, process overrides and the
// sources' mixes.
func (p *Plan) compileProducts(node map[string]int, seen map[string]string, bad func(string, ...any)) {
	m := p.model
	p.stationOf = map[string]int{}
	for i, st := range m.Stations {
		p.stationOf[st.Name] = i
	}
	products := map[string]int{}
	p.productIndex = products
	for k, pr := range m.Products {
		if k, dup := seen[pr.Name]; dup || pr.Name == "" {
			bad("product %q: name missing or already used by a %s", pr.Name, k)
		}
		seen[pr.Name] = "product"
		products[pr.Name] = k
		p.productRoute = append(p.productRoute, p.route(pr, node, bad))
		var steps []int
		for _, name := range pr.Route {
			if n, ok := node[name]; ok && n < len(m.Stations) {
				steps = append(steps, n)
			}
		}
		p.productStations = append(p.productStations, steps)
		for name := range pr.Process {
			if _, ok := p.stationOf[name]; !ok {
				bad("product %q: process: %q is not a station", pr.Name, name)
			}
		}
	}
	for _, st := range m.Stations {
		a := st.Assembly
		if a == nil {
			continue
		}
		total := 0
		for _, c := range a.Components {
			if _, ok := products[c.Product]; !ok || c.Count < 1 {
				bad("station %q: assemble: %q is not a product, or its count is below 1", st.Name, c.Product)
			}
			total += c.Count
		}
		if _, ok := products[a.Output]; a.Output != "" && !ok {
			bad("station %q: assemble: output %q is not a product", st.Name, a.Output)
		}
		if len(a.Components) == 0 || st.Batch > 1 || st.Buffer != Unlimited && st.Buffer < total {
			bad("station %q: assemble needs components, no batch, and a buffer that holds a whole kit (%d)", st.Name, total)
		}
	}
	for _, so := range m.Sources {
		for _, o := range so.Orders {
			k, ok := products[o.Product]
			switch {
			case !ok:
				bad("source %q: order %q: %q is not a product", so.Name, o.Name, o.Product)
			case o.Quantity < 1 || !(o.Release >= 0) || math.IsNaN(o.Due):
				bad("source %q: order %q: need quantity >= 1, release >= 0 and a due date", so.Name, o.Name)
			case len(m.Products[k].Route) > 0 && m.Products[k].Route[0] != so.To:
				bad("source %q: order %q: product %q starts its route at %q, not at %q", so.Name, o.Name, o.Product, m.Products[k].Route[0], so.To)
			}
		}
		if len(so.Mix) == 0 {
			continue
		}
		sum := 0.0
		for _, sh := range so.Mix {
			k, ok := products[sh.Product]
			if !ok {
				bad("source %q: mix: %q is not a product", so.Name, sh.Product)
				continue
			}
			sum += sh.P
			if r := m.Products[k].Route; len(r) > 0 && r[0] != so.To {
				bad("source %q: product %q starts its route at %q, not at %q where the source releases it", so.Name, sh.Product, r[0], so.To)
			}
		}
		if math.Abs(sum-1) > routeTolerance {
			bad("source %q: mix shares sum to %v, not 1", so.Name, sum)
		}
	}
}

// route resolves a product's route to the node after each step.
func (p *Plan) route(pr Product, node map[string]int, bad func(string, ...any)) []int {
	m := p.model
	if len(pr.Route) == 0 {
		return nil
	}
	var nodes []int
	for i, name := range pr.Route {
		n, ok := node[name]
		switch {
		case !ok:
			bad("product %q: route: %q is neither a station nor a sink", pr.Name, name)
			return nil
		case n >= len(m.Stations) && i != len(pr.Route)-1:
			bad("product %q: route: the sink %q can only come last", pr.Name, name)
			return nil
		case i > 0:
			nodes = append(nodes, n)
		}
	}
	if last := node[pr.Route[len(pr.Route)-1]]; last < len(m.Stations) && len(m.Sinks) > 0 {
		nodes = append(nodes, len(m.Stations)) // the first sink
	}
	return nodes
}

// checkOutages checks a station's failure modes and maintenance.
func checkOutages(st Station, crews map[string]int, bad func(string, ...any)) {
	crewOK := func(what, name string) {
		if _, ok := crews[name]; name != "" && !ok {
			bad("station %q: %s: crew %q does not exist", st.Name, what, name)
		}
	}
	names := map[string]bool{}
	for _, f := range st.Failures {
		what := fmt.Sprintf("failure %q", f.Name)
		if names[f.Name] {
			bad("station %q: %s: name used twice", st.Name, what)
		}
		names[f.Name] = true
		if f.TTF == nil || f.TTR == nil {
			bad("station %q: %s: needs both a time to failure and a time to repair", st.Name, what)
		} else if f.TTF.Mean() <= 0 {
			bad("station %q: %s: mean time to failure must be > 0", st.Name, what)
		}
		crewOK(what, f.Crew)
	}
	if pm := st.PM; pm != nil {
		if !(pm.Every > 0) {
			bad("station %q: pm: every must be > 0, got %v", st.Name, pm.Every)
		}
		if pm.Duration == nil {
			bad("station %q: pm: duration is missing", st.Name)
		}
		crewOK("pm", pm.Crew)
	}
}

// checkOperators checks a station's operators and load phase.
func checkOperators(st Station, all []Crew, crews map[string]int, bad func(string, ...any)) {
	op := st.Operators
	if op == nil {
		return
	}
	if len(op.Crews) == 0 {
		bad("station %q: operators: name at least one crew", st.Name)
	}
	if op.Count < 1 {
		bad("station %q: operators: count must be >= 1, got %d", st.Name, op.Count)
	}
	for _, name := range op.Crews {
		i, ok := crews[name]
		switch {
		case !ok:
			bad("station %q: operators: crew %q does not exist", st.Name, name)
		case all[i].Size < op.Count:
			bad("station %q: operators: crew %q has %d members, fewer than the %d a machine needs", st.Name, name, all[i].Size, op.Count)
		}
	}
	if op.During == DuringLoad && st.Load == nil {
		bad("station %q: operators during the load phase need a load time", st.Name)
	}
	if op.During == DuringSetup && st.Setup == nil {
		bad("station %q: operators during setups need a setup", st.Name)
	}
}

// allRouted reports whether every part the sources release follows a
// product route, so that stations need no routing of their own.
func allRouted(m *Model) bool {
	routed := map[string]bool{}
	for _, p := range m.Products {
		routed[p.Name] = len(p.Route) > 0
	}
	for _, so := range m.Sources {
		if len(so.Mix) == 0 && len(so.Orders) == 0 {
			return false
		}
		for _, sh := range so.Mix {
			if !routed[sh.Product] {
				return false
			}
		}
		for _, o := range so.Orders {
			if !routed[o.Product] {
				return false
			}
		}
	}
	return true
}
