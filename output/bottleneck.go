package output

import (
	"fmt"
	"sort"
	"strings"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// Bottlenecks returns the stations that are the bottleneck by the
// active-period method, most first: the station that is the bottleneck
// (sole or shifting) the largest share of the time, followed by the stations
// that are so at least half as often as it.
func Bottlenecks(s *sim.Summary) []sim.StationSummary {
	st := append([]sim.StationSummary(nil), s.Stations...)
	share := func(x sim.StationSummary) float64 { return x.BottleneckSole.Mean + x.BottleneckShifting.Mean }
	sort.SliceStable(st, func(i, j int) bool { return share(st[i]) > share(st[j]) })
	if len(st) == 0 || !(share(st[0]) > 0) {
		return nil
	}
	out := st[:1]
	for _, x := range st[1:] {
		if share(x) >= share(st[0])/2 {
			out = append(out, x)
		}
	}
	return out
}

// Verdict says in plain words what limits the plant: the release of parts
// (see sim.Summary.LimitedByRelease), or the bottleneck station(s).
func Verdict(s *sim.Summary) string {
	b := Bottlenecks(s)
	if s.LimitedByRelease() {
		return releaseVerdict(s, b)
	}
	switch len(b) {
	case 0:
		return "No station was ever the bottleneck (nothing was active)."
	case 1:
		x := b[0]
		return fmt.Sprintf("The bottleneck is %s: it is the sole bottleneck %s of the time and a shifting one %s "+
			"(utilisation %s). More capacity there raises throughput most.",
			x.Name, est(x.BottleneckSole, 100, "%"), est(x.BottleneckShifting, 100, "%"), est(x.Utilization, 100, "%"))
	}
	names, shares := bottleneckShares(b)
	return fmt.Sprintf("The bottleneck shifts between %s (share of time as sole or shifting bottleneck: %s): "+
		"relieving one alone moves the bottleneck to the next.", joinAnd(names), shares)
}

// releaseVerdict says that the release of parts sets the throughput, and
// where the active-period bottleneck is all the same.
func releaseVerdict(s *sim.Summary, b []sim.StationSummary) string {
	least := s.Stations[0]
	for _, st := range s.Stations[1:] {
		if st.States[sim.Starved].Mean < least.States[sim.Starved].Mean {
			least = st
		}
	}
	text := fmt.Sprintf("Throughput is set by the release of parts, not by capacity: every station is idle for lack of "+
		"work part of the time (least: %s, starved %s) and no source is held back, so more capacity anywhere "+
		"shortens queues but does not raise throughput.", least.Name, est(least.States[sim.Starved], 100, "%"))
	if len(b) == 0 {
		return text
	}
	names, shares := bottleneckShares(b)
	if len(b) == 1 {
		return text + fmt.Sprintf(" By the active-period method the bottleneck is %s (sole or shifting bottleneck %s of "+
			"the time): the station active longest without a break.", names[0], est(sumShares(b[0]), 100, "%"))
	}
	return text + fmt.Sprintf(" By the active-period method the bottleneck shifts between %s (share of time as sole "+
		"or shifting bottleneck: %s).", joinAnd(names), shares)
}

// bottleneckShares names the stations and their shares of time as a
// bottleneck, sole or shifting.
func bottleneckShares(b []sim.StationSummary) (names []string, shares string) {
	var parts []string
	for _, x := range b {
		names = append(names, x.Name)
		parts = append(parts, fmt.Sprintf("%s %s", x.Name, est(sumShares(x), 100, "%")))
	}
	return names, strings.Join(parts, ", ")
}

// sumShares is the share of time a station is a bottleneck, sole or
// shifting; its interval is the wider of the two parts' (a conservative
// stand-in, the parts being correlated).
func sumShares(x sim.StationSummary) stats.Estimate {
	e := x.BottleneckSole
	e.Mean += x.BottleneckShifting.Mean
	e.HalfWidth = max(e.HalfWidth, x.BottleneckShifting.HalfWidth)
	return e
}

func joinAnd(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// bottleneckRows is the table of bottleneck shares beside the classic
// indicators.
func bottleneckRows(s *sim.Summary) [][]string {
	rows := [][]string{{"station", "sole", "shifting", "utilisation", "starved", "blocked"}}
	for _, x := range s.Stations {
		rows = append(rows, []string{x.Name, est(x.BottleneckSole, 100, "%"), est(x.BottleneckShifting, 100, "%"),
			est(x.Utilization, 100, "%"), est(x.States[sim.Starved], 100, "%"), est(x.States[sim.Blocked], 100, "%")})
	}
	return rows
}
