package stats

import "math"

// TimeWeighted accumulates the time average of a piecewise-constant level,
// such as the number of parts in a buffer:
//
//	mean = ∫ x(t) dt / (now − start)
//
// It stores no history; Reset starts a new observation window (the end of
// the warm-up).
type TimeWeighted struct {
	start, last float64 // window start; time of the last change
	value       float64 // current level
	area        float64 // ∫ x dt over [start, last]
}

// Set changes the level to v at time now.
func (t *TimeWeighted) Set(now, v float64) {
	t.area += t.value * (now - t.last)
	t.last = now
	t.value = v
}

// Add changes the level by dv at time now.
func (t *TimeWeighted) Add(now, dv float64) { t.Set(now, t.value+dv) }

// Value is the current level.
func (t *TimeWeighted) Value() float64 { return t.value }

// Reset discards the area accumulated so far and starts a window at now,
// keeping the current level.
func (t *TimeWeighted) Reset(now float64) {
	t.area, t.start, t.last = 0, now, now
}

// Mean is the time average of the level over [start, now]; NaN for an empty
// window.
func (t *TimeWeighted) Mean(now float64) float64 {
	if now <= t.start {
		return math.NaN()
	}
	return (t.area + t.value*(now-t.last)) / (now - t.start)
}

// Tally accumulates the count, mean and variance of observations with
// Welford's online algorithm (Knuth TAOCP vol. 2, 4.2.2).
type Tally struct {
	n    int64
	mean float64
	m2   float64
}

// Add records one observation.
func (t *Tally) Add(x float64) {
	t.n++
	d := x - t.mean
	t.mean += d / float64(t.n)
	t.m2 += d * (x - t.mean)
}

// Reset forgets every observation.
func (t *Tally) Reset() { *t = Tally{} }

// N is the number of observations.
func (t *Tally) N() int64 { return t.n }

// Mean is the sample mean; NaN without observations.
func (t *Tally) Mean() float64 {
	if t.n == 0 {
		return math.NaN()
	}
	return t.mean
}

// Variance is the unbiased sample variance; NaN with fewer than two
// observations.
func (t *Tally) Variance() float64 {
	if t.n < 2 {
		return math.NaN()
	}
	return t.m2 / float64(t.n-1)
}

// Merge adds the observations of o to t (Chan, Golub & LeVeque's pairwise
// update), as if they had been added one by one.
func (t *Tally) Merge(o *Tally) {
	if o.n == 0 {
		return
	}
	n := t.n + o.n
	d := o.mean - t.mean
	t.mean += d * float64(o.n) / float64(n)
	t.m2 += o.m2 + d*d*float64(t.n)*float64(o.n)/float64(n)
	t.n = n
}
