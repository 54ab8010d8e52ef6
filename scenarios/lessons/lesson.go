package lessons

import (
	"context"
	"fmt"
	"strings"

	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
	"github.com/takt-sim/takt/sim/stats"
)

// Lesson is one lesson of the course: a question a production manager
// faces, the bundled scenario and experiment that answer it, and the
// takeaway, which is printed only when the lesson's checks hold.
type Lesson struct {
	Name     string // as on the command line: "little"
	Title    string // "Little's law"
	Question string
	Scenario string // the bundled example behind it (takt examples NAME)
	// Experiment says in words what is run: a run, a compare or a sweep.
	Experiment string
	Takeaway   string
	run        func(e *env) (*Result, error)
}

// Config says how a lesson's experiments run. The zero value runs them as
// the lesson defines them.
type Config struct {
	// Apply, when not nil, changes each experiment's run settings after the
	// lesson set them (the command line's -r, --seed, --horizon …); unit is
	// the scenario's time unit.
	Apply func(unit string, r *sim.Run) error
	// Options say where replications run; they never change results.
	Options experiment.Options
	// Source, when not nil, describes the bundled example with sets
	// applied for executors outside this process (experiment.Recipe);
	// without it the experiments run in this process.
	Source func(example string, sets []scenarios.Set, label string) []byte
	// Quick runs fewer design points with fewer replications and shorter
	// horizons, for the tests; the checks are the same.
	Quick bool
}

// Result is a lesson's answer: a table of simulated values (stats.Estimate
// cells) beside theoretical ones (float64 cells), charts of the theory as
// lines and the simulation as points with intervals, and the checks of its
// claim.
type Result struct {
	Lesson       *Lesson
	TimeUnit     string
	Confidence   float64
	Replications int
	// Columns head the table; a cell of Rows is a string, a float64
	// (theory) or a stats.Estimate (simulated).
	Columns []string
	Rows    [][]any
	Figures []Figure
	Checks  []Check
	// Notes are extra lines for the reader (the parameters theory used).
	Notes []string
}

// Holds reports whether every check of the claim holds.
func (r *Result) Holds() bool {
	for _, c := range r.Checks {
		if !c.Holds {
			return false
		}
	}
	return len(r.Checks) > 0
}

// Figure is a chart: theory as lines, the simulation as points with error
// bars. With Categories, x = 0, 1, … are the alternatives named there.
type Figure struct {
	Title, XLabel, YLabel string
	Categories            []string
	Series                []Series
}

// Series is one curve: theory (Y) or simulated (Est), at X. Series of the
// same Group share a colour, so a simulated curve and its theory match.
type Series struct {
	Name  string
	Group int
	X     []float64
	Y     []float64        // theory; nil for a simulated series
	Est   []stats.Estimate // simulated; nil for theory
}

// Check is one statement of a lesson's claim tested on the simulated
// values, with the figures it rests on.
type Check struct {
	Claim  string
	Holds  bool
	Detail string
}

// All returns the lessons in teaching order.
func All() []*Lesson {
	return []*Lesson{
		littleLesson(), bottleneckLesson(), variabilityLesson(), poolingLesson(),
		buffersLesson(), pennyFabLesson(), pushPullLesson(), taktTimeLesson(),
		batchingLesson(), breakdownsLesson(), maintenanceLesson(), staffingLesson(),
	}
}

// ByName returns the lesson called name.
func ByName(name string) (*Lesson, error) {
	var names []string
	for _, l := range All() {
		if l.Name == name {
			return l, nil
		}
		names = append(names, l.Name)
	}
	return nil, fmt.Errorf("unknown lesson %q (one of %s)", name, strings.Join(names, ", "))
}

// Run runs the lesson's experiments and checks its claim. A claim that
// does not hold is not an error: see Result.Holds.
func (l *Lesson) Run(ctx context.Context, cfg Config) (*Result, error) {
	e := &env{ctx: ctx, cfg: cfg}
	r, err := l.run(e)
	if err != nil {
		return nil, fmt.Errorf("lesson %s: %w", l.Name, err)
	}
	r.Lesson = l
	r.Confidence, r.Replications = e.confidence, e.replications
	return r, nil
}
