package sim

import (
	"math"
	"sort"

	"github.com/fschuetz04/simgo"
)

// Order asks for Quantity parts of a Product, released into the plant at
// Release and due at Due (+Inf for none). Priority, when not 0, overrides
// the product's for the priority dispatch rule.
type Order struct {
	Name     string
	Product  string
	Quantity int
	Release  float64
	Due      float64
	Priority int
}

// orderRun is an Order in one replication.
type orderRun struct {
	spec       *Order
	prod       *productRun
	left       int     // parts not yet out of the plant
	completion float64 // time the last part left, NaN until then
}

// orderBook releases a source's orders: one event per distinct release
// time, none per part.
type orderBook struct {
	s         *source
	orders    []*orderRun // by release time, then file order
	next      int
	onRelease simgo.Handler
}

func newOrderBook(s *source, orders []*orderRun) *orderBook {
	sort.SliceStable(orders, func(i, j int) bool { return orders[i].spec.Release < orders[j].spec.Release })
	b := &orderBook{s: s, orders: orders}
	b.onRelease = b.release
	return b
}

// start schedules the first release.
func (b *orderBook) start() {
	if len(b.orders) > 0 {
		b.s.pl.timeout(b.orders[0].spec.Release).AddHandler(b.onRelease)
	}
}

// release releases every order due for release now and schedules the next
// release time.
func (b *orderBook) release(*simgo.Event) {
	now := b.s.pl.sim.Now()
	for b.next < len(b.orders) && b.orders[b.next].spec.Release <= now {
		o := b.orders[b.next]
		b.next++
		for range o.spec.Quantity {
			if b.s.pl.err != nil {
				return // a limit was reached: the replication stops
			}
			p := b.s.pl.newPart(b.s)
			p.prod, p.order, p.due = o.prod, o, o.spec.Due
			if b.s.pl.tracer != nil {
				b.s.pl.traceProduct(now, p)
			}
			b.s.offer(p, now)
		}
	}
	if b.next < len(b.orders) {
		b.s.pl.timeout(b.orders[b.next].spec.Release - now).AddHandler(b.onRelease)
	}
}

// partLeft records that one of the order's parts left the plant, good or
// scrap, and says whether the order is now complete: the last one has.
func (o *orderRun) partLeft(now float64) bool {
	o.left--
	if o.left == 0 {
		o.completion = now
		return true
	}
	return false
}

// OrderResult is one order's outcome in one replication; NaN times for an
// order not complete at the horizon, and NaN lateness and tardiness for an
// order without a due date.
type OrderResult struct {
	Completion float64 // time its last part left the plant
	Flow       float64 // completion − release
	Lateness   float64 // completion − due (negative when early)
	Tardiness  float64 // max(0, lateness)
}

func (o *orderRun) result() OrderResult {
	c := o.completion
	late := c - o.spec.Due
	if math.IsInf(o.spec.Due, 1) {
		late = math.NaN() // no due date: neither on time nor late
	}
	return OrderResult{Completion: c, Flow: c - o.spec.Release, Lateness: late, Tardiness: math.Max(0, late)}
}
