#!/usr/bin/env python3
"""SimPy reference model for the takt line benchmarks.

A saturated serial line of N single-machine stations:

* processing times are exponential with mean 1 at every station;
* the first station is never starved: it starts a new part whenever it is free;
* in front of every other station there is a buffer with a fixed number of
  waiting places (``--buffer``, default 5), modelled as a ``simpy.Store``;
* blocking after service: a machine that finished a part holds it until the
  next buffer accepts it (``yield store.put(part)``) and only then takes its
  next part;
* the last station hands its parts to an unlimited sink, which only counts.

The model is written the way a SimPy user would write it, with one process
per station. It runs for ``--horizon`` time units and prints one line:

    parts=<completed> seconds=<wall> parts_per_s=<completed/wall> maxrss_kb=<n>

``seconds`` is the wall time of ``env.run(until=horizon)`` alone, measured
with ``time.perf_counter``; ``maxrss_kb`` is the peak resident set size of
the process (``resource.getrusage``).
"""

import argparse
import random
import resource
import sys
import time

try:
    import simpy
except ImportError:
    sys.stderr.write(
        "simpy_line.py: the simpy module is not installed for %s.\n"
        "On Debian/Ubuntu install SimPy 3 with:\n"
        "    apt-get update && apt-get install -y python3-simpy3\n"
        % sys.executable
    )
    sys.exit(2)


class Line:
    """The serial line: stations, the buffers between them and the sink."""

    def __init__(self, env, stations, buffer_size, rng):
        self.env = env
        self.rng = rng
        self.completed = 0
        self.next_part_id = 0
        # buffers[i] is the buffer in front of station i + 1.
        self.buffers = [
            simpy.Store(env, capacity=buffer_size) for _ in range(stations - 1)
        ]
        for i in range(stations):
            env.process(self.station(i, stations))

    def new_part(self):
        part = self.next_part_id
        self.next_part_id += 1
        return part

    def station(self, i, stations):
        env = self.env
        first = i == 0
        last = i == stations - 1
        upstream = None if first else self.buffers[i - 1]
        downstream = None if last else self.buffers[i]
        while True:
            if first:
                part = self.new_part()
            else:
                part = yield upstream.get()
            yield env.timeout(self.rng.expovariate(1.0))
            if last:
                self.completed += 1
            else:
                # Blocking after service: hold the part until there is room.
                yield downstream.put(part)


def positive_int(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1, got %d" % value)
    return value


def positive_float(text):
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError("must be positive, got %s" % text)
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Saturated serial line with blocking after service (SimPy)."
    )
    parser.add_argument("--stations", type=positive_int, default=5,
                        help="number of stations (default 5)")
    parser.add_argument("--buffer", type=positive_int, default=5,
                        help="waiting places in front of every station but "
                             "the first (default 5)")
    parser.add_argument("--horizon", type=positive_float, default=200000.0,
                        help="simulated time to run (default 200000)")
    parser.add_argument("--seed", type=int, default=1,
                        help="seed of the random stream (default 1)")
    args = parser.parse_args(argv)

    env = simpy.Environment()
    line = Line(env, args.stations, args.buffer, random.Random(args.seed))

    start = time.perf_counter()
    env.run(until=args.horizon)
    wall = time.perf_counter() - start

    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if sys.platform == "darwin":  # bytes there, kilobytes on Linux
        maxrss_kb //= 1024
    rate = line.completed / wall if wall > 0 else float("inf")
    print("parts=%d seconds=%.6f parts_per_s=%.1f maxrss_kb=%d"
          % (line.completed, wall, rate, maxrss_kb))
    return 0


if __name__ == "__main__":
    sys.exit(main())
