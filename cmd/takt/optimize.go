package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim/experiment"
)

type optimizeOptions struct {
	expFlags
	vary        []string
	constraints []string
	objective   string
	budget      int
	delta       string
	confidence  float64
}

func newOptimizeCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &optimizeOptions{}
	cmd := &cobra.Command{
		Use:   "optimize FILE --vary KEY=RANGE... [flags]",
		Short: "Find the best buffers, machines or crews, with a statistical guarantee",
		Long: `Optimize chooses one value for every --vary key (integer or discrete values,
the key paths of --set) to maximise or minimise a KPI, subject to linear
constraints on the values and bounds on KPIs, and says how sure it is.

Small spaces (up to 30 feasible designs) are compared whole; larger ones are
searched with COMPASS (Hong & Nelson 2006), with common random numbers. The
best designs then go through Kim & Nelson's fully sequential selection (KN)
on fresh replications: with probability at least --confidence the selected
design's mean is within --delta of the best candidate's. -r is the first-stage
sample size of every design.

Constraints: a linear one over varied keys, e.g.
  "sum(station.*.buffer) <= 12"   "station.a.machines + 2*station.b.machines <= 6"
or a bound on a KPI, e.g. "throughput >= 1.2" (judged on the candidates' means).`,
		Example: `  takt optimize scenarios/buffer-allocation.toml --vary station.press.buffer=0..4 --vary station.weld.buffer=0..4 --constraint "sum(station.*.buffer) <= 4" --delta 0.01 --horizon 500
  takt optimize scenarios/buffer-allocation.toml --vary station.pack.buffer=0..3 --constraint "throughput >= 0.6" --objective min:wip --delta 0.05 --horizon 500`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runOptimize(cmd, a[0], opts, stdout, stderr)
		},
	}
	opts.register(cmd)
	f := cmd.Flags()
	f.StringArrayVar(&opts.vary, "vary", nil, "a decision variable: KEY=RANGE, e.g. station.cnc.buffer=0..6 or station.cnc.machines=[1,2,3]")
	f.StringArrayVar(&opts.constraints, "constraint", nil, `a constraint, e.g. "sum(station.*.buffer) <= 12" or "throughput >= 1.2"`)
	f.StringVar(&opts.objective, "objective", "max:throughput", "max:KPI or min:KPI")
	f.IntVar(&opts.budget, "budget", 0, "cap on replications in all (default: 200 per design, at most 20000)")
	f.StringVar(&opts.delta, "delta", "1%", "indifference zone: an absolute amount of the objective, or a share of the scenario's value such as 1%")
	f.Float64Var(&opts.confidence, "confidence", 0.95, "probability of selecting a design within delta of the best")
	return cmd
}

func runOptimize(cmd *cobra.Command, file string, opts *optimizeOptions, stdout, stderr io.Writer) error {
	usage := func(format string, args ...any) error {
		return usageError{fmt.Errorf(format, args...), cmd.CommandPath()}
	}
	sc, err := opts.load(file)
	if err != nil {
		return err
	}
	if err := opts.apply(cmd, sc.TimeUnit, &sc.Run); err != nil {
		return err
	}
	p := experiment.Problem{Run: sc.Run, Confidence: opts.confidence, Budget: opts.budget}
	if p.Objective, p.Maximize, err = parseObjective(opts.objective); err != nil {
		return usage("--objective: %v", err)
	}
	vals, err := parseVary(&p, opts.vary)
	if err != nil {
		return usage("%v", err)
	}
	if err := parseConstraints(&p, opts.constraints); err != nil {
		return usage("--constraint: %v", err)
	}
	p.Build = func(x []float64) (experiment.Alternative, error) {
		sets := make([]scenarios.Set, len(x))
		for i, v := range x {
			sets[i] = scenarios.Set{Path: p.Vars[i].Name, Value: vals[i][indexOf(p.Vars[i].Values, v)]}
		}
		label := "--vary " + fmt.Sprint(x)
		v, err := sc.With(sets, 0, label)
		if err != nil {
			return experiment.Alternative{}, err
		}
		return experiment.Alternative{Model: v.Model, Run: p.Run, Source: opts.src.with(sets, label).encode()}, nil
	}
	total := p.Budget
	if total == 0 {
		total = 20000 // the largest default budget; a search that ends sooner ends the bar
	}
	ctx, opt, bar := opts.start(cmd, stderr, total)
	defer bar.Stop()
	p.Status = func(n int, best *experiment.Design) {
		bar.Note(fmt.Sprintf("%d designs visited, best so far %s", n, best.Name))
	}
	if p.Delta, err = parseDelta(cmd, opts.delta, sc, p, opt); err != nil {
		return err
	}
	o, err := experiment.Optimize(ctx, p, opt)
	bar.Stop()
	if err != nil {
		if o == nil || cmd.Context().Err() == nil {
			return err
		}
		return interrupted(err, "interrupted: the optimisation did not finish")
	}
	if c := o.Comparison(); c != nil {
		view := &output.Comparison{Comparison: c, Objective: p.Objective}
		for _, v := range p.Vars {
			view.Paths = append(view.Paths, v.Name)
		}
		for i, d := range o.Ranked() {
			view.Order = append(view.Order, i)
			var vals []any
			for _, x := range d.X {
				vals = append(vals, x)
			}
			view.Values = append(view.Values, vals)
		}
		if err := writeOptimizationFiles(&opts.expFlags, sc, o, view); err != nil {
			return err
		}
	}
	if opts.json {
		return output.OptimizeJSON(stdout, o, sc.TimeUnit)
	}
	return output.OptimizationConsole(stdout, o, sc.TimeUnit)
}

// parseObjective reads max:KPI or min:KPI.
func parseObjective(s string) (experiment.KPI, bool, error) {
	dir, name, ok := strings.Cut(s, ":")
	if !ok || dir != "max" && dir != "min" {
		return experiment.KPI{}, false, fmt.Errorf("want max:KPI or min:KPI, got %q", s)
	}
	k, err := experiment.KPIByName(name)
	return k, dir == "max", err
}

// parseVary reads the decision variables: their numeric values for the
// search and the values as the scenario takes them.
func parseVary(p *experiment.Problem, vary []string) ([][]any, error) {
	if len(vary) == 0 {
		return nil, fmt.Errorf("--vary: give at least one KEY=RANGE")
	}
	var vals [][]any
	for _, s := range vary {
		key, vs, err := scenarios.ParseSetFlag(s)
		if err != nil {
			return nil, fmt.Errorf("--vary: %v", err)
		}
		v := experiment.Var{Name: key}
		for _, x := range vs {
			f, ok := number(x)
			if !ok {
				return nil, fmt.Errorf("--vary %s: %v is not a number; optimize varies numbers", key, x)
			}
			if indexOf(v.Values, f) >= 0 {
				return nil, fmt.Errorf("--vary %s: %v appears twice", key, x)
			}
			v.Values = append(v.Values, f)
		}
		p.Vars = append(p.Vars, v)
		vals = append(vals, vs)
	}
	return vals, nil
}

func number(x any) (float64, bool) {
	switch v := x.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return 0, false
}

func indexOf(xs []float64, x float64) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// parseConstraints reads linear constraints on the varied keys and bounds
// on KPIs.
func parseConstraints(p *experiment.Problem, exprs []string) error {
	type linear struct {
		coef []float64
		op   string
		rhs  float64
	}
	var lins []linear
	for _, e := range exprs {
		lhs, op, rhs, err := splitComparison(e)
		if err != nil {
			return err
		}
		if k, err := experiment.KPIByName(lhs); err == nil {
			if op != "<=" && op != ">=" {
				return fmt.Errorf("%q: a KPI takes <= or >=", e)
			}
			p.Bounds = append(p.Bounds, experiment.Bound{KPI: k, AtLeast: op == ">=", Bound: rhs})
			continue
		}
		coef, err := linearTerms(lhs, p.Vars)
		if err != nil {
			return fmt.Errorf("%q: %v", e, err)
		}
		lins = append(lins, linear{coef, op, rhs})
	}
	if len(lins) > 0 {
		p.Feasible = func(x []float64) bool {
			for _, l := range lins {
				s := 0.0
				for i, c := range l.coef {
					s += c * x[i]
				}
				if !compare(s, l.op, l.rhs) {
					return false
				}
			}
			return true
		}
	}
	return nil
}

// splitComparison splits "LHS OP NUMBER".
func splitComparison(e string) (lhs, op string, rhs float64, err error) {
	for _, o := range []string{"<=", ">=", "==", "<", ">", "="} {
		if l, r, ok := strings.Cut(e, o); ok {
			rhs, err = strconv.ParseFloat(strings.TrimSpace(r), 64)
			if err != nil || math.IsNaN(rhs) || math.IsInf(rhs, 0) {
				return "", "", 0, fmt.Errorf("%q: the right-hand side must be a number", e)
			}
			if o == "=" {
				o = "=="
			}
			return strings.TrimSpace(l), o, rhs, nil
		}
	}
	return "", "", 0, fmt.Errorf("%q: want LHS <= NUMBER (or >=, ==, <, >)", e)
}

// compare applies a comparison, with a little room for rounding.
func compare(a float64, op string, b float64) bool {
	const eps = 1e-9
	switch op {
	case "<=":
		return a <= b+eps
	case ">=":
		return a >= b-eps
	case "<":
		return a < b-eps
	case ">":
		return a > b+eps
	}
	return math.Abs(a-b) <= eps
}

// linearTerms reads "t1 + t2 - …" where a term is [NUMBER*]KEY or
// [NUMBER*]sum(PATTERN), PATTERN matching varied keys with * per part.
func linearTerms(s string, vars []experiment.Var) ([]float64, error) {
	coef := make([]float64, len(vars))
	s = strings.ReplaceAll(" "+s, " - ", " + -") // a minus between terms; names may hold hyphens
	for _, term := range strings.Split(s, "+") {
		term = strings.TrimSpace(term)
		if term == "" {
			continue
		}
		c := 1.0
		if strings.HasPrefix(term, "-") {
			c, term = -1, strings.TrimSpace(term[1:])
		}
		if n, rest, ok := strings.Cut(term, "*"); ok && !strings.Contains(n, ".") && !strings.HasPrefix(n, "sum(") {
			f, err := strconv.ParseFloat(strings.TrimSpace(n), 64)
			if err != nil {
				return nil, fmt.Errorf("coefficient %q is not a number", n)
			}
			c, term = c*f, strings.TrimSpace(rest)
		}
		pattern, isSum := strings.CutPrefix(term, "sum(")
		if isSum {
			var ok bool
			if pattern, ok = strings.CutSuffix(pattern, ")"); !ok {
				return nil, fmt.Errorf("%q: missing )", term)
			}
		}
		matched := false
		for i, v := range vars {
			if ok, _ := path.Match(strings.ReplaceAll(pattern, ".", "/"), strings.ReplaceAll(v.Name, ".", "/")); ok {
				coef[i] += c
				matched = true
			}
		}
		if !matched {
			return nil, fmt.Errorf("%q matches no --vary key", pattern)
		}
	}
	return coef, nil
}

// parseDelta reads --delta: an amount of the objective, or a share of the
// scenario's own value, estimated from its first-stage replications.
func parseDelta(cmd *cobra.Command, s string, sc *scenarios.Scenario, p experiment.Problem, opt experiment.Options) (float64, error) {
	rel, isShare := strings.CutSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(strings.TrimSpace(rel), 64)
	if err != nil || !(v > 0) || math.IsInf(v, 0) {
		return 0, usageError{fmt.Errorf("--delta %q: want a positive amount or a share such as 1%%", s), cmd.CommandPath()}
	}
	if !isShare {
		return v, nil
	}
	opt.Progress = nil
	base, err := experiment.Run(cmd.Context(), sc.Model, p.Run, opt)
	if err != nil {
		return 0, err
	}
	xs := make([]float64, len(base.Replications))
	for i, r := range base.Replications {
		xs[i] = p.Objective.Value(r)
	}
	mean := 0.0
	for _, x := range xs {
		mean += x / float64(len(xs))
	}
	if !(math.Abs(mean) > 0) {
		return 0, usageError{fmt.Errorf("--delta %s: the scenario's %s is %v; give delta as an amount", s, p.Objective.Name, mean), cmd.CommandPath()}
	}
	return v / 100 * math.Abs(mean), nil
}

// writeOptimizationFiles writes --csv, --xlsx (the candidates compared with
// the selected design), --report and --plots (with the optimisation first).
func writeOptimizationFiles(o *expFlags, sc *scenarios.Scenario, opt *experiment.Optimization, c *output.Comparison) error {
	var errs []error
	if o.csvDir != "" {
		errs = append(errs, output.CompareCSV(o.csvDir, c))
	}
	if o.xlsx != "" {
		errs = append(errs, output.CompareXLSX(o.xlsx, c))
	}
	if o.report != "" || o.plotsDir != "" {
		errs = append(errs, writeReport(o, output.NewOptimizationReport(sc.Name, sc.Description, filepath.Base(sc.File),
			string(sc.Data), opt, c, sc.TimeUnit)))
	}
	return errors.Join(errs...)
}
