#!/usr/bin/env bash
# Start-up time and idle memory of `cairn run` on the embedded PostgreSQL. Builds the jar, then measures the time from
# launching `java -jar app/target/cairn-app.jar run` to the first 200 from GET /api/system.ready (polled every 20 ms):
# RUNS first starts, each on a fresh DATA_DIR (unpacking the PostgreSQL binaries, initdb, migrations), and RUNS
# restarts on an existing DATA_DIR. Then, MEM_RUNS times, it restarts the node, leaves it idle for IDLE_SEC seconds and
# reads the resident memory (RSS, `ps -o rss`) of the JVM and of its PostgreSQL processes (the postmaster named in
# postmaster.pid and its children), and their PSS (shared pages divided among the processes that map them, from
# /proc/PID/smaps_rollup), which sums without counting PostgreSQL's shared memory once per process.
# The JVM runs with no options, so its heap limit is the JDK default (a quarter of RAM; the Dockerfile sets
# -XX:MaxRAMPercentage=75 of the container's limit instead). Needs JAVA_HOME (JDK 25) and curl.
#
# Usage: app/src/test/scripts/node-startup.sh [RUNS] [MEM_RUNS] [IDLE_SEC]    (defaults 3, 2, 60; port NODE_PORT=18080)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

runs="${1:-3}"
mem_runs="${2:-2}"
idle_sec="${3:-60}"
port="${NODE_PORT:-18080}"
ready="http://127.0.0.1:$port/api/system.ready"

bench_build
bench_workdir
bench_machine

# Starts a node on DATA_DIR and waits for readiness; sets $took to the seconds that took and leaves the node running
# ($node_pid). Not meant for $(...): the pid must reach this shell, which stops the node.
start_and_time() {
  local data_dir="$1" began
  began=$(date +%s%N)
  bench_start_node "$work/node.log" DATA_DIR="$data_dir" HTTP_PORT="$port"
  bench_await_200 "$ready" "$node_pid"
  took=$(awk -v ns=$(($(date +%s%N) - began)) 'BEGIN {printf "%.2f", ns / 1e9}')
}

# Prints "rss_kib pss_kib" summed over the given pids.
memory_of() {
  local rss=0 pss=0 pid
  for pid in "$@"; do
    rss=$((rss + $(ps -o rss= -p "$pid")))
    pss=$((pss + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")))
  done
  echo "$rss $pss"
}

mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }

bench_load before
for ((i = 1; i <= runs; i++)); do
  start_and_time "$work/node-$i"
  echo "first start $i (fresh DATA_DIR): $took s"
  bench_stop "$node_pid"
done
for ((i = 1; i <= runs; i++)); do
  start_and_time "$work/node-1"
  echo "restart $i (existing DATA_DIR): $took s"
  bench_stop "$node_pid"
done
bench_load "after the start-up runs"

for ((i = 1; i <= mem_runs; i++)); do
  start_and_time "$work/node-1"
  sleep "$idle_sec"
  postmaster=$(head -1 "$work/node-1/postgres/postmaster.pid")
  mapfile -t postgres < <(echo "$postmaster"; ps -o pid= --ppid "$postmaster" | tr -d ' ')
  read -r jvm_rss jvm_pss < <(memory_of "$node_pid")
  read -r pg_rss pg_pss < <(memory_of "${postgres[@]}")
  echo "idle $i (ready in $took s, then ${idle_sec} s idle): JVM RSS $(mib "$jvm_rss") MiB (PSS $(mib "$jvm_pss"));" \
    "PostgreSQL ${#postgres[@]} processes RSS $(mib "$pg_rss") MiB (PSS $(mib "$pg_pss"));" \
    "JVM + PostgreSQL RSS $(mib $((jvm_rss + pg_rss))) MiB (PSS $(mib $((jvm_pss + pg_pss))))"
  bench_stop "$node_pid"
done
bench_load after
