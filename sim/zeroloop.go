package sim

import (
	"fmt"
	"slices"
	"strings"
)

// ZeroTimeLoop finds a source whose parts would go round the plant in zero
// simulated time for ever, so that the clock never advances: a CONWIP
// source, which replaces every part reaching a sink at once, or a saturated
// source, which feeds its station again as soon as a machine is free, whose
// station leads only through stations that always take 0 time (process
// mean 0, no load, no conveyor on a way out) to the sinks. A move on a way
// out takes time for a CONWIP part (it reaches the sink later), but not for
// a saturated source's station: a moving part holds no machine, so the
// machine is free for the next part at once. A route by a transporter
// whose trips take time (a load, an unload or a length > 0) paces both. It returns the source's index
// and the stations of the loop in route order, or -1 and nil.
//
// A model with products is not judged (their own process times and routes
// decide); the run-time check of a stuck clock covers it.
func ZeroTimeLoop(m *Model) (source int, stations []string) {
	if len(m.Products) > 0 {
		return -1, nil
	}
	index := make(map[string]int, len(m.Stations))
	for i, st := range m.Stations {
		index[st.Name] = i
	}
	var zero [2][]bool // moves pacing (CONWIP) or not (saturated), computed when needed
	for k, so := range m.Sources {
		paced := 0
		switch so.Kind {
		case CONWIP:
			paced = 1
		case Saturated:
		default:
			continue
		}
		if zero[paced] == nil {
			zero[paced] = zeroTimeStations(m, paced == 1)
		}
		if i, ok := index[so.To]; ok && zero[paced][i] {
			return k, loopNames(m, zero[paced], index, i)
		}
	}
	return -1, nil
}

// zeroTimeStations marks the stations from which every part reaches a sink
// in zero time: they always take 0 time, and every route they take with
// p > 0 leads to a sink or to such a station. It is the largest such set,
// found by removing stations that fail, and their predecessors, once each.
// With movesPace, a way out with a move of mean > 0 takes time.
func zeroTimeStations(m *Model, movesPace bool) []bool {
	n := len(m.Stations)
	index := make(map[string]int, n)
	for i, st := range m.Stations {
		index[st.Name] = i
	}
	zero := make([]bool, n)
	preds := make([][]int, n)
	var removed []int
	conveyed := map[string]bool{} // stations with a conveyor on a way out: a ride takes time
	for _, c := range m.Conveyors {
		conveyed[c.From] = true
	}
	timed := map[string]bool{} // transporters whose trips take time: they pace their routes
	for _, t := range m.Transporters {
		timed[t.Name] = t.Load != nil && t.Load.Mean() > 0 || t.Unload != nil && t.Unload.Mean() > 0 ||
			slices.ContainsFunc(t.Distances, func(d Distance) bool { return d.Length > 0 })
	}
	for i, st := range m.Stations {
		zero[i] = st.Process != nil && st.Process.Mean() == 0 && (st.Load == nil || st.Load.Mean() == 0) && !conveyed[st.Name]
		for _, r := range st.Routes {
			if movesPace && r.P > 0 && r.Move != nil && r.Move.Mean() > 0 {
				zero[i] = false
			}
			if r.P > 0 && timed[r.By] {
				zero[i] = false
			}
			if j, ok := index[r.To]; ok && r.P > 0 {
				preds[j] = append(preds[j], i)
			}
		}
		if !zero[i] {
			removed = append(removed, i)
		}
	}
	for len(removed) > 0 {
		j := removed[len(removed)-1]
		removed = removed[:len(removed)-1]
		for _, i := range preds[j] {
			if zero[i] {
				zero[i] = false
				removed = append(removed, i)
			}
		}
	}
	return zero
}

// loopNames lists the zero-time stations reachable from station i, in the
// order a part meets them, at most 6.
func loopNames(m *Model, zero []bool, index map[string]int, i int) []string {
	seen := map[int]bool{i: true}
	queue := []int{i}
	var names []string
	for len(queue) > 0 && len(names) < 6 {
		k := queue[0]
		queue = queue[1:]
		names = append(names, m.Stations[k].Name)
		for _, r := range m.Stations[k].Routes {
			if j, ok := index[r.To]; ok && r.P > 0 && zero[j] && !seen[j] {
				seen[j] = true
				queue = append(queue, j)
			}
		}
	}
	return names
}

// ZeroTimeLoopMessage says what is wrong with the loop ZeroTimeLoop found,
// for source so.
func ZeroTimeLoopMessage(so Source, stations []string) string {
	quoted := make([]string, len(stations))
	for i, s := range stations {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	how := "replaces every part that reaches a sink at once"
	if so.Kind == Saturated {
		how = "feeds its station again as soon as a machine is free"
	}
	return fmt.Sprintf("zero-time loop: this source %s, and its parts pass %s to a sink in zero time "+
		"(every process time there is 0), so the simulated clock would never advance; give one of these stations a process time > 0",
		how, strings.Join(quoted, " → "))
}
