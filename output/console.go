package output

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// Console writes the summary as the table a person reads: the plant's
// KPIs, then one line per station. Every value is a mean over replications
// followed by the half-width of its confidence interval.
func Console(w io.Writer, s *sim.Summary) error {
	var b strings.Builder
	u := s.TimeUnit
	fmt.Fprintf(&b, "%s\n", s.Scenario)
	reps := "replications"
	if len(s.Replications) == 1 {
		reps = "replication"
	}
	fmt.Fprintf(&b, "%d %s, %s%% confidence intervals (mean ±half-width), times in %s\n",
		len(s.Replications), reps, short(100*s.Confidence), u)
	if d := UntilText(s.Run); d != "" {
		fmt.Fprintf(&b, "until %s (horizon %s %s at most), warm-up %s %s, seed %d\n", d, short(s.Run.Horizon), u, short(s.Run.Warmup), u, s.Run.Seed)
	} else {
		fmt.Fprintf(&b, "horizon %s %s, warm-up %s %s, seed %d\n", short(s.Run.Horizon), u, short(s.Run.Warmup), u, s.Run.Seed)
	}
	if s.PrecisionTarget > 0 {
		met := "met"
		if !s.PrecisionMet {
			met = "not met: capped"
		}
		fmt.Fprintf(&b, "precision target: throughput half-width at most %s%% of the mean (%s)\n",
			short(100*s.PrecisionTarget), met)
	}
	if s.Partial {
		fmt.Fprintf(&b, "PARTIAL: %d of %d replications completed\n", len(s.Replications), s.Requested)
	}
	if len(s.Replications) == 0 {
		_, err := io.WriteString(w, b.String())
		return err
	}
	b.WriteString("\nPlant\n")
	var rows [][]string
	if s.Run.Until.Set() {
		rows = append(rows, []string{"makespan", est(s.Makespan, 1, ""), u})
	}
	rows = append(rows, []string{"throughput", est(s.Throughput, 1, ""), "parts/" + u})
	if s.HasShifts {
		rows = append(rows, []string{"  per scheduled " + u, est(s.ThroughputScheduled, 1, ""), "parts/" + u + " of working time"})
	}
	rows = append(rows, [][]string{
		{"WIP", est(s.WIP, 1, ""), "parts"},
		{"cycle time", est(s.CycleTime, 1, ""), u},
	}...)
	for _, q := range s.CycleQuantiles {
		rows = append(rows, []string{fmt.Sprintf("  p%g", 100*q.P), est(q.Estimate, 1, ""), u})
	}
	b.WriteString(table(rows, "  "))
	if o := s.Orders; o != nil {
		b.WriteString("\nOrders\n")
		b.WriteString(table([][]string{
			{"orders", fmt.Sprint(o.Count), ""},
			{"complete at the horizon", est(o.Completed, 100, "%"), ""},
			{"on time (of the complete with a due date)", est(o.OnTime, 100, "%"), ""},
			{"mean lateness", est(o.MeanLateness, 1, ""), u},
			{"maximum lateness", est(o.MaxLateness, 1, ""), u},
			{"mean tardiness", est(o.MeanTardiness, 1, ""), u},
			{"mean flow time", est(o.MeanFlow, 1, ""), u},
			{"makespan", est(o.Makespan, 1, ""), u},
		}, "  "))
		if len(o.List) <= 30 {
			b.WriteString("\n")
			rows := [][]string{{"order", "due (" + u + ")", "completion (" + u + ")", "lateness (" + u + ")"}}
			for _, x := range o.List {
				due := short(x.Due)
				if math.IsInf(x.Due, 1) {
					due = "none"
				}
				rows = append(rows, []string{x.Name, due, est(x.Completion, 1, ""), est(x.Lateness, 1, "")})
			}
			b.WriteString(table(rows, "  "))
		}
	}
	if len(s.Stores) > 0 {
		b.WriteString("\nStores (make to stock)\n")
		b.WriteString(table(storeRows(s), "  "))
	}
	if len(s.Materials) > 0 {
		b.WriteString("\nMaterials\n")
		b.WriteString(table(materialRows(s), "  "))
	}
	if len(s.Conveyors) > 0 {
		b.WriteString("\nConveyors\n")
		b.WriteString(table(conveyorRows(s), "  "))
	}
	if len(s.Transporters) > 0 {
		b.WriteString("\nTransporters\n")
		b.WriteString(table(transporterRows(s), "  "))
		b.WriteString("  vehicle time\n")
		b.WriteString(table(vehicleStateRows(s), "  "))
	}
	if len(s.Kanbans) > 0 {
		b.WriteString("\nKanban loops\n")
		b.WriteString(table(kanbanRows(s), "  "))
	}
	b.WriteString(costRows(s))
	if len(s.Products) > 0 {
		rows := [][]string{{"product", "throughput (/" + u + ")", "WIP", "cycle time (" + u + ")", "p90 (" + u + ")"}}
		for _, p := range s.Products {
			rows = append(rows, []string{p.Name, est(p.Throughput, 1, ""), est(p.WIP, 1, ""), est(p.CycleTime, 1, ""),
				est(quantile(p.CycleQuantiles, 0.9), 1, "")})
		}
		b.WriteString("\nProducts\n")
		b.WriteString(table(rows, "  "))
	}
	b.WriteString("\nStations\n")
	b.WriteString(tableFit(stationRows(s), "  ", ConsoleWidth))
	b.WriteString("\nBottlenecks (active-period method: share of time each station is the sole or a shifting bottleneck)\n")
	b.WriteString(table(bottleneckRows(s), "  "))
	b.WriteString("  " + Verdict(s) + "\n")
	if rows := reliabilityRows(s); len(rows) > 1 {
		b.WriteString("\nReliability (availability = not down, waiting for crew or in maintenance; OEE = availability × performance × quality)\n")
		b.WriteString(table(rows, "  "))
	}
	if len(s.Crews) > 0 {
		b.WriteString("\nCrews\n")
		b.WriteString(table(crewRows(s), "  "))
		b.WriteString("  " + labourText(s) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// reliabilityRows is the table of stations with failures or maintenance.
func reliabilityRows(s *sim.Summary) [][]string {
	u := s.TimeUnit
	rows := [][]string{{"station", "availability", "failures", "MTBF (" + u + ")", "MTTR (" + u + ")", "OEE"}}
	for _, ss := range s.Stations {
		if !ss.HasOutages {
			continue
		}
		rows = append(rows, []string{ss.Name, est(ss.Availability, 100, "%"), est(ss.Failures, 1, ""),
			est(ss.MTBF, 1, ""), est(ss.MTTR, 1, ""), est(ss.OEE, 100, "%")})
	}
	return rows
}

// stationRows is the station table: utilisation, the state fractions (the
// busy state is the utilisation; states no machine was ever in are left
// out), queue and wait.
func stationRows(s *sim.Summary) [][]string {
	var shown []sim.State
	for _, st := range sim.States() {
		if st == sim.Busy {
			continue
		}
		for _, ss := range s.Stations {
			if ss.States[st].Max > 0 {
				shown = append(shown, st)
				break
			}
		}
	}
	head := []string{"station", "machines", "utilisation"}
	for _, st := range shown {
		head = append(head, st.String())
	}
	head = append(head, "queue (parts)", "wait ("+s.TimeUnit+")")
	setups := false
	for _, ss := range s.Stations {
		setups = setups || ss.Setups.Max > 0
	}
	if setups {
		head = append(head, "setups")
	}
	scrap := false
	for _, ss := range s.Stations {
		scrap = scrap || ss.Scrapped.Max > 0 || ss.Reworked.Max > 0
	}
	if scrap {
		head = append(head, "scrap", "rework", "quality")
	}
	rows := [][]string{head}
	for _, ss := range s.Stations {
		r := []string{ss.Name, fmt.Sprint(ss.Machines), est(ss.Utilization, 100, "%")}
		for _, st := range shown {
			r = append(r, est(ss.States[st], 100, "%"))
		}
		r = append(r, est(ss.Queue, 1, ""), est(ss.Wait, 1, ""))
		if setups {
			r = append(r, est(ss.Setups, 1, ""))
		}
		if scrap {
			r = append(r, est(ss.Scrapped, 1, ""), est(ss.Reworked, 1, ""), est(ss.Quality, 100, "%"))
		}
		rows = append(rows, r)
	}
	return rows
}

// quantile returns the estimate of level p among qs, or a NaN estimate.
func quantile(qs []sim.QuantileEstimate, p float64) stats.Estimate {
	for _, q := range qs {
		if q.P == p {
			return q.Estimate
		}
	}
	return stats.NewEstimate(nil, 0.95)
}

// crewRows is the crews table of the console and the report: size,
// utilisation over all time and over the crew's scheduled time, and
// overtime when a crew worked any.
func crewRows(s *sim.Summary) [][]string {
	overtime := false
	for _, c := range s.Crews {
		overtime = overtime || c.Overtime.Mean > 0
	}
	rows := [][]string{{"crew", "size", "utilisation", "of scheduled time"}}
	if overtime {
		rows[0] = append(rows[0], "overtime")
	}
	for _, c := range s.Crews {
		row := []string{c.Name, fmt.Sprint(c.Size), est(c.Utilization, 100, "%"), est(c.UtilizationScheduled, 100, "%")}
		if overtime {
			row = append(row, est(c.Overtime, 100, "%"))
		}
		rows = append(rows, row)
	}
	return rows
}

// labourText is the crews' working time per part reaching a sink.
func labourText(s *sim.Summary) string {
	return fmt.Sprintf("labour per part: %s %s of crew time", est(s.LabourPerPart, 1, ""), s.TimeUnit)
}

// UntilText says when a run until done ends each replication ("1000
// parts", "every order complete"); "" for a run to the horizon.
func UntilText(r sim.Run) string {
	switch u := r.Until; {
	case u.Parts > 0:
		return fmt.Sprintf("%d parts", u.Parts)
	case u.Orders:
		return "every order complete"
	}
	return ""
}
