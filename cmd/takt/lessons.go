package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/scenarios/lessons"
	"github.com/takt-sim/takt/sim"
)

func newLessonsCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "lessons",
		Short: "List the lessons of the lean course, in teaching order",
		Long: `Lessons lists takt's course in lean and factory physics. Each lesson asks a
question a production manager faces, answers it with a simulation of a
bundled scenario, and puts the theory beside the simulated figures. Run one
with 'takt lesson NAME'.`,
		Example: `  takt lessons
  takt lesson little`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var names, titles []string
			for _, l := range lessons.All() {
				names, titles = append(names, l.Name), append(titles, l.Title)
			}
			return output.LessonListConsole(stdout, names, titles)
		},
	}
}

type lessonOptions struct {
	expFlags
}

func newLessonCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &lessonOptions{}
	cmd := &cobra.Command{
		Use:   "lesson NAME",
		Short: "Run one lesson: the question, the simulation beside the theory, the takeaway",
		Long: `Lesson runs the experiment of one lesson (see 'takt lessons') and prints the
question, a table of simulated values with their confidence intervals beside
the theoretical values takt computes, the checks of the lesson's claim and
its takeaway. The takeaway is printed only when the simulation supports the
claim; otherwise takt says which check failed and exits with status 1. The
scenario behind the lesson is bundled: 'takt examples NAME' prints it.`,
		Example: `  takt lesson buffers
  takt lesson pooling --report pooling.html
  takt lesson push-pull -r 20 --json
  takt examples push-pull > push-pull.toml   # the scenario behind it`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runLesson(cmd, a[0], opts, stdout)
		},
	}
	opts.register(cmd)
	cmd.SetErr(stderr)
	return cmd
}

func runLesson(cmd *cobra.Command, name string, opts *lessonOptions, stdout io.Writer) error {
	l, err := lessons.ByName(name)
	if err != nil {
		return usageError{err, cmd.CommandPath()}
	}
	if opts.csvDir != "" || opts.xlsx != "" {
		return usageError{fmt.Errorf("--csv, --xlsx: lessons write no tables to files; use --json or --report"), cmd.CommandPath()}
	}
	if opts.shard.n > 0 {
		// A lesson runs several experiments, and a shard file holds one.
		return usageError{fmt.Errorf("--shard: a lesson runs several experiments and cannot be split into shards; use -j"), cmd.CommandPath()}
	}
	cfg := lessons.Config{Options: opts.options(cmd),
		Apply: func(unit string, r *sim.Run) error { return opts.apply(cmd, unit, r) },
		Source: func(example string, sets []scenarios.Set, label string) []byte {
			return scenarioSource{Example: example}.with(sets, label).encode()
		}}
	res, err := l.Run(cmd.Context(), cfg)
	if err != nil {
		if errors.Is(err, cmd.Context().Err()) && cmd.Context().Err() != nil {
			return interrupted(err, "interrupted: lesson %s not finished", name)
		}
		return err
	}
	view, err := lessonView(res)
	if err != nil {
		return err
	}
	var errs []error
	if opts.report != "" || opts.plotsDir != "" {
		r := output.NewLessonReport(view)
		if opts.plotsDir != "" {
			errs = append(errs, output.WriteCharts(opts.plotsDir, r.Charts()))
		}
		if opts.report != "" {
			errs = append(errs, output.WriteFileAtomic(opts.report, r.Write))
		}
	}
	if opts.json {
		errs = append(errs, output.LessonJSON(stdout, view))
	} else {
		errs = append(errs, output.LessonConsole(stdout, view))
	}
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if !view.Holds() {
		return errFailureReported
	}
	return nil
}

// lessonView converts a lesson's result into what output renders.
func lessonView(r *lessons.Result) (*output.Lesson, error) {
	l := r.Lesson
	src, err := scenarios.ExampleSource(l.Scenario)
	if err != nil {
		return nil, err
	}
	v := &output.Lesson{Name: l.Name, Title: l.Title, Question: l.Question, Experiment: l.Experiment, Takeaway: l.Takeaway,
		TimeUnit: r.TimeUnit, Confidence: r.Confidence, Replications: r.Replications, Columns: r.Columns, Rows: r.Rows,
		Notes: r.Notes, File: l.Scenario + ".toml", Source: string(src)}
	for _, f := range r.Figures {
		of := output.LessonFigure{Title: f.Title, XLabel: f.XLabel, YLabel: f.YLabel, Categories: f.Categories}
		for _, s := range f.Series {
			of.Series = append(of.Series, output.LessonSeries{Name: s.Name, Group: s.Group, X: s.X, Y: s.Y, Est: s.Est})
		}
		v.Figures = append(v.Figures, of)
	}
	for _, c := range r.Checks {
		v.Checks = append(v.Checks, output.LessonCheck{Claim: c.Claim, Detail: c.Detail, Holds: c.Holds})
	}
	return v, nil
}
