#!/usr/bin/env bash
# Integration test of takt on a real Slurm cluster: a one-node cluster on
# this machine, started as root without systemd from a throwaway slurm.conf
# (AuthType=auth/none, CredType=cred/none, ProctrackType=proctrack/pgid,
# TaskPlugin=task/none, SlurmUser=root, the node's `hostname -s` and
# `nproc`). It submits, with `takt slurm … --submit`,
#   1. a bundled scenario's run as a job array of 4 shards, and
#   2. a 2-point sweep as a job array of 3 shards,
# each followed by its merge job (--dependency=afterok), waits for them and
# compares the merged JSON byte for byte with the same command run on this
# machine. It always stops the daemons and removes its temporary files.
#
# Installs slurmctld, slurmd and slurm-client with apt-get when they are
# missing; where that is impossible (not root, no apt-get, no package) it
# prints "slurm test: SKIP: <why>" and exits 0. Any other problem fails it.
#
# Usage: benchmarks/slurm.sh      (from anywhere; run as root)
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

skip() {
  echo "slurm test: SKIP: $*"
  exit 0
}

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "slurmctld, slurmd and slurm-client are not installed and installing them needs root"
  command -v apt-get >/dev/null || skip "slurmctld, slurmd and slurm-client are not installed and there is no apt-get"
  echo "== installing slurmctld slurmd slurm-client"
  aptlog=$(mktemp)
  if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurmctld slurmd slurm-client; } >"$aptlog" 2>&1; then
    tail -n 5 "$aptlog"
    rm -f "$aptlog"
    skip "apt-get cannot install slurmctld slurmd slurm-client"
  fi
  rm -f "$aptlog"
fi
[ "$(id -u)" = 0 ] || skip "the one-node cluster runs its daemons as root (SlurmUser=root); run as root"

tmp=$(mktemp -d)
conf="$tmp/slurm.conf"
export SLURM_CONF="$conf"

cleanup() {
  status=$?
  scontrol shutdown >/dev/null 2>&1 || true
  for pidfile in "$tmp/slurmctld.pid" "$tmp/slurmd.pid"; do
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  done
  if [ "$status" != 0 ]; then
    echo "slurm test: FAILED; the daemons' and jobs' logs:" >&2
    tail -n 20 "$tmp"/log/* "$tmp"/*/logs/* 2>/dev/null >&2 || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

host=$(hostname -s)
cpus=$(nproc)
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/log"
cat >"$conf" <<EOF
ClusterName=takt-test
SlurmctldHost=$host
AuthType=auth/none
CredType=cred/none
ProctrackType=proctrack/pgid
TaskPlugin=task/none
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
NodeName=$host CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

echo "== building takt"
go build -o "$tmp/takt" ./cmd/takt
takt="$tmp/takt"

echo "== starting a one-node cluster ($host, $cpus CPUs, Slurm $(slurmctld -V | cut -d' ' -f2))"
slurmctld -c -i -f "$conf"
slurmd -f "$conf"
for _ in $(seq 100); do
  sinfo -h -o '%T' 2>/dev/null | grep -qx idle && break
  sleep 0.2
done
sinfo

# wait_jobs ID... waits until the jobs left the queue (at most 10 minutes).
wait_jobs() {
  local ids
  ids=$(IFS=,; echo "$*")
  for _ in $(seq 600); do
    [ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && return 0
    sleep 1
  done
  echo "slurm test: jobs $ids still queued after 10 minutes" >&2
  squeue >&2
  return 1
}

# check NAME DIR COMMAND... submits COMMAND's shards with takt slurm into
# DIR, waits, and compares DIR/result.json with COMMAND --json run here.
check() {
  local name=$1 dir=$2 shards=$3
  shift 3
  echo "== $name: takt slurm $* --shards $shards --submit"
  out=$("$takt" slurm "$@" --shards "$shards" --dir "$dir" --submit)
  echo "$out"
  array=$(echo "$out" | sed -n 's/^submitted the shards as job \([0-9]*\) .*/\1/p')
  merge=$(echo "$out" | sed -n 's/.* their merge as job \([0-9]*\) .*/\1/p')
  [ -n "$array" ] && [ -n "$merge" ] || { echo "no job ids in takt slurm's output" >&2; return 1; }
  squeue -r -j "$array,$merge" -o '%.10i %.9P %.24j %.8T %.10r' || true
  wait_jobs "$array" "$merge"
  cat "$dir"/logs/shard-*.out
  [ -s "$dir/result.json" ] || { echo "no merged result in $dir" >&2; cat "$dir"/logs/merge.out >&2; return 1; }
  "$takt" "$@" -q --json >"$dir/one-machine.json"
  if cmp "$dir/result.json" "$dir/one-machine.json"; then
    echo "$name: merged JSON of $shards shards ($(wc -c <"$dir/result.json") bytes, sha256 $(sha256sum <"$dir/result.json" | cut -c1-16)) is byte-for-byte the one-machine JSON"
  else
    diff "$dir/result.json" "$dir/one-machine.json" | head -20 >&2
    echo "$name: merged JSON differs from the one-machine JSON" >&2
    return 1
  fi
  head -n 12 "$dir/result.txt"
}

check "run" "$tmp/run" 4 run scenarios/tandem.toml -r 8 --horizon 5000
check "sweep" "$tmp/sweep" 3 sweep scenarios/tandem.toml --set station.press.process='exp(1.4),exp(1.6)' -r 4 --horizon 5000

echo "slurm test: ok in $(($(date +%s) - start)) s"
