package output

import (
	"fmt"

	"github.com/takt-sim/takt/sim"
)

// conveyorRows is the table of conveyors: the way each lies on, its
// capacity, the time-average parts riding it, its utilisation (of the
// capacity), the share of the time a part waited at its end, its
// throughput and the mean time a part spent on it.
func conveyorRows(s *sim.Summary) [][]string {
	u := s.TimeUnit
	rows := [][]string{{"conveyor", "way", "capacity", "parts", "utilisation", "blocked", "throughput (/" + u + ")", "time on it (" + u + ")"}}
	for _, c := range s.Conveyors {
		kind := ""
		if !c.Accumulating {
			kind = ", stops"
		}
		rows = append(rows, []string{c.Name, c.From + " → " + c.To, fmt.Sprint(c.Capacity) + kind, est(c.Parts, 1, ""),
			est(c.Utilization, 100, "%"), est(c.Blocked, 100, "%"), est(c.Throughput, 1, ""), est(c.Transit, 1, "")})
	}
	return rows
}

const conveyorsText = `Conveyors: the parts riding each belt on average and that as a share of its capacity (⌊length / spacing⌋), the share of the time a part waited at the end because the next station had no room — an accumulating belt queues the parts behind it, one that stops ("stops") stands still meanwhile — its throughput, and the mean time from the head to leaving the end.`

// ConveyorJSON is one conveyor's results in `takt run --json`.
type ConveyorJSON struct {
	Name         string       `json:"name"`
	From         string       `json:"from"`
	To           string       `json:"to"`
	Capacity     int          `json:"capacity"`
	Accumulating bool         `json:"accumulating"`
	Parts        EstimateJSON `json:"parts"`
	Utilization  EstimateJSON `json:"utilization"`
	Blocked      EstimateJSON `json:"blocked"`
	Throughput   EstimateJSON `json:"throughput"`
	Transit      EstimateJSON `json:"time_on"`
}

func conveyorsJSON(s *sim.Summary) []ConveyorJSON {
	var out []ConveyorJSON
	for _, c := range s.Conveyors {
		out = append(out, ConveyorJSON{c.Name, c.From, c.To, c.Capacity, c.Accumulating, estJSON(c.Parts),
			estJSON(c.Utilization), estJSON(c.Blocked), estJSON(c.Throughput), estJSON(c.Transit)})
	}
	return out
}

// conveyorColumns are the CSV statistics of the conveyors.
func conveyorColumns(s *sim.Summary) []column {
	var cols []column
	for k, c := range s.Conveyors {
		at := func(f func(sim.ConveyorResult) float64) func(*sim.Replication) float64 {
			return func(r *sim.Replication) float64 { return f(r.Conveyors[k]) }
		}
		cols = append(cols,
			column{"parts", c.Name, c.Parts, at(func(r sim.ConveyorResult) float64 { return r.Parts })},
			column{"utilization", c.Name, c.Utilization, at(func(r sim.ConveyorResult) float64 { return r.Utilization })},
			column{"blocked", c.Name, c.Blocked, at(func(r sim.ConveyorResult) float64 { return r.Blocked })},
			column{"throughput", c.Name, c.Throughput, at(func(r sim.ConveyorResult) float64 { return r.Throughput })},
			column{"time_on", c.Name, c.Transit, at(func(r sim.ConveyorResult) float64 { return r.Transit })})
	}
	return cols
}
