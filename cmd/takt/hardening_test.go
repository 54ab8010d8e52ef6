package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
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
			time.Sleep(time.Second) // well inside the replication
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
