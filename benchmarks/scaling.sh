#!/usr/bin/env bash
# How takt's replications scale with -j: wall time, speed-up and peak memory.
#
# Usage: bash benchmarks/scaling.sh [--reps R] [--horizon H] [--scenario FILE]
#
# Builds takt, then runs one fixed workload (default: the saturated
# five-station line of benchmarks/line5.toml, R = 32 replications of
# H = 200000 min) with `takt run --json -q -j N` for N = 1, 2, 4, … up to
# nproc (and nproc itself), and, for reference, the same amount of work as
# nproc independent takt processes of R/nproc replications each (-j 1,
# different seeds). It prints one row per setting: wall seconds, speed-up
# over -j 1, and the peak resident memory of the largest process (GNU
# time's maxrss: the parent, or the largest worker it waited for). It
# checks that every -j prints byte-identical JSON.
#
# Needs GNU time (/usr/bin/time; Debian: apt-get install -y time).
# Exits non-zero only when something fails to run or the outputs differ.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=32
HORIZON=200000
SCENARIO=benchmarks/line5.toml
while [ $# -gt 0 ]; do
	case "$1" in
	--reps) REPS=$2; shift 2 ;;
	--horizon) HORIZON=$2; shift 2 ;;
	--scenario) SCENARIO=$2; shift 2 ;;
	-h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "scaling.sh: unknown argument $1" >&2; exit 2 ;;
	esac
done
[ -x /usr/bin/time ] || { echo "scaling.sh: needs GNU time at /usr/bin/time (apt-get install -y time)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/takt" ./cmd/takt
NPROC=$(nproc)

js=()
for ((j = 1; j < NPROC; j *= 2)); do js+=("$j"); done
js+=("$NPROC")

printf '%s: %d replications, horizon %s, %d CPUs\n' "$SCENARIO" "$REPS" "$HORIZON" "$NPROC"
printf '%-24s %10s %9s %12s\n' setting "wall (s)" speed-up "peak RSS MB"
base=""
for j in "${js[@]}"; do
	/usr/bin/time -f '%e %M' -o "$tmp/time" "$tmp/takt" run "$SCENARIO" --json -q -r "$REPS" --horizon "$HORIZON" -j "$j" >"$tmp/out-$j.json"
	read -r wall rss <"$tmp/time"
	[ -n "$base" ] || base=$wall
	printf '%-24s %10.2f %8.2fx %12.1f\n' "-j $j" "$wall" "$(echo "$base / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
	if ! cmp -s "$tmp/out-1.json" "$tmp/out-$j.json"; then
		echo "scaling.sh: -j $j printed different results than -j 1" >&2
		exit 1
	fi
done

# Reference: nproc independent processes sharing the replications.
per=$(( (REPS + NPROC - 1) / NPROC ))
start=$(date +%s.%N)
for ((p = 0; p < NPROC; p++)); do
	/usr/bin/time -f '%M' -o "$tmp/time-$p" "$tmp/takt" run "$SCENARIO" --json -q -r "$per" --horizon "$HORIZON" -j 1 --seed $((p + 1)) >/dev/null &
done
wait
end=$(date +%s.%N)
wall=$(echo "$end - $start" | bc -l)
rss=$(sort -n "$tmp"/time-* | tail -1)
printf '%-24s %10.2f %8.2fx %12.1f\n' "$NPROC processes x $per reps" "$wall" "$(echo "$base / $wall" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
