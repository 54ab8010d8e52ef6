package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/scenarios"
)

func newValidateCmd(stdout, stderr io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files and report every problem",
		Example: `  takt examples demo > line.toml
  takt validate line.toml scenarios/*.toml`,
		Args: args(cobra.MinimumNArgs(1)),
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
					printWarnings(stderr, sc.Warnings)
					for _, v := range sc.Variants {
						printWarnings(stderr, v.Scenario.Warnings)
					}
					m := sc.Model
					fmt.Fprintf(stdout, "%s: ok: %q, %s, %s, %s\n", f, sc.Name,
						count(len(m.Sources), "source"), count(len(m.Stations), "station"), count(len(m.Sinks), "sink"))
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

// count says "1 source" or "6 stations".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
