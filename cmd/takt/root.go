package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/scenarios"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitInvalid     = 2 // usage errors and invalid scenarios
	exitInterrupted = 130
)

// usageError marks an error in the command line itself; cmd is the command
// whose help to point at, e.g. "takt run".
type usageError struct {
	err error
	cmd string
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{err: fmt.Errorf(format, args...)} }

// interruptedError says in the user's words what an interruption (Ctrl-C)
// cost; it wraps the context's error for the exit code, but its message
// does not end in Go's "context canceled".
type interruptedError struct {
	msg string
	err error
}

func (e interruptedError) Error() string { return e.msg }
func (e interruptedError) Unwrap() error { return e.err }

// interrupted wraps err, the context's error, with a message.
func interrupted(err error, format string, args ...any) error {
	return interruptedError{msg: fmt.Sprintf(format, args...), err: err}
}

// partial explains a run that stopped early after printing the done
// replications: interrupted (exit 130), or failed (exit 1, with the
// failure, which names the replication and its seed).
func partial(err error, done, requested int) error {
	if errors.Is(err, context.Canceled) {
		return interrupted(err, "interrupted: %d of %d replications completed, results are partial", done, requested)
	}
	return fmt.Errorf("%w\n%d of %d replications completed, results are partial", err, done, requested)
}

// errInvalidReported and errFailureReported are returned once the problems
// were already printed (validate prints every file's problems itself).
var (
	errInvalidReported = errors.New("invalid input")
	errFailureReported = errors.New("failure")
)

// run executes the command line args and returns the exit code. Errors are
// printed once, here.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	code := exitCode(err)
	switch ie := (interruptedError{}); {
	case err == nil || errors.Is(err, errInvalidReported) || errors.Is(err, errFailureReported):
	case scenarios.IsInvalid(err):
		fmt.Fprintln(stderr, err)
	case errors.Is(err, context.Canceled) && !errors.As(err, &ie):
		fmt.Fprintln(stderr, "takt: interrupted") // not Go's "context canceled"
	default:
		fmt.Fprintf(stderr, "takt: %v\n", err)
		if code == exitInvalid && !errors.As(err, new(refusal)) {
			help := "takt"
			if ue := (usageError{}); errors.As(err, &ue) && ue.cmd != "" {
				help = ue.cmd
			}
			fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", help)
		}
	}
	return code
}

// exitCode maps an error to the process exit code. It is the only place
// that knows the mapping.
func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.As(err, &ue), scenarios.IsInvalid(err), errors.Is(err, errInvalidReported), errors.As(err, new(refusal)):
		return exitInvalid
	case strings.HasPrefix(err.Error(), "unknown command"), strings.HasPrefix(err.Error(), "unknown flag"):
		return exitInvalid
	}
	return exitFailure
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "takt",
		Short: "Discrete-event plant simulator",
		Long: `takt simulates a plant described in a TOML scenario — sources, stations with
parallel machines, finite buffers, sinks — over many independent replications
in parallel, and reports throughput, WIP, cycle time and station states with
confidence intervals.`,
		Example: `  takt run                      # the bundled demo line
  takt examples                 # list the bundled scenarios
  takt examples mm1 > mm1.toml  # copy one to start from
  takt run mm1.toml -r 50 --json`,
		Version:       versionString(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("takt version {{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err, c.CommandPath()} })
	root.AddCommand(newRunCmd(stdout, stderr), newValidateCmd(stdout, stderr), newExamplesCmd(stdout),
		newCompareCmd(stdout, stderr), newSweepCmd(stdout, stderr), newBottleneckCmd(stdout, stderr), newMarginalCmd(stdout, stderr), newWarmupCmd(stdout, stderr),
		newOptimizeCmd(stdout, stderr), newSchemaCmd(stdout), newMergeCmd(stdout, stderr), newSlurmCmd(stdout, stderr), newKubernetesCmd(stdout, stderr))
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(newLessonsCmd(stdout), newLessonCmd(stdout, stderr)) // the course, lessons.go
	return root
}

// args wraps a cobra positional-argument check so that its error is a usage
// error.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageError{fmt.Errorf("%s: %w", cmd.CommandPath(), err), cmd.CommandPath()}
		}
		return nil
	}
}
