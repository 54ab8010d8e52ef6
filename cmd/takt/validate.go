package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/scenarios"
)

func newValidateCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:     "validate FILE...",
		Short:   "Check scenario files and report every problem",
		Example: `  takt validate line.toml variants/*.toml`,
		Args:    args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, files []string) error {
			invalid, unreadable := false, false
			for _, f := range files {
				sc, err := scenarios.Load(f)
				switch {
				case scenarios.IsInvalid(err):
					fmt.Fprintln(stderr, err)
					invalid = true
				case err != nil:
					fmt.Fprintf(stderr, "takt: %v\n", err)
					unreadable = true
				default:
					m := sc.Model
					fmt.Fprintf(stdout, "%s: ok: %q, %d sources, %d stations, %d sinks\n",
						f, sc.Name, len(m.Sources), len(m.Stations), len(m.Sinks))
				}
			}
			switch {
			case invalid:
				return errInvalidReported
			case unreadable:
				return errFailureReported
			}
			return nil
		},
	}
}
