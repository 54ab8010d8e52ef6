package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// CSV writes summary.csv (one row per statistic, with its interval) and
// replications.csv (one row per replication, one column per statistic) into
// dir, creating dir if needed. Each file is written atomically.
func CSV(dir string, s *sim.Summary) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "summary.csv"), func(w io.Writer) error {
		return SummaryCSV(w, s)
	}); err != nil {
		return err
	}
	return WriteFileAtomic(filepath.Join(dir, "replications.csv"), func(w io.Writer) error {
		return ReplicationsCSV(w, s)
	})
}

// column is one statistic: its name, the element it belongs to ("" for the
// plant), its estimate, and how to read it from one replication.
type column struct {
	metric, element string
	est             stats.Estimate
	rep             func(*sim.Replication) float64
}

// columns lists every statistic of s in output order.
func columns(s *sim.Summary) []column {
	cols := []column{
		{"throughput", "", s.Throughput, func(r *sim.Replication) float64 { return r.Throughput }},
		{"throughput_scheduled", "", s.ThroughputScheduled, func(r *sim.Replication) float64 { return r.ThroughputScheduled }},
		{"wip", "", s.WIP, func(r *sim.Replication) float64 { return r.WIP }},
		{"cycle_time", "", s.CycleTime, func(r *sim.Replication) float64 { return r.CycleTime }},
	}
	for q, qe := range s.CycleQuantiles {
		cols = append(cols, column{fmt.Sprintf("cycle_time_p%g", 100*qe.P), "", qe.Estimate,
			func(r *sim.Replication) float64 { return r.CycleQuantiles[q] }})
	}
	if s.Run.Until.Set() {
		cols = append(cols, column{"makespan", "", s.Makespan, func(r *sim.Replication) float64 { return r.Makespan }})
	}
	for i, ss := range s.Stations {
		cols = append(cols,
			column{"utilization", ss.Name, ss.Utilization, func(r *sim.Replication) float64 { return r.Stations[i].Utilization }},
			column{"queue", ss.Name, ss.Queue, func(r *sim.Replication) float64 { return r.Stations[i].Queue }},
			column{"wait", ss.Name, ss.Wait, func(r *sim.Replication) float64 { return r.Stations[i].Wait }})
		for _, st := range sim.States() {
			cols = append(cols, column{"state_" + st.String(), ss.Name, ss.States[st],
				func(r *sim.Replication) float64 { return r.Stations[i].States[st] }})
		}
		cols = append(cols,
			column{"setups", ss.Name, ss.Setups, func(r *sim.Replication) float64 { return float64(r.Stations[i].Setups) }},
			column{"scrapped", ss.Name, ss.Scrapped, func(r *sim.Replication) float64 { return float64(r.Stations[i].Scrapped) }},
			column{"reworked", ss.Name, ss.Reworked, func(r *sim.Replication) float64 { return float64(r.Stations[i].Reworked) }},
			column{"quality", ss.Name, ss.Quality, func(r *sim.Replication) float64 { return r.Stations[i].Quality }},
			column{"bottleneck_sole", ss.Name, ss.BottleneckSole, func(r *sim.Replication) float64 { return r.Stations[i].BottleneckSole }},
			column{"bottleneck_shifting", ss.Name, ss.BottleneckShifting, func(r *sim.Replication) float64 { return r.Stations[i].BottleneckShifting }})
		if ss.HasOutages {
			cols = append(cols,
				column{"availability", ss.Name, ss.Availability, func(r *sim.Replication) float64 { return r.Stations[i].Availability }},
				column{"oee", ss.Name, ss.OEE, func(r *sim.Replication) float64 { return r.Stations[i].OEE }},
				column{"failures", ss.Name, ss.Failures, func(r *sim.Replication) float64 { return float64(r.Stations[i].Failures) }},
				column{"mtbf", ss.Name, ss.MTBF, func(r *sim.Replication) float64 { return r.Stations[i].MTBF }},
				column{"mttr", ss.Name, ss.MTTR, func(r *sim.Replication) float64 { return r.Stations[i].MTTR }})
		}
	}
	for k, c := range s.Crews {
		cols = append(cols, column{"utilization", c.Name, c.Utilization,
			func(r *sim.Replication) float64 { return r.Crews[k] }},
			column{"utilization_scheduled", c.Name, c.UtilizationScheduled,
				func(r *sim.Replication) float64 { return r.CrewsScheduled[k] }},
			column{"overtime", c.Name, c.Overtime,
				func(r *sim.Replication) float64 { return r.CrewsOvertime[k] }})
	}
	if o := s.Orders; o != nil {
		for _, c := range []struct {
			name string
			e    stats.Estimate
		}{{"orders_completed", o.Completed}, {"orders_on_time", o.OnTime}, {"mean_lateness", o.MeanLateness},
			{"max_lateness", o.MaxLateness}, {"mean_tardiness", o.MeanTardiness}, {"mean_flow_time", o.MeanFlow},
			{"makespan", o.Makespan}} {
			cols = append(cols, column{c.name, "", c.e, nil})
		}
	}
	for k, p := range s.Products {
		cols = append(cols,
			column{"throughput", p.Name, p.Throughput, func(r *sim.Replication) float64 { return r.Products[k].Throughput }},
			column{"wip", p.Name, p.WIP, func(r *sim.Replication) float64 { return r.Products[k].WIP }},
			column{"cycle_time", p.Name, p.CycleTime, func(r *sim.Replication) float64 { return r.Products[k].CycleTime }})
	}
	if len(s.Crews) > 0 {
		cols = append(cols, column{"labour_per_part", "", s.LabourPerPart, func(r *sim.Replication) float64 { return r.LabourPerPart }})
	}
	cols = append(cols, costColumns(s)...)
	cols = append(cols, materialColumns(s)...)
	cols = append(cols, storeColumns(s)...)
	cols = append(cols, conveyorColumns(s)...)
	cols = append(cols, transporterColumns(s)...)
	cols = append(cols, kanbanColumns(s)...)
	for k, sk := range s.Sinks {
		cols = append(cols, column{"throughput", sk.Name, sk.Throughput,
			func(r *sim.Replication) float64 { return float64(r.Sinks[k]) / r.Window(s.Run) }})
	}
	return cols
}

// SummaryCSV writes one row per statistic:
// metric, element, mean, half_width, std_dev, min, max, n.
func SummaryCSV(w io.Writer, s *sim.Summary) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"metric", "element", "mean", "half_width", "std_dev", "min", "max", "n", "confidence"})
	for _, c := range columns(s) {
		e := c.est
		cw.Write([]string{c.metric, c.element, g(e.Mean), g(e.HalfWidth), g(e.StdDev), g(e.Min), g(e.Max),
			fmt.Sprint(e.N), g(s.Confidence)})
	}
	cw.Flush()
	return cw.Error()
}

// ReplicationsCSV writes one row per replication; columns are named
// "metric" for the plant and "element.metric" for stations and sinks.
func ReplicationsCSV(w io.Writer, s *sim.Summary) error {
	cols := replicationColumns(s)
	cw := csv.NewWriter(w)
	head := []string{"replication", "completed"}
	for _, c := range cols {
		name := c.metric
		if c.element != "" {
			name = c.element + "." + c.metric
		}
		head = append(head, name)
	}
	cw.Write(head)
	for _, r := range s.Replications {
		row := []string{fmt.Sprint(r.Index + 1), fmt.Sprint(r.Completed)}
		for _, c := range cols {
			row = append(row, g(c.rep(r)))
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

// replicationColumns are the statistics with a value per replication
// (order statistics are in summary.csv only).
func replicationColumns(s *sim.Summary) []column {
	var cols []column
	for _, c := range columns(s) {
		if c.rep != nil {
			cols = append(cols, c)
		}
	}
	return cols
}

// writeCSVFile writes a CSV file atomically, creating its folder; rows are
// given to add in order.
func writeCSVFile(path string, rows func(add func(...string))) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return WriteFileAtomic(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		rows(func(r ...string) { cw.Write(r) })
		cw.Flush()
		return cw.Error()
	})
}
