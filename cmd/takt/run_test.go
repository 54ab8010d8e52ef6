package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// takt runs the CLI in-process and returns its exit code and output.
func takt(ctx context.Context, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(ctx, args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const tinyLine = `name = "tiny"
time_unit = "min"
[run]
horizon = 200
replications = 2
[[source]]
name = "raw"
to = "m"
interarrival = "exp(2)"
[[station]]
name = "m"
process = "exp(1)"
to = "out"
[[sink]]
name = "out"
`

// TestExitCodes checks the mapping of outcomes to exit codes: 0 ok, 2 usage
// or invalid scenario, 1 other failures, 130 interrupted.
func TestExitCodes(t *testing.T) {
	good := writeFile(t, "good.toml", tinyLine)
	bad := writeFile(t, "bad.toml", strings.Replace(tinyLine, `process = "exp(1)"`, `proces = "exp(1)"`, 1))
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	bg := context.Background()
	for _, c := range []struct {
		name string
		ctx  context.Context
		args []string
		want int
		msg  string // expected in stderr
	}{
		{"ok", bg, []string{"run", good}, 0, ""},
		{"flags before file", bg, []string{"run", "-r", "3", "--seed", "5", good}, 0, ""},
		{"unknown flag", bg, []string{"run", "--replicas", "3", good}, 2, "unknown flag"},
		{"unknown command", bg, []string{"rnu"}, 2, "unknown command"},
		{"too many args", bg, []string{"run", good, good}, 2, "accepts at most 1 arg"},
		{"invalid scenario", bg, []string{"run", bad}, 2, "bad.toml:"},
		{"validate invalid", bg, []string{"validate", good, bad}, 2, "proces"},
		{"validate goes on after an unreadable file", bg, []string{"validate", filepath.Join(t.TempDir(), "gone.toml"), bad}, 2, "proces"},
		{"validate unreadable only", bg, []string{"validate", good, filepath.Join(t.TempDir(), "gone.toml")}, 1, "gone.toml"},
		{"missing file", bg, []string{"run", filepath.Join(t.TempDir(), "nope.toml")}, 1, "nope.toml"},
		{"bad horizon flag", bg, []string{"run", good, "--horizon", "-5"}, 2, "--horizon"},
		{"warmup beyond horizon", bg, []string{"run", good, "--warmup", "300"}, 2, "warmup"},
		{"zero replications", bg, []string{"run", good, "-r", "0"}, 2, "replications"},
		{"unknown example", bg, []string{"examples", "nope"}, 2, "available: agv, assembly"},
		{"unknown objective", bg, []string{"compare", good, "--objective", "nope"}, 2, "(valid names: throughput, wip,"},
		{"interrupted", cancelled, []string{"run", good}, 130, "interrupted"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := takt(c.ctx, c.args...)
			if code != c.want {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, c.want, stderr)
			}
			if !strings.Contains(stderr, c.msg) {
				t.Errorf("stderr %q does not mention %q", stderr, c.msg)
			}
		})
	}
}

// TestRunJSONContract checks the stable paths of the JSON summary.
func TestRunJSONContract(t *testing.T) {
	code, out, stderr := takt(context.Background(), "run", "--json", writeFile(t, "l.toml", tinyLine))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var v struct {
		Scenario     string  `json:"scenario"`
		Replications int     `json:"replications"`
		Confidence   float64 `json:"confidence"`
		TimeUnit     string  `json:"time_unit"`
		KPIs         map[string]struct {
			Mean      *float64 `json:"mean"`
			HalfWidth *float64 `json:"half_width"`
		} `json:"kpis"`
		Stations []struct {
			Name        string                    `json:"name"`
			Utilization map[string]any            `json:"utilization"`
			Queue       map[string]any            `json:"queue"`
			Wait        map[string]any            `json:"wait"`
			States      map[string]map[string]any `json:"states"`
		} `json:"stations"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if v.Scenario != "tiny" || v.Replications != 2 || v.Confidence != 0.95 || v.TimeUnit != "min" {
		t.Errorf("header = %+v", v)
	}
	for _, k := range []string{"throughput", "wip", "cycle_time"} {
		if e, ok := v.KPIs[k]; !ok || e.Mean == nil || e.HalfWidth == nil {
			t.Errorf("kpis.%s missing mean or half_width", k)
		}
	}
	if len(v.Stations) != 1 || v.Stations[0].Name != "m" {
		t.Fatalf("stations = %+v", v.Stations)
	}
	st := v.Stations[0]
	for _, k := range []string{"busy", "starved", "blocked"} {
		if _, ok := st.States[k]["mean"]; !ok {
			t.Errorf("stations[0].states.%s.mean missing", k)
		}
	}
	if st.Utilization["mean"] == nil || st.Queue["mean"] == nil || st.Wait["mean"] == nil {
		t.Errorf("station fields missing: %+v", st)
	}
}

// TestRunCSVAndDeterminism checks the CSV files and that -j 1 and -j 8
// write identical results.
func TestRunCSVAndDeterminism(t *testing.T) {
	file := writeFile(t, "l.toml", tinyLine)
	var prev map[string]string
	for _, j := range []string{"1", "8"} {
		dir := filepath.Join(t.TempDir(), "out")
		code, _, stderr := takt(context.Background(), "run", file, "-r", "6", "-j", j, "--csv", dir)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		files := map[string]string{}
		for _, name := range []string{"summary.csv", "replications.csv"} {
			b, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			files[name] = string(b)
		}
		if lines := strings.Count(files["replications.csv"], "\n"); lines != 7 {
			t.Errorf("replications.csv has %d lines, want header + 6", lines)
		}
		if !strings.HasPrefix(files["summary.csv"], "metric,element,mean,half_width") {
			t.Errorf("summary.csv header: %q", strings.SplitN(files["summary.csv"], "\n", 2)[0])
		}
		if prev != nil && (prev["summary.csv"] != files["summary.csv"] || prev["replications.csv"] != files["replications.csv"]) {
			t.Errorf("-j %s wrote different results than -j 1", j)
		}
		prev = files
	}
}

// TestInterruptedMessage checks that an interrupted command says so in the
// user's words, never with Go's "context canceled", and exits with 130.
func TestInterruptedMessage(t *testing.T) {
	good := writeFile(t, "good.toml", tinyLine+"[[variant]]\nname = \"v\"\nset = { \"station.m.machines\" = 2 }\n")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	for _, args := range [][]string{
		{"run", good},
		{"compare", good},
		{"sweep", good, "--set", "station.m.machines=1,2"},
		{"bottleneck", good},
		{"warmup", good},
	} {
		code, _, stderr := takt(cancelled, args...)
		if code != exitInterrupted || !strings.Contains(stderr, "interrupted") || strings.Contains(stderr, "context canceled") {
			t.Errorf("takt %s: exit %d, stderr %q; want 130 and \"interrupted\" without \"context canceled\"", args[0], code, stderr)
		}
	}
}
