package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

// clusterJob is a command to run as shards on a cluster, as takt slurm and
// takt kubernetes read it: [COMMAND] FILE [command flags], plus their own
// flags anywhere among them.
type clusterJob struct {
	command  string   // run (the default), compare, sweep, bottleneck, warmup
	file     string   // the scenario as given
	settings []string // the command's flags that change its results
	outputs  []string // its output flags (--csv, --xlsx, --report, --plots), for the merge
	jobs     string   // its -j, if given
	sc       *scenarios.Scenario
}

// clusterCommands are the commands that can run as shards.
var clusterCommands = []string{"run", "compare", "sweep", "bottleneck", "warmup"}

// clusterFlag is a flag of takt slurm or takt kubernetes: its value, and
// whether it takes one.
type clusterFlag struct {
	arg   string // the value's name in the help
	value *string
	isSet *bool // for flags without a value
	usage string
}

// parseClusterArgs separates the cluster command's own flags (own) from
// the job's command line and checks the latter by parsing it as the
// command would, and loading the scenario.
func parseClusterArgs(ctx context.Context, name string, args []string, own map[string]clusterFlag, stdout, stderr io.Writer) (*clusterJob, error) {
	bad := func(format string, a ...any) error {
		return usageError{fmt.Errorf(format, a...), "takt " + name}
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		key, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f, ok := own[key]
		if !strings.HasPrefix(a, "--") || !ok {
			rest = append(rest, a)
			continue
		}
		switch {
		case f.isSet != nil && hasVal:
			b, err := strconv.ParseBool(val)
			if err != nil {
				return nil, bad("--%s=%s: want true or false", key, val)
			}
			*f.isSet = b
		case f.isSet != nil:
			*f.isSet = true
		case hasVal:
			*f.value = val
		case i+1 < len(args):
			i++
			*f.value = args[i]
		default:
			return nil, bad("--%s needs a value", key)
		}
	}
	job := &clusterJob{command: "run"}
	if len(rest) > 0 && slices.Contains(clusterCommands, rest[0]) {
		job.command, rest = rest[0], rest[1:]
	}
	c, _, err := newRoot(stdout, stderr).Find([]string{job.command})
	if err != nil {
		return nil, err
	}
	c.SetArgs(nil)
	if err := c.ParseFlags(rest); err != nil {
		return nil, bad("%s: %v", job.command, err)
	}
	if err := c.ValidateArgs(c.Flags().Args()); err != nil {
		return nil, bad("%v", err)
	}
	for _, f := range []string{"shard", "shards", "out", "trace", "gantt", "trace-limit", "precision"} {
		if c.Flags().Changed(f) {
			return nil, bad("--%s of %s cannot go to the cluster: takt %s sets the shards and their files itself, and --precision, --trace and --gantt run on one machine", f, job.command, name)
		}
	}
	if pos := c.Flags().Args(); len(pos) == 1 {
		job.file = pos[0]
	}
	job.settings = settings(c)
	for _, f := range []string{"csv", "xlsx", "report", "plots"} {
		if v := c.Flags().Lookup(f); v != nil && v.Changed {
			path, err := filepath.Abs(v.Value.String())
			if err != nil {
				return nil, err
			}
			job.outputs = append(job.outputs, "--"+f+"="+path)
		}
	}
	if c.Flags().Changed("jobs") {
		job.jobs = c.Flags().Lookup("jobs").Value.String()
	}
	// Plan the command as each shard will, to report its mistakes now.
	plan := newRoot(io.Discard, stderr)
	plan.SetArgs(append([]string{job.command}, rest...))
	if err := plan.ExecuteContext(context.WithValue(ctx, planKey{}, true)); err != nil {
		return nil, err
	}
	job.sc, _, err = loadSource(job.file)
	return job, err
}

// planKey marks the context of a command that only plans its experiment:
// it checks its scenario and flags and stops before running replications.
type planKey struct{}

func planning(cmd *cobra.Command) bool {
	return cmd.Context() != nil && cmd.Context().Value(planKey{}) != nil
}

// errPlanned stops a command that only plans.
var errPlanned = errors.New("planned")

// planner is the executor of a command that only plans.
type planner struct{}

// Execute implements experiment.Executor.
func (planner) Execute(context.Context, []experiment.Point, []experiment.Task, func(experiment.Task, *sim.Replication)) error {
	return errPlanned
}

// label names a job for the scheduler: "takt-run-line", letters, digits
// and dashes.
func (j *clusterJob) label() string {
	name := "demo"
	if j.file != "" {
		name = strings.TrimSuffix(filepath.Base(j.file), filepath.Ext(j.file))
	}
	s := strings.Trim(regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower("takt-"+j.command+"-"+name), "-"), "-")
	return s[:min(len(s), 52)]
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && regexp.MustCompile(`^[A-Za-z0-9_./:=,+@%-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func shellLine(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = shellQuote(w)
	}
	return strings.Join(q, " ")
}

type slurmOptions struct {
	shards, partition, timeLimit, cpus, dir, takt string
	submit                                        bool
}

func newSlurmCmd(stdout, stderr io.Writer) *cobra.Command {
	o := &slurmOptions{}
	own := map[string]clusterFlag{
		"shards":        {arg: "N", value: &o.shards, usage: "number of shards N: the array's tasks (required)"},
		"partition":     {arg: "P", value: &o.partition, usage: "Slurm partition P (default: the cluster's)"},
		"time":          {arg: "T", value: &o.timeLimit, usage: "time limit T of each shard, e.g. 2:00:00"},
		"cpus-per-task": {arg: "C", value: &o.cpus, usage: "CPUs C of each shard; its replications run in C processes"},
		"dir":           {arg: "D", value: &o.dir, usage: "folder D for the scripts, shards, logs and result (default: takt-COMMAND-NAME)"},
		"takt":          {arg: "PATH", value: &o.takt, usage: "the takt binary on the compute nodes (default: this one)"},
		"submit":        {isSet: &o.submit, usage: "submit both jobs with sbatch and print their ids"},
	}
	cmd := &cobra.Command{
		Use:   "slurm [COMMAND] FILE [command flags] --shards N [--partition P --time T --cpus-per-task C --dir D] [--submit]",
		Short: "Write (and submit) a Slurm job array that runs a command as shards, and its merge",
		Long: `Slurm writes two batch scripts into D: shards.sbatch, a job array of N
tasks, each running shard I/N of the command (run by default; compare, sweep,
bottleneck or warmup) with its flags and writing D/shard-I-of-N.shard; and
merge.sbatch, which merges them into D/result.txt and D/result.json (plus
the command's --csv, --report and --plots) — submit it with
--dependency=afterok on the array. --submit does both with sbatch.

The scenario, D and the takt binary must be at the same paths on the compute
nodes (a shared file system); --takt names the binary there if it differs.`,
		Example: `  takt slurm scenarios/demo.toml -r 40 --shards 4 --dir demo-cluster
  takt slurm sweep scenarios/penny-fab.toml --set source.blanks.conwip=1..8 -r 20 --shards 8 --cpus-per-task 4 --time 1:00:00`,
	}
	return clusterCmd(cmd, own, func(job *clusterJob) error { return runSlurm(job, o, stdout) }, stdout, stderr)
}

// clusterCmd completes cmd, a command that takes [COMMAND] FILE [command
// flags] mixed with its own flags, and runs run on the job they describe.
func clusterCmd(cmd *cobra.Command, own map[string]clusterFlag, run func(*clusterJob) error, stdout, stderr io.Writer) *cobra.Command {
	cmd.Long += "\n\nFlags of takt " + cmd.Name() + ", anywhere among the command's:\n" + clusterFlagHelp(own)
	cmd.DisableFlagParsing = true
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
			return c.Help()
		}
		job, err := parseClusterArgs(c.Context(), c.Name(), args, own, stdout, stderr)
		if err != nil {
			return err
		}
		return run(job)
	}
	return cmd
}

// clusterFlagHelp lists the flags of a cluster command.
func clusterFlagHelp(own map[string]clusterFlag) string {
	var lines []string
	for _, k := range sortedFlagNames(own) {
		arg := ""
		if own[k].isSet == nil {
			arg = " " + own[k].arg
		}
		lines = append(lines, fmt.Sprintf("      --%-24s %s", k+arg, own[k].usage))
	}
	return strings.Join(lines, "\n")
}

func sortedFlagNames(own map[string]clusterFlag) []string {
	var names []string
	for k := range own {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// shardCount reads --shards.
func shardCount(name, v string) (int, error) {
	n, err := strconv.Atoi(v)
	if v == "" || err != nil || n < 1 {
		return 0, usageError{fmt.Errorf("give --shards N, the number of shards (>= 1)"), "takt " + name}
	}
	return n, nil
}

// runSlurm writes the scripts and submits them if asked to.
func runSlurm(job *clusterJob, o *slurmOptions, stdout io.Writer) error {
	n, err := shardCount("slurm", o.shards)
	if err != nil {
		return err
	}
	if o.dir == "" {
		o.dir = job.label()
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return err
	}
	exe := o.takt
	if exe == "" {
		if exe, err = os.Executable(); err != nil {
			return err
		}
	}
	command := []string{exe, job.command}
	if job.file != "" {
		file, err := filepath.Abs(job.file)
		if err != nil {
			return err
		}
		command = append(command, file)
	}
	command = append(command, job.settings...)
	jobs := `"${SLURM_CPUS_PER_TASK:-1}"`
	if job.jobs != "" {
		jobs = shellQuote(job.jobs)
	}
	if err := os.MkdirAll(filepath.Join(dir, "logs"), 0o755); err != nil {
		return err
	}
	var head strings.Builder
	for _, d := range [][2]string{{"partition", o.partition}, {"time", o.timeLimit}} {
		if d[1] != "" {
			fmt.Fprintf(&head, "#SBATCH --%s=%s\n", d[0], d[1])
		}
	}
	shards := fmt.Sprintf(`#!/bin/bash
# Shards of: %s
# Written by takt slurm; merge.sbatch merges them (submit it with
# --dependency=afterok:<this job's id>).
#SBATCH --job-name=%s
#SBATCH --array=0-%d
#SBATCH --output=%s
%s%sset -eu
exec %s -q -j %s --shards %d --out %s/
`, shellLine(command[1:]), job.label(), n-1, shellQuote(filepath.Join(dir, "logs", "shard-%a.out")),
		cpusLine(o.cpus), head.String(), shellLine(command), jobs, n, shellQuote(dir))
	merge := []string{exe, "merge", dir}
	table := shellLine(append(merge, job.outputs...))
	mergeScript := fmt.Sprintf(`#!/bin/bash
# Merge of the shards of: %s
# Written by takt slurm; runs after the shards' array job succeeds.
#SBATCH --job-name=%s-merge
#SBATCH --output=%s
%sset -eu
cd %s
%s --json > result.json.part
mv result.json.part result.json
%s > result.txt.part
mv result.txt.part result.txt
`, shellLine(command[1:]), job.label(), shellQuote(filepath.Join(dir, "logs", "merge.out")), head.String(),
		shellQuote(dir), shellLine(merge), table)
	shardsFile, mergeFile := filepath.Join(dir, "shards.sbatch"), filepath.Join(dir, "merge.sbatch")
	for _, f := range []struct{ path, text string }{{shardsFile, shards}, {mergeFile, mergeScript}} {
		if err := os.WriteFile(f.path, []byte(f.text), 0o755); err != nil {
			return err
		}
	}
	if !o.submit {
		fmt.Fprintf(stdout, `wrote %s (an array of %d shards) and %s
submit them with:
  jobid=$(sbatch --parsable %s)
  sbatch --dependency=afterok:${jobid%%%%;*} %s
the result will be in %s (JSON: %s)
`, shardsFile, n, mergeFile, shellQuote(shardsFile), shellQuote(mergeFile),
			filepath.Join(dir, "result.txt"), filepath.Join(dir, "result.json"))
		return nil
	}
	array, err := sbatch("--parsable", shardsFile)
	if err != nil {
		return err
	}
	mergeJob, err := sbatch("--parsable", "--dependency=afterok:"+array, mergeFile)
	if err != nil {
		return fmt.Errorf("%w (the shards were submitted as job %s: scancel %s)", err, array, array)
	}
	fmt.Fprintf(stdout, `submitted the shards as job %s (an array of %d) and their merge as job %s (after the array succeeds)
follow them with: squeue -j %s,%s
fetch the result with: cat %s   (JSON: %s)
`, array, n, mergeJob, array, mergeJob, shellQuote(filepath.Join(dir, "result.txt")), shellQuote(filepath.Join(dir, "result.json")))
	return nil
}

func cpusLine(c string) string {
	if c == "" {
		return ""
	}
	return "#SBATCH --cpus-per-task=" + c + "\n"
}

// sbatch submits a script and returns the job id sbatch --parsable prints
// ("id" or "id;cluster").
func sbatch(args ...string) (string, error) {
	var out, errb bytes.Buffer
	c := exec.Command("sbatch", args...)
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		return "", fmt.Errorf("sbatch %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	id, _, _ := strings.Cut(strings.TrimSpace(out.String()), ";")
	if id == "" {
		return "", fmt.Errorf("sbatch %s printed no job id", strings.Join(args, " "))
	}
	return id, nil
}
