package scenarios

import "github.com/takt-sim/takt/sim"

// Costs in a scenario: the plant-wide [costs] table and cost keys on
// stations, crews and products. Any of them makes the plant costed; every
// amount is a number >= 0 in the scenario's money (takt knows no currency).
// Rates are per hour, per week or per day as their keys say, whatever the
// time_unit; they are converted to the time unit here.
//
//	[costs]
//	material = 4.0      # per part released, for parts of no product (or one without material_cost)
//	price = 25.0        # per good part reaching a sink, ditto (revenue)
//	scrap = 2.0         # per part scrapped, on top of its material
//	holding = 0.05      # per part in the plant per hour (WIP holding)
//	lateness = 500      # per order per day of tardiness
//	overtime = 1.5      # default overtime factor of the crews (default 1.5)
//
//	[[station]]
//	cost = { running = 60, idle = 10, down = 80, fixed = 500, setup = 40 }
//	# per machine-hour running (busy or setup), idle (starved, blocked,
//	# waiting for operators or material), down (down, waiting for a crew,
//	# maintenance); fixed per machine per week; setup per setup. Off-shift
//	# time costs only the fixed cost.
//
//	[[crew]]
//	cost_per_hour = 35  # per member per scheduled hour (the crew's shift; all hours without one)
//	overtime = 1.5      # factor for time at work outside the shift
//
//	[[product]]
//	material_cost = 12  # per part released
//	price = 80          # per good part

// hoursPer is the number of hours in one time unit.
func hoursPer(unit string) float64 {
	u, _ := lookupUnit(unit)
	return u.seconds / 3600
}

// money reads a non-negative amount at key.
func (t *table) money(key string) (float64, bool) {
	x, ok := t.number(key)
	if ok && x < 0 {
		t.bad(key, "%s must be >= 0, got %s", key, approx(x))
		return 0, false
	}
	return x, ok
}

// costDecoder converts a scenario's money keys; costed records whether any
// was given.
type costDecoder struct {
	hours  float64 // hours per time unit
	costed bool
}

// perHour reads an amount per hour at key as an amount per time unit.
func (d *costDecoder) perHour(t *table, key string) float64 {
	x, ok := t.money(key)
	d.costed = d.costed || t.has(key)
	if !ok {
		return 0
	}
	return x * d.hours
}

// each reads an amount per event (a part, a setup) at key.
func (d *costDecoder) each(t *table, key string) float64 {
	x, _ := t.money(key)
	d.costed = d.costed || t.has(key)
	return x
}

// plantCosts reads [costs]; the overtime factor is the crews' default.
func (d *costDecoder) plantCosts(root *table) (*sim.Costs, float64) {
	c := &sim.Costs{Week: 168 / d.hours}
	overtime := 1.5
	t := root.sub("costs", "costs")
	if t == nil {
		return c, overtime
	}
	d.costed = true
	t.known("material", "price", "scrap", "holding", "lateness", "overtime")
	c.Material, c.Revenue, c.Scrap = d.each(t, "material"), d.each(t, "price"), d.each(t, "scrap")
	c.Holding = d.perHour(t, "holding")
	c.Lateness = d.each(t, "lateness") / 24 * d.hours
	if x, ok := t.money("overtime"); ok {
		overtime = x
	}
	return c, overtime
}

// stationCost reads a station's cost = { running, idle, down, fixed, setup }.
func (d *costDecoder) stationCost(t *table) sim.MachineCost {
	sub := t.sub("cost", t.element)
	if sub == nil {
		return sim.MachineCost{}
	}
	sub.prefix, sub.at = "cost: ", t.line("cost")
	sub.known("running", "idle", "down", "fixed", "setup")
	d.costed = true
	return sim.MachineCost{Running: d.perHour(sub, "running"), Idle: d.perHour(sub, "idle"),
		Down: d.perHour(sub, "down"), Fixed: d.perHour(sub, "fixed") / 168, Setup: d.each(sub, "setup")}
}

// decodeCosts reads [costs] and the cost keys of the elements into m; m's
// Costs stay nil when the scenario has none.
func decodeCosts(root *table, pl *plant, d *costDecoder) {
	costs, overtime := d.plantCosts(root)
	m := pl.model
	for i, t := range pl.stations {
		if i < len(m.Stations) {
			m.Stations[i].Cost = d.stationCost(t)
		}
	}
	for i, t := range pl.crews {
		if i >= len(m.Crews) {
			continue
		}
		lc := sim.LabourCost{Rate: d.perHour(t, "cost_per_hour"), Overtime: overtime}
		if x, ok := t.money("overtime"); ok {
			lc.Overtime = x
		}
		m.Crews[i].Cost = lc
	}
	for i, t := range pl.products {
		if i >= len(m.Products) {
			continue
		}
		p := &m.Products[i]
		p.Material, p.Revenue = costs.Material, costs.Revenue
		if t.has("material_cost") {
			p.Material = d.each(t, "material_cost")
		}
		if t.has("price") {
			p.Revenue = d.each(t, "price")
		}
	}
	if !d.costed {
		for i := range m.Crews {
			m.Crews[i].Cost = sim.LabourCost{} // no default overtime factor in a plant without costs
		}
		return
	}
	m.Costs = costs
}
