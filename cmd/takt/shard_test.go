package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
)

// tinyVariants is tinyLine with a variant, for compare.
const tinyVariants = tinyLine + `[[variant]]
name = "two machines"
set = { "station.m.machines" = 2 }
`

// shardRun runs args as shards 1/n … n/n into dir and returns the files.
func shardRun(t *testing.T, dir string, n int, args ...string) []string {
	t.Helper()
	var files []string
	for i := 1; i <= n; i++ {
		f := filepath.Join(dir, fmt.Sprintf("s%d.shard", i))
		code, out, stderr := takt(context.Background(), append(args, "--shard", fmt.Sprintf("%d/%d", i, n), "--out", f)...)
		if code != 0 || out != "" || !strings.Contains(stderr, fmt.Sprintf("shard %d/%d:", i, n)) {
			t.Fatalf("shard %d/%d of %v: exit %d, stdout %q, stderr %q", i, n, args, code, out, stderr)
		}
		files = append(files, f)
	}
	return files
}

// readDir returns the files of dir by name.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, e := range es {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = string(b)
	}
	return files
}

// TestShardMergeBitIdentical checks that merging the shards of a command
// prints exactly what the command prints on one machine — table, JSON,
// CSV files and report — for run, compare, sweep, bottleneck and warmup,
// with more shards than some design points have replications, and shard
// replications run in worker processes (-j 2) as well as in process.
func TestShardMergeBitIdentical(t *testing.T) {
	tiny := writeFile(t, "tiny.toml", tinyVariants)
	for _, c := range []struct {
		name   string
		shards int
		args   []string
	}{
		{"run bundled", 3, []string{"run", "-r", "4", "--horizon", "2d", "-q"}},
		{"run", 2, []string{"run", tiny, "-r", "5", "-j", "2", "-q"}},
		{"compare", 3, []string{"compare", tiny, "-r", "4", "--objective", "wip"}},
		{"sweep", 4, []string{"sweep", tiny, "--set", "station.m.process=exp(1),exp(0.8)", "--set", "run.warmup=0,20", "-r", "3"}},
		{"bottleneck", 2, []string{"bottleneck", tiny, "-r", "3", "--speedup", "20%"}},
		{"warmup", 2, []string{"warmup", tiny, "-r", "3"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			files := shardRun(t, dir, c.shards, c.args...)
			for _, form := range [][]string{nil, {"--json"}, {"--csv"}, {"--report"}} {
				one, merged := append([]string{}, c.args...), append([]string{"merge"}, files...)
				var oneDir, mergedDir string
				switch {
				case form == nil:
				case form[0] == "--json":
					one, merged = append(one, form...), append(merged, form...)
				default:
					oneDir, mergedDir = t.TempDir(), t.TempDir()
					target := map[string]string{"--csv": "", "--report": "r.html"}[form[0]]
					one = append(one, form[0], filepath.Join(oneDir, target))
					merged = append(merged, form[0], filepath.Join(mergedDir, target))
				}
				want := runOut(t, one...)
				if got := runOut(t, merged...); got != want {
					t.Errorf("merge %v prints\n%s\nwant, as on one machine,\n%s", form, got, want)
				}
				if oneDir != "" {
					a, b := readDir(t, oneDir), readDir(t, mergedDir)
					if len(a) == 0 || fmt.Sprint(a) != fmt.Sprint(b) {
						t.Errorf("merge %v wrote %d files, one machine %d; they differ", form, len(b), len(a))
					}
				}
			}
		})
	}
}

// TestMergeDirAndGlob checks that a directory stands for its *.shard files
// and that a glob is expanded.
func TestMergeDirAndGlob(t *testing.T) {
	tiny := writeFile(t, "tiny.toml", tinyLine)
	dir := t.TempDir()
	shardRun(t, dir, 3, "run", tiny, "-r", "3")
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a shard"), 0o644); err != nil {
		t.Fatal(err)
	}
	want := runOut(t, "run", tiny, "-r", "3", "--json")
	for _, arg := range []string{dir, filepath.Join(dir, "s*.shard")} {
		if got := runOut(t, "merge", arg, "--json"); got != want {
			t.Errorf("merge %s differs from the one-machine run", arg)
		}
	}
	// Without shard 2/3, --allow-partial prints the table of the other two.
	if err := os.Remove(filepath.Join(dir, "s2.shard")); err != nil {
		t.Fatal(err)
	}
	if out := runOut(t, "merge", dir, "--allow-partial"); !strings.Contains(out, "PARTIAL: 2 of 3 replications completed\n") {
		t.Errorf("merge --allow-partial of 2 of 3 shards:\n%s", out)
	}
}

// TestMergeRefusals checks every reason merge refuses, with exit 2 and a
// message that names the files, and --allow-partial.
func TestMergeRefusals(t *testing.T) {
	tiny := writeFile(t, "tiny.toml", tinyVariants)
	other := writeFile(t, "other.toml", strings.Replace(tinyVariants, "exp(2)", "exp(3)", 1))
	dir := t.TempDir()
	in := func(name string) string { return filepath.Join(dir, name) }
	base := shardRun(t, filepath.Join(dir), 3, "compare", tiny, "-r", "4")
	sub := func(name string) string {
		d := filepath.Join(dir, name)
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	r5 := shardRun(t, sub("r5"), 3, "compare", tiny, "-r", "5")
	otherSc := shardRun(t, sub("other"), 3, "compare", other, "-r", "4")
	two := shardRun(t, sub("two"), 2, "compare", tiny, "-r", "4")
	data, err := os.ReadFile(base[1])
	if err != nil {
		t.Fatal(err)
	}
	// A shard of another build: its header says so, its checksum is right.
	old, err := readShard(base[1])
	if err != nil {
		t.Fatal(err)
	}
	old.header.Takt = "v0.0.1 (commit 0123456789ab)"
	var oldBuild bytes.Buffer
	if err := writeShard(&oldBuild, &old.header, old.records); err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"old.shard":     oldBuild.Bytes(),
		"cut.shard":     data[:len(data)-10],
		"flipped.shard": append(append([]byte{}, data[:200]...), append([]byte{data[200] ^ 1}, data[201:]...)...),
		"text.shard":    []byte("name = \"tiny\"\n"),
		"copy.shard":    data,
	} {
		if err := os.WriteFile(in(name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name  string
		files []string
		want  []string // in stderr
	}{
		{"different settings", []string{base[0], r5[1], base[2]},
			[]string{"s1.shard and ", "r5", "different settings", "--replications=4", "--replications=5"}},
		{"different scenarios", []string{base[0], otherSc[1], base[2]},
			[]string{"different scenarios", "tiny.toml", "other.toml"}},
		{"different shard counts", []string{base[0], two[1]}, []string{"split the work differently: shard 1/3 and 2/2"}},
		// Task k of compare's list is replication k/2+1 of alternative k%2:
		// shard 2/3 has tasks 1, 4, 7.
		{"missing", []string{base[0], base[2]},
			[]string{"missing replications", "shard 2/3 should have made replications 3 of \"base\"; 1, 4 of \"two machines\""}},
		{"duplicate", []string{base[0], base[1], in("copy.shard"), base[2]}, []string{"s2.shard and ", "copy.shard are both shard 2/3"}},
		{"truncated", []string{base[0], in("cut.shard"), base[2]}, []string{"cut.shard is truncated or damaged"}},
		{"damaged", []string{base[0], in("flipped.shard"), base[2]}, []string{"flipped.shard is truncated or damaged (checksum mismatch)"}},
		{"not a shard", []string{base[0], in("text.shard"), base[2]}, []string{"text.shard is not a takt shard file"}},
		{"not a shard either", []string{tiny}, []string{"tiny.toml is not a takt shard file"}},
		{"other build", []string{base[0], in("old.shard"), base[2]}, []string{"s1.shard and ", "old.shard were made by different builds of takt", "v0.0.1"}},
		{"other build only", []string{in("old.shard")}, []string{"old.shard was made by takt v0.0.1 (commit 0123456789ab)", "merge with the build that ran the shards"}},
		{"no match", []string{in("nothing*.shard")}, []string{"nothing*.shard: no such file, and no file matches"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, stderr := takt(context.Background(), append([]string{"merge"}, c.files...)...)
			if code != exitInvalid || out != "" {
				t.Errorf("exit %d, stdout %q; want 2 and nothing", code, out)
			}
			for _, w := range c.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
		})
	}

	// --allow-partial merges the shards that are there: only the pairs both
	// alternatives completed — replication 2 (tasks 2 and 3); shard 2/3 had
	// task 1 (replication 1 of the variant), 4 (3 of the base) and 7 (4 of
	// the variant) — marked partial.
	code, out, stderr := takt(context.Background(), "merge", base[0], base[2], "--allow-partial", "--json")
	if code != 0 || !strings.Contains(out, `"partial": true`) || !strings.Contains(stderr, "partial merge of 2 of 3 shards: 5 of 8 replications; missing 2/3") {
		t.Errorf("--allow-partial: exit %d, stderr %q, stdout:\n%s", code, stderr, out)
	}
	if !strings.Contains(out, `"replications": 1,`) {
		t.Errorf("--allow-partial should keep the 1 complete pair:\n%s", out)
	}
}

// TestShardSelection checks where a shard's I/N come from: --shard, a Slurm
// array (its IDs counted from SLURM_ARRAY_TASK_MIN), a Kubernetes Indexed
// Job (JOB_COMPLETION_INDEX with --shards), and the usage errors.
func TestShardSelection(t *testing.T) {
	tiny := writeFile(t, "tiny.toml", tinyLine)
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		env  map[string]string
		args []string
		want string // in stderr
		code int
	}{
		{"flag", nil, []string{"--shard", "2/3"}, "shard 2/3: 1 of 3 replications", 0},
		{"slurm from 0", map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "0"}, nil, "shard 1/2: 2 of 3", 0},
		{"slurm from 1", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "1"}, []string{"--shards", "2"}, "shard 2/2: 1 of 3", 0},
		{"flag beats slurm", map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2"}, []string{"--shard", "3/3"}, "shard 3/3: 1 of 3", 0},
		{"kubernetes", map[string]string{"JOB_COMPLETION_INDEX": "2"}, []string{"--shards", "3"}, "shard 3/3: 1 of 3", 0},
		{"kubernetes without --shards", map[string]string{"JOB_COMPLETION_INDEX": "2"}, nil, "JOB_COMPLETION_INDEX=2 is set: give --shards N", 2},
		{"kubernetes index too big", map[string]string{"JOB_COMPLETION_INDEX": "3"}, []string{"--shards", "3"}, "want 0 to 2 for --shards 3", 2},
		{"slurm with steps", map[string]string{"SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "0"}, nil, "without steps", 2},
		{"slurm and --shards disagree", map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2"}, []string{"--shards", "3"}, "array has 2 tasks but --shards is 3", 2},
		{"nothing", nil, nil, "--out needs --shard I/N", 2},
		{"bad spec", nil, []string{"--shard", "4/3"}, "want I/N with 1 <= I <= N", 2},
		{"zero based spec", nil, []string{"--shard", "0/3"}, "want I/N with 1 <= I <= N", 2},
		{"precision", nil, []string{"--shard", "1/2", "--precision", "5%"}, "--precision adds replications round by round", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			getenv = func(k string) string { return c.env[k] }
			defer func() { getenv = os.Getenv }()
			out := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-")+".shard")
			code, _, stderr := takt(context.Background(), append([]string{"run", tiny, "-r", "3", "--out", out}, c.args...)...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, stderr, c.code, c.want)
			}
			if _, err := os.Stat(out); (err == nil) != (c.code == 0) {
				t.Errorf("shard file written: %v, want %v", err == nil, c.code == 0)
			}
		})
	}
	if code, _, stderr := takt(context.Background(), "optimize", tiny, "--shard", "1/2", "--out", filepath.Join(dir, "o.shard")); code != exitInvalid || !strings.Contains(stderr, "cannot be split into shards") {
		t.Errorf("optimize --shard: exit %d, %q", code, stderr)
	}
	for _, args := range [][]string{{"--shard", "1/2"}, {"--shards", "2"}} {
		code, _, stderr := takt(context.Background(), append([]string{"run", tiny}, args...)...)
		if code != exitInvalid || !strings.Contains(stderr, "needs --out FILE") {
			t.Errorf("%v without --out: exit %d, %q", args, code, stderr)
		}
	}
}

// TestEveryFlagClassified guards the shard header: every flag of a command
// that runs as shards either changes its results (a setting, recorded in
// the shards and given back to the command by merge) or does not
// (notSettings). A new flag must be added to one of the two lists.
func TestEveryFlagClassified(t *testing.T) {
	settingFlags := map[string]bool{
		"replications": true, "seed": true, "horizon": true, "warmup": true, "precision": true,
		"max-replications": true, "objective": true, "set": true, "speedup": true, "help": true,
	}
	root := newRoot(&bytes.Buffer{}, &bytes.Buffer{})
	for _, name := range clusterCommands {
		c, _, err := root.Find([]string{name})
		if err != nil {
			t.Fatal(err)
		}
		c.InitDefaultHelpFlag()
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if !settingFlags[f.Name] && !notSettings[f.Name] {
				t.Errorf("takt %s --%s: is it a setting (settingFlags here) or not (notSettings in shard.go)?", name, f.Name)
			}
		})
	}
}
