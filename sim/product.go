package sim

import (
	"math/rand/v2"
	"sort"

	"github.com/takt-sim/takt/sim/stats"
)

// Product is a kind of part: its family (for setups), its route through
// the plant, its own processing times at some stations, and its priority.
type Product struct {
	Name   string
	Family string // setups change with the family; "" means the product itself
	// Route lists the stations the product visits in order, optionally
	// ending with a sink; after its last station a part goes to the sink, or
	// to the model's first sink. Empty: the part follows the stations' own
	// routing ("to").
	Route []string
	// Process overrides the processing time at the named stations.
	Process  map[string]Dist
	Priority int // higher first with the priority dispatch rule
	// Material is the cost of a part released, Revenue the price of a good
	// part reaching a sink; used when Model.Costs is set.
	Material, Revenue float64
}

// Share is one product's share of a source's releases.
type Share struct {
	Product string
	P       float64
}

// setupKey is what setups change with: the family, or the product's name.
func (p *Product) setupKey() string {
	if p.Family != "" {
		return p.Family
	}
	return p.Name
}

// productRun is a Product in one replication: its route as nodes, its
// samplers per station, and its statistics.
type productRun struct {
	spec     *Product
	route    []int     // node after each step; route[len-1] is a sink
	stations []int     // station index of each step
	process  []Sampler // per station index; nil: the station's own
	mean     []float64 // per station index: the mean processing time
	key      string

	completed int64
	entered   int64 // parts released since the warm-up
	cycle     stats.Tally
	sketch    stats.Sketch
	wip       stats.TimeWeighted
}

// newProductRun binds the product's samplers to their streams.
func newProductRun(pln *Plan, k int, stream func(string, string) *rand.PCG) *productRun {
	m := pln.model
	spec := &m.Products[k]
	pr := &productRun{spec: spec, route: pln.productRoute[k], key: spec.setupKey(), stations: pln.productStations[k],
		process: make([]Sampler, len(m.Stations)), mean: make([]float64, len(m.Stations))}
	names := make([]string, 0, len(spec.Process))
	for name := range spec.Process {
		names = append(names, name)
	}
	sort.Strings(names)
	for i, st := range m.Stations {
		pr.mean[i] = st.Process.Mean()
	}
	for _, name := range names {
		i := pln.stationOf[name]
		d := spec.Process[name]
		pr.process[i] = d.Bind(stream(name, "process/"+spec.Name))
		pr.mean[i] = d.Mean()
	}
	return pr
}

// mixer draws the product of each part a source releases.
type mixer struct {
	products []*productRun
	cum      []float64
	r        *rand.Rand
}

func (x *mixer) draw() *productRun {
	if len(x.products) == 1 {
		return x.products[0]
	}
	return x.products[pickCumulative(x.r, x.cum)]
}
