package output

import (
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

// Number is a float64 that encodes NaN and ±Inf as JSON null.
type Number float64

// MarshalJSON encodes n, or null when it is not finite.
func (n Number) MarshalJSON() ([]byte, error) {
	f := float64(n)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return []byte(g(f)), nil
}

// EstimateJSON is the JSON form of a stats.Estimate.
type EstimateJSON struct {
	Mean      Number `json:"mean"`
	HalfWidth Number `json:"half_width"`
	StdDev    Number `json:"std_dev"`
	Min       Number `json:"min"`
	Max       Number `json:"max"`
	N         int    `json:"n"`
}

func estJSON(e stats.Estimate) EstimateJSON {
	return EstimateJSON{Number(e.Mean), Number(e.HalfWidth), Number(e.StdDev), Number(e.Min), Number(e.Max), e.N}
}

// SummaryJSON is the stable JSON contract of `takt run --json` (DESIGN.md):
// fields may be added, never renamed.
type SummaryJSON struct {
	Scenario     string        `json:"scenario"`
	Replications int           `json:"replications"`
	Requested    int           `json:"requested"`
	Partial      bool          `json:"partial"`
	Confidence   float64       `json:"confidence"`
	TimeUnit     string        `json:"time_unit"`
	Horizon      float64       `json:"horizon"`
	Warmup       float64       `json:"warmup"`
	Seed         uint64        `json:"seed"`
	KPIs         KPIsJSON      `json:"kpis"`
	Sources      []SourceJSON  `json:"sources"`
	Stations     []StationJSON `json:"stations"`
	Sinks        []SinkJSON    `json:"sinks"`
	Crews        []CrewJSON    `json:"crews"`
	Products     []ProductJSON `json:"products"`
	Orders       *OrdersJSON   `json:"orders,omitempty"`
	// Costs is there for a plant with costs.
	Costs *CostsJSON `json:"costs,omitempty"`
	// Materials are the raw materials in stock (empty without).
	Materials []MaterialJSON `json:"materials"`
	// Stores are the finished-goods stores (make to stock; empty without).
	Stores []StoreJSON `json:"stores"`
	// Kanbans are the kanban loops; left out without.
	Kanbans []KanbanJSON `json:"kanbans,omitempty"`
	// Bottlenecks names the bottleneck station(s), most first; Verdict says
	// it in words.
	// Precision is the target of --precision, when given.
	Precision *PrecisionJSON `json:"precision,omitempty"`
	// Until is there for a run until done; Horizon is then the longest a
	// replication may take.
	Until *UntilJSON `json:"until,omitempty"`
	// SuggestedWarmup is the MSER-5 warm-up, −1 when the run is too short.
	SuggestedWarmup Number   `json:"suggested_warmup"`
	Bottlenecks     []string `json:"bottlenecks"`
	Verdict         string   `json:"verdict"`
	// Conveyors are the conveyors (left out without).
	Conveyors []ConveyorJSON `json:"conveyors,omitempty"`
	// Transporters are the vehicle fleets (left out without).
	Transporters []TransporterJSON `json:"transporters,omitempty"`
}

// PrecisionJSON says which relative half-width of throughput was asked for
// and whether it was met within the cap on replications.
type PrecisionJSON struct {
	Target float64 `json:"target"`
	Met    bool    `json:"met"`
}

// OrdersJSON summarises the order books (see sim.OrdersSummary).
type OrdersJSON struct {
	Count         int          `json:"count"`
	Completed     EstimateJSON `json:"completed"`
	OnTime        EstimateJSON `json:"on_time"`
	MeanLateness  EstimateJSON `json:"mean_lateness"`
	MaxLateness   EstimateJSON `json:"max_lateness"`
	MeanTardiness EstimateJSON `json:"mean_tardiness"`
	MeanFlow      EstimateJSON `json:"mean_flow_time"`
	Makespan      EstimateJSON `json:"makespan"`
	List          []OrderJSON  `json:"list"`
}

// OrderJSON is one order's outcome.
type OrderJSON struct {
	Name       string       `json:"name"`
	Due        Number       `json:"due"`
	Completion EstimateJSON `json:"completion"`
	Lateness   EstimateJSON `json:"lateness"`
	Tardiness  EstimateJSON `json:"tardiness"`
}

// ProductJSON holds one product's indicators.
type ProductJSON struct {
	Name               string                  `json:"name"`
	Throughput         EstimateJSON            `json:"throughput"`
	WIP                EstimateJSON            `json:"wip"`
	CycleTime          EstimateJSON            `json:"cycle_time"`
	CycleTimeQuantiles map[string]EstimateJSON `json:"cycle_time_quantiles"`
}

// CrewJSON holds one crew's utilisation.
type CrewJSON struct {
	Name        string       `json:"name"`
	Size        int          `json:"size"`
	Utilization EstimateJSON `json:"utilization"`
	// UtilizationScheduled is the members' time at work on shift over
	// their scheduled time (all the time without a shift), at most 1.
	UtilizationScheduled EstimateJSON `json:"utilization_scheduled"`
	// Overtime is their time at work off shift (finishing a task after
	// the shift ended) over the same scheduled time.
	Overtime EstimateJSON `json:"overtime"`
}

// KPIsJSON holds the plant-level indicators.
type KPIsJSON struct {
	Throughput EstimateJSON `json:"throughput"`
	// ThroughputScheduled is per unit of scheduled (working) time; equal to
	// throughput without shifts.
	ThroughputScheduled EstimateJSON `json:"throughput_scheduled"`
	// LabourPerPart is the crews' working time per part, in time units.
	LabourPerPart      EstimateJSON            `json:"labour_per_part"`
	WIP                EstimateJSON            `json:"wip"`
	CycleTime          EstimateJSON            `json:"cycle_time"`
	CycleTimeQuantiles map[string]EstimateJSON `json:"cycle_time_quantiles"`
	// Makespan is there for a run until done: from the end of the warm-up
	// to the event that completed the work.
	Makespan *EstimateJSON `json:"makespan,omitempty"`
}

// UntilJSON says when a run until done ends each replication.
type UntilJSON struct {
	Parts  int64 `json:"parts,omitempty"`
	Orders bool  `json:"orders,omitempty"`
}

// StationJSON holds one station's indicators; States has one entry per
// machine state, keyed by its name.
type StationJSON struct {
	Name        string                  `json:"name"`
	Machines    int                     `json:"machines"`
	Utilization EstimateJSON            `json:"utilization"`
	Queue       EstimateJSON            `json:"queue"`
	Wait        EstimateJSON            `json:"wait"`
	States      map[string]EstimateJSON `json:"states"`
	// Reliability; availability and OEE are 1 and the utilisation for a
	// station without failures or maintenance.
	Availability EstimateJSON `json:"availability"`
	Performance  EstimateJSON `json:"performance"`
	Quality      EstimateJSON `json:"quality"`
	OEE          EstimateJSON `json:"oee"`
	Failures     EstimateJSON `json:"failures"`
	MTBF         EstimateJSON `json:"mtbf"`
	MTTR         EstimateJSON `json:"mttr"`
	// Bottleneck holds the shares of time the station is the sole or a
	// shifting bottleneck (active-period method).
	Bottleneck BottleneckJSON `json:"bottleneck"`
	// Setups is the number of setups per replication; Scrapped and Reworked
	// count the finished parts scrapped and sent to rework per replication.
	Setups   EstimateJSON `json:"setups"`
	Scrapped EstimateJSON `json:"scrapped"`
	Reworked EstimateJSON `json:"reworked"`
}

// BottleneckJSON holds a station's bottleneck shares.
type BottleneckJSON struct {
	Sole     EstimateJSON `json:"sole"`
	Shifting EstimateJSON `json:"shifting"`
}

// SourceJSON is one source: how it releases parts ("interarrival",
// "saturated", "conwip" or "orders") and the share of time it held parts
// the station it feeds had no room for.
type SourceJSON struct {
	Name    string       `json:"name"`
	Release string       `json:"release"`
	Blocked EstimateJSON `json:"blocked"`
}

// SinkJSON holds one sink's throughput.
type SinkJSON struct {
	Name       string       `json:"name"`
	Throughput EstimateJSON `json:"throughput"`
}

// NewSummaryJSON converts s to its JSON form.
func NewSummaryJSON(s *sim.Summary) SummaryJSON {
	out := SummaryJSON{Scenario: s.Scenario, Replications: len(s.Replications), Requested: s.Requested,
		Partial: s.Partial, Confidence: s.Confidence, TimeUnit: s.TimeUnit,
		Horizon: s.Run.Horizon, Warmup: s.Run.Warmup, Seed: s.Run.Seed,
		KPIs: KPIsJSON{Throughput: estJSON(s.Throughput), ThroughputScheduled: estJSON(s.ThroughputScheduled), LabourPerPart: estJSON(s.LabourPerPart), WIP: estJSON(s.WIP), CycleTime: estJSON(s.CycleTime),
			CycleTimeQuantiles: map[string]EstimateJSON{}},
		Stations: []StationJSON{}, Sinks: []SinkJSON{}, Crews: []CrewJSON{}, Products: []ProductJSON{},
		Bottlenecks: []string{}, Sources: []SourceJSON{}, Verdict: Verdict(s), SuggestedWarmup: Number(s.SuggestedWarmup)}
	if s.PrecisionTarget > 0 {
		out.Precision = &PrecisionJSON{s.PrecisionTarget, s.PrecisionMet}
	}
	if u := s.Run.Until; u.Set() {
		out.Until = &UntilJSON{Parts: u.Parts, Orders: u.Orders}
		m := estJSON(s.Makespan)
		out.KPIs.Makespan = &m
	}
	for _, b := range Bottlenecks(s) {
		out.Bottlenecks = append(out.Bottlenecks, b.Name)
	}
	for _, q := range s.CycleQuantiles {
		out.KPIs.CycleTimeQuantiles[fmt.Sprintf("p%g", 100*q.P)] = estJSON(q.Estimate)
	}
	for _, ss := range s.Stations {
		sj := StationJSON{Name: ss.Name, Machines: ss.Machines, Utilization: estJSON(ss.Utilization),
			Queue: estJSON(ss.Queue), Wait: estJSON(ss.Wait), States: map[string]EstimateJSON{},
			Availability: estJSON(ss.Availability), Performance: estJSON(ss.Performance),
			Quality: estJSON(ss.Quality), OEE: estJSON(ss.OEE), Failures: estJSON(ss.Failures),
			MTBF: estJSON(ss.MTBF), MTTR: estJSON(ss.MTTR),
			Bottleneck: BottleneckJSON{estJSON(ss.BottleneckSole), estJSON(ss.BottleneckShifting)},
			Setups:     estJSON(ss.Setups), Scrapped: estJSON(ss.Scrapped), Reworked: estJSON(ss.Reworked)}
		for _, st := range sim.States() {
			sj.States[st.String()] = estJSON(ss.States[st])
		}
		out.Stations = append(out.Stations, sj)
	}
	if o := s.Orders; o != nil {
		out.Orders = &OrdersJSON{o.Count, estJSON(o.Completed), estJSON(o.OnTime), estJSON(o.MeanLateness),
			estJSON(o.MaxLateness), estJSON(o.MeanTardiness), estJSON(o.MeanFlow), estJSON(o.Makespan), []OrderJSON{}}
		for _, x := range o.List {
			out.Orders.List = append(out.Orders.List, OrderJSON{x.Name, Number(x.Due), estJSON(x.Completion),
				estJSON(x.Lateness), estJSON(x.Tardiness)})
		}
	}
	out.Costs = costsJSON(s.Costs)
	out.Materials = materialsJSON(s)
	out.Stores = storesJSON(s)
	out.Conveyors = conveyorsJSON(s)
	out.Transporters = transportersJSON(s)
	out.Kanbans = kanbansJSON(s)
	for _, p := range s.Products {
		pj := ProductJSON{Name: p.Name, Throughput: estJSON(p.Throughput), WIP: estJSON(p.WIP),
			CycleTime: estJSON(p.CycleTime), CycleTimeQuantiles: map[string]EstimateJSON{}}
		for _, q := range p.CycleQuantiles {
			pj.CycleTimeQuantiles[fmt.Sprintf("p%g", 100*q.P)] = estJSON(q.Estimate)
		}
		out.Products = append(out.Products, pj)
	}
	for _, c := range s.Crews {
		out.Crews = append(out.Crews, CrewJSON{Name: c.Name, Size: c.Size, Utilization: estJSON(c.Utilization),
			UtilizationScheduled: estJSON(c.UtilizationScheduled), Overtime: estJSON(c.Overtime)})
	}
	for _, so := range s.Sources {
		out.Sources = append(out.Sources, SourceJSON{Name: so.Name, Release: so.Kind.String(), Blocked: estJSON(so.Blocked)})
	}
	for _, sk := range s.Sinks {
		out.Sinks = append(out.Sinks, SinkJSON{Name: sk.Name, Throughput: estJSON(sk.Throughput)})
	}
	return out
}

// JSON writes the summary as one indented JSON object. Map keys are
// written in sorted order, so the output is deterministic.
func JSON(w io.Writer, s *sim.Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(NewSummaryJSON(s))
}
