package sim

import (
	"math"

	"github.com/fschuetz04/simgo"
	"github.com/takt-sim/takt/sim/stats"
)

// Policy is how a material's stock is replenished.
type Policy int

const (
	// ReorderQuantity (s, Q): when the inventory position falls to the
	// reorder point s or below, order Q (as many times as it takes to bring
	// the position above s).
	ReorderQuantity Policy = iota
	// OrderUpTo (s, S): when the position falls to s or below, order up to S.
	OrderUpTo
	// PeriodicReview (R, S): every Review time units (from time 0), order up
	// to S if the position is below it.
	PeriodicReview
)

var policyNames = [...]string{"sQ", "sS", "RS"}

// String is the policy's scenario keyword.
func (p Policy) String() string { return policyNames[p] }

// Material is a raw material held in stock and consumed by stations
// (Station.Consumes), replenished from a supplier after a lead time.
//
//	inventory position = on hand + on order − demand waiting for stock
//
// A part's materials are taken all at once when a machine starts it; if
// any is short the machine waits, starved_material, and the demand is
// backordered: served first come, first served as orders arrive.
type Material struct {
	Name     string
	Initial  int // units on hand at time 0
	Policy   Policy
	Reorder  int     // s, of (s, Q) and (s, S)
	Quantity int     // Q, of (s, Q)
	UpTo     int     // S, of (s, S) and (R, S)
	Review   float64 // R, of (R, S), in time units
	LeadTime Dist    // supplier lead time of an order
	// Holding is the cost of a unit on hand per time unit, Ordering the
	// cost of an order placed; used when Model.Costs is set.
	Holding, Ordering float64
}

// Use is a material a station's machines take per part.
type Use struct {
	Material string
	Count    int
}

// MaterialResult is one material's results in one replication.
type MaterialResult struct {
	MeanStock float64 // time-average units on hand
	Demands   int64   // parts that asked for it in the window
	StockOuts int64   // of them, those that had to wait for stock
	FillRate  float64 // share served at once from stock; NaN without demand
	Orders    int64   // orders placed in the window
	// HoldingCost and OrderingCost are per time unit (0 without costs).
	HoldingCost, OrderingCost float64
}

// MaterialSummary summarises one material over the replications: mean
// stock (units), fill rate (share of parts served at once), and per
// replication the stock-outs (parts that waited), orders and demands.
type MaterialSummary struct {
	Name                                            string
	MeanStock, FillRate, StockOuts, Orders, Demands stats.Estimate
}

// materialRun is a Material in one replication.
type materialRun struct {
	spec     *Material
	pl       *plant
	lead     Sampler
	onHand   int
	position int            // on hand + on order − backorders
	waiting  fifo[*machine] // machines waiting for this material, FIFO
	onReview simgo.Handler

	stock             stats.TimeWeighted // units on hand
	demands, stockOut int64
	orders            int64
}

// stationUse is a station's consumption bound to the running materials.
type stationUse struct {
	mat   *materialRun
	count int
}

func newMaterialRun(pl *plant, spec *Material, lead Sampler) *materialRun {
	r := &materialRun{spec: spec, pl: pl, lead: lead, onHand: spec.Initial, position: spec.Initial}
	r.stock.Set(0, float64(spec.Initial))
	r.onReview = r.review
	return r
}

// start schedules the periodic reviews, or checks the reorder point once.
func (r *materialRun) start() {
	if r.spec.Policy == PeriodicReview {
		r.review(nil)
		return
	}
	r.reorder(0)
}

// review orders up to S and schedules the next review.
func (r *materialRun) review(*simgo.Event) {
	now := r.pl.sim.Now()
	if r.position < r.spec.UpTo {
		r.order(r.spec.UpTo-r.position, now)
	}
	if now+r.spec.Review < r.pl.run.Horizon {
		r.pl.timeout(r.spec.Review).AddHandler(r.onReview)
	}
}

// reorder applies a continuous-review policy after the position fell.
func (r *materialRun) reorder(now float64) {
	s := r.spec
	switch s.Policy {
	case ReorderQuantity:
		for r.position <= s.Reorder {
			r.order(s.Quantity, now)
		}
	case OrderUpTo:
		if r.position <= s.Reorder {
			r.order(s.UpTo-r.position, now)
		}
	}
}

// order places an order of q units, which arrives after a lead time.
func (r *materialRun) order(q int, now float64) {
	r.position += q
	r.orders++
	r.pl.timeout(r.lead.Rand()).AddHandler(func(*simgo.Event) { r.arrive(q, r.pl.sim.Now()) })
}

// arrive puts q units in stock and serves the machines waiting, first
// come, first served, as long as the first one's materials are all there.
func (r *materialRun) arrive(q int, now float64) {
	r.onHand += q
	r.stock.Set(now, float64(r.onHand))
	for r.waiting.len() > 0 {
		m := r.waiting.at(0)
		short := m.st.uses.short(m)
		if short == r {
			return
		}
		r.waiting.pop()
		if short != nil { // waits on to another material now
			short.waiting.push(m)
			continue
		}
		m.st.uses.consume(m, now)
		m.afterMaterials(now)
	}
}

// take removes n units from stock at now.
func (r *materialRun) take(n int, now float64) {
	r.onHand -= n
	r.stock.Set(now, float64(r.onHand))
}

func (r *materialRun) reset(now float64) {
	r.stock.Reset(now)
	r.demands, r.stockOut, r.orders = 0, 0, 0
}

func (r *materialRun) result(end, window float64) MaterialResult {
	res := MaterialResult{MeanStock: r.stock.Mean(end), Demands: r.demands, StockOuts: r.stockOut,
		Orders: r.orders, FillRate: math.NaN()}
	if r.demands > 0 {
		res.FillRate = 1 - float64(r.stockOut)/float64(r.demands)
	}
	if r.pl.model.Costs != nil {
		res.HoldingCost = res.MeanStock * r.spec.Holding
		res.OrderingCost = float64(r.orders) * r.spec.Ordering / window
	}
	return res
}

// uses are what a station's machines take per part; nil for none.
type uses []stationUse

// short is the first material of which m's part (or batch) lacks units, or
// that earlier demand is waiting for; nil when all are there.
func (us uses) short(m *machine) *materialRun {
	n := 1 + len(m.batch)
	for _, u := range us {
		if u.mat.onHand < u.count*n {
			return u.mat
		}
	}
	return nil
}

// demand records that m's part asks for its materials now, lowering the
// inventory positions (and ordering by the policies), and takes them if
// they are all there and nobody waits before it; otherwise m waits,
// starved_material, and false is returned.
func (us uses) demand(m *machine, now float64) bool {
	n := 1 + len(m.batch)
	var blocked *materialRun
	for _, u := range us {
		u.mat.demands++
		u.mat.position -= u.count * n
		if blocked == nil && (u.mat.waiting.len() > 0 || u.mat.onHand < u.count*n) {
			blocked = u.mat
		}
	}
	for _, u := range us {
		u.mat.reorder(now)
	}
	if blocked == nil {
		us.consume(m, now)
		return true
	}
	for _, u := range us {
		u.mat.stockOut++
	}
	m.set(StarvedMaterial, now)
	blocked.waiting.push(m)
	return false
}

// consume takes m's materials from stock.
func (us uses) consume(m *machine, now float64) {
	n := 1 + len(m.batch)
	for _, u := range us {
		u.mat.take(u.count*n, now)
	}
}

// withdraw takes m off the waiting list it is on (an outage or the end of
// a shift interrupts the wait; its demand stays on the books).
func (us uses) withdraw(m *machine) {
	for _, u := range us {
		u.mat.waiting.remove(m, func(a, b *machine) bool { return a == b })
	}
}

// retry takes m's materials after an outage, or queues m again.
func (us uses) retry(m *machine, now float64) {
	if short := us.short(m); short != nil {
		m.set(StarvedMaterial, now)
		short.waiting.push(m)
		return
	}
	us.consume(m, now)
	m.afterMaterials(now)
}

// materials indexes the raw materials and checks them and their uses.
func (c *compiler) materials() {
	c.p.materialIndex = map[string]int{}
	for i, mt := range c.m.Materials {
		c.add("material", mt.Name)
		c.p.materialIndex[mt.Name] = i
		bad := func(format string, args ...any) { c.bad("material %q: "+format, append([]any{mt.Name}, args...)...) }
		if mt.Initial < 0 || mt.Initial > MaxInPlant {
			bad("initial stock must be between 0 and %d, got %d", MaxInPlant, mt.Initial)
		}
		if mt.LeadTime == nil {
			bad("lead time is missing")
		}
		switch mt.Policy {
		case ReorderQuantity:
			if mt.Quantity < 1 || mt.Quantity > MaxInPlant {
				bad("(s, Q): quantity must be between 1 and %d, got %d", MaxInPlant, mt.Quantity)
			}
		case OrderUpTo:
			if mt.UpTo <= mt.Reorder || mt.UpTo > MaxInPlant {
				bad("(s, S): order-up-to level %d must exceed the reorder point %d (and be at most %d)", mt.UpTo, mt.Reorder, MaxInPlant)
			}
		case PeriodicReview:
			if !(mt.Review > 0) || mt.UpTo < 1 || mt.UpTo > MaxInPlant {
				bad("(R, S): review period must be > 0 and order-up-to level between 1 and %d", MaxInPlant)
			}
		default:
			bad("unknown policy %v", mt.Policy)
		}
		if mt.Reorder < -MaxInPlant || mt.Reorder > MaxInPlant {
			bad("reorder point must be between %d and %d, got %d", -MaxInPlant, MaxInPlant, mt.Reorder)
		}
	}
	for _, st := range c.m.Stations {
		for _, u := range st.Consumes {
			if _, ok := c.p.materialIndex[u.Material]; !ok {
				c.bad("station %q: consumes: %q is not a material", st.Name, u.Material)
			}
			if u.Count < 1 || u.Count > MaxInPlant {
				c.bad("station %q: consumes: %q: count must be between 1 and %d, got %d", st.Name, u.Material, MaxInPlant, u.Count)
			}
		}
	}
}
