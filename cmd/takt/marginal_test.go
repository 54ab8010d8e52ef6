package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
)

// marginalResult is the JSON of `takt marginal`.
type marginalResult struct {
	Places []struct {
		Name string
		Rank int
		Tie  bool
		Diff map[string]struct {
			Mean        float64
			HalfWidth   float64 `json:"half_width"`
			Significant bool
		}
	}
}

func runMarginalJSON(t *testing.T, file string, args ...string) marginalResult {
	t.Helper()
	code, out, errOut := takt(context.Background(), append([]string{"marginal", file, "-j", "1", "-q", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r marginalResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return r
}

// twoStationTH is the exact throughput of a saturated two-station line with
// exponential rates mu1, mu2 and b places between them, blocking after
// service: a birth–death chain on b+3 states (Buzacott & Shanthikumar,
// §5.2): TH = μ2·(1 − 1/Σ_{n=0}^{b+2} (μ1/μ2)^n).
func twoStationTH(mu1, mu2 float64, b int) float64 {
	sum, term := 0.0, 1.0
	for n := 0; n <= b+2; n++ {
		sum += term
		term *= mu1 / mu2
	}
	return mu2 * (1 - 1/sum)
}

// TestMarginalBufferExact asks where the next buffer slot goes on a
// saturated exponential pair (μ1 = 1, μ2 = 1/1.2) with 2 places in front
// of the second station: there it gains exactly TH(3) − TH(2) of the
// birth–death chain; at the first station, fed straight by the saturated
// source, a slot changes nothing at all. The second station wins alone.
func TestMarginalBufferExact(t *testing.T) {
	file := writeFile(t, "pair.toml", `name = "pair"
[run]
horizon = 6000
warmup = 200
replications = 10
confidence = 0.9999
[[source]]
name = "raw"
to = "a"
saturated = true
[[station]]
name = "a"
process = "exp(1)"
buffer = 0
to = "b"
[[station]]
name = "b"
process = "exp(1.2)"
buffer = 2
to = "done"
[[sink]]
name = "done"
`)
	r := runMarginalJSON(t, file)
	if len(r.Places) != 2 || r.Places[0].Name != "b" || r.Places[0].Rank != 1 || r.Places[0].Tie || r.Places[1].Rank != 2 {
		t.Fatalf("places %+v, want b first alone, then a", r.Places)
	}
	gain := r.Places[0].Diff["throughput"]
	want := twoStationTH(1, 1/1.2, 3) - twoStationTH(1, 1/1.2, 2)
	if !gain.Significant || gain.Mean-gain.HalfWidth > want || gain.Mean+gain.HalfWidth < want {
		t.Errorf("gain of a slot at b: %v ± %v, theory %.5f", gain.Mean, gain.HalfWidth, want)
	}
	if a := r.Places[1].Diff["throughput"]; a.Mean != 0 || a.HalfWidth != 0 {
		t.Errorf("a slot at a: %+v, want exactly 0", a)
	}
}

// TestMarginalMachineClearWinner adds a machine at each station of a
// saturated line whose second station (mean 1.6) limits it behind an
// unlimited buffer: a second machine there lifts the throughput from
// 1/1.6 to the first station's rate 1 (the pair is then an M/M/2 queue at
// ρ = 0.8 fed at rate 1); one at the first station gains nothing.
func TestMarginalMachineClearWinner(t *testing.T) {
	file := writeFile(t, "line.toml", `name = "line"
[run]
horizon = 6000
warmup = 500
replications = 8
confidence = 0.9999
[[source]]
name = "raw"
to = "s1"
saturated = true
[[station]]
name = "s1"
process = "exp(1)"
to = "s2"
[[station]]
name = "s2"
process = "exp(1.6)"
to = "done"
[[sink]]
name = "done"
`)
	r := runMarginalJSON(t, file, "--what", "machines")
	if len(r.Places) != 2 || r.Places[0].Name != "s2" || r.Places[0].Tie {
		t.Fatalf("places %+v, want s2 first alone", r.Places)
	}
	g2, g1 := r.Places[0].Diff["throughput"], r.Places[1].Diff["throughput"]
	if want := 1 - 1/1.6; !g2.Significant || g2.Mean-g2.HalfWidth > want || g2.Mean+g2.HalfWidth < want {
		t.Errorf("a machine at s2: %v ± %v, theory %.4f", g2.Mean, g2.HalfWidth, want)
	}
	if g1.Mean-g1.HalfWidth > 0 || g1.Mean+g1.HalfWidth < 0 {
		t.Errorf("a machine at s1: %v ± %v, theory 0", g1.Mean, g1.HalfWidth)
	}
}

// TestMarginalRefusals checks --what and a scenario without the place.
func TestMarginalRefusals(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--what", "robots"}, `--what "robots": want buffer, machines or crews`},
		{[]string{"--what", "crews"}, "no [[crew]]"},
		{nil, "every buffer is unlimited"},
	} {
		code, _, errOut := takt(context.Background(), append([]string{"marginal", "../../scenarios/mm1.toml", "-q"}, c.args...)...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}
