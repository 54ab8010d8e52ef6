package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/takt-sim/takt/output"
	"github.com/takt-sim/takt/scenarios"
	"github.com/takt-sim/takt/sim"
	"github.com/takt-sim/takt/sim/experiment"
)

type marginalOptions struct {
	expFlags
	what      string
	objective string
}

func newMarginalCmd(stdout, stderr io.Writer) *cobra.Command {
	opts := &marginalOptions{}
	cmd := &cobra.Command{
		Use:   "marginal FILE",
		Short: "Rank the places where one more buffer slot, machine or crew member buys the most",
		Long: `Marginal answers "where does the next buffer slot go?": for each place in
turn it runs the scenario with one more unit there — a buffer slot at each
station with a finite buffer (--what buffer, the default), a machine at each
station (--what machines) or a member in each crew (--what crews) — paired
with the base by common random numbers, and ranks the places by the gain in
the objective (throughput by default), each with its confidence interval.
Places whose gains the replications cannot tell apart share a rank (tie).`,
		Example: `  takt marginal scenarios/demo.toml
  takt marginal scenarios/tpm.toml --what crews
  takt marginal scenarios/demo.toml --what machines --objective cycle_time`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			file := ""
			if len(a) == 1 {
				file = a[0]
			}
			return runMarginal(cmd, file, opts, stdout, stderr)
		},
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&opts.what, "what", "buffer", "what to add one of: buffer, machines or crews")
	cmd.Flags().StringVar(&opts.objective, "objective", "throughput", "KPI to rank by: throughput, wip, cycle_time, cycle_time_p90, …")
	return cmd
}

func runMarginal(cmd *cobra.Command, file string, opts *marginalOptions, stdout, stderr io.Writer) error {
	kpi, err := objective(cmd, opts.objective)
	if err != nil {
		return err
	}
	sc, err := opts.load(file)
	if err != nil {
		return err
	}
	places, err := marginalPlaces(sc.Model, opts.what)
	if err != nil {
		return usageError{err, cmd.CommandPath()}
	}
	alts := []experiment.Alternative{{Name: "base", Model: sc.Model, Run: sc.Run, Source: opts.src.encode()}}
	var changes []string
	for _, p := range places {
		sets := []scenarios.Set{{Path: p.path, Value: p.to}}
		label := fmt.Sprintf("%s = %d", p.path, p.to)
		v, err := sc.With(sets, 0, label)
		if err != nil {
			return err
		}
		alts = append(alts, experiment.Alternative{Name: p.name, Model: v.Model, Run: v.Run,
			Source: opts.src.with(sets, label).encode()})
		changes = append(changes, fmt.Sprintf("%d → %d", p.to-1, p.to))
	}
	for i := range alts {
		if err := opts.apply(cmd, sc.TimeUnit, &alts[i].Run); err != nil {
			return err
		}
	}
	c, err := compareAlternatives(cmd, &opts.expFlags, alts, stderr)
	if stop, err := opts.settle(sc.Explain(err)); stop || err != nil {
		return err
	}
	m := &output.Marginal{Comparison: c, What: opts.what, Changes: changes, Objective: kpi}
	view := &output.Comparison{Comparison: c, Order: c.Rank(kpi), Objective: kpi, Values: make([][]any, len(c.Alternatives))}
	if err := writeComparisonFiles(&opts.expFlags, sc, view); err != nil {
		return err
	}
	if opts.json {
		return output.MarginalJSON(stdout, m)
	}
	return output.MarginalConsole(stdout, m)
}

// marginalPlace is one place to add a unit: the key path and its new value.
type marginalPlace struct {
	name, path string
	to         int64
}

// marginalPlaces lists, in model order, where one more unit of what can
// go: every station with a finite buffer, every station, or every crew.
func marginalPlaces(m *sim.Model, what string) ([]marginalPlace, error) {
	var out []marginalPlace
	switch what {
	case "buffer", "buffers":
		for _, st := range m.Stations {
			if st.Buffer != sim.Unlimited {
				out = append(out, marginalPlace{st.Name, "station." + st.Name + ".buffer", int64(st.Buffer) + 1})
			}
		}
	case "machines", "machine":
		for _, st := range m.Stations {
			out = append(out, marginalPlace{st.Name, "station." + st.Name + ".machines", int64(st.Machines) + 1})
		}
	case "crews", "crew":
		for _, c := range m.Crews {
			out = append(out, marginalPlace{c.Name, "crew." + c.Name + ".size", int64(c.Size) + 1})
		}
	default:
		return nil, fmt.Errorf("--what %q: want buffer, machines or crews", what)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--what %s: the scenario has no place for one (%s)", what, map[string]string{
			"buffer": "every buffer is unlimited", "buffers": "every buffer is unlimited", "crews": "no [[crew]]", "crew": "no [[crew]]",
		}[what])
	}
	return out, nil
}
