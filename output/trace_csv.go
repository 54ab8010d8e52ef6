package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/takt-sim/takt/sim"
)

// TraceCSV is a sim.Tracer that writes the event trace of one replication
// as CSV, one row per event in the order the replication reports them:
//
//	time,element,event,part,product,state
//
// A machine entering a state is a row with event "state", element
// "station#k" (machines counted from 1) and the state's name, and so is a
// vehicle of a transporter ("agv#2", state idle, empty, loading, loaded,
// unloading or waiting); a part's step
// is a row with the step ("entered", "queued", "started", "finished",
// "exited", "scrapped", "moving", "conveying", "conveyed", "picked_up",
// "delivered", "card", "card_freed"), the element where it happens
// (source, station, conveyor, vehicle, kanban loop or sink) and
// the part's number and its product (empty for a part of no product; an
// assembled part shows its output product from the assembly on). Level
// changes are not written: they follow from the part events.
type TraceCSV struct {
	w        *csv.Writer
	limit    int
	rows     int
	dropped  int64
	row      [6]string
	products map[int64]string // of the parts in the plant that have one
}

// NewTraceCSV writes the header to w and returns a TraceCSV that writes
// at most limit events (limit <= 0: no limit).
func NewTraceCSV(w io.Writer, limit int) *TraceCSV {
	t := &TraceCSV{w: csv.NewWriter(w), limit: limit, products: map[int64]string{}}
	t.w.Write([]string{"time", "element", "event", "part", "product", "state"})
	return t
}

// write writes one row unless the limit is reached.
func (t *TraceCSV) write(time float64, element, event, part, product, state string) {
	if t.limit > 0 && t.rows >= t.limit {
		t.dropped++
		return
	}
	t.rows++
	t.row = [6]string{g(time), element, event, part, product, state}
	t.w.Write(t.row[:])
}

// MachineState implements sim.Tracer.
func (t *TraceCSV) MachineState(time float64, station string, k int, s sim.State) {
	t.write(time, fmt.Sprintf("%s#%d", station, k+1), "state", "", "", s.String())
}

// PartEvent implements sim.Tracer.
func (t *TraceCSV) PartEvent(time float64, part int64, ev sim.PartEventKind, element string) {
	t.write(time, element, ev.String(), strconv.FormatInt(part, 10), t.products[part], "")
	if ev == sim.PartExited || ev == sim.PartScrapped {
		delete(t.products, part)
	}
}

// VehicleState implements sim.VehicleTracer: a row with event "state",
// element "transporter#k" (vehicles counted from 1) and the vehicle state.
func (t *TraceCSV) VehicleState(time float64, transporter string, k int, s sim.VehicleState) {
	t.write(time, fmt.Sprintf("%s#%d", transporter, k+1), "state", "", "", s.String())
}

// PartProduct implements sim.ProductTracer.
func (t *TraceCSV) PartProduct(_ float64, part int64, product string) { t.products[part] = product }

// Level implements sim.Tracer; levels are not written.
func (t *TraceCSV) Level(float64, string, int) {}

// Close flushes the rows written and returns the first write error.
func (t *TraceCSV) Close() error {
	t.w.Flush()
	return t.w.Error()
}

// Rows is the number of events written.
func (t *TraceCSV) Rows() int { return t.rows }

// Dropped is the number of events left out beyond the limit.
func (t *TraceCSV) Dropped() int64 { return t.dropped }
