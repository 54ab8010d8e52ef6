package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/fschuetz04/simgo"
)

// Arrivals is a demand that changes over the week: a non-homogeneous
// Poisson process whose rate is piecewise constant, and batches delivered
// at fixed instants. At time t (time 0 is Monday 00:00; the pattern repeats
// every Week) the rate is that of the first window whose intervals hold t
// mod Week, and 0 outside every window.
type Arrivals struct {
	Week    float64
	Windows []RateWindow
	// Batches are deliveries of several parts at once on a weekly
	// schedule (trucks, lots from another plant).
	Batches []Batch
}

// Batch is a delivery of Parts parts at each of the instants At of the
// week (in [0, Week)).
type Batch struct {
	At    []float64
	Parts int
}

// RateWindow is a rate, in parts per time unit, during intervals [from, to)
// of the week (to may pass Week, running over Sunday midnight).
type RateWindow struct {
	On   [][2]float64
	Rate float64
}

// rate is the arrival rate at time t.
func (a *Arrivals) rate(t float64) float64 {
	r := t - math.Floor(t/a.Week)*a.Week
	for _, w := range a.Windows {
		for _, x := range w.On {
			if r >= x[0] && r < x[1] || x[1] > a.Week && r < x[1]-a.Week {
				return w.Rate
			}
		}
	}
	return 0
}

// MeanRate is the rate averaged over a week,
//
//	Λ(Week) / Week = ∫₀^Week λ(t) dt / Week,
//
// integrated exactly over the pieces where λ is constant.
func (a *Arrivals) MeanRate() float64 {
	cuts := []float64{0, a.Week}
	for _, w := range a.Windows {
		for _, x := range w.On {
			for _, c := range []float64{x[0], x[1], x[1] - a.Week} {
				if c > 0 && c < a.Week {
					cuts = append(cuts, c)
				}
			}
		}
	}
	slices.Sort(cuts)
	sum := 0.0
	for i := 1; i < len(cuts); i++ {
		if l := cuts[i] - cuts[i-1]; l > 0 {
			sum += a.rate((cuts[i]+cuts[i-1])/2) * l
		}
	}
	for _, b := range a.Batches {
		sum += float64(b.Parts * len(b.At))
	}
	return sum / a.Week
}

// check reports what makes the pattern unusable.
func (a *Arrivals) check() error {
	if !(a.Week > 0) || math.IsInf(a.Week, 0) {
		return fmt.Errorf("arrivals: the week must be > 0")
	}
	for _, w := range a.Windows {
		if !(w.Rate >= 0) || math.IsInf(w.Rate, 0) {
			return fmt.Errorf("arrivals: a rate must be >= 0 and finite, got %v", w.Rate)
		}
	}
	for _, b := range a.Batches {
		if b.Parts < 1 || b.Parts > MaxInPlant {
			return fmt.Errorf("arrivals: a batch must have 1 to %d parts, got %d", MaxInPlant, b.Parts)
		}
		for _, t := range b.At {
			if !(t >= 0 && t < a.Week) {
				return fmt.Errorf("arrivals: a batch instant must be within the week, got %v", t)
			}
		}
	}
	if !(a.MeanRate() > 0) {
		return fmt.Errorf("arrivals: the rate is 0 all week: no part would ever arrive")
	}
	return nil
}

// maxRate is the largest rate of any window.
func (a *Arrivals) maxRate() float64 {
	m := 0.0
	for _, w := range a.Windows {
		m = math.Max(m, w.Rate)
	}
	return m
}

// thinning draws the arrivals of a pattern by thinning (Lewis & Shedler
// 1979): candidates of a Poisson process at the largest rate λmax, each
// kept with probability λ(t)/λmax.
type thinning struct {
	a    *Arrivals
	r    *rand.Rand
	lmax float64
}

func newThinning(a *Arrivals, r *rand.Rand) *thinning {
	return &thinning{a: a, r: r, lmax: a.maxRate()}
}

// next is the time from now to the next arrival.
func (th *thinning) next(now float64) float64 {
	t := now
	for {
		t += th.r.ExpFloat64() / th.lmax
		if th.r.Float64()*th.lmax < th.a.rate(t) {
			return t - now
		}
	}
}

// deliveries releases a source's batches: one event per distinct instant
// of the week, each releasing the parts of every batch due then.
type deliveries struct {
	s     *source
	at    []float64 // distinct instants of the week, ascending
	parts []int     // parts delivered at each
	week  float64
	k     int     // next instant
	base  float64 // start of the current week
}

func newDeliveries(s *source, a *Arrivals) *deliveries {
	n := map[float64]int{}
	for _, b := range a.Batches {
		for _, t := range b.At {
			n[t] += b.Parts
		}
	}
	d := &deliveries{s: s, week: a.Week}
	for t := range n {
		d.at = append(d.at, t)
	}
	slices.Sort(d.at)
	for _, t := range d.at {
		d.parts = append(d.parts, n[t])
	}
	return d
}

// schedule waits for the next delivery.
func (d *deliveries) schedule(now float64) {
	d.s.pl.timeout(d.base + d.at[d.k] - now).AddHandler(d.deliver)
}

// deliver releases the parts due now, in arrival order behind any the
// source still holds, and waits for the next delivery.
func (d *deliveries) deliver(*simgo.Event) {
	s := d.s
	now := s.pl.sim.Now()
	for range d.parts[d.k] {
		s.offer(s.pl.newPart(s), now)
	}
	if d.k++; d.k == len(d.at) {
		d.k, d.base = 0, d.base+d.week
	}
	d.schedule(now)
}
