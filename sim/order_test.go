package sim

import (
	"fmt"
	"math"
	"testing"
)

// jobShopBook is one machine and five single-part orders released at time
// 0, each its own product with a constant processing time (Pinedo,
// Scheduling, ch. 3): J0 (p 1) starts at once, the others queue and the
// dispatch rule picks among them.
//
//	order  p  due
//	J0     1  100
//	J1     3    6
//	J2     1    2
//	J3     2    9
//	J4     4    8
func jobShopBook(rule Dispatch) *Model {
	jobs := []struct {
		p, due float64
	}{{1, 100}, {3, 6}, {1, 2}, {2, 9}, {4, 8}}
	m := &Model{Name: "book", Sinks: []Sink{{Name: "out"}},
		Stations: []Station{{Name: "m", Machines: 1, Process: constD(1), Buffer: Unlimited, Routes: to("out"), Dispatch: rule}}}
	src := Source{Name: "book", To: "m", Kind: OrderBook}
	for i, j := range jobs {
		name := fmt.Sprintf("J%d", i)
		m.Products = append(m.Products, Product{Name: name, Process: map[string]Dist{"m": constD(j.p)}})
		src.Orders = append(src.Orders, Order{Name: name, Product: name, Quantity: 1, Due: j.due})
	}
	m.Sources = []Source{src}
	return m
}

// TestOrderBookRules checks the hand-computed sequences: after J0, EDD runs
// J2, J1, J4, J3 (completions 2, 5, 9, 11): maximum lateness 2, the least
// possible (Jackson's rule); SPT runs J2, J3, J1, J4 (2, 4, 7, 11): mean flow
// time (1+2+4+7+11)/5 = 5, the least possible (Smith's rule); FIFO runs J1,
// J2, J3, J4 (4, 5, 7, 11): maximum lateness 3, mean flow time 5.6.
func TestOrderBookRules(t *testing.T) {
	r := Run{Horizon: 50, Replications: 2, Seed: 1, Confidence: 0.95}
	for _, c := range []struct {
		rule           Dispatch
		maxLate, mflow float64
		onTime         float64
	}{{EDD, 2, 5.6, 3.0 / 5}, {SPT, 3, 5, 3.0 / 5}, {FIFO, 3, 5.6, 3.0 / 5}} {
		s := runExp(t, jobShopBook(c.rule), r)
		o := s.Orders
		exact(t, c.rule.String()+" max lateness", o.MaxLateness.Mean, c.maxLate)
		exact(t, c.rule.String()+" mean flow time", o.MeanFlow.Mean, c.mflow)
		exact(t, c.rule.String()+" completed", o.Completed.Mean, 1)
		exact(t, c.rule.String()+" makespan", o.Makespan.Mean, 11)
		exact(t, c.rule.String()+" on time", o.OnTime.Mean, c.onTime)
	}
}

// TestOrderWithoutDueDate: an order without a due date (J0 here) counts
// for completion, flow time and makespan, and is neither on time nor late.
// FIFO completes J0..J4 at 1, 4, 5, 7, 11; the lateness of J1..J4 is −2,
// 3, −2, 3: on time 2 of 4, mean lateness 0.5, maximum 3, mean tardiness
// 1.5; mean flow time (1+4+5+7+11)/5 = 5.6 over all five.
func TestOrderWithoutDueDate(t *testing.T) {
	m := jobShopBook(FIFO)
	m.Sources[0].Orders[0].Due = math.Inf(1)
	s := runExp(t, m, Run{Horizon: 50, Replications: 2, Seed: 1, Confidence: 0.95})
	o := s.Orders
	exact(t, "on time", o.OnTime.Mean, 0.5)
	exact(t, "mean lateness", o.MeanLateness.Mean, 0.5)
	exact(t, "max lateness", o.MaxLateness.Mean, 3)
	exact(t, "mean tardiness", o.MeanTardiness.Mean, 1.5)
	exact(t, "mean flow time", o.MeanFlow.Mean, 5.6)
	exact(t, "makespan", o.Makespan.Mean, 11)
	exact(t, "completed", o.Completed.Mean, 1)
	if !math.IsNaN(o.List[0].Lateness.Mean) {
		t.Errorf("J0's lateness = %v, want NaN (no due date)", o.List[0].Lateness.Mean)
	}
}

// TestOrderBookIncomplete: orders still in work at the horizon count as not
// complete, and the makespan is then undefined.
func TestOrderBookIncomplete(t *testing.T) {
	s := runExp(t, jobShopBook(FIFO), Run{Horizon: 6, Replications: 1, Seed: 1, Confidence: 0.95})
	exact(t, "complete share", s.Orders.Completed.Mean, 3.0/5) // J0 at 1, J1 at 4, J2 at 5
	if !math.IsNaN(s.Orders.Makespan.Mean) {
		t.Errorf("makespan %v, want NaN", s.Orders.Makespan.Mean)
	}
}
