package scenarios

import (
	"fmt"
	"math"

	"github.com/takt-sim/takt/sim"
)

// route is one branch of a station's "to", as written.
type route struct {
	to      string
	kind    string // "station" or "sink" when the branch says which; "" for either
	invalid bool   // the branch names no valid target (already reported)
	badP    bool   // p is missing or invalid (already reported)
	p       float64
	move    sim.Dist // nil for none
	by      string   // the transporter carrying it; "" for none
	byLine  int      // the line of its by
	line    int
	target  int // set by resolve: a station index, toSink or toUnknown
}

const (
	toSink    = -1
	toUnknown = -2
)

// plant is the decoded model with the tables its elements came from, in
// file order, for the cross-element checks.
type plant struct {
	model     *sim.Model
	sources   []*table
	stations  []*table
	sinks     []*table
	crews     []*table
	crewRefs  []elementRef
	shifts    []*table
	shiftRefs []elementRef
	products  []*table
	orders    []*table
	materials []*table
	kanbans   []*table
	read      reader    // reads order books
	routes    [][]route // per station
	// named[i] says whether stations[i] is the station its name refers to:
	// false for a station without a name or with a duplicate name.
	named     []bool
	conveyors []*table
	// transporters are the [[transporter]] tables; unmapped names those
	// whose distance table or home has a problem.
	transporters []*table
	unmapped     []string
}

// decodeModel reads the sources, stations and sinks and checks how they fit
// together.
func decodeModel(root *table, name, unit string, read reader) *sim.Model {
	pl := &plant{model: &sim.Model{Name: name, TimeUnit: unit}, read: read}
	var ok [7]bool
	pl.sources, ok[0] = root.array("source")
	pl.stations, ok[1] = root.array("station")
	pl.sinks, ok[2] = root.array("sink")
	pl.crews, ok[3] = root.array("crew")
	pl.shifts, ok[4] = root.array("shift")
	pl.products, ok[5] = root.array("product")
	pl.orders, ok[6] = root.array("order")
	pl.materials, _ = root.array("material")
	pl.conveyors, _ = root.array("conveyor")
	pl.transporters, _ = root.array("transporter")
	pl.kanbans, _ = root.array("kanban")
	cd := &costDecoder{hours: hoursPer(unit)}
	inline := inlineOrderSources(pl.orders)
	nodes := pl.names()
	pl.model.Products = decodeProducts(pl.products, unit)
	pl.model.Crews = pl.decodeCrews(pl.crews)
	pl.model.Shifts = decodeShifts(pl.shifts, unit)
	pl.model.Materials = decodeMaterials(pl.materials, unit, cd)
	for _, t := range pl.sources {
		name, _ := t.m["name"].(string)
		so := decodeSource(t, unit, inline[name] || len(pl.orders) > 0 && len(pl.sources) == 1)
		pl.decodeMix(t, &so)
		pl.decodeOrderFile(t, &so, unit)
		pl.model.Sources = append(pl.model.Sources, so)
	}
	pl.decodeOrders(pl.orders, unit)
	for _, t := range pl.stations {
		st, routes := decodeStation(t, unit, len(pl.products) > 0)
		st.Failures = pl.decodeFailures(t, unit)
		st.PM = pl.decodePM(t, unit)
		pl.decodeStationShift(t, &st)
		pl.decodeOperators(t, &st, unit)
		st.Setup = decodeSetup(t, unit)
		st.Quality = decodeQuality(t)
		st.Assembly = decodeAssembly(t, pl.model.Products)
		if b, ok := t.integer("batch"); ok {
			if b < 1 {
				t.bad("batch", "batch must be >= 1, got %d", b)
			} else if st.Buffer != sim.Unlimited && int(b) > st.Buffer {
				t.bad("batch", "batch (%d) must fit in the buffer (%d): the machine starts only with a whole batch waiting", b, st.Buffer)
			}
			st.Batch = int(b)
		}
		st.Dispatch = decodeDispatch(t)
		st.Consumes = decodeConsumes(t, pl.model.Materials)
		pl.model.Stations = append(pl.model.Stations, st)
		pl.routes = append(pl.routes, routes)
	}
	for i, t := range pl.sources {
		if t.has("rope") {
			pl.decodeRope(t, &pl.model.Sources[i], unit)
		}
	}
	pl.model.Transporters = pl.decodeTransporters(unit, nodes)
	pl.decodeKanbans()
	decodeCosts(root, pl, cd)
	for _, t := range pl.sinks {
		t.known("name", "base_stock", "demand", "lost_sales")
		name, _ := t.m["name"].(string) // checked by names
		pl.model.Sinks = append(pl.model.Sinks, sim.Sink{Name: name, Store: decodeStore(t, unit)})
	}
	if len(pl.sources) == 0 && ok[0] {
		root.bad("", "no [[source]]: a scenario needs at least one source")
	}
	if len(pl.sinks) == 0 && ok[2] {
		root.bad("", "no [[sink]]: a scenario needs at least one sink")
	}
	if ok[3] {
		var names []string
		for _, c := range pl.model.Crews {
			names = append(names, c.Name)
		}
		checkRefs("crew", names, pl.crewRefs)
	}
	if ok[4] {
		var names []string
		for _, s := range pl.model.Shifts {
			names = append(names, s.Name)
		}
		checkRefs("shift", names, pl.shiftRefs)
	}
	if ok == [7]bool{true, true, true, true, true, true, true} {
		// With a malformed element list, names would seem to be missing.
		pl.resolve(nodes)
		pl.resolveRework(nodes)
		if pl.resolveProducts(nodes) {
			pl.checkReach()
		}
		pl.resolveTransport()
	}
	pl.decodeConveyors(unit, nodes, ok == [7]bool{true, true, true, true, true, true, true})
	return pl.model
}

// decodeSource reads one [[source]]; inlineOrders says [[order]] tables
// release from it.
func decodeSource(t *table, unit string, inlineOrders bool) sim.Source {
	t.known("name", "to", "interarrival", "arrivals", "saturated", "conwip", "rope", "mix", "orders", "pull")
	so := sim.Source{}
	so.Name, _ = t.m["name"].(string) // checked by names
	if to, ok := t.str("to"); ok {
		so.To = to
	} else if !t.has("to") && !t.has("mix") { // a mix may release at its routes' first station
		t.missing("to", "to is missing: which station does it feed?")
	}
	var given []string
	if t.has("interarrival") {
		given = append(given, "interarrival")
		so.Kind = sim.Open
		if d, ok := t.dist("interarrival", unit); ok && !(d.Mean() > 0) {
			t.bad("interarrival", "interarrival: %s has mean 0: parts would arrive without end at one instant; the mean time between arrivals must be > 0", d)
		} else {
			so.Interarrival = d
		}
	}
	if t.has("arrivals") {
		given = append(given, "arrivals")
		so.Kind = sim.Open
		so.Arrivals = decodeArrivals(t, unit)
	}
	if sat, ok := t.boolean("saturated"); sat || !ok && t.has("saturated") {
		given = append(given, "saturated")
		so.Kind = sim.Saturated
	}
	if t.has("conwip") {
		given = append(given, "conwip")
		so.Kind = sim.CONWIP
		if w, ok := t.integer("conwip"); ok && w < 1 {
			t.bad("conwip", "conwip must be >= 1, got %d", w)
		} else if t.countAtMost("conwip", w, sim.MaxInPlant, whyInPlant) {
			so.WIP = int(w)
		}
	}
	if t.has("rope") {
		given = append(given, "rope")
		so.Kind = sim.Rope
	}
	if name, ok := t.str("pull"); ok {
		given = append(given, "pull")
		so.Kind, so.Store = sim.Pull, name
	}
	if t.has("orders") || inlineOrders && len(given) == 0 {
		given = append(given, "orders")
		so.Kind = sim.OrderBook
	}
	switch {
	case len(given) == 0:
		t.bad("", "needs one of interarrival = \"exp(…)\", arrivals = [{ during = …, rate = … }], saturated = true, conwip = N, rope = { station = …, parts = N }, pull = \"STORE\" or orders = \"FILE.csv\"")
	case len(given) > 1:
		t.bad(given[1], "give only one of interarrival, arrivals, saturated, conwip, rope and pull, not %s and %s", given[0], given[1])
	}
	return so
}

// decodeStation reads one [[station]] and its routes as written.
func decodeStation(t *table, unit string, hasProducts bool) (sim.Station, []route) {
	t.known("name", "machines", "process", "buffer", "to", "move", "failures", "pm", "shift", "at_shift_end", "operators", "load", "setup", "dispatch", "yield", "rework", "batch", "assemble", "output", "cost", "consumes", "by")
	st := sim.Station{Machines: 1, Buffer: sim.Unlimited}
	st.Name, _ = t.m["name"].(string) // checked by names
	if n, ok := t.integer("machines"); ok {
		if n < 1 {
			t.bad("machines", "machines must be >= 1, got %d", n)
		}
		t.countAtMost("machines", n, sim.MaxMachines, whyMachines)
		st.Machines = int(n)
	}
	if d, ok := t.dist("process", unit); ok {
		st.Process = d
	} else if !t.has("process") {
		t.missing("process", "process is missing: how long does one part take, e.g. process = \"exp(1.5)\"?")
	}
	if b, ok := t.integer("buffer"); ok {
		if b < 0 {
			t.bad("buffer", "buffer must be >= 0, got %d", b)
		}
		st.Buffer = int(b)
	}
	routes := decodeRoutes(t, unit, hasProducts)
	move, _ := t.dist("move", unit)
	by, _ := t.str("by")
	for _, r := range routeBy(t, routes, move, by) {
		st.Routes = append(st.Routes, sim.Route{To: r.to, P: r.p, Move: r.move, By: r.by})
	}
	return st, routes
}

// decodeRoutes reads "to": a name, or a split of { station|sink = "x", p = … }.
func decodeRoutes(t *table, unit string, hasProducts bool) []route {
	v, ok := t.m["to"]
	if !ok {
		if !hasProducts { // with products, routes may be all there is
			t.missing("to", "to is missing: where do finished parts go?")
		}
		return nil
	}
	if x, ok := v.(string); ok {
		return []route{{to: x, p: 1, line: t.line("to")}}
	}
	items, ok := list(v)
	if !ok {
		t.typeError("to", `a name, or a split like [{ station = "a", p = 0.7 }, { station = "b", p = 0.3 }]`, v)
		return nil
	}
	if len(items) == 0 {
		t.bad("to", "to: a split needs at least one branch")
		return nil
	}
	return decodeSplit(t, items, unit)
}

// decodeSplit reads the branches of a probabilistic split.
func decodeSplit(t *table, items []any, unit string) []route {
	var routes []route
	sum, sumOK := 0.0, true
	for i, item := range items {
		line := t.ps.lines.item(joinPath(t.path, "to"), i)
		m, ok := item.(map[string]any)
		if !ok {
			t.ps.add(line, t.element, "to", "to #%d must be a table like { station = \"a\", p = 0.5 }, got %s", i+1, describe(item))
			sumOK = false
			continue
		}
		b := &table{ps: t.ps, m: m, element: t.element, prefix: fmt.Sprintf("to #%d: ", i+1), at: line}
		r, ok := decodeBranch(b, unit)
		sumOK = sumOK && ok
		sum += r.p
		routes = append(routes, r)
	}
	if sumOK && math.Abs(sum-1) > 1e-9 {
		t.bad("to", "to: probabilities sum to %s, not 1", approx(sum))
	}
	return routes
}

// decodeBranch reads one { station|sink = "x", p = … }; ok reports whether
// its probability is valid.
func decodeBranch(b *table, unit string) (route, bool) {
	b.known("station", "sink", "p", "move", "by")
	r := route{line: b.at, invalid: true}
	r.move, _ = b.dist("move", unit)
	r.by, _ = b.str("by")
	st, isSt := b.str("station")
	sk, isSk := b.str("sink")
	switch {
	case isSt && isSk:
		b.bad("sink", "give station or sink, not both")
	case isSt:
		r.to, r.kind, r.invalid = st, "station", false
	case isSk:
		r.to, r.kind, r.invalid = sk, "sink", false
	case !b.has("station") && !b.has("sink"):
		b.bad("", "needs station = \"name\" or sink = \"name\"")
	}
	p, ok := b.number("p")
	switch {
	case !ok && !b.has("p"):
		b.missing("p", "p is missing: the probability of this branch")
	case ok && !(p >= 0 && p <= 1):
		b.bad("p", "p must be between 0 and 1, got %v", p)
		ok = false
	}
	r.p, r.badP = p, !ok
	return r, ok
}
