package main

import (
	"io"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/scenarios"
)

func newSchemaCmd(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema of the scenario format, for editors",
		Long: `Schema prints a JSON Schema (draft-07) of the scenario format: every table and
key with its description, type and allowed values. TOML editors use it to
complete and check keys as you type: save it and point Taplo or Even Better
TOML (VS Code) at it, e.g. with a first line in the scenario

  #:schema ./takt.schema.json

The schema checks the shape of a scenario; takt validate checks the rest
(names that refer to nothing, probabilities that do not sum to 1, …).`,
		Example: `  takt schema > takt.schema.json`,
		Args:    args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, a []string) error {
			_, err := stdout.Write(scenarios.Schema())
			return err
		},
	}
}
