package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

func jsonBytes(t *testing.T, s *sim.Summary) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, s); err != nil {
		t.Fatal(err)
	}
	if !json.Valid(b.Bytes()) {
		t.Fatalf("invalid JSON:\n%s", b.Bytes())
	}
	return b.Bytes()
}

func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// lookup follows a dotted path such as "stations.1.states.busy.mean"
// (numbers index arrays); ok is false when some step does not exist.
func lookup(v any, path string) (any, bool) {
	for _, step := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[step]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// TestJSONGolden pins the whole JSON form of a hand-built summary
// (go test ./output -update rewrites it). Fields may be added, never renamed.
func TestJSONGolden(t *testing.T) {
	checkGolden(t, "json-plant.golden", jsonBytes(t, handPlant()))
}

// TestJSONStablePaths checks the paths the README promises, on a hand-built
// summary and on a real run.
func TestJSONStablePaths(t *testing.T) {
	paths := []string{"scenario", "replications", "confidence", "time_unit"}
	for _, k := range []string{"throughput", "wip", "cycle_time"} {
		for _, f := range []string{"mean", "half_width", "std_dev", "min", "max", "n"} {
			paths = append(paths, "kpis."+k+"."+f)
		}
	}
	for _, p := range []string{"p50", "p90", "p95", "p99"} {
		paths = append(paths, "kpis.cycle_time_quantiles."+p+".mean", "kpis.cycle_time_quantiles."+p+".half_width")
	}
	for _, f := range []string{"name", "machines", "utilization.mean", "queue.mean", "wait.mean",
		"states.busy.mean", "states.starved.mean", "states.blocked.half_width",
		"availability.mean", "oee.mean", "oee.half_width"} {
		paths = append(paths, "stations.0."+f, "stations.1."+f)
	}
	paths = append(paths, "crews.0.name", "crews.0.size", "crews.0.utilization.mean", "crews.0.overtime.mean",
		"crews.0.utilization.half_width", "sinks.0.name", "sinks.0.throughput.mean")
	for name, s := range map[string]*sim.Summary{"hand-built": handPlant(), "real run": runModel(t, tinyLine(true), 2)} {
		v := decode(t, jsonBytes(t, s))
		for _, p := range paths {
			if _, ok := lookup(v, p); !ok {
				t.Errorf("%s: no %s", name, p)
			}
		}
	}
}

// TestJSONValues checks the header and that every number round-trips
// exactly (shortest representation, no rounding).
func TestJSONValues(t *testing.T) {
	s := runModel(t, tinyLine(true), 3)
	v := decode(t, jsonBytes(t, s))
	for path, want := range map[string]any{
		"scenario": "tiny line", "replications": 3.0, "requested": 3.0, "partial": false,
		"confidence": 0.95, "time_unit": "min", "horizon": 600.0, "warmup": 60.0, "seed": 1.0,
		"kpis.throughput.mean": s.Throughput.Mean, "kpis.wip.half_width": s.WIP.HalfWidth,
		"kpis.cycle_time.std_dev": s.CycleTime.StdDev, "kpis.cycle_time_quantiles.p99.max": s.CycleQuantiles[3].Max,
		"stations.0.name": "cut", "stations.1.machines": 2.0, "stations.0.states.blocked.mean": s.Stations[0].States[sim.Blocked].Mean,
		"stations.1.states.down.mean": s.Stations[1].States[sim.Down].Mean, "stations.1.mttr.mean": s.Stations[1].MTTR.Mean,
		"crews.0.utilization.mean": s.Crews[0].Utilization.Mean, "sinks.0.throughput.min": s.Sinks[0].Throughput.Min,
		"kpis.throughput.n": 3.0,
	} {
		if got, _ := lookup(v, path); got != want {
			t.Errorf("%s = %v, want %v", path, got, want)
		}
	}
}

// TestJSONNull checks that values that cannot be computed are null: with one
// replication every half-width and standard deviation, and the MTBF of a
// station without failures; ±Inf too.
func TestJSONNull(t *testing.T) {
	data := jsonBytes(t, handPartial())
	if bytes.Contains(data, []byte("NaN")) {
		t.Errorf("NaN in JSON:\n%s", data)
	}
	v := decode(t, data)
	for _, p := range []string{"kpis.throughput.half_width", "kpis.throughput.std_dev",
		"stations.0.utilization.half_width", "stations.0.mtbf.mean", "stations.0.mttr.mean"} {
		if got, ok := lookup(v, p); !ok || got != nil {
			t.Errorf("%s = %v, want null", p, got)
		}
	}
	if got, _ := lookup(v, "kpis.throughput.mean"); got != 0.79883-0.002 {
		t.Errorf("kpis.throughput.mean = %v", got)
	}
	for _, x := range []float64{nan, math.Inf(1), math.Inf(-1)} {
		if b, err := json.Marshal(Number(x)); err != nil || string(b) != "null" {
			t.Errorf("Number(%v) = %s, %v", x, b, err)
		}
	}
}

// TestJSONEmptyLists checks that lists are [] rather than null, so that
// consumers can always iterate.
func TestJSONEmptyLists(t *testing.T) {
	s := handLine()
	s.Stations, s.Sinks, s.Crews = nil, nil, nil
	data := jsonBytes(t, s)
	for _, k := range []string{`"stations": []`, `"sinks": []`, `"crews": []`} {
		if !bytes.Contains(data, []byte(k)) {
			t.Errorf("no %s in\n%s", k, data)
		}
	}
}

// TestJSONDeterministic checks that the same summary gives the same bytes
// (maps such as states are written in sorted key order), and that two runs
// of the same experiment with different numbers of workers do too.
func TestJSONDeterministic(t *testing.T) {
	a, b := jsonBytes(t, handPlant()), jsonBytes(t, handPlant())
	if !bytes.Equal(a, b) {
		t.Error("hand-built summary: different JSON twice")
	}
	m := tinyLine(true)
	run := sim.Run{Horizon: 600, Warmup: 60, Replications: 4, Seed: 3, Confidence: 0.95}
	var prev []byte
	for _, workers := range []int{1, 4} {
		s, err := experiment.Run(t.Context(), m, run, experiment.Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		out := jsonBytes(t, s)
		if prev != nil && !bytes.Equal(out, prev) {
			t.Errorf("JSON with %d workers differs from 1 worker", workers)
		}
		prev = out
	}
}

func TestJSONWriteError(t *testing.T) {
	if err := JSON(failingWriter{}, handLine()); !errors.Is(err, errWrite) {
		t.Errorf("JSON to a failing writer: %v", err)
	}
}
