package sim

import "github.com/takt-sim/takt/sim/stats"

// LimitedByRelease says whether the release of parts, not the plant's
// capacity, sets the throughput: every source is open (an interarrival
// time or an order book) and held no part back a significant share of the
// time, and every station was starved (idle for lack of work) a
// significant share of it. Throughput is then the release rate, and more
// capacity anywhere shortens queues without raising it. A station that is
// never starved is saturated (its queue grows, or it is always busy,
// blocked or down), a blocked source is held back by the plant, and a
// saturated or CONWIP source releases as fast as the plant takes parts:
// in each case capacity sets the throughput.
//
// Significant means the confidence interval lies above 0 (with one
// replication: the value is above 0).
func (s *Summary) LimitedByRelease() bool {
	if len(s.Sources) == 0 || len(s.Replications) == 0 {
		return false
	}
	for _, so := range s.Sources {
		if (so.Kind != Open && so.Kind != OrderBook) || aboveZero(so.Blocked) {
			return false
		}
	}
	for _, st := range s.Stations {
		if !aboveZero(st.States[Starved]) {
			return false
		}
	}
	return true
}

// aboveZero says whether an estimate is significantly above 0.
func aboveZero(e stats.Estimate) bool { return e.Mean > 0 && !(e.HalfWidth >= e.Mean) }
