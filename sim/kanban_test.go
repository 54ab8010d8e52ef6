package sim

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/takt-sim/takt/sim/stats"
	"github.com/takt-sim/takt/sim/theory"
)

// perRep is the estimate of f over the replications of s.
func perRep(s *Summary, f func(*Replication) float64) stats.Estimate {
	xs := make([]float64, len(s.Replications))
	for i, r := range s.Replications {
		xs[i] = f(r)
	}
	return stats.NewEstimate(xs, s.Confidence)
}

// kanbanLine is a saturated source feeding a → b → out, exponential with
// means ta and tb, unlimited buffers, with a kanban loop of n cards over
// the given stations.
func kanbanLine(ta, tb float64, n int, loop ...string) *Model {
	return &Model{Name: "kanban",
		Sources:  []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{stationU("a", 1, expD(ta), "b"), stationU("b", 1, expD(tb), "out")},
		Sinks:    []Sink{{Name: "out"}},
		Kanbans:  []Kanban{{Name: "loop", Stations: loop, Cards: n}}}
}

// TestKanbanClosedNetwork checks a loop over both stations of a line
// against exact mean value analysis. With saturated raw material and the
// sink withdrawing at once, the N cards circulate as the customers of a
// closed network of two exponential single-server stations: a card waits
// (free) until a can start a part, then travels with it through a and b
// and is free again when the part leaves. MVA (Reiser & Lavenberg 1980,
// theory.MVA) gives the throughput and the mean number at each station:
// at a, the free cards plus the part in process; at b, its buffer plus
// the part in process.
func TestKanbanClosedNetwork(t *testing.T) {
	for n := 1; n <= 5; n++ {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			s := runExp(t, kanbanLine(1, 1.5, n, "a", "b"), testRun(4000, 200, 8))
			th, _, q := theory.MVA([]float64{1, 1.5}, n)
			within(t, "throughput", s.Throughput, th)
			within(t, "withdrawals", s.Kanbans[0].Withdrawals, th)
			within(t, "cards at a (free + in process)", perRep(s, func(r *Replication) float64 {
				return r.Kanbans[0].FreeCards + r.Stations[0].Utilization
			}), q[0])
			within(t, "parts at b", perRep(s, func(r *Replication) float64 {
				return r.Stations[1].Queue + r.Stations[1].Utilization
			}), q[1])
			// Every card is free or with a part in the plant.
			within(t, "WIP = cards in use", perRep(s, func(r *Replication) float64 {
				return r.WIP - r.Kanbans[0].CardsInUse
			}), 0)
			exact(t, "a starved (raw material is saturated)", s.Stations[0].States[Starved].Mean, 0)
			checkLittle(t, s)
			checkCardLittle(t, s, 0)
		})
	}
}

// checkCardLittle checks Little's law for the cards of loop k: cards in
// use = withdrawals × time a card is in use.
func checkCardLittle(t *testing.T, s *Summary, k int) {
	t.Helper()
	within(t, "cards in use − withdrawals × card time (Little)", perRep(s, func(r *Replication) float64 {
		kr := r.Kanbans[k]
		return kr.CardsInUse - kr.Withdrawals*kr.CardTime
	}), 0)
}

// TestKanbanSupermarket checks a loop over a alone, withdrawn by station
// b, against the exact birth–death chain. The part a finished holds its
// card in b's buffer (the supermarket) until b starts it. With saturated
// raw material, let y be the parts finished by a and not yet finished by
// b (b's buffer plus its part in process): a works while y ≤ N (a card is
// free or with a's own part), b while y ≥ 1, so y is a birth–death chain
// on 0 … N+1 with rates 1/ta and 1/tb, πy ∝ ρʸ, ρ = tb/ta, and
//
//	TH           = (1 − π0) / tb
//	supermarket  = Σ (y − 1) πy, y ≥ 1
//	waiting_card = π(N+1)     (a idle: every card in the supermarket)
func TestKanbanSupermarket(t *testing.T) {
	const n, ta, tb = 3, 1.0, 1.25
	rho := tb / ta
	pi := make([]float64, n+2)
	sum := 0.0
	for y := range pi {
		pi[y] = math.Pow(rho, float64(y))
		sum += pi[y]
	}
	market := 0.0
	for y := range pi {
		pi[y] /= sum
		if y >= 1 {
			market += float64(y-1) * pi[y]
		}
	}
	s := runExp(t, kanbanLine(ta, tb, n, "a"), testRun(4000, 200, 8))
	within(t, "throughput", s.Throughput, (1-pi[0])/tb)
	within(t, "supermarket", s.Kanbans[0].Supermarket, market)
	within(t, "b's buffer is the supermarket", perRep(s, func(r *Replication) float64 {
		return r.Stations[1].Queue - r.Kanbans[0].Supermarket
	}), 0)
	within(t, "waiting_card at a", s.Kanbans[0].WaitingCard, pi[n+1])
	within(t, "a's state waiting_card", s.Stations[0].States[WaitingCard], pi[n+1])
	checkLittle(t, s)
	checkCardLittle(t, s, 0)
}

// TestKanbanUnlimitedIsPush checks that a loop with more cards than parts
// can ever be in it changes nothing: an open line with a kanban loop of
// MaxInPlant cards gives bit-identical results to the same line without.
func TestKanbanUnlimitedIsPush(t *testing.T) {
	line := func(kanban bool) *Model {
		m := &Model{Name: "push",
			Sources: []Source{open("a", expD(1.2))},
			Stations: []Station{{Name: "a", Machines: 2, Process: expD(2), Buffer: 3, Routes: to("b")},
				{Name: "b", Machines: 1, Process: expD(1), Buffer: 2, Routes: to("out")}},
			Sinks: []Sink{{Name: "out"}}}
		if kanban {
			m.Kanbans = []Kanban{{Name: "loop", Stations: []string{"a"}, Cards: MaxInPlant}}
		}
		return m
	}
	r := testRun(2000, 100, 3)
	push, pull := runExp(t, line(false), r), runExp(t, line(true), r)
	for i := range push.Replications {
		a, b := *push.Replications[i], *pull.Replications[i]
		if b.Kanbans[0].FreeCards < MaxInPlant-10 {
			t.Errorf("replication %d: %v free cards on average, want nearly all", i, b.Kanbans[0].FreeCards)
		}
		b.Kanbans = nil
		x, _ := a.MarshalBinary()
		y, _ := b.MarshalBinary()
		if string(x) != string(y) {
			t.Errorf("replication %d: results differ with unlimited cards: throughput %v vs %v", i, a.Throughput, b.Throughput)
		}
	}
}

// cardCount follows the cards of every loop through the trace and keeps
// the most in use at once, per loop and per product.
type cardCount struct {
	inUse, most map[string]int
	product     map[int64]string // of each part
	held        map[int64]string // the product of the card each part holds
}

func newCardCount() *cardCount {
	return &cardCount{inUse: map[string]int{}, most: map[string]int{}, product: map[int64]string{}, held: map[int64]string{}}
}

func (c *cardCount) MachineState(float64, string, int, State) {}
func (c *cardCount) Level(float64, string, int)               {}
func (c *cardCount) PartProduct(_ float64, part int64, product string) {
	c.product[part] = product
}
func (c *cardCount) PartEvent(_ float64, part int64, ev PartEventKind, element string) {
	switch ev {
	case PartCard:
		key := element + "/" + c.product[part]
		c.held[part] = key
		for _, k := range []string{element, key} {
			c.inUse[k]++
			c.most[k] = max(c.most[k], c.inUse[k])
		}
	case PartCardFreed:
		c.inUse[element]--
		c.inUse[c.held[part]]--
	}
}

// TestKanbanMultiStage checks a two-stage kanban line from the trace: a
// loop over a, withdrawn by b, then a loop over b and c, withdrawn by the
// sink. The cards in use never exceed the cards, and every loop uses all
// of them at some time (the line is saturated, and c is the slowest
// station). Conservation and Little's law hold for the plant and for the
// cards of each loop, and the throughput is at most c's rate.
func TestKanbanMultiStage(t *testing.T) {
	m := &Model{Name: "kanban line",
		Sources: []Source{{Name: "raw", To: "a", Kind: Saturated}},
		Stations: []Station{stationU("a", 1, expD(1), "b"), stationU("b", 1, expD(1), "c"),
			stationU("c", 1, expD(1.2), "out")},
		Sinks: []Sink{{Name: "out"}},
		Kanbans: []Kanban{{Name: "ka", Stations: []string{"a"}, Cards: 2},
			{Name: "kbc", Stations: []string{"b", "c"}, Cards: 3}}}
	tr := newCardCount()
	p, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Trace(context.Background(), testRun(3000, 0, 1), 0, tr); err != nil {
		t.Fatal(err)
	}
	for _, k := range m.Kanbans {
		if tr.most[k.Name] != k.Cards {
			t.Errorf("loop %s: at most %d cards in use, want %d", k.Name, tr.most[k.Name], k.Cards)
		}
	}
	s := runExp(t, m, testRun(3000, 200, 5))
	checkLittle(t, s)
	for k := range m.Kanbans {
		checkCardLittle(t, s, k)
	}
	if s.Throughput.Mean > 1/1.2 {
		t.Errorf("throughput %v above the slowest station's rate %v", s.Throughput.Mean, 1/1.2)
	}
}

// TestKanbanPerProduct checks cards per product: a saturated source
// makes the product whose card has been free the longest. With A = 2 and
// B = 1 cards over a, withdrawn in production order by the slower b, the
// cards take turns A, B, A, A, B, A, … so A gets 2/3 of the throughput,
// within a part or two; from the trace, no product ever has more cards in
// use than it owns, and each uses all of its own.
func TestKanbanPerProduct(t *testing.T) {
	m := &Model{Name: "per product",
		Products: []Product{{Name: "A"}, {Name: "B"}},
		Sources:  []Source{{Name: "raw", To: "a", Kind: Saturated, Mix: []Share{{"A", 0.5}, {"B", 0.5}}}},
		Stations: []Station{stationU("a", 1, expD(1), "b"), stationU("b", 1, expD(1.2), "out")},
		Sinks:    []Sink{{Name: "out"}},
		Kanbans:  []Kanban{{Name: "loop", Stations: []string{"a"}, ProductCards: []ProductCards{{"A", 2}, {"B", 1}}}}}
	tr := newCardCount()
	p, err := Compile(m)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Trace(context.Background(), testRun(3000, 0, 1), 0, tr)
	if err != nil {
		t.Fatal(err)
	}
	if tr.most["loop/A"] != 2 || tr.most["loop/B"] != 1 {
		t.Errorf("most cards in use: A %d, B %d; want 2 and 1", tr.most["loop/A"], tr.most["loop/B"])
	}
	a, b := res.Products[0].Completed, res.Products[1].Completed
	if d := a - 2*b; d < -2 || d > 2 {
		t.Errorf("completed A %d, B %d: want A = 2B within a part", a, b)
	}
}

// TestKanbanPerProductBuffer checks that a part waits in the buffer while
// its product has no free card and others pass it: an open source of A
// and B parts in front of a loop with one card each, withdrawn by the
// sink at once. Each product's parts then see a single-server queue of
// their own (a serves one A and one B at a time with two machines), so
// per product the loop is an M/M/1 with arrival rate λ/2.
func TestKanbanPerProductBuffer(t *testing.T) {
	m := &Model{Name: "per product buffer",
		Products: []Product{{Name: "A"}, {Name: "B"}},
		Sources:  []Source{{Name: "src", To: "a", Kind: Open, Interarrival: expD(1), Mix: []Share{{"A", 0.5}, {"B", 0.5}}}},
		Stations: []Station{stationU("a", 2, expD(1.25), "out")},
		Sinks:    []Sink{{Name: "out"}},
		Kanbans:  []Kanban{{Name: "loop", Stations: []string{"a"}, ProductCards: []ProductCards{{"A", 1}, {"B", 1}}}}}
	s := runExp(t, m, testRun(6000, 300, 8))
	// M/M/1, λ = 1/2, service 1.25: cycle time 1.25 / (1 − 0.625).
	for k := range 2 {
		within(t, m.Products[k].Name+" cycle time", s.Products[k].CycleTime, 1.25/(1-0.625))
	}
	checkLittle(t, s)
	checkCardLittle(t, s, 0)
}

// TestKanbanWithFailures checks the bookkeeping of a loop whose first
// station fails on the calendar clock, so that machines waiting for a card
// fail too: two machines, an open source, a loop of 3 cards over a and b
// withdrawn by the sink, and a second loop of 2 cards over c fed from a
// finite buffer. States sum to 1, parts are conserved, Little's law holds
// for the plant and for the cards of each loop, and a's machines spend
// time in waiting_card.
func TestKanbanWithFailures(t *testing.T) {
	m := &Model{Name: "kanban failures",
		Sources: []Source{open("a", expD(1.1))},
		Stations: []Station{
			{Name: "a", Machines: 2, Process: expD(1.2), Buffer: Unlimited, Routes: to("b"),
				Failures: []Failure{{Name: "jam", TTF: expD(15), TTR: expD(2), Basis: Calendar}}},
			stationU("b", 1, expD(0.6), "c"),
			{Name: "c", Machines: 1, Process: expD(0.5), Buffer: 1, Routes: to("out")}},
		Sinks: []Sink{{Name: "out"}},
		Kanbans: []Kanban{{Name: "ab", Stations: []string{"a", "b"}, Cards: 3},
			{Name: "kc", Stations: []string{"c"}, Cards: 2}}}
	s := runExp(t, m, testRun(3000, 200, 5))
	checkLittle(t, s)
	checkCardLittle(t, s, 0)
	checkCardLittle(t, s, 1)
	if !(s.Stations[0].States[WaitingCard].Mean > 0) {
		t.Errorf("a never waited for a card")
	}
}
