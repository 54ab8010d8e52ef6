package sim

import (
	"math"

	"github.com/takt-sim/takt/sim/stats"
)

// Summary is the result of an experiment: every statistic of the
// replications summarised as an Estimate with a confidence interval.
type Summary struct {
	Scenario     string
	TimeUnit     string
	Confidence   float64
	Run          Run
	Requested    int  // replications asked for
	Partial      bool // only some replications completed: interrupted, failed, or merged from some shards
	Replications []*Replication

	Throughput stats.Estimate
	// ThroughputScheduled is per unit of scheduled time (see Replication);
	// equal to Throughput without shifts. HasShifts says whether any
	// station follows a shift.
	ThroughputScheduled stats.Estimate
	HasShifts           bool
	// LabourPerPart is the crews' working time per part (time units).
	LabourPerPart  stats.Estimate
	WIP            stats.Estimate
	CycleTime      stats.Estimate
	CycleQuantiles []QuantileEstimate
	// Makespan is the time from the end of the warm-up to the event that
	// completed a Run.Until's work; N = 0 for a run to the horizon.
	Makespan  stats.Estimate
	Sources   []SourceSummary
	Stations  []StationSummary
	Sinks     []SinkSummary
	Crews     []CrewSummary
	Products  []ProductSummary
	Orders    *OrdersSummary // nil without order books
	Costs     *CostSummary   // nil for a plant without costs
	Materials []MaterialSummary
	Stores    []StoreSummary
	Conveyors []ConveyorSummary

	Transporters []TransporterSummary
	Kanbans      []KanbanSummary
	// PrecisionTarget is the relative half-width of throughput asked for by
	// RunToPrecision (0 otherwise); PrecisionMet says whether it was reached
	// within the cap on replications.
	PrecisionTarget float64
	PrecisionMet    bool
	// SuggestedWarmup is the MSER-5 truncation point of the replications'
	// average WIP series, in time units; −1 when the horizon is too short to
	// tell.
	SuggestedWarmup float64
	// WarmupBias is the difference between the WIP in [Warmup,
	// SuggestedWarmup) and after, when the suggestion is longer than the
	// warm-up (see WarmupBias); N = 0 otherwise.
	WarmupBias stats.Estimate
}

// QuantileEstimate is the mean over replications of one cycle-time quantile.
type QuantileEstimate struct {
	P float64 // level, e.g. 0.9
	stats.Estimate
}

// StationSummary summarises one station over the replications.
type StationSummary struct {
	Name        string
	Machines    int
	Utilization stats.Estimate
	Queue       stats.Estimate
	Wait        stats.Estimate
	States      [NumStates]stats.Estimate // indexed by State
	// Reliability: see StationResult for the definitions.
	Availability, Performance, Quality, OEE stats.Estimate
	Failures                                stats.Estimate // per replication
	MTBF, MTTR                              stats.Estimate
	HasOutages                              bool // the station has failure modes or maintenance
	// Bottleneck shares of time by the active-period method.
	BottleneckSole, BottleneckShifting stats.Estimate
	// Setups is the number of setups per replication; Scrapped and
	// Reworked count finished parts per replication.
	Setups, Scrapped, Reworked stats.Estimate
}

// ProductSummary summarises one product over the replications.
type ProductSummary struct {
	Name                       string
	Throughput, WIP, CycleTime stats.Estimate
	CycleQuantiles             []QuantileEstimate
}

// OrdersSummary summarises the order books: per replication, the share of
// orders complete at the horizon, the share of complete orders on time
// (lateness <= 0), the mean and maximum lateness, the mean tardiness and
// flow time of the complete orders, and the makespan (last completion minus
// first release; NaN unless every order is complete).
type OrdersSummary struct {
	Count                                    int
	Completed, OnTime                        stats.Estimate
	MeanLateness, MaxLateness, MeanTardiness stats.Estimate
	MeanFlow, Makespan                       stats.Estimate
	List                                     []OrderSummary
}

// OrderSummary is one order's outcome over the replications (NaN where it
// was not complete).
type OrderSummary struct {
	Name                            string
	Due                             float64
	Completion, Lateness, Tardiness stats.Estimate
}

// CrewSummary summarises one crew: the fraction of its members' time at work.
type CrewSummary struct {
	Name        string
	Size        int
	Utilization stats.Estimate
	// UtilizationScheduled is over the crew's scheduled time (its shift),
	// at most 1; Overtime is the members' time at work off shift over the
	// same scheduled time (see Replication.CrewsOvertime).
	UtilizationScheduled, Overtime stats.Estimate
}

// SourceSummary summarises one source: how it releases parts and the
// share of the time it held parts the station it feeds had no room for.
type SourceSummary struct {
	Name    string
	Kind    SourceKind
	Blocked stats.Estimate
}

// SinkSummary summarises one sink: its throughput.
type SinkSummary struct {
	Name       string
	Throughput stats.Estimate
}

// Summarize computes the estimates of the given replications, in the order
// given.
func Summarize(m *Model, r Run, reps []*Replication) *Summary {
	c := r.Confidence
	s := &Summary{Scenario: m.Name, TimeUnit: m.TimeUnit, Confidence: c, Run: r,
		Requested: r.Replications, Replications: reps}
	col := func(f func(*Replication) float64) stats.Estimate {
		xs := make([]float64, len(reps))
		for i, rep := range reps {
			xs[i] = f(rep)
		}
		return stats.NewEstimate(xs, c)
	}
	s.Throughput = col(func(x *Replication) float64 { return x.Throughput })
	s.WIP = col(func(x *Replication) float64 { return x.WIP })
	s.LabourPerPart = col(func(x *Replication) float64 { return x.LabourPerPart })
	s.ThroughputScheduled = col(func(x *Replication) float64 { return x.ThroughputScheduled })
	for _, st := range m.Stations {
		s.HasShifts = s.HasShifts || st.Shift != ""
	}
	s.CycleTime = col(func(x *Replication) float64 { return x.CycleTime })
	for q, p := range Quantiles {
		s.CycleQuantiles = append(s.CycleQuantiles,
			QuantileEstimate{P: p, Estimate: col(func(x *Replication) float64 { return x.CycleQuantiles[q] })})
	}
	for k, so := range m.Sources {
		s.Sources = append(s.Sources, SourceSummary{Name: so.Name, Kind: so.Kind,
			Blocked: col(func(x *Replication) float64 { return x.SourcesBlocked[k] })})
	}
	if r.Until.Set() {
		s.Makespan = col(func(x *Replication) float64 { return x.Makespan })
	}
	for k, sk := range m.Sinks {
		s.Sinks = append(s.Sinks, SinkSummary{Name: sk.Name,
			Throughput: col(func(x *Replication) float64 { return float64(x.Sinks[k]) / x.Window(r) })})
	}
	for i, st := range m.Stations {
		ss := StationSummary{Name: st.Name, Machines: st.Machines,
			Utilization: col(func(x *Replication) float64 { return x.Stations[i].Utilization }),
			Queue:       col(func(x *Replication) float64 { return x.Stations[i].Queue }),
			Wait:        col(func(x *Replication) float64 { return x.Stations[i].Wait }),
		}
		for st := range ss.States {
			ss.States[st] = col(func(x *Replication) float64 { return x.Stations[i].States[st] })
		}
		ss.Availability = col(func(x *Replication) float64 { return x.Stations[i].Availability })
		ss.Performance = col(func(x *Replication) float64 { return x.Stations[i].Performance })
		ss.Quality = col(func(x *Replication) float64 { return x.Stations[i].Quality })
		ss.OEE = col(func(x *Replication) float64 { return x.Stations[i].OEE })
		ss.Failures = col(func(x *Replication) float64 { return float64(x.Stations[i].Failures) })
		ss.MTBF = col(func(x *Replication) float64 { return x.Stations[i].MTBF })
		ss.MTTR = col(func(x *Replication) float64 { return x.Stations[i].MTTR })
		ss.HasOutages = len(st.Failures) > 0 || st.PM != nil
		ss.BottleneckSole = col(func(x *Replication) float64 { return x.Stations[i].BottleneckSole })
		ss.BottleneckShifting = col(func(x *Replication) float64 { return x.Stations[i].BottleneckShifting })
		ss.Setups = col(func(x *Replication) float64 { return float64(x.Stations[i].Setups) })
		ss.Scrapped = col(func(x *Replication) float64 { return float64(x.Stations[i].Scrapped) })
		ss.Reworked = col(func(x *Replication) float64 { return float64(x.Stations[i].Reworked) })
		s.Stations = append(s.Stations, ss)
	}
	s.SuggestedWarmup = -1
	if !r.Until.Set() { // the series of an Until run stop at its end
		s.SuggestedWarmup = SuggestWarmup(reps, r.Horizon)
		s.WarmupBias = WarmupBias(reps, r.Warmup, s.SuggestedWarmup, r.Horizon, c)
	}
	for k, pr := range m.Products {
		ps := ProductSummary{Name: pr.Name,
			Throughput: col(func(x *Replication) float64 { return x.Products[k].Throughput }),
			WIP:        col(func(x *Replication) float64 { return x.Products[k].WIP }),
			CycleTime:  col(func(x *Replication) float64 { return x.Products[k].CycleTime })}
		for q, p := range Quantiles {
			ps.CycleQuantiles = append(ps.CycleQuantiles, QuantileEstimate{P: p,
				Estimate: col(func(x *Replication) float64 { return x.Products[k].CycleQuantiles[q] })})
		}
		s.Products = append(s.Products, ps)
	}
	if len(reps) > 0 && len(reps[0].Orders) > 0 {
		s.Orders = summarizeOrders(m, reps, col)
	}
	if m.Costs != nil {
		s.Costs = summarizeCosts(m.Costs, col)
	}
	k := 0
	for _, sk := range m.Sinks {
		if sk.Store == nil {
			continue
		}
		i := k
		at := func(f func(StoreResult) float64) stats.Estimate {
			return col(func(x *Replication) float64 { return f(x.Stores[i]) })
		}
		s.Stores = append(s.Stores, StoreSummary{Name: sk.Name,
			FillRate:   at(func(r StoreResult) float64 { return r.FillRate }),
			Backorders: at(func(r StoreResult) float64 { return r.Backorders }),
			Wait:       at(func(r StoreResult) float64 { return r.Wait }),
			MeanStock:  at(func(r StoreResult) float64 { return r.MeanStock }),
			Lost:       at(func(r StoreResult) float64 { return float64(r.Lost) })})
		k++
	}
	for k, mt := range m.Materials {
		at := func(f func(MaterialResult) float64) stats.Estimate {
			return col(func(x *Replication) float64 { return f(x.Materials[k]) })
		}
		s.Materials = append(s.Materials, MaterialSummary{Name: mt.Name,
			MeanStock: at(func(r MaterialResult) float64 { return r.MeanStock }),
			FillRate:  at(func(r MaterialResult) float64 { return r.FillRate }),
			StockOuts: at(func(r MaterialResult) float64 { return float64(r.StockOuts) }),
			Orders:    at(func(r MaterialResult) float64 { return float64(r.Orders) }),
			Demands:   at(func(r MaterialResult) float64 { return float64(r.Demands) })})
	}
	s.Conveyors = summarizeConveyors(m, col)
	s.Transporters = summarizeTransporters(m, col)
	for k := range m.Kanbans {
		s.Kanbans = append(s.Kanbans, summarizeKanban(&m.Kanbans[k], k, col))
	}
	for k, c := range m.Crews {
		s.Crews = append(s.Crews, CrewSummary{Name: c.Name, Size: c.Size,
			Utilization:          col(func(x *Replication) float64 { return x.Crews[k] }),
			UtilizationScheduled: col(func(x *Replication) float64 { return x.CrewsScheduled[k] }),
			Overtime:             col(func(x *Replication) float64 { return x.CrewsOvertime[k] })})
	}
	return s
}

// summarizeOrders computes the order statistics of every replication.
func summarizeOrders(m *Model, reps []*Replication, col func(func(*Replication) float64) stats.Estimate) *OrdersSummary {
	first := math.Inf(1)
	for _, so := range m.Sources {
		for _, o := range so.Orders {
			first = math.Min(first, o.Release)
		}
	}
	stat := func(f func(rs []OrderResult) float64) stats.Estimate {
		return col(func(x *Replication) float64 { return f(x.Orders) })
	}
	var list []OrderSummary
	k := 0
	for _, so := range m.Sources {
		for _, o := range so.Orders {
			i := k
			list = append(list, OrderSummary{Name: o.Name, Due: o.Due,
				Completion: col(func(x *Replication) float64 { return x.Orders[i].Completion }),
				Lateness:   col(func(x *Replication) float64 { return x.Orders[i].Lateness }),
				Tardiness:  col(func(x *Replication) float64 { return x.Orders[i].Tardiness })})
			k++
		}
	}
	return &OrdersSummary{Count: len(reps[0].Orders), List: list,
		Completed: stat(func(rs []OrderResult) float64 {
			return share(rs, func(o OrderResult) bool { return !math.IsNaN(o.Completion) })
		}),
		OnTime: col((*Replication).OnTime),
		MeanLateness: stat(func(rs []OrderResult) float64 {
			return meanOf(dated(rs), func(o OrderResult) float64 { return o.Lateness })
		}),
		MaxLateness:   col((*Replication).MaxLateness),
		MeanTardiness: col((*Replication).MeanTardiness),
		MeanFlow:      col((*Replication).MeanFlowTime),
		Makespan: stat(func(rs []OrderResult) float64 {
			last := 0.0
			for _, o := range rs {
				if math.IsNaN(o.Completion) {
					return math.NaN() // an incomplete book has no makespan
				}
				last = math.Max(last, o.Completion)
			}
			return last - first
		}),
	}
}

// OnTime is the share of the complete orders with a due date finished by
// it; NaN without such orders. Orders without a due date count for
// completion, flow time and makespan only.
func (r *Replication) OnTime() float64 {
	return share(dated(r.Orders), func(o OrderResult) bool { return o.Lateness <= 0 })
}

// MaxLateness is the largest lateness of the complete orders with a due
// date; NaN without.
func (r *Replication) MaxLateness() float64 { return maxLateness(r.Orders) }

// MeanTardiness is the mean tardiness of the complete orders with a due
// date; NaN without.
func (r *Replication) MeanTardiness() float64 {
	return meanOf(dated(r.Orders), func(o OrderResult) float64 { return o.Tardiness })
}

// MeanFlowTime is the mean flow time (release to completion) of the
// complete orders; NaN without.
func (r *Replication) MeanFlowTime() float64 {
	return meanOf(done(r.Orders), func(o OrderResult) float64 { return o.Flow })
}

// done keeps the complete orders.
func done(rs []OrderResult) []OrderResult {
	var out []OrderResult
	for _, o := range rs {
		if !math.IsNaN(o.Completion) {
			out = append(out, o)
		}
	}
	return out
}

// dated keeps the complete orders that have a due date.
func dated(rs []OrderResult) []OrderResult {
	var out []OrderResult
	for _, o := range done(rs) {
		if !math.IsNaN(o.Lateness) {
			out = append(out, o)
		}
	}
	return out
}

func share(rs []OrderResult, ok func(OrderResult) bool) float64 {
	if len(rs) == 0 {
		return math.NaN()
	}
	n := 0
	for _, o := range rs {
		if ok(o) {
			n++
		}
	}
	return float64(n) / float64(len(rs))
}

func meanOf(rs []OrderResult, f func(OrderResult) float64) float64 {
	if len(rs) == 0 {
		return math.NaN()
	}
	sum := 0.0
	for _, o := range rs {
		sum += f(o)
	}
	return sum / float64(len(rs))
}

// maxLateness is the largest lateness of the complete orders with a due
// date; NaN without.
func maxLateness(rs []OrderResult) float64 {
	mx := math.NaN()
	for _, o := range dated(rs) {
		if math.IsNaN(mx) || o.Lateness > mx {
			mx = o.Lateness
		}
	}
	return mx
}

// Window is the length of the replication's statistics window under r:
// from the end of the warm-up to its end (the horizon, or with Until the
// makespan).
func (x *Replication) Window(r Run) float64 {
	if x.End > 0 {
		return x.End - r.Warmup
	}
	return r.Horizon - r.Warmup // a replication made without End
}
