#!/usr/bin/env bash
# cpu.sh OLD NEW [ROUNDS] compares the CPU time of the line benchmarks at two
# commits: each is built once as a test binary, then the binaries run in
# turns (OLD, NEW, OLD, …) ROUNDS times (default 10), single-threaded, a
# fixed number of replications each (-test.benchtime 4x), and benchstat
# compares the user + system CPU seconds per run. CPU time, not wall time:
# on a machine shared with other work, the time a process waits for a core
# does not count, so the comparison stays meaningful under load (caches
# shared with other processes still add noise: read the ± and p columns).
#
# Example, what a change cost the hot path:
#   bash benchmarks/cpu.sh HEAD~5 HEAD
set -euo pipefail
old=${1:?usage: cpu.sh OLD NEW [ROUNDS]}
new=${2:?usage: cpu.sh OLD NEW [ROUNDS]}
rounds=${3:-10}
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
benchstat=$(command -v benchstat || true)
if [ -z "$benchstat" ]; then
  GOBIN="$tmp/bin" go install golang.org/x/perf/cmd/benchstat@latest
  benchstat="$tmp/bin/benchstat"
fi
for side in old new; do
  rev=${!side}
  git -C "$root" worktree add -q --detach "$tmp/tree" "$rev"
  (cd "$tmp/tree" && go test -c -o "$tmp/$side.test" ./benchmarks)
  git -C "$root" worktree remove --force "$tmp/tree"
  echo "$side = $(git -C "$root" rev-parse --short "$rev")"
done
for i in $(seq "$rounds"); do
  for side in old new; do
    for b in Line5 Line20; do
      /usr/bin/time -f "%U %S" -o "$tmp/t" env GOMAXPROCS=1 "$tmp/$side.test" \
        -test.run '^$' -test.bench "^Benchmark$b\$" -test.benchtime 4x > /dev/null
      read -r u s < "$tmp/t"
      echo "Benchmark$b 4 $(echo "$u + $s" | bc) cpu-s/op" >> "$tmp/$side.txt"
    done
  done
done
(cd "$tmp" && "$benchstat" old.txt new.txt)
