package output

import (
	"fmt"

	"github.com/takt-sim/takt/sim"
)

// transporterRows is the table of transporters: vehicles, their
// utilisation (1 − idle), the requests waiting for a vehicle on average,
// the mean response time, and the trips and parts per replication.
func transporterRows(s *sim.Summary) [][]string {
	u := s.TimeUnit
	rows := [][]string{{"transporter", "vehicles", "busy", "requests waiting", "response (" + u + ")", "trips", "parts"}}
	for _, t := range s.Transporters {
		rows = append(rows, []string{t.Name, fmt.Sprint(t.Count), est(t.Utilization, 100, "%"), est(t.Waiting, 1, ""),
			est(t.Response, 1, ""), est(t.Trips, 1, ""), est(t.Parts, 1, "")})
	}
	return rows
}

// vehicleStateRows is the split of the vehicles' time by state.
func vehicleStateRows(s *sim.Summary) [][]string {
	head := []string{"transporter"}
	for st := range sim.NumVehicleStates {
		head = append(head, st.String())
	}
	rows := [][]string{head}
	for _, t := range s.Transporters {
		row := []string{t.Name}
		for _, e := range t.States {
			row = append(row, est(e, 100, "%"))
		}
		rows = append(rows, row)
	}
	return rows
}

const transportersText = `Transporters: a part on a route by a transporter waits on its machine (waiting_transport) until a vehicle comes. For each fleet, the share of vehicle time busy, the requests waiting for a vehicle on average, the mean response time from a request to the vehicle's arrival at the pickup, and the loaded trips and parts carried per replication; then the vehicles' time split into idle, driving empty, loading, driving loaded, unloading and waiting loaded at a full destination.`

// transporterTable is the report's table: both tables side by side.
func transporterTable(s *sim.Summary) [][]string {
	rows := transporterRows(s)
	for i, r := range vehicleStateRows(s) {
		rows[i] = append(rows[i], r[1:]...)
	}
	return rows
}

// TransporterJSON is one transporter's results in `takt run --json`.
type TransporterJSON struct {
	Name        string                  `json:"name"`
	Vehicles    int                     `json:"vehicles"`
	Utilization EstimateJSON            `json:"utilization"`
	States      map[string]EstimateJSON `json:"states"`
	Waiting     EstimateJSON            `json:"requests_waiting"`
	Response    EstimateJSON            `json:"response"`
	Trips       EstimateJSON            `json:"trips"`
	Parts       EstimateJSON            `json:"parts"`
}

func transportersJSON(s *sim.Summary) []TransporterJSON {
	var out []TransporterJSON
	for _, t := range s.Transporters {
		tj := TransporterJSON{Name: t.Name, Vehicles: t.Count, Utilization: estJSON(t.Utilization), States: map[string]EstimateJSON{},
			Waiting: estJSON(t.Waiting), Response: estJSON(t.Response), Trips: estJSON(t.Trips), Parts: estJSON(t.Parts)}
		for st, e := range t.States {
			tj.States[sim.VehicleState(st).String()] = estJSON(e)
		}
		out = append(out, tj)
	}
	return out
}

// transporterColumns are the CSV statistics of the transporters.
func transporterColumns(s *sim.Summary) []column {
	var cols []column
	for k, t := range s.Transporters {
		at := func(f func(sim.TransporterResult) float64) func(*sim.Replication) float64 {
			return func(r *sim.Replication) float64 { return f(r.Transporters[k]) }
		}
		cols = append(cols, column{"utilization", t.Name, t.Utilization,
			at(func(r sim.TransporterResult) float64 { return 1 - r.States[sim.VehicleIdle] })})
		for st := range sim.NumVehicleStates {
			cols = append(cols, column{"state_" + st.String(), t.Name, t.States[st],
				at(func(r sim.TransporterResult) float64 { return r.States[st] })})
		}
		cols = append(cols,
			column{"requests_waiting", t.Name, t.Waiting, at(func(r sim.TransporterResult) float64 { return r.Waiting })},
			column{"response", t.Name, t.Response, at(func(r sim.TransporterResult) float64 { return r.Response })},
			column{"trips", t.Name, t.Trips, at(func(r sim.TransporterResult) float64 { return float64(r.Trips) })},
			column{"parts_carried", t.Name, t.Parts, at(func(r sim.TransporterResult) float64 { return float64(r.Parts) })})
	}
	return cols
}
