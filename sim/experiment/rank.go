package experiment

import (
	"math"
	"sort"

	"github.com/takt-sim/takt/sim/stats"
)

// Place is an alternative's place in a ranking.
type Place struct {
	Index int // into Comparison.Alternatives
	// Rank is 1 for the best group; tied alternatives share the rank of
	// their group's best, and the next group's rank counts them all
	// (1, 1, 3).
	Rank int
	// Tie says the rank is shared: the alternative's paired difference to
	// its group's best is not significant, or it is that best and another
	// alternative ties with it.
	Tie bool
}

// Ranking orders the alternatives idx (every alternative when idx is nil)
// by the mean of kpi, best first (by KPI direction), and groups them: the
// best not yet placed leads a group, and every following alternative whose
// paired difference to the leader is not significant at the comparison's
// confidence joins it, sharing its rank. Ranking by means alone would rank
// noise; alternatives whose difference the replications cannot tell apart
// are ties. (The tests are pairwise at the comparison's level, with no
// correction for multiple comparisons.)
func (c *Comparison) Ranking(kpi KPI, idx []int) []Place {
	if idx == nil {
		for i := range c.Alternatives {
			idx = append(idx, i)
		}
	}
	order := append([]int(nil), idx...)
	vals := make(map[int][]float64, len(order))
	mean := make(map[int]float64, len(order))
	for _, i := range order {
		vals[i] = values(c.Alternatives[i].Summary, kpi)
		mean[i] = stats.NewEstimate(vals[i], c.Confidence).Mean
	}
	sort.SliceStable(order, func(x, y int) bool {
		if kpi.Higher {
			return mean[order[x]] > mean[order[y]]
		}
		return mean[order[x]] < mean[order[y]]
	})
	places := make([]Place, len(order))
	for g := 0; g < len(order); {
		lead := order[g]
		end := g + 1
		for end < len(order) && !significant(pairedDiff(vals[order[end]], vals[lead], c.Confidence)) {
			end++
		}
		for k := g; k < end; k++ {
			places[k] = Place{Index: order[k], Rank: g + 1, Tie: end-g > 1}
		}
		g = end
	}
	return places
}

// pairedDiff is the paired difference a − b over the replications both
// have: alternatives may have run different numbers of replications (a
// sequential procedure), and replication i of each uses the same streams.
func pairedDiff(a, b []float64, conf float64) stats.Estimate {
	n := min(len(a), len(b))
	return stats.PairedDiff(a[:n], b[:n], conf)
}

// significant says whether a difference's interval excludes 0.
func significant(d stats.Estimate) bool { return !d.Contains(0) && !math.IsNaN(d.HalfWidth) }
