package output

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/takt-sim/takt/sim"
)

// WIPSeries is the time-average WIP per interval of the horizon, averaged
// over the replications.
func WIPSeries(s *sim.Summary) []float64 { return sim.MeanWIPSeries(s.Replications) }

// WarmupText is the MSER-5 suggestion in words, or "" when the configured
// warm-up is long enough: when MSER-5 suggests no more, or when the WIP
// between the two does not differ significantly from the WIP after (MSER-5
// alone truncates noisy series by chance).
func WarmupText(s *sim.Summary) string {
	u := s.TimeUnit
	if s.Orders != nil {
		return "" // a finite order book has no steady state to warm up to
	}
	switch w := s.SuggestedWarmup; {
	case w < 0:
		return fmt.Sprintf("the WIP is still drifting at mid-run: the horizon of %s %s is too short to tell the "+
			"warm-up (MSER-5); run longer", short(s.Run.Horizon), u)
	case w > s.Run.Warmup && s.WarmupBias.N > 1 && !s.WarmupBias.Contains(0):
		return fmt.Sprintf("the warm-up of %s %s is shorter than the %s %s MSER-5 suggests from the WIP of %d replications: "+
			"until then the WIP differs from later by %s, so the results still carry the start (see 'takt warmup')",
			short(s.Run.Warmup), u, short(w), u, len(s.Replications), est(s.WarmupBias, 1, ""))
	}
	return ""
}

// WarmupConsole writes the MSER-5 warm-up analysis: the suggestion, and the
// average WIP over the horizon in 20 steps so the transient can be seen.
func WarmupConsole(w io.Writer, s *sim.Summary) error {
	var b strings.Builder
	u := s.TimeUnit
	fmt.Fprintf(&b, "%s\n", s.Scenario)
	fmt.Fprintf(&b, "Warm-up by MSER-5 (White 1997) on the WIP averaged over %d replications of %s %s\n\n",
		len(s.Replications), short(s.Run.Horizon), u)
	switch {
	case s.SuggestedWarmup < 0:
		fmt.Fprintf(&b, "  no truncation point in the first half of the run: the horizon is too short to tell\n")
	default:
		fmt.Fprintf(&b, "  suggested warm-up  %s %s\n", short(s.SuggestedWarmup), u)
	}
	fmt.Fprintf(&b, "  configured warm-up %s %s\n\n", short(s.Run.Warmup), u)
	series := WIPSeries(s)
	rows := [][]string{{"from (" + u + ")", "to (" + u + ")", "mean WIP"}}
	const steps = 20
	per := len(series) / steps
	for k := 0; k < steps && per > 0; k++ {
		m := 0.0
		for _, x := range series[k*per : (k+1)*per] {
			m += x / float64(per)
		}
		lo, hi := s.Run.Horizon*float64(k)/steps, s.Run.Horizon*float64(k+1)/steps
		rows = append(rows, []string{short(lo), short(hi), fmt.Sprintf("%.4g", m)})
	}
	b.WriteString(table(rows, "  "))
	_, err := io.WriteString(w, b.String())
	return err
}

// WarmupJSON writes the analysis as JSON: suggested_warmup (−1: too short
// to tell), configured warm-up, and the averaged WIP series.
func WarmupJSON(w io.Writer, s *sim.Summary) error {
	out := struct {
		Scenario        string    `json:"scenario"`
		TimeUnit        string    `json:"time_unit"`
		Replications    int       `json:"replications"`
		Horizon         float64   `json:"horizon"`
		Warmup          float64   `json:"warmup"`
		SuggestedWarmup float64   `json:"suggested_warmup"`
		IntervalWidth   float64   `json:"interval_width"`
		WIP             []float64 `json:"wip"`
	}{s.Scenario, s.TimeUnit, len(s.Replications), s.Run.Horizon, s.Run.Warmup, s.SuggestedWarmup,
		s.Run.Horizon / sim.SeriesBuckets, WIPSeries(s)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
