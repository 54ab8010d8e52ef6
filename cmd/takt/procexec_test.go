package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/takt-sim/takt/scenarios"
)

// asTakt, set in the environment, makes this test binary the takt program
// (see TestMain): the tests below start it as a real process to send it
// signals and kill its workers.
const asTakt = "TAKT_TEST_AS_TAKT"

// runOut runs the command line in this process and returns its stdout,
// failing the test on a non-zero exit.
func runOut(t *testing.T, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(context.Background(), args, &out, &errb); code != 0 {
		t.Fatalf("takt %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

// TestWorkersBitIdentical checks that the output does not depend on where
// replications run: in this process (-j 1) or in 2 or 7 worker processes,
// for run on every bundled scenario and for compare, sweep, bottleneck and
// warmup.
func TestWorkersBitIdentical(t *testing.T) {
	var cases [][]string
	for _, ex := range scenarios.Examples() {
		cases = append(cases, []string{"run", filepath.Join("..", "..", "scenarios", ex.Name+".toml"), "-r", "3"})
	}
	cases = append(cases,
		[]string{"compare", "../../scenarios/tpm.toml", "-r", "3"},
		[]string{"sweep", "../../scenarios/mm1.toml", "--set", "station.machine.buffer=1..3", "-r", "3"},
		[]string{"bottleneck", "../../scenarios/tandem.toml", "-r", "3"},
		[]string{"warmup", "../../scenarios/mm1.toml", "-r", "3"})
	for _, args := range cases {
		t.Run(strings.Join(args[:2], " "), func(t *testing.T) {
			want := runOut(t, append(args, "--json", "-j", "1")...)
			for _, j := range []string{"2", "7"} {
				if got := runOut(t, append(args, "--json", "-j", j)...); got != want {
					t.Errorf("-j %s differs from -j 1", j)
				}
			}
		})
	}
}

// startTakt starts this test binary as the takt program with args.
func startTakt(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("finds worker processes through /proc")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), asTakt+"=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	return cmd, &out, &errb
}

// children lists the processes whose parent is pid.
func children(pid int) []int {
	var kids []int
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, d := range dirs {
		b, err := os.ReadFile(d)
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses.
		rest := string(b[bytes.LastIndexByte(b, ')')+1:])
		f := strings.Fields(rest)
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			k, _ := strconv.Atoi(filepath.Base(filepath.Dir(d)))
			kids = append(kids, k)
		}
	}
	return kids
}

// cpuSeconds is the CPU time the processes have used so far (user and
// system, from /proc/PID/stat at the usual 100 ticks a second).
func cpuSeconds(pids ...int) float64 {
	ticks := 0
	for _, pid := range pids {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// After the command name: state is field 3; utime and stime are
		// fields 14 and 15.
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) > 12 {
			u, _ := strconv.Atoi(f[11])
			s, _ := strconv.Atoi(f[12])
			ticks += u + s
		}
	}
	return float64(ticks) / 100
}

// alive reports whether process pid exists (and is not a zombie).
func alive(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	return len(f) > 0 && f[0] != "Z"
}

// eventually polls cond every 10 ms for up to a minute (a bound against a
// hang, not a timing requirement).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 6000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

// workload is a run of many short replications in 2 worker processes.
var workload = []string{"run", "../../benchmarks/line5.toml", "--horizon", "2000", "-r", "100000", "-j", "2", "--json"}

// TestInterruptStopsWorkers sends SIGINT to a run in worker processes:
// it must print the completed replications as partial, exit with 130 and
// leave no worker process behind.
func TestInterruptStopsWorkers(t *testing.T) {
	cmd, out, errb := startTakt(t, workload...)
	var workers []int
	eventually(t, "2 workers", func() bool { workers = children(cmd.Process.Pid); return len(workers) == 2 })
	// Some replications complete: the workers have used a second of CPU
	// between them, many replications' worth even under the race detector
	// (a wall-clock pause would not say so on a loaded machine).
	eventually(t, "the workers to work", func() bool { return cpuSeconds(workers...) >= 1 })
	sent := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	t.Logf("stopped %v after SIGINT", time.Since(sent))
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitInterrupted {
		t.Fatalf("exit: %v, want %d\n%s", err, exitInterrupted, errb)
	}
	var s struct {
		Partial      bool `json:"partial"`
		Replications int  `json:"replications"`
	}
	if err := json.Unmarshal(out.Bytes(), &s); err != nil || !s.Partial || s.Replications < 1 {
		t.Errorf("want a partial summary of the completed replications, got %+v (%v)", s, err)
	}
	for _, w := range workers {
		eventually(t, fmt.Sprintf("worker %d to end", w), func() bool { return !alive(w) })
	}
}

// TestKilledWorker kills one worker process in the middle of a run: the
// run must stop with exit 1 and an error that names the replication and
// its seed, and still print the replications that completed, as partial.
func TestKilledWorker(t *testing.T) {
	cmd, out, errb := startTakt(t, workload...)
	var workers []int
	eventually(t, "2 workers", func() bool { workers = children(cmd.Process.Pid); return len(workers) == 2 })
	eventually(t, "the workers to work", func() bool { return cpuSeconds(workers...) >= 1 })
	if err := syscall.Kill(workers[0], syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailure {
		t.Fatalf("exit: %v, want %d\n%s", err, exitFailure, errb)
	}
	msg := errb.String()
	if !strings.Contains(msg, "(seed 1) failed: worker process") || !strings.Contains(msg, "signal: killed") ||
		!strings.Contains(msg, "results are partial") {
		t.Errorf("stderr does not name the failed replication, its seed and the kill:\n%s", msg)
	}
	if !strings.Contains(out.String(), `"partial": true`) {
		t.Errorf("want the completed replications printed as partial, got %.200s", out.String())
	}
	eventually(t, "the other worker to end", func() bool { return !alive(workers[1]) })
}
