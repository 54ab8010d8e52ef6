package sim

import "math"

// Setup is the changeover time of a station's machines when the setup key
// of the next part (its product's family, or the product) differs from the
// last one's: Time by default, or the time of the matching Change. The
// first part after the start needs no setup.
type Setup struct {
	Time    Dist // nil: no setup unless a Change matches
	Changes []SetupChange
}

// SetupChange is the setup time from one family (or product) to another;
// "" in From or To matches any.
type SetupChange struct {
	From, To string
	Time     Dist
}

// Dispatch is the rule by which a machine picks its next part from the
// buffer.
type Dispatch int

const (
	FIFO          Dispatch = iota // first in, first out
	LIFO                          // last in, first out
	SPT                           // shortest expected processing time at this station first
	EDD                           // earliest due date first (parts without one last)
	PriorityFirst                 // highest product or order priority first
	SameFamily                    // a part the machine is set up for first, else FIFO
)

var dispatchNames = [...]string{"fifo", "lifo", "spt", "edd", "priority", "same_family"}

// String is the rule's scenario keyword.
func (d Dispatch) String() string { return dispatchNames[d] }

// setupRun is a station's Setup bound to its streams.
type setupRun struct {
	def     Sampler
	changes []setupChangeRun
}

type setupChangeRun struct {
	from, to string
	time     Sampler
}

// time returns the setup time from key a to key b, and whether there is a
// setup at all.
func (s *setupRun) time(a, b string) (float64, bool) {
	if a == b || a == "" {
		return 0, false
	}
	for _, c := range s.changes {
		if (c.from == "" || c.from == a) && (c.to == "" || c.to == b) {
			return c.time.Rand(), true
		}
	}
	if s.def == nil {
		return 0, false
	}
	return s.def.Rand(), true
}

// pick returns the index in the buffer of the part a machine set up for
// key takes next under rule d.
func pick(q *fifo[*part], d Dispatch, station int, key string) int {
	best := 0
	switch d {
	case FIFO:
	case LIFO:
		best = q.len() - 1
	default:
		bestV := math.Inf(1)
		for i := 0; i < q.len(); i++ {
			if v := rank(q.at(i), d, station, key); v < bestV {
				best, bestV = i, v
			}
		}
	}
	return best
}

// rank is the value by which rule d orders parts, smallest first.
func rank(p *part, d Dispatch, station int, key string) float64 {
	switch d {
	case SPT:
		if p.prod != nil {
			return p.prod.mean[station]
		}
	case EDD:
		return p.due
	case PriorityFirst:
		return -float64(p.priority())
	case SameFamily:
		if p.prod != nil && p.prod.key == key {
			return 0
		}
		return 1
	}
	return 0
}
