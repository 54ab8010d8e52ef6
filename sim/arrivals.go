package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Arrivals is a demand that changes over the week: a non-homogeneous
// Poisson process whose rate is piecewise constant. At time t (time 0 is
// Monday 00:00; the pattern repeats every Week) the rate is that of the
// first window whose intervals hold t mod Week, and 0 outside every window.
type Arrivals struct {
	Week    float64
	Windows []RateWindow
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
