package sim

import (
	"math"
	"testing"
)

// oneRep runs one replication of m over [0, horizon] with the given warm-up.
func oneRep(t *testing.T, m *Model, horizon, warmup float64) *Summary {
	t.Helper()
	return runExp(t, m, Run{Horizon: horizon, Warmup: warmup, Replications: 1, Seed: 1, Confidence: 0.95})
}

// wantCosts checks every category of the first replication against want
// (per time unit; categories not named are 0), its revenue and the derived
// figures.
func wantCosts(t *testing.T, s *Summary, want map[CostCategory]float64, revenue float64) {
	t.Helper()
	r := s.Replications[0]
	if r.Costs == nil {
		t.Fatal("no costs")
	}
	total := 0.0
	for _, c := range CostCategories() {
		exact(t, c.String(), r.Costs[c], want[c])
		total += want[c]
	}
	exact(t, "revenue", r.Revenue, revenue)
	exact(t, "total", s.Costs.Total.Mean, total)
	exact(t, "cost per part", s.Costs.PerPart.Mean, total/r.Throughput)
	exact(t, "profit per week", s.Costs.Profit.Mean, (revenue-total)*s.Costs.Week)
}

// TestCostsLine: parts arrive every hour at a machine that takes half an
// hour, window (10.25, 110.25]. In the window 100 parts are released (at
// 11 … 110) and 100 finish (10.5 … 109.5); the machine is busy 0.25 (the
// part of t = 10) + 99 · 0.5 + 0.25 (the part of t = 110) = 50 hours and
// idle 50; the WIP is the busy fraction, 0.5. Per hour:
//
//	running   50 · 60 / 100            = 30
//	idle      50 · 10 / 100            = 5
//	fixed     100 · 5 / 100            = 5
//	labour    2 members · 100 · 30 / 100 = 60
//	material  100 · 3 / 100            = 3
//	holding   0.5 · 2                  = 1
//	revenue   100 · 20 / 100           = 20
func TestCostsLine(t *testing.T) {
	m := &Model{Name: "costed line", Sources: []Source{open("cut", constD(1))},
		Stations: []Station{stationU("cut", 1, constD(0.5), "done")},
		Sinks:    []Sink{{Name: "done"}},
		Crews:    []Crew{{Name: "team", Size: 2, Cost: LabourCost{Rate: 30, Overtime: 1.5}}},
		Costs:    &Costs{Week: 168, Material: 3, Revenue: 20, Holding: 2}}
	m.Stations[0].Cost = MachineCost{Running: 60, Idle: 10, Down: 99, Fixed: 5}
	s := oneRep(t, m, 110.25, 10.25)
	exact(t, "throughput", s.Throughput.Mean, 1)
	wantCosts(t, s, map[CostCategory]float64{CostRunning: 30, CostIdle: 5, CostFixed: 5, CostLabour: 60,
		CostMaterial: 3, CostHolding: 1}, 20)
}

// TestCostsDown: a saturated machine (process 0.7) fails after every 4
// hours of operation and is repaired in 1: over [0, 100] it runs 80 hours
// and is down 20. Per hour: running 80 · 60 / 100 = 48, down 20 · 50 / 100
// = 10.
func TestCostsDown(t *testing.T) {
	m := saturatedMachine(1, 0.7, []Failure{{Name: "jam", TTF: constD(4), TTR: constD(1)}}, nil, nil)
	m.Stations[0].Cost = MachineCost{Running: 60, Idle: 10, Down: 50}
	m.Costs = &Costs{Week: 168}
	wantCosts(t, oneRep(t, m, 100, 0), map[CostCategory]float64{CostRunning: 48, CostDown: 10}, 0)
}

// TestCostsOvertime: one operator, on shift [0, 5) of every 10 hours, runs
// a saturated machine (process 2) and finishes the part in hand when the
// shift ends: parts at 0–2, 2–4, 4–6, then from 10 again. Over [0, 20] the
// operator is scheduled 10 hours and works 2 of them past the shift's end
// (5–6, 15–16); the machine runs 12 hours, and waits for the operator 8.
// Per hour:
//
//	labour    1 · 10 · 30 / 20      = 15
//	overtime  2 · 30 · 1.5 / 20     = 4.5
//	running   12 · 60 / 20          = 36
//	idle      8 · 10 / 20           = 4
func TestCostsOvertime(t *testing.T) {
	cal, err := NewCalendar(10, [][2]float64{{0, 5}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := saturatedMachine(1, 2, nil, nil, []Crew{{Name: "op", Size: 1, Shift: "day", Cost: LabourCost{Rate: 30, Overtime: 1.5}}})
	m.Shifts = []Shift{{Name: "day", Calendar: cal}}
	m.Stations[0].Operators = &Operators{Crews: []string{"op"}, Count: 1}
	m.Stations[0].Cost = MachineCost{Running: 60, Idle: 10}
	m.Costs = &Costs{Week: 10}
	s := oneRep(t, m, 20, 0)
	exact(t, "throughput", s.Throughput.Mean, 6.0/20)
	wantCosts(t, s, map[CostCategory]float64{CostLabour: 15, CostOvertime: 4.5, CostRunning: 36, CostIdle: 4}, 0)
}

// TestCostsOrders: an order book of two products on one machine (process
// 1, setup 0.5 between products): P, P at 0–1, 1–2, setup 2–2.5, Q, Q at
// 2.5–3.5, 3.5–4.5. Order P (due 3) is on time, order Q (due 3) 1.5 late;
// an order R (due 15) released at 20 is incomplete at the horizon 10 and
// not yet due. Over [0, 10], per time unit:
//
//	running   (4 + 0.5) · 8 / 10   = 3.6
//	setup     1 · 7 / 10           = 0.7
//	material  (2 · 2 + 2 · 3) / 10 = 1
//	lateness  1.5 · 4 / 10         = 0.6
//	revenue   (2 · 10 + 2 · 15) / 10 = 5
func TestCostsOrders(t *testing.T) {
	m := &Model{Name: "book", Sinks: []Sink{{Name: "out"}},
		Stations: []Station{{Name: "m", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: to("out"),
			Setup: &Setup{Time: constD(0.5)}, Cost: MachineCost{Running: 8, Setup: 7}}},
		Products: []Product{{Name: "P", Material: 2, Revenue: 10}, {Name: "Q", Material: 3, Revenue: 15}},
		Sources: []Source{{Name: "book", To: "m", Kind: OrderBook, Orders: []Order{
			{Name: "p", Product: "P", Quantity: 2, Due: 3}, {Name: "q", Product: "Q", Quantity: 2, Due: 3},
			{Name: "r", Product: "Q", Quantity: 1, Release: 20, Due: 15}}}},
		Costs: &Costs{Week: 168, Lateness: 4, Material: 1000, Revenue: 1000}}
	wantCosts(t, oneRep(t, m, 10, 0), map[CostCategory]float64{CostRunning: 3.6, CostSetup: 0.7, CostMaterial: 1, CostLateness: 0.6}, 5)
	// Released at 9.5 and due at 5, R is in process at the horizon: it
	// pays its tardiness so far, 10 − 5.
	m.Sources[0].Orders[2].Release, m.Sources[0].Orders[2].Due = 9.5, 5
	s := oneRep(t, m, 10, 0)
	exact(t, "lateness with r started", s.Replications[0].Costs[CostLateness], (1.5+5)*4/10)
}

// TestCostsScrap: the scrap cost is the station's scrapped parts times the
// rate, per time unit, and a part's material is paid whether it ends good
// or scrap.
func TestCostsScrap(t *testing.T) {
	m := saturatedMachine(1, 1, nil, nil, nil)
	m.Stations[0].Quality = &Quality{Yield: 0.8}
	m.Costs = &Costs{Week: 168, Scrap: 5, Material: 1}
	s := oneRep(t, m, 100, 0)
	r := s.Replications[0]
	if r.Stations[0].Scrapped == 0 {
		t.Fatal("no scrap")
	}
	exact(t, "scrap", r.Costs[CostScrap], float64(r.Stations[0].Scrapped)*5/100)
	exact(t, "material", r.Costs[CostMaterial], float64(r.Entered)/100)
}

// TestNoCosts: a plant without costs has none, and its cost KPIs are NaN.
func TestNoCosts(t *testing.T) {
	s := oneRep(t, saturatedMachine(1, 1, nil, nil, nil), 10, 0)
	if r := s.Replications[0]; r.Costs != nil || s.Costs != nil || !math.IsNaN(r.CostPerPart()) || !math.IsNaN(r.Profit()) {
		t.Errorf("costs %v, summary %v, per part %v, profit %v", r.Costs, s.Costs, r.CostPerPart(), r.Profit())
	}
}
