package sim

import (
	"math"
	"sort"
)

// P2 estimates one quantile of a stream of observations in constant memory
// with the P² algorithm of Jain & Chlamtac (CACM 28(10), 1985): five markers
// whose heights follow a piecewise-parabolic fit of the distribution. Before
// the fifth observation the estimate is the exact sample quantile.
type P2 struct {
	p     float64
	n     int64
	q     [5]float64 // marker heights
	pos   [5]float64 // actual marker positions (1-based)
	want  [5]float64 // desired positions
	delta [5]float64 // increments of the desired positions
}

// NewP2 returns an estimator of the p-quantile, 0 < p < 1.
func NewP2(p float64) P2 {
	return P2{p: p, delta: [5]float64{0, p / 2, p, (1 + p) / 2, 1}}
}

// Reset forgets every observation.
func (e *P2) Reset() { *e = NewP2(e.p) }

// Add records one observation.
func (e *P2) Add(x float64) {
	if e.n < 5 {
		e.q[e.n] = x
		e.n++
		if e.n == 5 {
			sort.Float64s(e.q[:])
			p := e.p
			e.pos = [5]float64{1, 2, 3, 4, 5}
			e.want = [5]float64{1, 1 + 2*p, 1 + 4*p, 3 + 2*p, 5}
		}
		return
	}
	e.n++
	var k int
	switch {
	case x < e.q[0]:
		e.q[0], k = x, 0
	case x >= e.q[4]:
		if x > e.q[4] {
			e.q[4] = x
		}
		k = 3
	default:
		for k = 0; k < 3 && x >= e.q[k+1]; k++ {
		}
	}
	for i := k + 1; i < 5; i++ {
		e.pos[i]++
	}
	for i := range e.want {
		e.want[i] += e.delta[i]
	}
	for i := 1; i < 4; i++ {
		e.adjust(i)
	}
}

// adjust moves marker i by one position when it is off its desired position.
func (e *P2) adjust(i int) {
	d := e.want[i] - e.pos[i]
	if !((d >= 1 && e.pos[i+1]-e.pos[i] > 1) || (d <= -1 && e.pos[i-1]-e.pos[i] < -1)) {
		return
	}
	s := math.Copysign(1, d)
	q := e.parabolic(i, s)
	if !(e.q[i-1] < q && q < e.q[i+1]) {
		j := i + int(s)
		q = e.q[i] + s*(e.q[j]-e.q[i])/(e.pos[j]-e.pos[i])
	}
	e.q[i] = q
	e.pos[i] += s
}

func (e *P2) parabolic(i int, s float64) float64 {
	n0, n1, n2 := e.pos[i-1], e.pos[i], e.pos[i+1]
	return e.q[i] + s/(n2-n0)*((n1-n0+s)*(e.q[i+1]-e.q[i])/(n2-n1)+
		(n2-n1-s)*(e.q[i]-e.q[i-1])/(n1-n0))
}

// Value is the current estimate; NaN without observations.
func (e *P2) Value() float64 {
	switch {
	case e.n == 0:
		return math.NaN()
	case e.n < 5:
		s := append([]float64(nil), e.q[:e.n]...)
		sort.Float64s(s)
		// nearest rank
		r := int(math.Ceil(e.p*float64(e.n))) - 1
		return s[max(r, 0)]
	}
	return e.q[2]
}
