/*
Package sim is the plant and one replication of it: the plant elements on
top of the simgo event kernel, compiling a Model into a Plan, running one
replication of a Plan into a plain Replication result, and the Summary of
a plant's replications (a pure function of the results, in index order).

It is the middle of three layers:

  - sim/stats: statistics that know nothing of plants (time-weighted
    levels, tallies, the quantile sketch, Student-t estimates, paired and
    Welch intervals, MSER-5);
  - sim (this package): the plant, one replication, its summary;
  - sim/experiment: which replications run, where and in what order
    (executors, run to precision, compare, sensitivity), on top of sim.

The summary lives here rather than in the experiment layer because its
shape is the plant's (stations, products, orders, crews) and the plant's
tests against theory read it without running an experiment.

# Build a line, run it, read the result

A Model is plain data: sources release parts, stations (groups of identical
parallel machines with a buffer in front) process them, sinks absorb them.
Names connect the elements; slice order is construction order.

	exp1, _ := sim.Exp(1)
	m := &sim.Model{
		Name:     "two stations",
		TimeUnit: "min",
		Sources:  []sim.Source{{Name: "raw", To: "cut", Kind: sim.Saturated}},
		Stations: []sim.Station{
			{Name: "cut", Machines: 1, Process: exp1, Buffer: sim.Unlimited, Routes: []sim.Route{{To: "weld", P: 1}}},
			{Name: "weld", Machines: 1, Process: exp1, Buffer: 2, Routes: []sim.Route{{To: "done", P: 1}}},
		},
		Sinks: []sim.Sink{{Name: "done"}},
	}
	run := sim.Run{Horizon: 10000, Warmup: 500, Replications: 20, Seed: 7, Confidence: 0.95}
	plan, err := sim.Compile(m)             // once per model
	rep, err := plan.Replicate(ctx, run, 0) // replication 0: its own streams
	// rep.Throughput ≈ 0.8 = (b+2)/(b+3) for b = 2

To run many replications in parallel and summarise them with confidence
intervals, use package sim/experiment:

	s, err := experiment.Run(ctx, m, run, experiment.Options{})
	// s.Throughput.Mean ± s.Throughput.HalfWidth

# Semantics

Time is a float64 in the model's time unit. One replication simulates
[0, Horizon]; every statistic is reset at Warmup, so results describe the
window (Warmup, Horizon].

A station takes an arriving part onto an idle machine (the one idle longest)
or, if none is idle, into its buffer when there is room. A machine that
finishes a part sends it along one of the station's routes (drawn from the
station's "route" stream for a split); if the next station has neither an
idle machine nor room in its buffer, the machine keeps the part and is
blocked (blocking after service) until a place frees there. Freed places go
to blocked holders first come, first served. A machine looks for work in its
buffer first, then among the holders blocked on its station, then at a
saturated source feeding it; otherwise it is starved.

Sources: an Open source draws interarrival times; when the station it feeds
has no room it holds the part (it is blocked) and draws the next interarrival
time only once that part has entered. A Saturated source creates a part
whenever a machine of its station would otherwise be starved. A CONWIP
source releases WIP parts at time 0 and one more each time one of its parts
reaches a sink. A part enters the plant (and its cycle time starts) when a
station accepts it; parts held at a blocked source are not in the plant.

A Conveyor lies on the way from a station to its next node: parts going
that way ride it, a part enters its head when it holds fewer than
⌊Length / Spacing⌋ parts and the part before has moved Spacing away, and a
machine whose part cannot enter is blocked on the conveyor as on a full
station. An accumulating conveyor queues parts at its end while the next
station has no room; one that is not stops as a whole (see Conveyor). A
plant without conveyors pays one nil check per part sent on.

Kanban loops (see Kanban) gate the first station of a loop: a machine
there starts a part only with a free card (else it waits, in state
WaitingCard when parts wait for it); the card travels with the part and is
freed when the part, finished by the loop's last station, is started by a
station outside the loop or leaves the plant. A plant without loops pays
a nil check where a station accepts, starts and finishes a part and where
a part leaves the plant.

A Transporter is a fleet of vehicles carrying the parts of the routes that
name it (Route.By): the finished part waits on its machine, which is
WaitingTransport, until a vehicle has driven there empty; the vehicle loads
it, drives loaded, unloads and hands it over, then parks there. A vehicle is
sent only when the destination has room for the part not promised to
another vehicle, so vehicles do not queue in front of a full station; room
that a part arriving another way takes leaves the vehicle waiting there (see
Transporter). Travel times are shortest paths through the distance table
over the speed. A plant without transporters pays two nil checks per part:
one where a part is sent on, one where room frees at a station.

Finite buffers in a loop (rework routes) can deadlock, as in a real plant
with blocking; give such loops enough room.

# Statistics

Every statistic is a streaming accumulator owned by the element that
produces it: time-weighted levels (WIP, buffer contents), machine-time per
state, Welford tallies (cycle time, wait), and a log-bucket sketch for the
cycle-time percentiles (after DDSketch, Masson, Rim & Lee 2019: buckets
SketchAccuracy = 0.5% wide, relatively, with interpolation by rank within a
bucket, so estimates are within 0.5% of the exact sample quantile and differ
between replications; memory grows with the log of the range only). Nothing is
stored per part, so memory does not grow with the horizon.

	throughput  = parts reaching a sink in the window / (Horizon − Warmup)
	WIP         = ∫ parts in plant dt / (Horizon − Warmup)
	cycle time  = mean of (time reaching a sink − time entering the plant)
	state s     = Σ machine-time in s / (machines · (Horizon − Warmup))
	utilisation = state busy
	queue       = ∫ parts in the buffer dt / (Horizon − Warmup)
	wait        = mean time in the buffer, 0 for parts that went straight to a machine

Across replications each statistic is a stats.Estimate: the mean of the
replication values with a Student-t confidence interval. Quantiles are
per-replication sketch estimates averaged over replications.

# Randomness and determinism

Every sampler draws from its own stream, derived from (seed, replication,
element name, purpose) — see NewStream — so results are bit-identical for any
number of workers, and changing one station leaves every other element's
draws unchanged (common random numbers).

# Kernel rules

Each replication owns one simgo.Simulation and is run by one goroutine;
a Plan is read-only, so many replications may share it. Parts
move in handler style: one simgo timeout per part and station (the end of
processing); moves between stations, blocking and unblocking are direct calls
at the same instant, not events. A conveyor schedules one timeout per part
(its arrival at the end) and, when its head is not yet clear for a waiting
machine, one for the moment it clears. A vehicle schedules one timeout per
leg of a trip (empty drive, loading, loaded drive, unloading). The package
does no I/O and has no global state.
*/
package sim
