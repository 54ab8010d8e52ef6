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

// storeRows is the table of finished-goods stores (make to stock).
func storeRows(s *sim.Summary) [][]string {
	u := s.TimeUnit
	rows := [][]string{{"store", "fill rate", "backorders", "customer wait (" + u + ")", "mean stock", "lost (demands)"}}
	for _, x := range s.Stores {
		rows = append(rows, []string{x.Name, est(x.FillRate, 100, "%"), est(x.Backorders, 1, ""), est(x.Wait, 1, ""),
			est(x.MeanStock, 1, ""), est(x.Lost, 1, "")})
	}
	return rows
}

const storesText = `Make to stock: the share of customer demands met from the shelf at once (fill rate), the time-average demands waiting (backorders), the mean time a demand waited (0 for those met at once), the time-average units on the shelf, and the demands lost per replication (with lost_sales).`

// StoreJSON is one finished-goods store's results in `takt run --json`.
type StoreJSON struct {
	Name       string       `json:"name"`
	FillRate   EstimateJSON `json:"fill_rate"`
	Backorders EstimateJSON `json:"backorders"`
	Wait       EstimateJSON `json:"customer_wait"`
	MeanStock  EstimateJSON `json:"mean_stock"`
	Lost       EstimateJSON `json:"lost"`
}

func storesJSON(s *sim.Summary) []StoreJSON {
	out := []StoreJSON{}
	for _, x := range s.Stores {
		out = append(out, StoreJSON{x.Name, estJSON(x.FillRate), estJSON(x.Backorders), estJSON(x.Wait), estJSON(x.MeanStock), estJSON(x.Lost)})
	}
	return out
}

// storeColumns are the CSV statistics of the stores.
func storeColumns(s *sim.Summary) []column {
	var cols []column
	for k, x := range s.Stores {
		at := func(f func(sim.StoreResult) float64) func(*sim.Replication) float64 {
			return func(r *sim.Replication) float64 { return f(r.Stores[k]) }
		}
		cols = append(cols,
			column{"fill_rate", x.Name, x.FillRate, at(func(r sim.StoreResult) float64 { return r.FillRate })},
			column{"backorders", x.Name, x.Backorders, at(func(r sim.StoreResult) float64 { return r.Backorders })},
			column{"customer_wait", x.Name, x.Wait, at(func(r sim.StoreResult) float64 { return r.Wait })},
			column{"mean_stock", x.Name, x.MeanStock, at(func(r sim.StoreResult) float64 { return r.MeanStock })},
			column{"lost", x.Name, x.Lost, at(func(r sim.StoreResult) float64 { return float64(r.Lost) })})
	}
	return cols
}
