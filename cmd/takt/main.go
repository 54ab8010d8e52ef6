// Command takt runs plant simulations described in TOML scenario files.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() { os.Exit(mainCode(os.Args[1:])) }

// mainCode is the whole program: a worker process when started as one,
// otherwise the command line with Ctrl-C and SIGTERM cancelling the run.
func mainCode(args []string) int {
	if len(args) == 1 && args[0] == workerArg {
		return workerMain(os.Stdin, os.Stdout, os.Stderr)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first Ctrl-C the run winds down and prints what completed;
		// restoring the default handling lets a second one end it at once.
		<-ctx.Done()
		stop()
	}()
	return run(ctx, args, os.Stdout, os.Stderr)
}
