package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mm1Long is the M/M/1 of the bundled example with a horizon of 1e9 min:
// one replication would run for minutes.
const mm1Long = `name = "long"
time_unit = "min"
[run]
horizon = 1e9
replications = 1
[[source]]
name = "arrivals"
to = "machine"
interarrival = "exp(1.25)"
[[station]]
name = "machine"
process = "exp(1)"
to = "done"
[[sink]]
name = "done"
`

// TestSignalStopsLongReplication is issue 11's slow Ctrl-C: SIGINT in the
// middle of one replication of horizon 1e9 took 59.7 s to stop it. The
// replication now looks at its context every checkEvery events; the test
// sends a real SIGINT to a real process, in this process (-j 1) and in a
// worker process (-j 2), and reports how long the stop took.
func TestSignalStopsLongReplication(t *testing.T) {
	file := writeFile(t, "long.toml", mm1Long)
	for _, j := range []string{"1", "2"} {
		t.Run("-j "+j, func(t *testing.T) {
			cmd, _, errb := startTakt(t, "run", file, "-q", "-j", j)
			// Well inside the replication: the run has used half a second
			// of CPU (in this process or its worker).
			eventually(t, "the run to work", func() bool {
				return cpuSeconds(append(children(cmd.Process.Pid), cmd.Process.Pid)...) >= 0.5
			})
			sent := time.Now()
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second): // a bound against a hang, not a timing requirement
				t.Fatalf("still running 30 s after SIGINT")
			}
			t.Logf("stopped %v after SIGINT", time.Since(sent).Round(time.Millisecond))
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
				t.Fatalf("exit: %v, want %d\n%s", err, exitInterrupted, errb)
			}
		})
	}
}

// TestLimitIsAnInvalidScenario: a replication stopped at a limit is a
// problem of the scenario, exit 2 at the station's line, also when the
// replication ran in a worker process.
func TestLimitIsAnInvalidScenario(t *testing.T) {
	over := strings.Replace(mm1Long, "exp(1.25)", "exp(0.8333333333333334)", 1)
	file := writeFile(t, "over.toml", over)
	for _, j := range []string{"1", "2"} {
		code, stdout, stderr := takt(context.Background(), "run", file, "-q", "-j", j)
		want := file + `:10: station "machine": this line cannot keep up: arrivals 1.2/min, capacity 1/min`
		if code != exitInvalid || !strings.HasPrefix(stderr, want) || stdout != "" {
			t.Errorf("-j %s: exit %d, stdout %q, stderr %q; want exit 2 and %q", j, code, stdout, stderr, want)
		}
	}
}

// TestInterruptedRunKeepsCSV is issue 11's overwritten CSV: an interrupted
// run wrote NaN rows over the user's files. CSV follows the report's rule:
// written only for a complete run; existing files stay as they were.
func TestInterruptedRunKeepsCSV(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "summary.csv")
	if err := os.WriteFile(old, []byte("old results\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	code, _, stderr := takt(ctx, "run", writeFile(t, "l.toml", tinyLine), "-q", "--csv", dir)
	if code != exitInterrupted || !strings.Contains(stderr, "--csv: nothing written") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(old); string(b) != "old results\n" {
		t.Errorf("summary.csv now holds %q", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "replications.csv")); err == nil {
		t.Error("replications.csv was written")
	}
}

// TestOutputPathsCheckedBeforeRun: output folders that cannot be written
// are refused before the run (exit 2), not after it; the run here would
// take minutes.
func TestOutputPathsCheckedBeforeRun(t *testing.T) {
	file := writeFile(t, "long.toml", mm1Long)
	notDir := writeFile(t, "plain", "x")
	for _, args := range [][]string{
		{"--csv", filepath.Join(notDir, "out")},
		{"--plots", notDir},
		{"--report", t.TempDir()},
		{"--report", filepath.Join(notDir, "r.html")},
	} {
		code, _, stderr := takt(context.Background(), append([]string{"run", file, "-q"}, args...)...)
		if code != exitInvalid || !strings.Contains(stderr, args[0]) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 naming the flag", args, code, stderr)
		}
	}
}
