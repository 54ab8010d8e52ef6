package scenarios

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/takt-sim/takt/sim"
)

const fullScenario = `name = "Full"
description = "Every element kind."
time_unit = "hours"

[run]
horizon = "2w"
warmup = "1d"
replications = 4
seed = 0
confidence = 0.9

[[sink]]
name = "scrap"

[[source]]
name = "orders"
to = "cut"
interarrival = "exp(30min)"

[[station]]
name = "cut"
machines = 2
process = "uniform(10min, 20min)"
buffer = 0
to = [
  { station = "weld", p = 0.75 },
  { sink = "scrap", p = 0.25 },
]

[[station]]
name = "weld"
process = 0.25
to = "done"

[[source]]
name = "rush"
to = "weld"
conwip = 3

[[source]]
name = "bulk"
to = "cut"
saturated = true

[[sink]]
name = "done"
`

func TestParseFull(t *testing.T) {
	sc, err := Parse("full.toml", []byte(fullScenario))
	if err != nil {
		t.Fatal(err)
	}
	if sc.File != "full.toml" || sc.Name != "Full" || sc.Description != "Every element kind." || sc.TimeUnit != "h" {
		t.Errorf("header = %q %q %q %q", sc.File, sc.Name, sc.Description, sc.TimeUnit)
	}
	if want := (sim.Run{Horizon: 336, Warmup: 24, Replications: 4, Seed: 0, Confidence: 0.9}); sc.Run != want {
		t.Errorf("Run = %+v, want %+v", sc.Run, want)
	}
	m := sc.Model
	if m.Name != "Full" || m.TimeUnit != "h" {
		t.Errorf("model name, unit = %q, %q", m.Name, m.TimeUnit)
	}
	// Sources in file order, each of its kind.
	var sources []string
	for _, so := range m.Sources {
		sources = append(sources, so.Name+">"+so.To+":"+so.Kind.String())
	}
	if want := []string{"orders>cut:interarrival", "rush>weld:conwip", "bulk>cut:saturated"}; !reflect.DeepEqual(sources, want) {
		t.Errorf("sources = %v, want %v", sources, want)
	}
	if m.Sources[0].Interarrival.String() != "exp(0.5)" || m.Sources[1].WIP != 3 {
		t.Errorf("interarrival = %v, WIP = %d", m.Sources[0].Interarrival, m.Sources[1].WIP)
	}
	cut, weld := m.Stations[0], m.Stations[1]
	if cut.Name != "cut" || cut.Machines != 2 || cut.Buffer != 0 || cut.Process.String() != "uniform(0.16666666666666666, 0.3333333333333333)" {
		t.Errorf("cut = %+v", cut)
	}
	if want := []sim.Route{{To: "weld", P: 0.75}, {To: "scrap", P: 0.25}}; !reflect.DeepEqual(cut.Routes, want) {
		t.Errorf("cut routes = %v, want %v", cut.Routes, want)
	}
	if weld.Name != "weld" || weld.Machines != 1 || weld.Buffer != sim.Unlimited || weld.Process.String() != "const(0.25)" {
		t.Errorf("weld = %+v", weld)
	}
	if want := []sim.Route{{To: "done", P: 1}}; !reflect.DeepEqual(weld.Routes, want) {
		t.Errorf("weld routes = %v, want %v", weld.Routes, want)
	}
	if want := []sim.Sink{{Name: "scrap"}, {Name: "done"}}; !reflect.DeepEqual(m.Sinks, want) {
		t.Errorf("sinks = %v, want %v", m.Sinks, want)
	}
}

func TestParseDefaults(t *testing.T) {
	sc, err := Parse("d.toml", []byte(head+stationA))
	if err != nil {
		t.Fatal(err)
	}
	if want := (sim.Run{Horizon: 100, Warmup: 0, Replications: 10, Seed: 1, Confidence: 0.95}); sc.Run != want {
		t.Errorf("Run = %+v, want the defaults %+v", sc.Run, want)
	}
	if sc.TimeUnit != "min" || sc.Model.TimeUnit != "min" {
		t.Errorf("time unit = %q, want min", sc.TimeUnit)
	}
}

// TestParseDeterministic checks that problems come out in the same order
// every time, although the decoder hands keys over in a map.
func TestParseDeterministic(t *testing.T) {
	src := head + "[[station]]\nname = \"a\"\nzeta = 1\nalpha = 2\nmid = 3\nprocess = 1\nto = \"done\"\n"
	_, first := Parse("t.toml", []byte(src))
	for range 20 {
		if _, err := Parse("t.toml", []byte(src)); err.Error() != first.Error() {
			t.Fatalf("problems differ between runs:\n%v\n---\n%v", first, err)
		}
	}
	if !strings.Contains(first.Error(), `t.toml:12: station "a": unknown key "zeta"`+"\n"+`t.toml:13: station "a": unknown key "alpha"`) {
		t.Errorf("unknown keys not in file order:\n%v", first)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.toml")
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(good, []byte(head+stationA), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(head+stationA+"buffer = -2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if sc, err := Load(good); err != nil || sc.File != good || sc.Name != "t" {
		t.Errorf("Load(good) = %+v, %v", sc, err)
	}
	_, err := Load(bad)
	if !IsInvalid(err) || !strings.HasPrefix(err.Error(), bad+`:14: station "a": buffer must be >= 0, got -2`) {
		t.Errorf("Load(bad) error = %v", err)
	}
	_, err = Load(filepath.Join(dir, "missing.toml"))
	if err == nil || IsInvalid(err) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(missing) error = %v, want a wrapped fs.ErrNotExist that is not invalid input", err)
	}
}

func TestIsInvalid(t *testing.T) {
	inv := &InvalidError{Problems: []Problem{{File: "f", Msg: "m"}}}
	if !IsInvalid(inv) || !IsInvalid(errors.Join(errors.New("x"), inv)) {
		t.Error("IsInvalid is false for an *InvalidError")
	}
	if IsInvalid(errors.New("x")) || IsInvalid(nil) {
		t.Error("IsInvalid is true for another error")
	}
	var p Problem
	if !errors.As(inv, &p) || p.Msg != "m" {
		t.Errorf("errors.As(inv, *Problem) = %+v", p)
	}
}
