package output

import (
	"github.com/takt-sim/takt/sim"
)

// materialRows is the table of raw materials: mean stock, fill rate, and
// per replication the parts that waited for stock and the orders placed.
func materialRows(s *sim.Summary) [][]string {
	rows := [][]string{{"material", "mean stock (units)", "fill rate", "stock-outs (parts)", "orders", "demand (parts)"}}
	for _, m := range s.Materials {
		rows = append(rows, []string{m.Name, est(m.MeanStock, 1, ""), est(m.FillRate, 100, "%"),
			est(m.StockOuts, 1, ""), est(m.Orders, 1, ""), est(m.Demands, 1, "")})
	}
	return rows
}

const materialsText = `Raw materials in stock: the time-average units on hand, the fill rate (the share of parts whose machine found the material there when it started them), the parts that had to wait for it (the machine is starved_material meanwhile), the orders placed and the parts that asked for it, per replication.`

// MaterialJSON is one raw material's results in `takt run --json`.
type MaterialJSON struct {
	Name      string       `json:"name"`
	MeanStock EstimateJSON `json:"mean_stock"`
	FillRate  EstimateJSON `json:"fill_rate"`
	StockOuts EstimateJSON `json:"stock_outs"`
	Orders    EstimateJSON `json:"orders"`
	Demands   EstimateJSON `json:"demands"`
}

func materialsJSON(s *sim.Summary) []MaterialJSON {
	out := []MaterialJSON{}
	for _, m := range s.Materials {
		out = append(out, MaterialJSON{m.Name, estJSON(m.MeanStock), estJSON(m.FillRate), estJSON(m.StockOuts),
			estJSON(m.Orders), estJSON(m.Demands)})
	}
	return out
}

// materialColumns are the CSV statistics of the raw materials.
func materialColumns(s *sim.Summary) []column {
	var cols []column
	for k, m := range s.Materials {
		at := func(f func(sim.MaterialResult) float64) func(*sim.Replication) float64 {
			return func(r *sim.Replication) float64 { return f(r.Materials[k]) }
		}
		cols = append(cols,
			column{"mean_stock", m.Name, m.MeanStock, at(func(r sim.MaterialResult) float64 { return r.MeanStock })},
			column{"fill_rate", m.Name, m.FillRate, at(func(r sim.MaterialResult) float64 { return r.FillRate })},
			column{"stock_outs", m.Name, m.StockOuts, at(func(r sim.MaterialResult) float64 { return float64(r.StockOuts) })},
			column{"orders", m.Name, m.Orders, at(func(r sim.MaterialResult) float64 { return float64(r.Orders) })})
	}
	return cols
}
