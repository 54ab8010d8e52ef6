package main

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts under testdata/scripts run `takt` as a command:
// testscript re-executes this test binary, which then runs the CLI in
// process with the real exit code.
//
// Run as a worker (the experiment commands start this binary as their
// worker processes), it serves as one; with asTakt in its environment, it
// is the takt program, signals included (see startTakt).
func TestMain(m *testing.M) {
	if len(os.Args) == 2 && os.Args[1] == workerArg || os.Getenv(asTakt) != "" {
		os.Exit(mainCode(os.Args[1:]))
	}
	testscript.Main(m, map[string]func(){
		"takt": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

var update = flag.Bool("update", false, "update testscript golden output")

// TestScripts runs the end-to-end CLI scripts in testdata/scripts. Each
// script says what it checks; `go test -run TestScripts -update` rewrites
// the golden files inside the scripts from the actual output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/scripts",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
	})
}
