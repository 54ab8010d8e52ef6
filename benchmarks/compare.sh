#!/usr/bin/env bash
# Compare takt's serial-line benchmark with the SimPy reference model.
#
# Usage: bash benchmarks/compare.sh [--memory] [--self-test] [--help]
#
# For 5 and 20 stations it runs the Go benchmark BenchmarkLine<N>
# (single-threaded, -count 3) and benchmarks/simpy_line.py (3 runs), takes the
# median parts/s of each and prints a table with the ratio takt/SimPy.
#
# Environment:
#   SIMPY_HORIZON  simulated time for the SimPy runs (default 200000 for
#                  5 stations, 50000 for 20 stations)
#   PYTHON         Python interpreter with SimPy 3 (default /usr/bin/python3)
#   GO             go command (default: go)
#
# Exits non-zero only when something fails to run, never because of the ratio.
set -euo pipefail

cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-/usr/bin/python3}
GO=${GO:-go}
RUNS=3
STATIONS=(5 20)

usage() {
	sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
}

die() {
	echo "compare.sh: $*" >&2
	exit 1
}

# median: reads one number per line on stdin, prints their median.
median() {
	sort -g | awk '
		{ v[NR] = $1 }
		END {
			if (NR == 0) exit 1
			if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2]
			else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2
		}'
}

# go_parts_per_s NAME: reads `go test -bench` output on stdin and prints, one a
# line, the number preceding the unit "parts/s" on every result line of the
# benchmark NAME (with or without the -GOMAXPROCS suffix).
go_parts_per_s() {
	awk -v name="$1" '
		$1 == name || index($1, name "-") == 1 && substr($1, length(name) + 2) ~ /^[0-9]+$/ {
			for (i = 3; i <= NF; i++)
				if ($i == "parts/s") { print $(i - 1); break }
		}'
}

# whole X: X rounded to an integer, or X unchanged when it is not a number.
whole() {
	if [[ $1 =~ ^[0-9]+([.][0-9]*)?$ ]]; then printf '%.0f' "$1"; else printf '%s' "$1"; fi
}

# simpy_parts_per_s: reads simpy_line.py output on stdin, prints parts_per_s.
simpy_parts_per_s() {
	sed -n 's/.*parts_per_s=\([0-9.eE+-]*\).*/\1/p'
}

self_test() {
	local got
	got=$(go_parts_per_s BenchmarkLine5 <<'EOF' | median
goos: linux
goarch: amd64
pkg: github.com/takt-sim/takt/benchmarks
BenchmarkLine5-2   	      10	 123456789 ns/op	    456789 parts/s	         4.1 allocs/part	  12345 B/op	     678 allocs/op
BenchmarkLine5   	      10	 123456789 ns/op	         4.0 allocs/part	    400000 parts/s	  12345 B/op	     678 allocs/op
BenchmarkLine5-2   	      10	 123456789 ns/op	    500000 parts/s	         4.1 allocs/part	  12345 B/op	     678 allocs/op
BenchmarkLine50-2   	      10	 123456789 ns/op	    1 parts/s	         4.1 allocs/part	  12345 B/op	     678 allocs/op
BenchmarkLine5Horizon/h=1000-2   	  10	 123456789 ns/op	    2 parts/s
PASS
EOF
	)
	[[ $got == 456789.0 ]] || die "self-test: Go parsing gave '$got', want 456789.0"
	got=$(printf '%s\n' 3 1 2 4 | median)
	[[ $got == 2.5 ]] || die "self-test: median of 1..4 gave '$got', want 2.5"
	got=$(echo 'parts=160000 seconds=0.800000 parts_per_s=200000.0 maxrss_kb=12000' | simpy_parts_per_s)
	[[ $got == 200000.0 ]] || die "self-test: SimPy parsing gave '$got', want 200000.0"
	echo "self-test passed"
}

memory=false
for arg in "$@"; do
	case $arg in
	--memory) memory=true ;;
	--self-test) self_test; exit 0 ;;
	-h | --help) usage; exit 0 ;;
	*) usage >&2; die "unknown argument: $arg" ;;
	esac
done

if [[ -n ${SIMPY_HORIZON:-} && ! $SIMPY_HORIZON =~ ^[0-9]+([.][0-9]+)?$ ]]; then
	die "SIMPY_HORIZON must be a positive number, got '$SIMPY_HORIZON'"
fi

# Preflight: the tools must be there before anything is timed.
command -v "$GO" >/dev/null 2>&1 || die "'$GO' not found; install Go to run the takt benchmark"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
	die "$PYTHON not found; install Python 3 and SimPy 3:
    apt-get update && apt-get install -y python3-simpy3
(or set PYTHON to an interpreter that has simpy)"
fi
if ! "$PYTHON" -c 'import simpy' >/dev/null 2>&1; then
	die "SimPy is not installed for $PYTHON; install it with:
    apt-get update && apt-get install -y python3-simpy3
(or set PYTHON to an interpreter that has simpy)"
fi

# has_benchmark NAME: true when a _test.go file in benchmarks/ declares it.
has_benchmark() {
	local f
	for f in benchmarks/*_test.go; do
		[[ -f $f ]] || continue
		grep -Eq "^func $1\(b \*testing\.B\)" "$f" && return 0
	done
	return 1
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failed=0
declare -A takt simpy

for n in "${STATIONS[@]}"; do
	name="BenchmarkLine$n"
	takt[$n]=n/a
	if ! has_benchmark "$name"; then
		echo "compare.sh: $name not found in benchmarks/*_test.go" >&2
		failed=1
	else
		echo "running $name (GOMAXPROCS=1, -count $RUNS) ..." >&2
		if ! GOMAXPROCS=1 "$GO" test -run '^$' -bench "$name\$" -benchmem -count "$RUNS" ./benchmarks/ \
			>"$tmp/go$n.txt" 2>&1; then
			cat "$tmp/go$n.txt" >&2
			echo "compare.sh: go test failed for $name" >&2
			failed=1
		elif rate=$(go_parts_per_s "$name" <"$tmp/go$n.txt" | median); then
			takt[$n]=$rate
		else
			cat "$tmp/go$n.txt" >&2
			echo "compare.sh: no parts/s metric in the output of $name" >&2
			failed=1
		fi
	fi

	if [[ $n == 5 ]]; then horizon=${SIMPY_HORIZON:-200000}; else horizon=${SIMPY_HORIZON:-50000}; fi
	: >"$tmp/simpy$n.txt"
	for ((run = 1; run <= RUNS; run++)); do
		echo "running SimPy, $n stations, horizon $horizon (run $run/$RUNS) ..." >&2
		if ! out=$("$PYTHON" benchmarks/simpy_line.py --stations "$n" --horizon "$horizon"); then
			die "benchmarks/simpy_line.py failed for $n stations"
		fi
		echo "  $out" >&2
		rate=$(simpy_parts_per_s <<<"$out")
		[[ -n $rate ]] || die "no parts_per_s in the output of benchmarks/simpy_line.py: $out"
		echo "$rate" >>"$tmp/simpy$n.txt"
	done
	simpy[$n]=$(median <"$tmp/simpy$n.txt")
done

echo
printf '%-9s %16s %16s %12s\n' stations "takt parts/s" "SimPy parts/s" "takt/SimPy"
for n in "${STATIONS[@]}"; do
	ratio=n/a
	if [[ ${takt[$n]} != n/a ]]; then
		ratio=$(awk -v a="${takt[$n]}" -v b="${simpy[$n]}" 'BEGIN { printf "%.1f", a / b }')
	fi
	printf '%-9s %16s %16s %12s\n' "$n" "$(whole "${takt[$n]}")" "$(whole "${simpy[$n]}")" "$ratio"
done

if $memory; then
	echo
	if has_benchmark BenchmarkLine5Horizon; then
		echo "peak memory of takt against horizon (B/op should stay flat as the horizon grows):"
		if ! GOMAXPROCS=1 "$GO" test -run '^$' -bench 'BenchmarkLine5Horizon' -benchmem ./benchmarks/ \
			>"$tmp/mem.txt" 2>&1; then
			cat "$tmp/mem.txt" >&2
			echo "compare.sh: go test failed for BenchmarkLine5Horizon" >&2
			failed=1
		else
			grep '^Benchmark' "$tmp/mem.txt" || true
		fi
	else
		echo "--memory: BenchmarkLine5Horizon not found in benchmarks/*_test.go, skipped" >&2
	fi
fi

exit "$failed"
