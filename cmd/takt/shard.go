package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// shardFlags are --shard I/N, --shards N and --out FILE: run one slice of
// a command's replications on one machine of a cluster and write them to
// FILE, for takt merge.
//
// A command's work is its task list: every (design point, replication) in
// the order the command runs them (run: replication 1, 2, …; compare,
// sweep and bottleneck: replication 1 of every design point, then
// replication 2, …). Task k, counted from 0, belongs to shard k mod N + 1:
// every shard gets every N-th task, so shards are balanced whatever the
// number of design points.
type shardFlags struct {
	spec   string // --shard I/N
	shards int    // --shards N
	out    string // --out FILE

	i, n int // the shard resolved by prepare, counted from 1; n == 0 when not sharding
}

func (s *shardFlags) register(f *pflag.FlagSet) {
	f.StringVar(&s.spec, "shard", "", "run only shard `I/N` of the replications (I from 1 to N) and write them to --out, for 'takt merge'")
	f.IntVar(&s.shards, "shards", 0, "number of shards `N` when I comes from the job array (SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)")
	f.StringVar(&s.out, "out", "", "write this shard's replications to `FILE` (atomically; into a folder as shard-I-of-N.shard) instead of printing results")
}

// getenv reads the environment; tests replace it.
var getenv = os.Getenv

// prepare resolves the shard from the flags or, with --out alone, from
// the job array's environment: Slurm's SLURM_ARRAY_TASK_ID minus
// SLURM_ARRAY_TASK_MIN (of SLURM_ARRAY_TASK_COUNT tasks), or Kubernetes'
// JOB_COMPLETION_INDEX (with --shards N). Both count from 0; shards count
// from 1.
func (s *shardFlags) prepare(cmd *cobra.Command) error {
	f := cmd.Flags()
	bad := func(format string, a ...any) error {
		return usageError{fmt.Errorf(format, a...), cmd.CommandPath()}
	}
	if s.out == "" {
		switch {
		case s.spec != "":
			return bad("--shard needs --out FILE for the shard's replications")
		case f.Changed("shards"):
			return bad("--shards needs --out FILE for the shard's replications")
		}
		return nil
	}
	if !slices.Contains(clusterCommands, cmd.Name()) {
		return bad("takt %s picks its next replications from the results so far; it cannot be split into shards", cmd.Name())
	}
	if f.Changed("precision") {
		return bad("--precision adds replications round by round until the target is met; it cannot be split into shards: give -r instead")
	}
	if f.Changed("shards") && s.shards < 1 {
		return bad("--shards must be >= 1, got %d", s.shards)
	}
	var err error
	switch id := getenv("SLURM_ARRAY_TASK_ID"); {
	case s.spec != "":
		s.i, s.n, err = parseShard(s.spec)
		if err != nil {
			return bad("--shard %q: %v", s.spec, err)
		}
		if f.Changed("shards") && s.shards != s.n {
			return bad("--shard %s and --shards %d disagree", s.spec, s.shards)
		}
	case id != "":
		s.i, s.n, err = slurmShard(id, getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_COUNT"))
		if err != nil {
			return bad("%v", err)
		}
		if f.Changed("shards") && s.shards != s.n {
			return bad("the Slurm array has %d tasks but --shards is %d", s.n, s.shards)
		}
	case getenv("JOB_COMPLETION_INDEX") != "":
		idx := getenv("JOB_COMPLETION_INDEX")
		if !f.Changed("shards") {
			return bad("JOB_COMPLETION_INDEX=%s is set: give --shards N, the Job's completions", idx)
		}
		k, err := strconv.Atoi(idx)
		if err != nil || k < 0 || k >= s.shards {
			return bad("JOB_COMPLETION_INDEX=%q: want 0 to %d for --shards %d", idx, s.shards-1, s.shards)
		}
		s.i, s.n = k+1, s.shards
	default:
		return bad("--out needs --shard I/N, or a Slurm array job (SLURM_ARRAY_TASK_ID), or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) with --shards N")
	}
	if st, err := os.Stat(s.out); strings.HasSuffix(s.out, "/") || err == nil && st.IsDir() {
		s.out = filepath.Join(s.out, shardName(s.i, s.n))
	}
	return nil
}

// shardName is the file name of shard i of n in a folder given as --out.
func shardName(i, n int) string { return fmt.Sprintf("shard-%d-of-%d.shard", i, n) }

// parseShard reads "I/N" with 1 <= I <= N.
func parseShard(spec string) (i, n int, err error) {
	a, b, ok := strings.Cut(spec, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("want I/N with 1 <= I <= N, e.g. 1/4")
	}
	return i, n, nil
}

// slurmShard is the shard of a Slurm array task.
func slurmShard(id, minID, count string) (i, n int, err error) {
	k, err := strconv.Atoi(id)
	if err != nil {
		return 0, 0, fmt.Errorf("SLURM_ARRAY_TASK_ID=%q is not a number", id)
	}
	n, err = strconv.Atoi(count)
	if err != nil || n < 1 {
		return 0, 0, fmt.Errorf("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT=%q is not a count", count)
	}
	base := 0
	if minID != "" {
		if base, err = strconv.Atoi(minID); err != nil {
			return 0, 0, fmt.Errorf("SLURM_ARRAY_TASK_MIN=%q is not a number", minID)
		}
	}
	if k-base < 0 || k-base >= n {
		return 0, 0, fmt.Errorf("SLURM_ARRAY_TASK_ID=%d is not among the %d tasks from %d: give the array as a range without steps, e.g. --array=0-%d", k, n, base, n-1)
	}
	return k - base + 1, n, nil
}

// notSettings are the flags that do not change a command's results: they
// say how it runs or where its output goes. Every other flag a command was
// given is a setting, recorded in its shards and given back to it by merge.
var notSettings = map[string]bool{
	"jobs": true, "quiet": true, "json": true, "csv": true, "xlsx": true, "report": true, "plots": true,
	"trace": true, "trace-limit": true, "gantt": true, "animate": true, "shard": true, "shards": true, "out": true,
}

// settings are the flags cmd was given that change its results, as
// arguments, in a fixed order.
func settings(cmd *cobra.Command) []string {
	args := []string{}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if notSettings[f.Name] {
			return
		}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			for _, v := range sv.GetSlice() {
				args = append(args, "--"+f.Name+"="+v)
			}
			return
		}
		args = append(args, "--"+f.Name+"="+f.Value.String())
	})
	return args
}

// errShardWritten ends a command that ran its shard: the results are in
// the shard file, the command prints nothing.
var errShardWritten = errors.New("shard written")

// shardWriter is the executor of a shard: it runs the shard's slice of the
// tasks with the normal executor and writes them to the shard file, then
// stops the command with errShardWritten.
type shardWriter struct {
	inner  experiment.Executor
	header shardHeader // all but Points and Tasks
	out    string
	stderr io.Writer
	ran    bool
}

// Execute implements experiment.Executor.
func (w *shardWriter) Execute(ctx context.Context, points []experiment.Point, tasks []experiment.Task, _ func(experiment.Task, *sim.Replication)) error {
	if w.ran {
		return fmt.Errorf("this command runs replications in rounds and cannot be split into shards")
	}
	w.ran = true
	h := w.header
	h.Tasks = len(tasks)
	for _, p := range points {
		h.Points = append(h.Points, shardPoint{Name: p.Name, Run: p.Run, Faster: p.Recipe.Faster, Speedup: p.Recipe.Speedup})
	}
	h.Scenario = scenarioHash(&h)
	var mine []experiment.Task
	pos := map[experiment.Task]int{}
	for k, t := range tasks {
		if k%h.Shards == h.Shard-1 {
			mine = append(mine, t)
			pos[t] = k
		}
	}
	reps := map[experiment.Task]*sim.Replication{}
	if err := w.inner.Execute(ctx, points, mine, func(t experiment.Task, r *sim.Replication) { reps[t] = r }); err != nil {
		return err
	}
	recs := make([]shardRecord, len(mine))
	for j, t := range mine {
		recs[j] = shardRecord{K: pos[t], Point: t.Point, Index: t.Index, Rep: reps[t]}
	}
	if err := output.WriteFileAtomic(w.out, func(f io.Writer) error { return writeShard(f, &h, recs) }); err != nil {
		return err
	}
	fmt.Fprintf(w.stderr, "takt: shard %d/%d: %d of %d replications written to %s\n", h.Shard, h.Shards, len(mine), len(tasks), w.out)
	return errShardWritten
}
