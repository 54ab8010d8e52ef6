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
	alts := []Alternative{{Name: "base", Model: m, Run: r}}
	for i, st := range m.Stations {
		v := *m
		v.Stations = append([]sim.Station(nil), m.Stations...)
		v.Stations[i].Process = sim.Scale(st.Process, 1/(1+speedup))
		alts = append(alts, Alternative{Name: st.Name, Model: &v, Run: r})
	}
	return Compare(ctx, alts, opt)
}
