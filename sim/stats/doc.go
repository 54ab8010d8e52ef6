/*
Package stats holds the statistics of takt that know nothing of plants:
running accumulators for one replication (TimeWeighted levels, Welford
Tally, the DDSketch-style quantile Sketch (0.5% resolution, interpolated
within buckets), the bucketed LevelSeries for
warm-up analysis) and estimates across replications (Estimate with its
Student-t interval, PairedDiff and WelchDiff, MSER5 truncation).

Accumulators store no history and have Reset for the end of the warm-up;
nothing here allocates per observation. The package has no state and does
no I/O; package sim builds the plant's statistics on it.
*/
package stats
