package output

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/takt-sim/takt/sim/stats"
)

// Lesson is a lesson of `takt lesson` as output shows it: the question,
// the experiment, a table of simulated values (stats.Estimate cells) beside
// theoretical ones (float64 cells; strings for labels), charts, the checks
// of its claim and the takeaway, shown only when every check holds.
type Lesson struct {
	Name, Title, Question, Experiment, Takeaway string
	TimeUnit                                    string
	Confidence                                  float64
	Replications                                int
	Columns                                     []string
	Rows                                        [][]any
	Figures                                     []LessonFigure
	Checks                                      []LessonCheck
	Notes                                       []string
	// File and Source are the bundled scenario behind the lesson and its
	// text, for the report.
	File, Source string
}

// LessonFigure is a chart of theory (lines) and simulation (points with
// error bars). With Categories, x = 0, 1, … are the alternatives named.
type LessonFigure struct {
	Title, XLabel, YLabel string
	Categories            []string
	Series                []LessonSeries
}

// LessonSeries is one theoretical (Y) or simulated (Est) curve; series of
// the same Group share a colour.
type LessonSeries struct {
	Name  string
	Group int
	X, Y  []float64
	Est   []stats.Estimate
}

// LessonCheck is one statement of the lesson's claim and whether the
// simulation supports it.
type LessonCheck struct {
	Claim, Detail string
	Holds         bool
}

// Holds reports whether every check holds.
func (l *Lesson) Holds() bool {
	for _, c := range l.Checks {
		if !c.Holds {
			return false
		}
	}
	return len(l.Checks) > 0
}

// cellText formats a table cell: an estimate as mean ±half-width, a
// theoretical value to four significant digits.
func cellText(c any) string {
	switch v := c.(type) {
	case stats.Estimate:
		return est(v, 1, "")
	case float64:
		if math.IsInf(v, 1) {
			return "∞"
		}
		return strconv.FormatFloat(v, 'g', 4, 64)
	case string:
		return v
	}
	return fmt.Sprint(c)
}

// lessonRows is the table with its header, as text.
func lessonRows(l *Lesson) [][]string {
	rows := [][]string{l.Columns}
	for _, r := range l.Rows {
		row := make([]string, len(r))
		for i, c := range r {
			row[i] = cellText(c)
		}
		rows = append(rows, row)
	}
	return rows
}

// verdict is the takeaway when every check holds, else what failed.
func (l *Lesson) verdict() string {
	if l.Holds() {
		return l.Takeaway
	}
	var failed []string
	for _, c := range l.Checks {
		if !c.Holds {
			failed = append(failed, c.Claim+" ("+c.Detail+")")
		}
	}
	return "With these settings the simulation does not support the lesson's claim: " + strings.Join(failed, "; ") +
		". Run more replications (-r) or a longer horizon, and look again."
}

// LessonConsole writes the lesson as a person reads it in a terminal.
func LessonConsole(w io.Writer, l *Lesson) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\nQuestion: %s\n\nExperiment: %s.\n", l.Title, l.Question, l.Experiment)
	fmt.Fprintf(&b, "%d replications per point, %s%% confidence intervals (mean ±half-width), times in %s\n\n",
		l.Replications, short(100*l.Confidence), l.TimeUnit)
	b.WriteString(table(lessonRows(l), "  "))
	for _, n := range l.Notes {
		fmt.Fprintf(&b, "\n%s\n", n)
	}
	b.WriteString("\nClaim\n")
	for _, c := range l.Checks {
		mark := "holds"
		if !c.Holds {
			mark = "FAILS"
		}
		fmt.Fprintf(&b, "  %-5s  %s: %s\n", mark, c.Claim, c.Detail)
	}
	label := "Takeaway"
	if !l.Holds() {
		label = "Not supported"
	}
	fmt.Fprintf(&b, "\n%s: %s\n", label, l.verdict())
	_, err := io.WriteString(w, b.String())
	return err
}

// LessonListConsole lists lessons, one line each: name and title.
func LessonListConsole(w io.Writer, names, titles []string) error {
	rows := make([][]string, len(names))
	for i := range names {
		rows[i] = []string{fmt.Sprintf("%2d. %s", i+1, names[i]), titles[i]}
	}
	// Left-align both columns: the titles read as text.
	var b strings.Builder
	width := 0
	for _, r := range rows {
		width = max(width, len(r[0]))
	}
	for _, r := range rows {
		fmt.Fprintf(&b, "%-*s  %s\n", width, r[0], r[1])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// lessonJSON is the JSON form of a lesson.
type lessonJSON struct {
	Lesson       string            `json:"lesson"`
	Title        string            `json:"title"`
	Question     string            `json:"question"`
	Experiment   string            `json:"experiment"`
	Scenario     string            `json:"scenario"`
	TimeUnit     string            `json:"time_unit"`
	Confidence   Number            `json:"confidence"`
	Replications int               `json:"replications"`
	Columns      []string          `json:"columns"`
	Rows         [][]any           `json:"rows"`
	Checks       []lessonCheckJSON `json:"checks"`
	Holds        bool              `json:"holds"`
	Takeaway     string            `json:"takeaway,omitempty"`
	Notes        []string          `json:"notes,omitempty"`
}

type lessonCheckJSON struct {
	Claim  string `json:"claim"`
	Holds  bool   `json:"holds"`
	Detail string `json:"detail"`
}

// LessonJSON writes the lesson as one JSON object: simulated cells as
// estimates {mean, half_width, …}, theoretical ones as numbers. The
// takeaway is present only when the claim holds.
func LessonJSON(w io.Writer, l *Lesson) error {
	j := lessonJSON{Lesson: l.Name, Title: l.Title, Question: l.Question, Experiment: l.Experiment, Scenario: l.File,
		TimeUnit: l.TimeUnit, Confidence: Number(l.Confidence), Replications: l.Replications, Columns: l.Columns,
		Holds: l.Holds(), Notes: l.Notes}
	if j.Holds {
		j.Takeaway = l.Takeaway
	}
	for _, r := range l.Rows {
		row := make([]any, len(r))
		for i, c := range r {
			switch v := c.(type) {
			case stats.Estimate:
				row[i] = estJSON(v)
			case float64:
				row[i] = Number(v)
			default:
				row[i] = c
			}
		}
		j.Rows = append(j.Rows, row)
	}
	for _, c := range l.Checks {
		j.Checks = append(j.Checks, lessonCheckJSON{c.Claim, c.Holds, c.Detail})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(j)
}
