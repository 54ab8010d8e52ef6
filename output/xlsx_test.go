package output

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// cell reads a cell of a sheet, failing the test on error.
func cell(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// number reads a numeric cell back, failing unless it is stored as a number.
func number(t *testing.T, f *excelize.File, sheet, ref string) float64 {
	t.Helper()
	if ty, err := f.GetCellType(sheet, ref); err != nil || ty != excelize.CellTypeNumber && ty != excelize.CellTypeUnset {
		t.Errorf("%s!%s: type %v (%v), want a number", sheet, ref, ty, err)
	}
	x, err := strconv.ParseFloat(cell(t, f, sheet, ref), 64)
	if err != nil {
		t.Errorf("%s!%s: %v", sheet, ref, err)
	}
	return x
}

// TestXLSXReadBack writes the workbook of the costed line (see
// costedSummary) and reads it back: sheets in order, numbers as numbers,
// units in the headers.
func TestXLSXReadBack(t *testing.T) {
	s := costedSummary(t)
	path := filepath.Join(t.TempDir(), "run.xlsx")
	if err := XLSX(path, s); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"Summary", "Stations", "Costs", "Replications"}; !slices.Equal(got, want) {
		t.Errorf("sheets %v, want %v", got, want)
	}
	if cell(t, f, "Summary", "A2") != "throughput" || cell(t, f, "Summary", "C2") != "parts/h" || number(t, f, "Summary", "D2") != 1 {
		t.Errorf("Summary row 2: %s %s %s", cell(t, f, "Summary", "A2"), cell(t, f, "Summary", "C2"), cell(t, f, "Summary", "D2"))
	}
	if cell(t, f, "Stations", "C1") != "utilisation (fraction)" || number(t, f, "Stations", "C2") != 0.5 {
		t.Errorf("Stations: %s = %s", cell(t, f, "Stations", "C1"), cell(t, f, "Stations", "C2"))
	}
	rows, err := f.GetRows("Costs")
	if err != nil {
		t.Fatal(err)
	}
	if rows[0][1] != "cost (per h)" || rows[1][0] != "machine_running" || number(t, f, "Costs", "B2") != 30 {
		t.Errorf("Costs: %v", rows[:2])
	}
	last := len(rows)
	if rows[last-2][0] != "cost per good part" || number(t, f, "Costs", "B"+strconv.Itoa(last-1)) != 38 {
		t.Errorf("Costs: %v", rows[last-2])
	}
	if cell(t, f, "Replications", "A1") != "replication" || number(t, f, "Replications", "A3") != 2 {
		t.Errorf("Replications: %s %s", cell(t, f, "Replications", "A1"), cell(t, f, "Replications", "A3"))
	}
}

// TestCompareXLSXReadBack: the comparison workbook holds the Comparison
// sheet, ranked, with the paired differences as numbers.
func TestCompareXLSXReadBack(t *testing.T) {
	faster, _ := sim.Const(0.25)
	base := costedModel()
	alt := costedModel()
	alt.Stations[0].Process = faster
	r := sim.Run{Horizon: 110.25, Warmup: 10.25, Replications: 2, Seed: 1, Confidence: 0.95}
	c, err := experiment.Compare(context.Background(), []experiment.Alternative{{Name: "base", Model: base, Run: r}, {Name: "faster", Model: alt, Run: r}}, experiment.Options{})
	if err != nil {
		t.Fatal(err)
	}
	kpi, _ := experiment.KPIByName("cost_per_part")
	view := &Comparison{Comparison: c, Order: c.Rank(kpi), Objective: kpi, Values: make([][]any, 2)}
	path := filepath.Join(t.TempDir(), "compare.xlsx")
	if err := CompareXLSX(path, view); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 5 || got[0] != "Comparison" {
		t.Errorf("sheets %v", got)
	}
	rows, err := f.GetRows("Comparison")
	if err != nil {
		t.Fatal(err)
	}
	// The faster machine runs 25 of the 100 hours (60 · 25 = 1500) and idles
	// 75 (10 · 75 = 750): 22.5 + 3 = 25.5 per part, 12.5 less than the base.
	for i, row := range rows {
		if i > 0 && row[0] == "faster" && row[1] == "cost_per_part" {
			if number(t, f, "Comparison", "D"+strconv.Itoa(i+1)) != 25.5 || number(t, f, "Comparison", "F"+strconv.Itoa(i+1)) != -12.5 {
				t.Errorf("faster cost per part: %v", row)
			}
			return
		}
	}
	t.Errorf("no row for faster, cost_per_part: %v", rows)
}
