package main

import (
	"io"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/sim/experiment"
)

func newWarmupCmd(stdout io.Writer) *cobra.Command {
	opts := &expFlags{}
	cmd := &cobra.Command{
		Use:   "warmup [FILE]",
		Short: "Suggest a warm-up period by MSER-5 from the WIP over time",
		Long: `Warmup runs the scenario's replications, averages their WIP over time, and
applies the MSER-5 rule: it cuts the initial stretch that minimises the
standard error of the rest. Use a horizon several times the suggested
warm-up. takt run warns when the configured warm-up is shorter.`,
		Example: `  takt warmup
  takt warmup line.toml --horizon 4w -r 20`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			file := ""
			if len(a) == 1 {
				file = a[0]
			}
			sc, err := opts.load(file)
			if err != nil {
				return err
			}
			if err := opts.apply(cmd, sc.TimeUnit, &sc.Run); err != nil {
				return err
			}
			s, err := experiment.Run(cmd.Context(), sc.Model, sc.Run, opts.options(cmd))
			if err != nil {
				return err
			}
			if opts.json {
				return output.WarmupJSON(stdout, s)
			}
			return output.WarmupConsole(stdout, s)
		},
	}
	opts.register(cmd)
	cmd.Flags().Lookup("csv").Hidden = true
	return cmd
}
