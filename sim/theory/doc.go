/*
Package theory holds the formulas of queueing theory and factory physics
that takt's lessons put beside simulated values: Little's law, Kingman's
VUT approximation, the Pollaczek–Khinchine formula, Erlang C, the Penny
Fab's best, worst and practical worst cases, mean value analysis of closed
networks, the exact Markov chain of a two-station line with a finite
buffer, process batching, availability, capacity and takt time.

Every function is pure (numbers in, numbers out), states its formula and
its reference in its doc comment, and is tested against a hand-computed or
published value. Times are in any one unit, rates per that unit.

	wq := theory.PollaczekKhinchine(0.8, 1, 0) // M/D/1 at ρ = 0.8: Wq = 2
*/
package theory
