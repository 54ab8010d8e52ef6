package sim

import (
	"math"

	"github.com/takt-sim/takt/sim/stats"
)

// Costs are the plant-wide money rates of a model; a model without them
// (Model.Costs nil) is not costed, and pays nothing for it during a run.
// Every rate is in money per the model's time unit (package scenarios
// converts the file's per-hour and per-day rates). The machines' and crews'
// own rates are on Station.Cost and Crew.Cost, the products' on Product.
type Costs struct {
	// Week is the length of a week in the time unit, for the profit per week.
	Week float64
	// Material is the cost of a part released by a source, and Revenue the
	// price of a good part reaching a sink, for parts of no product (a
	// product has its own: Product.Material, Product.Revenue).
	Material, Revenue float64
	// Scrap is the cost of a part scrapped, on top of its material.
	Scrap float64
	// Holding is the cost of one part in the plant for one time unit.
	Holding float64
	// Lateness is the penalty of an order per time unit of tardiness.
	Lateness float64
}

// MachineCost is what one machine of a station costs. Running, Idle and
// Down are per time unit in those states, Fixed per time unit whatever the
// state (a fixed cost per week spread over the week), Setup per setup.
// Off-shift time costs only Fixed.
//
//	running = busy + setup
//	idle    = starved + blocked + waiting_operator + starved_material + waiting_card
//	down    = down + waiting_crew + maintenance
type MachineCost struct {
	Running, Idle, Down, Fixed float64
	Setup                      float64
}

// LabourCost is what one member of a crew costs: Rate per time unit of the
// crew's scheduled time (its shift; all the time without one), and Rate ×
// Overtime per time unit at work outside it (a task finished after the
// shift's end).
type LabourCost struct {
	Rate, Overtime float64
}

// CostCategory is one line of a plant's cost breakdown.
type CostCategory int

const (
	CostRunning  CostCategory = iota // machine time running (busy or in setup)
	CostIdle                         // machine time idle (starved, blocked, waiting for operators)
	CostDown                         // machine time down, waiting for a crew or in maintenance
	CostFixed                        // fixed machine cost
	CostLabour                       // crews' scheduled time
	CostOvertime                     // crews' time at work outside their shift
	CostSetup                        // setups
	CostMaterial                     // parts released
	CostScrap                        // parts scrapped
	CostHolding                      // parts in the plant (WIP holding)
	CostLateness                     // orders' tardiness
	CostStock                        // raw material on hand (holding)
	CostOrdering                     // raw material orders placed
	// NumCostCategories is the number of categories.
	NumCostCategories
)

var costNames = [NumCostCategories]string{"machine_running", "machine_idle", "machine_down", "machine_fixed",
	"labour", "overtime", "setup", "material", "scrap", "wip_holding", "lateness", "stock_holding", "ordering"}

// String is the category's name in the output: "machine_running", "labour", ….
func (c CostCategory) String() string { return costNames[c] }

// CostCategories lists every category in output order.
func CostCategories() []CostCategory {
	cs := make([]CostCategory, NumCostCategories)
	for i := range cs {
		cs[i] = CostCategory(i)
	}
	return cs
}

// stateCost is the cost category of machine time in each state; −1 for
// none (off shift).
var stateCost = [NumStates]CostCategory{
	Busy: CostRunning, InSetup: CostRunning,
	Starved: CostIdle, Blocked: CostIdle, WaitingOperator: CostIdle, StarvedMaterial: CostIdle, WaitingCard: CostIdle,
	WaitingTransport: CostIdle, Down: CostDown, WaitingCrew: CostDown, Maintenance: CostDown,
	OffShift: -1,
}

// rate is the machine cost per time unit of category c.
func (mc MachineCost) rate(c CostCategory) float64 {
	switch c {
	case CostRunning:
		return mc.Running
	case CostIdle:
		return mc.Idle
	case CostDown:
		return mc.Down
	}
	return 0
}

// costs computes the replication's cost breakdown from what it measured,
// after everything else in res: the cost of each category over the window
// divided by its length, the revenue likewise, and the profit per week.
//
//	machine c  = Σ stations  Σ states s in c  fraction(s) · machines · window · rate(c)
//	labour     = Σ crews size · scheduled time · rate
//	overtime   = Σ crews member-time at work off shift · rate · overtime factor
//	material   = parts released in the window · material cost (per product)
//	revenue    = good parts reaching a sink in the window · price (per product)
//	holding    = WIP · window · holding rate
//	lateness   = Σ orders tardiness · penalty (orders complete in the window,
//	             or incomplete and past due at the horizon: their tardiness so far)
func (pl *plant) costs(res *Replication, window float64) {
	c := pl.model.Costs
	if c == nil {
		return
	}
	k := make([]float64, NumCostCategories)
	for i, st := range pl.stations {
		sr, mc := &res.Stations[i], st.spec.Cost
		machineTime := window * float64(len(st.machines))
		for s, cat := range stateCost {
			if cat >= 0 {
				k[cat] += sr.States[s] * machineTime * mc.rate(cat)
			}
		}
		k[CostFixed] += machineTime * mc.Fixed
		k[CostSetup] += float64(sr.Setups) * mc.Setup
		k[CostScrap] += float64(sr.Scrapped) * c.Scrap
	}
	for _, cr := range pl.crews {
		lc, scheduled := cr.spec.Cost, window
		if cr.calendar != nil {
			scheduled = cr.calendar.OnTime(pl.run.Warmup, pl.end)
		}
		k[CostLabour] += float64(cr.spec.Size) * scheduled * lc.Rate
		k[CostOvertime] += cr.overtime.Mean(pl.end) * window * lc.Rate * lc.Overtime
	}
	released, completed := pl.entered-pl.enteredAtWarmup, res.Completed
	revenue := 0.0
	for _, pr := range pl.products {
		k[CostMaterial] += float64(pr.entered) * pr.spec.Material
		revenue += float64(pr.completed) * pr.spec.Revenue
		released, completed = released-pr.entered, completed-pr.completed
	}
	k[CostMaterial] += float64(released) * c.Material
	revenue += float64(completed) * c.Revenue
	k[CostHolding] = res.WIP * window * c.Holding
	k[CostLateness] = c.Lateness * pl.tardiness()
	for _, mr := range res.Materials {
		k[CostStock] += mr.HoldingCost * window
		k[CostOrdering] += mr.OrderingCost * window
	}
	total := 0.0
	for i := range k {
		k[i] /= window
		total += k[i]
	}
	res.Costs, res.Revenue = k, revenue/window
	res.ProfitPerWeek = (res.Revenue - total) * c.Week
}

// tardiness is the orders' total tardiness charged to the window: that of
// the orders completed in it, and of those incomplete at the end, the
// time they are past due so far.
func (pl *plant) tardiness() float64 {
	sum := 0.0
	for _, o := range pl.orders {
		switch c := o.completion; {
		case math.IsNaN(c):
			sum += math.Max(0, pl.end-o.spec.Due)
		case c > pl.run.Warmup:
			sum += math.Max(0, c-o.spec.Due)
		}
	}
	return sum
}

// TotalCost is the replication's cost per time unit, all categories; NaN
// for a model without costs.
func (r *Replication) TotalCost() float64 {
	if r.Costs == nil {
		return math.NaN()
	}
	sum := 0.0
	for _, x := range r.Costs {
		sum += x
	}
	return sum
}

// CostPerPart is the cost per good part reaching a sink:
//
//	cost per part = total cost per time unit / throughput
//
// NaN without costs (and +Inf without parts).
func (r *Replication) CostPerPart() float64 { return r.TotalCost() / r.Throughput }

// Profit is the profit per week (revenue − cost); NaN without costs.
func (r *Replication) Profit() float64 {
	if r.Costs == nil {
		return math.NaN()
	}
	return r.ProfitPerWeek
}

// Cost is the cost per time unit of category c; NaN without costs.
func (r *Replication) Cost(c CostCategory) float64 {
	if r.Costs == nil {
		return math.NaN()
	}
	return r.Costs[c]
}

// RevenueRate is the revenue per time unit; NaN without costs.
func (r *Replication) RevenueRate() float64 {
	if r.Costs == nil {
		return math.NaN()
	}
	return r.Revenue
}

// CostSummary summarises a plant's costs over the replications: the cost
// per time unit of each category and in total, the revenue per time unit,
// the cost per good part and the profit per week (Week time units).
type CostSummary struct {
	Categories                      [NumCostCategories]stats.Estimate
	Total, Revenue, PerPart, Profit stats.Estimate
	Week                            float64
}

func summarizeCosts(c *Costs, col func(func(*Replication) float64) stats.Estimate) *CostSummary {
	s := &CostSummary{Week: c.Week, Total: col((*Replication).TotalCost), Revenue: col((*Replication).RevenueRate),
		PerPart: col((*Replication).CostPerPart), Profit: col((*Replication).Profit)}
	for _, k := range CostCategories() {
		s.Categories[k] = col(func(r *Replication) float64 { return r.Cost(k) })
	}
	return s
}
