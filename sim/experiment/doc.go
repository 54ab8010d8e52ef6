/*
Package experiment decides which replications of which plants run, where
and in what order, and combines their results: Run (r.Replications
replications of one model), RunToPrecision (until a relative half-width is
met), Compare (alternatives with common random numbers and paired
intervals) and Sensitivity (+x% capacity at each station).

A replication is a task (design point, replication index) whose result is
a plain sim.Replication; replication i always uses the streams of index i
and summaries are computed from the results in index order, so where and
in which order tasks ran cannot change a bit of the output. A model is
compiled once per experiment (sim.Compile) and its Plan shared by the
replications.

	s, err := experiment.Run(ctx, model, run, experiment.Options{Workers: 4})
*/
package experiment
