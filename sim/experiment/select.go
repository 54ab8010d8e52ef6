package experiment

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/takt-sim/takt/sim"
)

// select_ runs Kim & Nelson's procedure KN on the candidates, with common
// random numbers, on fresh replications (the selection stage):
//
//	η  = ½ [ (2α/(k−1))^(−2/(n₀−1)) − 1 ],   h² = 2η(n₀−1)
//	S²ᵢₗ = sample variance of Xᵢ − Xₗ over the first n₀ replications
//	Wᵢₗ(r) = max(0, δ/(2r) · (h² S²ᵢₗ / δ² − r))
//
// after r replications, design i is eliminated when X̄ᵢ(r) < X̄ₗ(r) − Wᵢₗ(r)
// for some surviving l; the procedure stops when one design is left (Kim &
// Nelson, ACM TOMACS 11(3), 2001, §2). Candidates whose first-stage means
// miss a Bound are set aside before it starts.
func (e *evaluator) select_(ctx context.Context, o *Optimization, cands []*Design) error {
	o.Candidates = cands
	n0 := e.p.Run.Replications
	if err := e.simulate(ctx, cands, n0, true); err != nil {
		return err
	}
	var alive []int
	for i, d := range cands {
		if e.meets(e.sel[d]) {
			alive = append(alive, i)
		}
	}
	if len(alive) == 0 {
		o.Guaranteed = true // the answer "none" needs no selection
		return nil
	}
	k := len(alive)
	alpha := 1 - e.p.Confidence
	h2 := 0.0
	if k > 1 {
		eta := 0.5 * (math.Pow(2*alpha/float64(k-1), -2/float64(n0-1)) - 1)
		h2 = 2 * eta * float64(n0-1)
	}
	s2 := make(map[[2]int]float64)
	for _, i := range alive {
		for _, l := range alive {
			if i < l {
				s2[[2]int{i, l}] = diffVariance(e.values(cands[i], true)[:n0], e.values(cands[l], true)[:n0])
			}
		}
	}
	delta := e.p.Delta
	for r := n0; ; {
		mean := map[int]float64{}
		for _, i := range alive {
			mean[i] = e.mean(cands[i], true)
		}
		var next []int
		for _, i := range alive {
			keep := true
			for _, l := range alive {
				if l == i {
					continue
				}
				v := s2[[2]int{min(i, l), max(i, l)}]
				w := math.Max(0, delta/(2*float64(r))*(h2*v/(delta*delta)-float64(r)))
				if mean[i] < mean[l]-w {
					keep = false
					break
				}
			}
			if keep {
				next = append(next, i)
			}
		}
		alive = next
		if len(alive) == 1 || e.used+len(alive) > e.budget {
			o.Guaranteed = len(alive) == 1
			o.Best = bestOf(alive, mean)
			o.Close = e.closeTo(cands, o.Best)
			return nil
		}
		r++
		var ds []*Design
		for _, i := range alive {
			ds = append(ds, cands[i])
		}
		if err := e.simulate(ctx, ds, r, true); err != nil {
			return err
		}
	}
}

// bestOf is the surviving index with the largest (signed) mean; the first
// in candidate order on a tie.
func bestOf(alive []int, mean map[int]float64) int {
	best := alive[0]
	for _, i := range alive[1:] {
		if mean[i] > mean[best] {
			best = i
		}
	}
	return best
}

// closeTo lists the other feasible candidates whose selection means are
// within delta of the best's: the runner-ups within the indifference zone.
func (e *evaluator) closeTo(cands []*Design, best int) []int {
	var out []int
	mb := e.mean(cands[best], true)
	for i, d := range cands {
		if i != best && e.meets(e.sel[d]) && mb-e.mean(d, true) < e.p.Delta {
			out = append(out, i)
		}
	}
	return out
}

// diffVariance is the sample variance of a − b.
func diffVariance(a, b []float64) float64 {
	d := make([]float64, len(a))
	m := 0.0
	for i := range a {
		d[i] = a[i] - b[i]
		m += d[i]
	}
	m /= float64(len(d))
	v := 0.0
	for _, x := range d {
		v += (x - m) * (x - m)
	}
	return v / float64(len(d)-1)
}

// compass searches the space with COMPASS (Convergent Optimization via
// Most-Promising-Area Stochastic Search; Hong & Nelson, Operations
// Research 54(1), 2006), restarted from random designs in the manner of
// Industrial Strength COMPASS (Xu, Nelson & Hong 2010). One local search
// keeps the designs it visited; each iteration samples new designs
// uniformly by coordinate steps from its most promising area
//
//	C = { x feasible : ‖x − x*‖ ≤ ‖x − y‖ for every y this search visited },
//
// the designs closer to its best x* than to any other design it visited,
// gives them n₀ replications and x* n₀ + ⌊k/2⌋ (a growing allocation, so
// the best's estimate converges), and takes the design with the best mean
// as the new x*. When C holds no unvisited design, x* is a local optimum
// (to which COMPASS converges) and a new local search starts from a random
// unvisited design. The search ends after maxRestarts local searches in a
// row that find nothing better, or when 60% of the budget is spent. The
// candidates for the selection are the 10 visited designs with the best
// means; every replication of a design is shared by all searches.
func compass(ctx context.Context, e *evaluator, o *Optimization) ([]*Design, error) {
	p := e.p
	rng := rand.New(sim.NewStream(p.Run.Seed, 0, "optimize", "compass"))
	n0 := p.Run.Replications
	e.budget = p.budget(100)
	var best *Design // over all searches
	for restarts, k := 0, 1; 10*e.used < 6*e.budget && restarts < maxRestarts; restarts++ {
		start, ok := p.Start, best == nil && p.Start != nil && p.feasible(p.Start)
		if !ok {
			if start, ok = randomDesign(rng, p, e.designs); !ok {
				break
			}
		}
		x, err := e.design(start)
		if err != nil {
			return nil, err
		}
		if err := e.simulate(ctx, []*Design{x}, n0, false); err != nil {
			return nil, err
		}
		local := []*Design{x}
		for ; 10*e.used < 6*e.budget; k++ {
			xs := sampleArea(rng, p, x.X, local, max(3, len(p.Vars)))
			if len(xs) == 0 {
				break
			}
			for _, y := range xs {
				d, err := e.design(y)
				if err != nil {
					return nil, err
				}
				local = append(local, d)
				if err := e.simulate(ctx, []*Design{d}, n0, false); err != nil {
					return nil, err
				}
			}
			if err := e.simulate(ctx, []*Design{x}, n0+k/2, false); err != nil {
				return nil, err
			}
			for _, d := range local {
				if e.mean(d, false) > e.mean(x, false) {
					x = d
				}
			}
			if best == nil || e.mean(x, false) > e.mean(best, false) {
				best, restarts = x, -1 // a better design: the run of failed restarts starts again
			}
			o.Path = append(o.Path, slices.Index(e.order, best))
			if p.Status != nil {
				p.Status(len(e.order), best)
			}
		}
		if best == nil {
			best = x
		}
	}
	if best == nil {
		return nil, errNoFeasible
	}
	ranked := append([]*Design(nil), e.order...)
	slices.SortStableFunc(ranked, func(a, b *Design) int {
		ma, mb := e.mean(a, false), e.mean(b, false)
		switch {
		case ma > mb:
			return -1
		case ma < mb:
			return 1
		}
		return 0
	})
	return ranked[:min(10, len(ranked))], nil
}

// maxRestarts is how many local searches in a row may fail to find a
// better design before the search ends.
const maxRestarts = 5

// randomDesign draws a feasible design not in visited, uniformly by
// rejection (10 000 tries).
func randomDesign(rng *rand.Rand, p Problem, visited map[string]*Design) ([]float64, bool) {
	for range 10000 {
		x := make([]float64, len(p.Vars))
		for i, v := range p.Vars {
			x[i] = v.Values[rng.IntN(len(v.Values))]
		}
		if _, seen := visited[key(x)]; !seen && p.feasible(x) {
			return x, true
		}
	}
	return nil, false
}

// sampleArea draws up to m unvisited designs of the most promising area
// around best by random coordinate steps from best.
func sampleArea(rng *rand.Rand, p Problem, best []float64, visited []*Design, m int) [][]float64 {
	inArea := func(x []float64) bool {
		if !p.feasible(x) {
			return false
		}
		db := dist2(x, best)
		for _, v := range visited {
			if dist2(x, v.X) < db {
				return false
			}
		}
		return true
	}
	seen := map[string]bool{}
	for _, v := range visited {
		seen[key(v.X)] = true
	}
	var out [][]float64
	for try := 0; try < 5*m && len(out) < m; try++ {
		cur := append([]float64(nil), best...)
		for range 2 * len(p.Vars) {
			i := rng.IntN(len(p.Vars))
			var opts []float64
			for _, v := range p.Vars[i].Values {
				x := append([]float64(nil), cur...)
				x[i] = v
				if inArea(x) {
					opts = append(opts, v)
				}
			}
			if len(opts) > 0 {
				cur[i] = opts[rng.IntN(len(opts))]
			}
		}
		if !seen[key(cur)] {
			seen[key(cur)] = true
			out = append(out, cur)
		}
	}
	if len(out) > 0 {
		return out
	}
	// The walks met only visited designs: list the area's unvisited ones
	// (where the space is small enough) and draw from them.
	var rest [][]float64
	forEachDesign(p, func(x []float64) bool {
		if !seen[key(x)] && inArea(x) {
			rest = append(rest, x)
		}
		return true
	})
	for len(rest) > 0 && len(out) < m {
		i := rng.IntN(len(rest))
		out = append(out, rest[i])
		rest = append(rest[:i], rest[i+1:]...)
	}
	return out
}

func dist2(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += (a[i] - b[i]) * (a[i] - b[i])
	}
	return s
}
