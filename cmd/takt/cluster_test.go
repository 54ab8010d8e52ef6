package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// clusterGolden is the folder of the golden files, found before tests
// change the working directory.
var clusterGolden, _ = filepath.Abs(filepath.Join("testdata", "cluster"))

// golden compares got with the file testdata/cluster/name, or rewrites the
// file with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(clusterGolden, name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -run %s -update rewrites it); got:\n%s", path, t.Name(), got)
	}
}

// TestSlurmScripts checks the scripts takt slurm writes: the array of
// shards with the Slurm options given, and the merge (its output flags from
// the command's). testdata/scripts/slurm.txtar runs them and submits them.
func TestSlurmScripts(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "tiny.toml")
	if err := os.WriteFile(file, []byte(tinyLine), 0o644); err != nil {
		t.Fatal(err)
	}
	runOut(t, "slurm", file, "-r", "3", "--horizon", "300", "--shards", "2", "--dir", filepath.Join(dir, "out"), "--takt", "takt",
		"--partition", "short", "--time", "0:10:00", "--cpus-per-task", "2", "--csv", filepath.Join(dir, "csv"))
	for _, name := range []string{"shards.sbatch", "merge.sbatch"} {
		b, err := os.ReadFile(filepath.Join(dir, "out", name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name+".golden", strings.ReplaceAll(string(b), dir, "$DIR"))
	}
}

// TestKubernetesManifest checks the Indexed Job manifest of takt
// kubernetes and its merge step (golden files), and its usage errors.
func TestKubernetesManifest(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile("tiny.toml", []byte(tinyLine), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"kubernetes", "sweep", "tiny.toml", "--set", "station.m.process=exp(1),exp(0.8)", "-r", "4",
		"--shards", "3", "--image", "ghcr.io/example/takt:1", "--cpus-per-task", "2"}
	golden(t, "kubernetes-job.yaml.golden", runOut(t, args...))
	golden(t, "kubernetes-merge.yaml.golden", runOut(t, append(args, "--merge")...))
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"kubernetes", "tiny.toml", "--shards", "3"}, "give --image IMG"},
		{[]string{"kubernetes", "tiny.toml", "--image", "x"}, "give --shards N"},
		{[]string{"kubernetes", "tiny.toml", "--image", "x", "--shards", "2", "--precision", "1%"}, "--precision of run cannot go to the cluster"},
		// The command is planned as its shards will run it: its mistakes show now.
		{[]string{"kubernetes", "sweep", "tiny.toml", "--image", "x", "--shards", "2", "--set", "station.n.machines=1,2"}, `no station named "n"`},
		{[]string{"kubernetes", "tiny.toml", "--image", "x", "--shards", "2", "--horizon", "1y"}, `bad duration "1y"`},
	} {
		code, _, stderr := takt(t.Context(), c.args...)
		if code != exitInvalid || !strings.Contains(stderr, c.want) {
			t.Errorf("takt %v: exit %d, %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}
