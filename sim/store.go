package sim

import (
	"math"

	"github.com/fschuetz04/simgo"
	"github.com/takt-sim/takt/sim/stats"
)

// Store makes a sink a finished-goods store run to a base stock (make to
// stock): it holds BaseStock units at time 0; customers take one unit
// each, one every Demand time units. A demand met from stock, or (with
// backorders) one that waits for a unit, authorises the Pull source that
// names the store to release one part: production replaces what was
// taken. A part reaching the store serves the oldest waiting demand, or
// goes on the shelf. With LostSales, a demand that finds the shelf empty is
// lost and authorises nothing.
//
//	stock − backorders = BaseStock − parts in production
type Store struct {
	BaseStock int
	Demand    Dist
	LostSales bool
}

// StoreResult is a store's results in one replication.
type StoreResult struct {
	Demands    int64   // customer demands in the window
	FillRate   float64 // share of them met from stock at once; NaN without demand
	Lost       int64   // demands lost (with LostSales)
	MeanStock  float64 // time-average units on the shelf
	Backorders float64 // time-average demands waiting
	// Wait is the mean time a demand waited for its unit, 0 for those met
	// at once (lost ones not counted); NaN without demand.
	Wait float64
}

// StoreSummary summarises one store over the replications.
type StoreSummary struct {
	Name                                        string
	FillRate, Backorders, Wait, MeanStock, Lost stats.Estimate
}

// storeRun is a Store in one replication.
type storeRun struct {
	spec     *Store
	pl       *plant
	src      *source // the Pull source it authorises; nil for none
	demand   Sampler
	onDemand simgo.Handler
	onHand   int
	waiting  fifo[float64] // times of the demands waiting

	stock, backorders stats.TimeWeighted
	wait              stats.Tally
	demands, filled   int64
	lost              int64
}

func newStoreRun(pl *plant, spec *Store, demand Sampler) *storeRun {
	r := &storeRun{spec: spec, pl: pl, demand: demand, onHand: spec.BaseStock}
	r.stock.Set(0, float64(spec.BaseStock))
	r.onDemand = r.arrive
	return r
}

func (r *storeRun) start() { r.pl.timeout(r.demand.Rand()).AddHandler(r.onDemand) }

// arrive is a customer's demand for one unit.
func (r *storeRun) arrive(*simgo.Event) {
	now := r.pl.sim.Now()
	r.demands++
	switch {
	case r.onHand > 0:
		r.onHand--
		r.stock.Set(now, float64(r.onHand))
		r.filled++
		r.wait.Add(0)
		r.authorise(now)
	case r.spec.LostSales:
		r.lost++
	default:
		r.waiting.push(now)
		r.backorders.Set(now, float64(r.waiting.len()))
		r.authorise(now)
	}
	r.start()
}

// authorise lets the Pull source release one part.
func (r *storeRun) authorise(now float64) {
	if r.src != nil {
		r.src.release(now)
	}
}

// put receives a finished part: it serves the oldest waiting demand or
// goes on the shelf.
func (r *storeRun) put(now float64) {
	if r.waiting.len() > 0 {
		r.wait.Add(now - r.waiting.pop())
		r.backorders.Set(now, float64(r.waiting.len()))
		return
	}
	r.onHand++
	r.stock.Set(now, float64(r.onHand))
}

func (r *storeRun) reset(now float64) {
	r.stock.Reset(now)
	r.backorders.Reset(now)
	r.wait.Reset()
	r.demands, r.filled, r.lost = 0, 0, 0
}

func (r *storeRun) result(end float64) StoreResult {
	res := StoreResult{Demands: r.demands, Lost: r.lost, MeanStock: r.stock.Mean(end),
		Backorders: r.backorders.Mean(end), Wait: r.wait.Mean(), FillRate: math.NaN()}
	if r.demands > 0 {
		res.FillRate = float64(r.filled) / float64(r.demands)
	}
	return res
}
