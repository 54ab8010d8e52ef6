package experiment

import (
	"context"
	"fmt"

	"github.com/takt-sim/takt/sim"
)

// Sensitivity estimates, for every station, what more capacity there is
// worth: the alternative in which that station's processing is faster by
// the fraction speedup (its capacity × (1 + speedup), process times ÷
// (1 + speedup)), compared with the base by common random numbers. The
// result's Alternatives are the base followed by one per station, in model
// order; rank them with Rank on the throughput KPI.
func Sensitivity(ctx context.Context, m *sim.Model, r sim.Run, speedup float64, opt Options) (*Comparison, error) {
	if !(speedup > 0) {
		return nil, fmt.Errorf("sensitivity: speed-up must be > 0, got %v", speedup)
	}
	base, err := plan(m, r, opt.Source)
	if err != nil {
		return nil, err
	}
	base[0].Name = "base"
	points, alts := base, []Alternative{{Name: "base", Model: m, Run: r, Source: opt.Source}}
	for i, st := range m.Stations {
		v := faster(m, i, speedup)
		p, err := sim.Compile(v)
		if err != nil {
			return nil, err
		}
		recipe := Recipe{Source: opt.Source, Faster: i + 1, Speedup: speedup}
		points = append(points, Point{Name: st.Name, Plan: p, Run: r, Recipe: recipe})
		alts = append(alts, Alternative{Name: st.Name, Model: v, Run: r, Source: opt.Source})
	}
	return compare(ctx, alts, points, opt)
}
