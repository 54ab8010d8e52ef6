package output

import (
	"bytes"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

// readCSV parses CSV text; encoding/csv also checks that every row has as
// many fields as the header.
func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%v in\n%s", err, data)
	}
	return rows
}

func summaryRows(t *testing.T, s *sim.Summary) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := SummaryCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	return readCSV(t, b.Bytes())
}

func replicationRows(t *testing.T, s *sim.Summary) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := ReplicationsCSV(&b, s); err != nil {
		t.Fatal(err)
	}
	return readCSV(t, b.Bytes())
}

// statNames are the statistics of the hand-built plant in output order, as
// "element.metric" ("metric" for the plant): the plant's, then per station
// utilisation, queue, wait, the six states and, with outages, the
// reliability figures; then crews, then sinks.
func statNames() []string {
	names := []string{"throughput", "throughput_scheduled", "wip", "cycle_time",
		"cycle_time_p50", "cycle_time_p90", "cycle_time_p95", "cycle_time_p99"}
	for _, st := range []string{"press", "paint", "oven"} {
		names = append(names, st+".utilization", st+".queue", st+".wait")
		for _, state := range []string{"busy", "starved", "blocked", "down", "waiting_crew", "maintenance", "off_shift", "waiting_operator", "setup", "starved_material", "waiting_transport", "waiting_card"} {
			names = append(names, st+".state_"+state)
		}
		names = append(names, st+".setups", st+".scrapped", st+".reworked", st+".quality", st+".bottleneck_sole", st+".bottleneck_shifting")
		if st != "paint" {
			names = append(names, st+".availability", st+".oee", st+".failures", st+".mtbf", st+".mttr")
		}
	}
	return append(names, "fitters.utilization", "fitters.utilization_scheduled", "fitters.overtime", "electricians.utilization",
		"electricians.utilization_scheduled", "electricians.overtime", "labour_per_part", "good.throughput", "scrap.throughput")
}

func TestSummaryCSV(t *testing.T) {
	s := handPlant()
	rows := summaryRows(t, s)
	if got := strings.Join(rows[0], ","); got != "metric,element,mean,half_width,std_dev,min,max,n,confidence" {
		t.Errorf("header %q", got)
	}
	want := statNames()
	if len(rows) != 1+len(want) {
		t.Fatalf("%d rows, want header + %d", len(rows), len(want))
	}
	for i, name := range want {
		element, metric, ok := strings.Cut(name, ".")
		if !ok {
			element, metric = "", name
		}
		if rows[i+1][0] != metric || rows[i+1][1] != element {
			t.Errorf("row %d: %q, %q; want %q, %q", i+1, rows[i+1][0], rows[i+1][1], metric, element)
		}
	}
	// Full precision, the estimate's own n, the confidence on every row.
	if got := strings.Join(rows[1], ","); got != "throughput,,0.79883,0.00591,0.01182,0.7929200000000001,0.80474,4,0.9" {
		t.Errorf("throughput row %q", got)
	}
	// The oven has no failures: MTBF and MTTR are NaN, written as NaN.
	for _, r := range rows {
		if r[1] == "oven" && (r[0] == "mtbf" || r[0] == "mttr") {
			if got := strings.Join(r[2:8], ","); got != "NaN,NaN,NaN,NaN,NaN,0" {
				t.Errorf("oven %s: %q, want NaN and n = 0", r[0], got)
			}
		}
	}
}

func TestReplicationsCSV(t *testing.T) {
	s := handPlant()
	rows := replicationRows(t, s)
	want := append([]string{"replication", "completed"}, statNames()...)
	if got := strings.Join(rows[0], ","); got != strings.Join(want, ",") {
		t.Errorf("header\n%s\nwant\n%s", got, strings.Join(want, ","))
	}
	if len(rows) != 1+len(s.Replications) {
		t.Fatalf("%d rows, want header + %d", len(rows), len(s.Replications))
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	window := s.Run.Horizon - s.Run.Warmup
	for i, r := range s.Replications {
		row := rows[i+1]
		for name, want := range map[string]float64{
			"replication": float64(i + 1), "completed": float64(r.Completed), "throughput": r.Throughput,
			"cycle_time_p90": r.CycleQuantiles[1], "press.state_down": r.Stations[0].States[sim.Down],
			"press.failures": float64(r.Stations[0].Failures), "oven.wait": r.Stations[2].Wait,
			"electricians.utilization": r.Crews[1], "scrap.throughput": float64(r.Sinks[1]) / window,
		} {
			if got, err := strconv.ParseFloat(row[col[name]], 64); err != nil || got != want {
				t.Errorf("replication %d: %s = %q, want %v", i+1, name, row[col[name]], want)
			}
		}
		if got := row[col["oven.mttr"]]; got != "NaN" {
			t.Errorf("replication %d: oven.mttr = %q, want NaN", i+1, got)
		}
	}
}

// TestCSVRealRun checks both files of a real run against its summary: one
// row per statistic and per replication, and values that parse back exactly.
func TestCSVRealRun(t *testing.T) {
	s := runModel(t, tinyLine(false), 3)
	sum := summaryRows(t, s)
	// 8 plant statistics, 21 per station (no outages), 1 sink.
	if len(sum) != 1+8+2*21+1 {
		t.Errorf("summary.csv: %d rows", len(sum))
	}
	for _, r := range sum[1:] {
		if r[0] == "throughput" && r[1] == "" {
			if got, _ := strconv.ParseFloat(r[2], 64); got != s.Throughput.Mean {
				t.Errorf("throughput mean %s, want %v", r[2], s.Throughput.Mean)
			}
		}
	}
	reps := replicationRows(t, s)
	if len(reps) != 4 || len(reps[0]) != 2+len(sum)-1 {
		t.Fatalf("replications.csv: %d rows of %d columns", len(reps), len(reps[0]))
	}
	for i, r := range s.Replications {
		if got, _ := strconv.ParseFloat(reps[i+1][2], 64); reps[i+1][0] != strconv.Itoa(i+1) || got != r.Throughput {
			t.Errorf("row %d: replication %s, throughput %s; want %d, %v", i+1, reps[i+1][0], reps[i+1][2], i+1, r.Throughput)
		}
	}
}

// TestCSVFiles checks that CSV creates the folder and writes both files,
// and leaves no temporary file behind.
func TestCSVFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "results", "run1")
	s := handPlant()
	if err := CSV(dir, s); err != nil {
		t.Fatal(err)
	}
	var sum, reps bytes.Buffer
	SummaryCSV(&sum, s)
	ReplicationsCSV(&reps, s)
	for name, want := range map[string][]byte{"summary.csv": sum.Bytes(), "replications.csv": reps.Bytes()} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what %sCSV writes", name, strings.TrimSuffix(name, ".csv"))
		}
	}
	if names := dirNames(t, dir); strings.Join(names, " ") != "replications.csv summary.csv" {
		t.Errorf("folder holds %q", names)
	}
	// Written again, they are replaced.
	s.Replications = s.Replications[:1]
	if err := CSV(dir, s); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "replications.csv"))
	if n := len(readCSV(t, data)); n != 2 {
		t.Errorf("rewritten replications.csv has %d rows, want 2", n)
	}
}

func TestCSVErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "taken")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := CSV(file, handLine()); err == nil {
		t.Error("CSV into a path that is a file: no error")
	}
	if err := SummaryCSV(failingWriter{}, handLine()); !errors.Is(err, errWrite) {
		t.Errorf("SummaryCSV to a failing writer: %v", err)
	}
	if err := ReplicationsCSV(failingWriter{}, handLine()); !errors.Is(err, errWrite) {
		t.Errorf("ReplicationsCSV to a failing writer: %v", err)
	}
}

// TestCSVNaN checks that NaN and infinities are written as Go spells them,
// which strconv.ParseFloat (and most CSV readers) read back.
func TestCSVNaN(t *testing.T) {
	s := handPartial() // one replication: half-widths are NaN
	for _, r := range summaryRows(t, s)[1:] {
		if r[3] != "NaN" || r[4] != "NaN" {
			t.Errorf("%s,%s: half_width %q, std_dev %q; want NaN", r[0], r[1], r[3], r[4])
		}
	}
	s.Replications[0].Throughput = math.Inf(1)
	if got := replicationRows(t, s)[1][2]; got != "+Inf" {
		t.Errorf("infinite throughput written as %q", got)
	}
}
