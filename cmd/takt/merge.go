package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

type mergeOptions struct {
	json         bool
	csvDir       string
	xlsx         string
	report       string
	plotsDir     string
	allowPartial bool
}

func newMergeCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &mergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge FILE... | DIR | GLOB",
		Short: "Merge the shard files of a command run on a cluster into its results",
		Long: `Merge reads the shard files written by a command run with --shard I/N --out
FILE (on a Slurm array, a Kubernetes Indexed Job, or by hand) and prints the
command's results exactly as the same command run on one machine would:
the same table, JSON, CSV and report, bit for bit. A directory stands for
the *.shard files in it; a glob is expanded.

Merge refuses (exit 2), naming the files: shards of different scenarios or
settings, missing shards (with the replications they should have made),
two files of the same shard, and files that are not takt shards or are
truncated. --allow-partial merges the shards that are there, marked partial.`,
		Example: `  takt run scenarios/demo.toml -r 10 --shard 1/2 --out s1.shard
  takt run scenarios/demo.toml -r 10 --shard 2/2 --out s2.shard
  takt merge s1.shard s2.shard
  takt merge . --json > result.json   # every *.shard in the folder
  takt merge s*.shard --csv results`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			return runMerge(cmd, a, opts, stdout, stderr)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&opts.json, "json", false, "print the results as JSON")
	f.StringVar(&opts.csvDir, "csv", "", "also write the results as CSV into `DIR`")
	f.StringVar(&opts.xlsx, "xlsx", "", "also write the results as an Excel workbook to `FILE.xlsx`")
	f.StringVar(&opts.report, "report", "", "write a self-contained HTML report to `FILE.html`")
	f.StringVar(&opts.plotsDir, "plots", "", "write the charts as SVG and PNG files into `DIR`")
	f.BoolVar(&opts.allowPartial, "allow-partial", false, "merge the shards that are there, marked partial, when some are missing")
	return cmd
}

// refusal is invalid input that is not a matter of usage, such as shard
// files that do not merge: exit 2, without a pointer to --help.
type refusal struct{ error }

func (r refusal) Unwrap() error { return r.error }

// mergeRefusal is a reason not to merge.
func mergeRefusal(format string, a ...any) error {
	return refusal{fmt.Errorf(format, a...)}
}

func runMerge(cmd *cobra.Command, patterns []string, opts *mergeOptions, stdout, stderr io.Writer) error {
	files, err := shardPaths(patterns)
	if err != nil {
		return err
	}
	m, err := readShards(files, opts.allowPartial)
	if err != nil {
		return err
	}
	h := m.header
	args := []string{h.Command}
	if h.File != "" {
		args = append(args, h.File)
	}
	args = append(args, h.Args...)
	for _, o := range []struct{ name, value string }{{"csv", opts.csvDir}, {"xlsx", opts.xlsx}, {"report", opts.report}, {"plots", opts.plotsDir}} {
		if o.value != "" {
			args = append(args, "--"+o.name+"="+o.value)
		}
	}
	if opts.json {
		args = append(args, "--json")
	}
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	if err := root.ExecuteContext(context.WithValue(cmd.Context(), mergeKey{}, m)); err != nil {
		return err
	}
	if len(m.missing) > 0 {
		fmt.Fprintf(stderr, "takt: warning: partial merge of %d of %d shards: %d of %d replications; missing %s\n",
			h.Shards-len(m.missing), h.Shards, m.merged, h.Tasks, shardList(m.missing, h.Shards))
	}
	return nil
}

// shardPaths expands the arguments of merge: files as given, a directory
// to its *.shard files, a glob to its matches.
func shardPaths(patterns []string) ([]string, error) {
	var files []string
	for _, p := range patterns {
		if st, err := os.Stat(p); err == nil {
			if !st.IsDir() {
				files = append(files, p)
				continue
			}
			m, _ := filepath.Glob(filepath.Join(globEscape(p), "*.shard"))
			if len(m) == 0 {
				return nil, mergeRefusal("no *.shard files in %s", p)
			}
			files = append(files, m...)
			continue
		}
		m, err := filepath.Glob(p)
		if err != nil || len(m) == 0 {
			return nil, mergeRefusal("%s: no such file, and no file matches it as a pattern", p)
		}
		files = append(files, m...)
	}
	return files, nil
}

// globEscape escapes the pattern characters of a path.
func globEscape(p string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`)
	return r.Replace(p)
}

// merged is the set of shards being merged. It is the executor of the
// command merge re-runs: it "runs" a task by handing over the replication a
// shard made, so the command computes and prints its results by the very
// code of a run on one machine.
type merged struct {
	header       shardHeader
	reps         map[int]*sim.Replication // by task position
	files        map[int]string           // shard number → its file
	allowPartial bool
	missing      []int // shard numbers without a file
	merged       int   // replications handed over
}

// mergeKey is the context key of the *merged a command runs from.
type mergeKey struct{}

// mergeFrom is the set of shards cmd runs from, nil when it runs its
// replications itself.
func mergeFrom(cmd *cobra.Command) *merged {
	if cmd == nil || cmd.Context() == nil {
		return nil
	}
	m, _ := cmd.Context().Value(mergeKey{}).(*merged)
	return m
}

// errPartialMerge is the executor's answer when shards are missing and
// --allow-partial merges the others: the command's results are partial.
var errPartialMerge = errors.New("partial merge")

// readShards reads the files and checks that they are the shards of one
// command: same build, scenario and settings, each shard once.
func readShards(files []string, allowPartial bool) (*merged, error) {
	var shards []*shardFile
	var problems []string
	for _, f := range files {
		s, err := readShard(f)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		shards = append(shards, s)
	}
	if len(problems) > 0 {
		return nil, mergeRefusal("%s", strings.Join(problems, "\n"))
	}
	sort.SliceStable(shards, func(a, b int) bool { return shards[a].header.Shard < shards[b].header.Shard })
	first := shards[0]
	h := first.header
	if v := shardVersion(); h.Takt != v || h.Protocol != protocolVersion {
		return nil, mergeRefusal("%s was made by takt %s (protocol %d), this is takt %s (protocol %d): merge with the build that ran the shards",
			first.path, h.Takt, h.Protocol, v, protocolVersion)
	}
	m := &merged{header: h, reps: map[int]*sim.Replication{}, files: map[int]string{}, allowPartial: allowPartial}
	for _, s := range shards {
		if p := differ(first, s); p != "" {
			problems = append(problems, p)
			continue
		}
		if prev, dup := m.files[s.header.Shard]; dup {
			problems = append(problems, fmt.Sprintf("%s and %s are both shard %d/%d: keep one of them", prev, s.path, s.header.Shard, h.Shards))
			continue
		}
		m.files[s.header.Shard] = s.path
		for _, r := range s.records {
			if r.K < 0 || r.K >= h.Tasks || r.K%h.Shards != s.header.Shard-1 || m.reps[r.K] != nil {
				problems = append(problems, fmt.Sprintf("%s holds task %d, which is not shard %d/%d's: the file is damaged", s.path, r.K, s.header.Shard, h.Shards))
				break
			}
			m.reps[r.K] = r.Rep
		}
	}
	if len(problems) > 0 {
		return nil, mergeRefusal("%s", strings.Join(problems, "\n"))
	}
	for i := 1; i <= h.Shards; i++ {
		if _, ok := m.files[i]; !ok {
			m.missing = append(m.missing, i)
		}
	}
	return m, nil
}

// differ says why shard s cannot be merged with shard a, or "".
func differ(a, s *shardFile) string {
	x, y := a.header, s.header
	switch {
	case x.Takt != y.Takt || x.Protocol != y.Protocol:
		return fmt.Sprintf("%s and %s were made by different builds of takt (%s, %s)", a.path, s.path, x.Takt, y.Takt)
	case x.Command != y.Command || !slices.Equal(x.Args, y.Args):
		return fmt.Sprintf("%s and %s were made with different settings: %s; %s", a.path, s.path, commandLine(x), commandLine(y))
	case x.File != y.File || x.Example != y.Example || string(x.Data) != string(y.Data):
		return fmt.Sprintf("%s and %s are shards of different scenarios (%s, %s)", a.path, s.path, scenarioName(x), scenarioName(y))
	case x.Shards != y.Shards:
		return fmt.Sprintf("%s and %s split the work differently: shard %d/%d and %d/%d", a.path, s.path, x.Shard, x.Shards, y.Shard, y.Shards)
	case x.Scenario != y.Scenario || x.Tasks != y.Tasks || !reflect.DeepEqual(x.Points, y.Points):
		return fmt.Sprintf("%s and %s were made with different settings (their design points differ)", a.path, s.path)
	}
	return ""
}

// commandLine is the command of a shard, as typed.
func commandLine(h shardHeader) string {
	parts := []string{"takt", h.Command}
	if h.File != "" {
		parts = append(parts, h.File)
	}
	return strings.Join(append(parts, h.Args...), " ")
}

func scenarioName(h shardHeader) string {
	name := h.File
	if h.File == "" {
		name = "bundled " + h.Example
	}
	sum := sha256.Sum256(h.Data)
	return fmt.Sprintf("%s, text SHA-256 %x…", name, sum[:6])
}

// shardList names shards: "2/4, 3/4".
func shardList(shards []int, n int) string {
	parts := make([]string, len(shards))
	for i, s := range shards {
		parts[i] = fmt.Sprintf("%d/%d", s, n)
	}
	return strings.Join(parts, ", ")
}

// Execute implements experiment.Executor: it hands over the shards'
// replications in task order, after checking that the command planned the
// same design points as the shards.
func (m *merged) Execute(ctx context.Context, points []experiment.Point, tasks []experiment.Task, done func(experiment.Task, *sim.Replication)) error {
	h := m.header
	if len(tasks) != h.Tasks || len(points) != len(h.Points) {
		return mergeRefusal("the shards hold %d replications of %d design points, the command plans %d of %d", h.Tasks, len(h.Points), len(tasks), len(points))
	}
	for i, p := range points {
		if want := (shardPoint{Name: p.Name, Run: p.Run, Faster: p.Recipe.Faster, Speedup: p.Recipe.Speedup}); !reflect.DeepEqual(want, h.Points[i]) {
			return mergeRefusal("design point %d of the shards is %+v, the command plans %+v", i+1, h.Points[i], want)
		}
	}
	if len(m.missing) > 0 && !m.allowPartial {
		return mergeRefusal("%s", m.missingText(points, tasks))
	}
	for k, t := range tasks {
		if err := ctx.Err(); err != nil {
			return err
		}
		if r := m.reps[k]; r != nil {
			done(t, r)
			m.merged++
		}
	}
	if len(m.missing) > 0 {
		return errPartialMerge
	}
	return nil
}

// missingText lists, for every missing shard, the replications it should
// have made (counted from 1), by design point.
func (m *merged) missingText(points []experiment.Point, tasks []experiment.Task) string {
	h := m.header
	lines := []string{fmt.Sprintf("missing replications: %d of %d shards have no file (merge what is there with --allow-partial)", len(m.missing), h.Shards)}
	for _, s := range m.missing {
		byPoint := make([][]string, len(points))
		for k := s - 1; k < len(tasks); k += h.Shards {
			t := tasks[k]
			byPoint[t.Point] = append(byPoint[t.Point], fmt.Sprint(t.Index+1))
		}
		var parts []string
		for p, idx := range byPoint {
			if len(idx) == 0 {
				continue
			}
			what := strings.Join(idx, ", ")
			if len(points) > 1 {
				what += fmt.Sprintf(" of %q", points[p].Name)
			}
			parts = append(parts, what)
		}
		if len(parts) == 0 {
			parts = []string{"none (more shards than replications)"}
		}
		lines = append(lines, fmt.Sprintf("  shard %d/%d should have made replications %s", s, h.Shards, strings.Join(parts, "; ")))
	}
	return strings.Join(lines, "\n")
}

// shardVersion identifies the build: shards merge only with the build
// that ran them, whose summary code is theirs.
func shardVersion() string { return versionString() }
