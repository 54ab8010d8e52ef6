package output

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/stats"
)

func console(t *testing.T, s *sim.Summary) string {
	t.Helper()
	var b strings.Builder
	if err := Console(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestConsoleGolden compares the table of hand-built summaries with
// testdata/*.golden (go test ./output -update rewrites them).
func TestConsoleGolden(t *testing.T) {
	for name, s := range map[string]*sim.Summary{
		"console-line.golden":    handLine(),    // blocked shown, no reliability, no crews
		"console-plant.golden":   handPlant(),   // every state, reliability, crews, 90%
		"console-partial.golden": handPartial(), // one replication: no "±", PARTIAL
	} {
		t.Run(name, func(t *testing.T) { checkGolden(t, name, []byte(console(t, s))) })
	}
}

// handPartial is handLine interrupted after one of its four replications,
// summarised by sim.Summarize: every half-width is NaN.
func handPartial() *sim.Summary {
	h := handLine()
	m := &sim.Model{Name: h.Scenario, TimeUnit: h.TimeUnit, Sinks: []sim.Sink{{Name: "done"}}}
	for _, ss := range h.Stations {
		m.Stations = append(m.Stations, sim.Station{Name: ss.Name, Machines: ss.Machines})
	}
	s := sim.Summarize(m, h.Run, h.Replications[:1])
	s.Partial = true
	return s
}

func TestConsoleHeader(t *testing.T) {
	lines := strings.Split(console(t, handLine()), "\n")
	want := []string{
		"Hand-built line",
		"4 replications, 95% confidence intervals (mean ±half-width), times in min",
		"horizon 20000 min, warm-up 1000 min, seed 7",
		"",
		"Plant",
		"  throughput  0.7988 ±0.0059  parts/min",
	}
	for i, w := range want {
		if i >= len(lines) || lines[i] != w {
			t.Fatalf("line %d:\n%q\nwant\n%q", i+1, lines[min(i, len(lines)-1)], w)
		}
	}
}

func TestConsolePartial(t *testing.T) {
	const marker = "PARTIAL: 1 of 4 replications completed\n"
	if out := console(t, handPartial()); !strings.Contains(out, marker) {
		t.Errorf("no %q in\n%s", marker, out)
	}
	if out := console(t, handLine()); strings.Contains(out, "PARTIAL") {
		t.Errorf("complete run marked partial:\n%s", out)
	}
	// Interrupted before any replication completed: the header only.
	s := handLine()
	s.Partial, s.Replications = true, nil
	want := "Hand-built line\n" +
		"0 replications, 95% confidence intervals (mean ±half-width), times in min\n" +
		"horizon 20000 min, warm-up 1000 min, seed 7\n" +
		"PARTIAL: 0 of 4 replications completed\n"
	if out := console(t, s); out != want {
		t.Errorf("no replications:\n%s\nwant:\n%s", out, want)
	}
}

// stationColumns returns the column names of the Stations table.
func stationColumns(t *testing.T, out string) string {
	t.Helper()
	_, after, ok := strings.Cut(out, "\nStations\n")
	if !ok {
		t.Fatalf("no Stations table in\n%s", out)
	}
	// A wide table comes in blocks of columns, each repeating the names.
	table, _, _ := strings.Cut(after, "\n\nBottlenecks")
	var cols []string
	for i, block := range strings.Split(table, "\n\n") {
		head := strings.SplitN(block, "\n", 2)[0]
		names := regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(head), -1)
		if i > 0 {
			names = names[1:]
		}
		cols = append(cols, names...)
	}
	return strings.Join(cols, "|")
}

// TestConsoleStateColumns checks that a state has a column exactly when
// some machine of some station was ever in it, in the order of sim.States;
// busy is the utilisation column.
func TestConsoleStateColumns(t *testing.T) {
	for _, st := range sim.States()[1:] {
		t.Run(st.String(), func(t *testing.T) {
			s := handLine()
			for i := range s.Stations {
				for _, other := range sim.States()[1:] {
					s.Stations[i].States[other] = estimate(0, 0)
				}
			}
			if cols := stationColumns(t, console(t, s)); cols != "station|machines|utilisation|queue (parts)|wait (min)" {
				t.Errorf("no state occurs, columns %q", cols)
			}
			s.Stations[1].States[st] = estimate(0.01, 0.002)
			want := "station|machines|utilisation|" + st.String() + "|queue (parts)|wait (min)"
			if cols := stationColumns(t, console(t, s)); cols != want {
				t.Errorf("columns %q, want %q", cols, want)
			}
		})
	}
	want := "station|machines|utilisation|starved|down|waiting_crew|maintenance|queue (parts)|wait (h)"
	if cols := stationColumns(t, console(t, handPlant())); cols != want {
		t.Errorf("plant: columns %q, want %q", cols, want)
	}
}

func TestConsoleReliabilityOnlyWithOutages(t *testing.T) {
	s := handPlant()
	out := console(t, s)
	_, rel, ok := strings.Cut(out, "\nReliability ")
	if !ok {
		t.Fatalf("no Reliability table:\n%s", out)
	}
	rel, _, _ = strings.Cut(rel, "\n\n")
	for _, name := range []string{"press", "oven"} {
		if !strings.Contains(rel, "\n  "+name+" ") {
			t.Errorf("%s missing from the Reliability table:\n%s", name, rel)
		}
	}
	if strings.Contains(rel, "paint") {
		t.Errorf("paint has no outages but is in the Reliability table:\n%s", rel)
	}
	for i := range s.Stations {
		s.Stations[i].HasOutages = false
	}
	if out := console(t, s); strings.Contains(out, "Reliability") || strings.Contains(out, "MTBF") {
		t.Errorf("Reliability table without outages:\n%s", out)
	}
}

func TestConsoleCrewsOnlyWithCrews(t *testing.T) {
	out := console(t, handPlant())
	want := "\nCrews\n  crew          size  utilisation  of scheduled time\n  fitters          2   41.0% ±5.0         62.0% ±7.0\n" +
		"  electricians     1   12.0% ±3.2         12.0% ±3.2\n  labour per part: 0.750 ±0.040 h of crew time\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("crews table: got\n%s\nwant it to end with\n%s", out, want)
	}
	if out := console(t, handLine()); strings.Contains(out, "Crews") {
		t.Errorf("Crews table without crews:\n%s", out)
	}
	s := handPlant()
	s.Crews[0].Overtime = stats.Estimate{Mean: 0.05, HalfWidth: 0.01, N: 4}
	want = "\nCrews\n  crew          size  utilisation  of scheduled time   overtime\n" +
		"  fitters          2   41.0% ±5.0         62.0% ±7.0  5.0% ±1.0\n"
	if out := console(t, s); !strings.Contains(out, want) {
		t.Errorf("crews table with overtime: got\n%s\nwant it to contain\n%s", out, want)
	}
}

// TestConsoleRealRun checks the table of real runs: Penny Fab, which is
// deterministic (exact values, zero half-widths), and a stochastic line
// with failures and a crew, whose numbers are only checked to be the
// summary's.
func TestConsoleRealRun(t *testing.T) {
	out := console(t, runModel(t, pennyFab(), 3))
	for _, want := range []string{
		"3 replications, 95% confidence intervals (mean ±half-width), times in h\n",
		"\n  throughput  0.5000 ±0  parts/h\n",
		"\n  WIP          4.000 ±0    parts\n",
		"\n  cycle time   8.000 ±0        h\n",
		"\n  station  machines  utilisation  queue (parts)  wait (h)\n",
		"\n  s4              1    100.0% ±0           0 ±0      0 ±0\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("Penny Fab: no %q in\n%s", want, out)
		}
	}

	s := runModel(t, tinyLine(true), 3)
	out = console(t, s)
	for _, want := range []string{
		"tiny line\n3 replications,",
		"  throughput  " + est(s.Throughput, 1, "") + "  parts/min\n",
		"\nReliability (", "\n  weld ", "\nCrews\n", "\n  fitters ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("tiny line: no %q in\n%s", want, out)
		}
	}
	if cols := stationColumns(t, out); !strings.Contains(cols, "|blocked|") || !strings.Contains(cols, "|down|") {
		t.Errorf("tiny line: cut is blocked and weld fails, columns %q", cols)
	}
}

func TestConsoleWriteError(t *testing.T) {
	if err := Console(failingWriter{}, handLine()); !errors.Is(err, errWrite) {
		t.Errorf("Console to a failing writer: %v", err)
	}
}
