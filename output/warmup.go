package output

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
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
	if s.Orders != nil || s.Run.Until.Set() {
		return "" // a finite order book or lot has no steady state to warm up to
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

// WarmupCSV writes wip.csv into dir: the WIP averaged over the
// replications, one row per interval of the horizon (from, to, wip), with
// the summary's CSV files beside it.
func WarmupCSV(dir string, s *sim.Summary) error {
	if err := CSV(dir, s); err != nil {
		return err
	}
	series := WIPSeries(s)
	width := s.Run.Horizon / float64(len(series))
	return writeCSVFile(filepath.Join(dir, "wip.csv"), func(add func(...string)) {
		add("from", "to", "wip")
		for k, x := range series {
			add(g(float64(k)*width), g(float64(k+1)*width), g(x))
		}
	})
}

// NewWarmupReport is the report of a warm-up analysis: the MSER-5
// suggestion in words and the averaged WIP over the horizon, with the
// suggested warm-up shaded, then the run settings.
func NewWarmupReport(title, description, file, source string, s *sim.Summary) *Report {
	u := s.TimeUnit
	var text string
	switch w := s.SuggestedWarmup; {
	case w < 0:
		text = fmt.Sprintf("MSER-5 (White 1997) finds no truncation point in the first half of the run: the horizon of %s %s is too short to tell the warm-up.", short(s.Run.Horizon), u)
	default:
		text = fmt.Sprintf("MSER-5 (White 1997) suggests a warm-up of %s %s from the WIP averaged over %d replications; the scenario's warm-up is %s %s.",
			short(w), u, len(s.Replications), short(s.Run.Warmup), u)
	}
	series := WIPSeries(s)
	width := s.Run.Horizon / float64(max(len(series), 1))
	wip := LevelSeries{Name: "mean WIP", Bucket: width}
	for k, x := range series {
		wip.Points = append(wip.Points, LevelPoint{T: float64(k) * width, N: x})
		wip.Max = max(wip.Max, x)
	}
	if n := len(series); n > 0 {
		wip.Points = append(wip.Points, LevelPoint{T: s.Run.Horizon, N: series[n-1]})
	}
	shade := max(s.SuggestedWarmup, 0)
	r := &Report{Title: title, Description: description, File: file, Source: source, Summary: s}
	r.Sections = []Section{
		{Heading: "Warm-up", Text: text, Charts: []Chart{{Name: "warmup",
			Plot: LevelsOverTime(fmt.Sprintf("WIP averaged over %d replications (suggested warm-up shaded)", len(s.Replications)), u, shade, wip)}}},
		{Heading: "Run settings", Table: runRows(s)},
	}
	return r
}
