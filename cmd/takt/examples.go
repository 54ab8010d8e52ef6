package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/scenarios"
)

func newExamplesCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "examples [NAME]",
		Short: "List the bundled scenarios, or print one",
		Example: `  takt examples
  takt examples penny-fab > penny-fab.toml`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				src, err := scenarios.ExampleSource(a[0])
				if err != nil {
					return usageError{err, cmd.CommandPath()}
				}
				_, err = stdout.Write(src)
				return err
			}
			tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
			for _, e := range scenarios.Examples() {
				fmt.Fprintf(tw, "%s\t%s\n", e.Name, e.Description)
			}
			return tw.Flush()
		},
	}
}
