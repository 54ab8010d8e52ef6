// Package scenarios reads takt scenario files: it decodes the TOML, checks
// every value and reference, and builds the sim.Model and sim.Run they
// describe. It also holds the bundled example scenarios.
//
// Load a file, or one of the examples, and hand the result to package sim:
//
//	sc, err := scenarios.Load("line.toml")
//	if scenarios.IsInvalid(err) {
//		// err lists every problem, one per line:
//		// line.toml:14: station "weld": buffer must be >= 0, got -2
//	}
//	sc, err = scenarios.LoadExample(scenarios.DefaultExample)
//
// # Format
//
// A scenario is a TOML file. Keys not listed here are errors (a typo such as
// "proces" is reported with its line), as are values of the wrong TOML type.
//
//	name = "Two-station line"        # required
//	description = "…"                # optional
//	time_unit = "min"                # s, min (default), h, d or w; also "sec", "minutes", "hours", "days", "weeks"
//
//	[run]                            # required
//	horizon = "2000h"                # required, > 0; per replication, warm-up included
//	warmup = "50h"                   # default 0; less than horizon
//	replications = 20                # default 10; >= 1
//	seed = 7                         # default 1; >= 0
//	confidence = 0.95                # default 0.95; between 0 and 1
//
//	[[source]]                       # at least one
//	name = "raw"
//	to = "cut"                       # a station
//	interarrival = "exp(1.25)"       # exactly one of: interarrival = DIST,
//	                                 #   saturated = true, conwip = N (N >= 1)
//
//	[[station]]
//	name = "cut"
//	machines = 1                     # identical parallel machines, default 1
//	process = "exp(1.0)"             # required
//	buffer = 5                       # waiting room, >= 0; omitted = unlimited
//	to = "weld"                      # a station or sink, or a split:
//	# to = [{ station = "paint", p = 0.7 }, { sink = "scrap", p = 0.3 }]
//
//	[[sink]]                         # at least one
//	name = "done"
//
// Names are unique across sources, stations and sinks. In a split each
// branch names a station (station = "x") or a sink (sink = "x") and its
// probability p in [0, 1]; the probabilities sum to 1 (within 1e-9). Every
// station must be reachable from a source, and a sink from every station,
// following branches with p > 0.
//
// Durations are numbers in time_unit or strings with a unit: "90s",
// "2.5min", "8h", "1.5d", "2w", "3" (s, sec, min, h, d, w and their long
// names). They must be >= 0.
//
// Distributions are strings (or a bare number, a constant). Names are
// case-insensitive; arguments are durations unless noted:
//
//	2, "90s", "const(2)"
//	"exp(mean)"
//	"uniform(a, b)"
//	"tri(min, mode, max)"
//	"normal(mean, sd)"                 truncated at 0
//	"lognormal(mean, sd)"              mean and sd of the variable itself
//	"gamma(mean, sd)"
//	"erlang(mean, k)"                  k a plain whole number of phases
//	"weibull(shape, scale)"            shape a plain number
//	"empirical(v1:p1, v2:p2, …)"       p plain, summing to 1
//
// # Errors
//
// Parse and Load collect every problem rather than stopping at the first,
// and return them in an *InvalidError sorted by line. Each Problem names the
// file, the line (of the key at fault, or of the element's header when a
// key is missing), the element and the key. The TOML decoder does not report
// key positions, so a small scanner (lines.go) indexes the lines of tables
// and keys. Problems that follow from another one (a station "unreachable"
// only because a source's "to" is misspelt) are not reported twice.
//
// The model keeps the file order of sources, stations and sinks: it is part
// of the model, since ties at equal times are broken by construction order.
package scenarios
