#!/usr/bin/env bash
# Requests/s of the node's GET /api/system.version against a bare Javalin hello-world (BareJavalin: same Javalin,
# same server settings) on the same machine, in the same run: builds the jar, starts both, warms each up with one wrk
# run, then measures them in turn ROUNDS times with wrk -t2 -c50 -d10s, prints the figures and stops everything.
# Needs JAVA_HOME (JDK 25), curl and wrk (apt-get install wrk).
#
# Usage: app/src/test/scripts/http-vs-bare-javalin.sh [ROUNDS]    (default 2; ports NODE_PORT=18080, BARE_PORT=18090)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

rounds="${1:-2}"
node_port="${NODE_PORT:-18080}"
bare_port="${BARE_PORT:-18090}"
wrk_args=(-t2 -c50 -d10s)
command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

bench_build
bench_workdir
bench_machine
bench_start_node "$work/node.log" DATA_DIR="$work/node" HTTP_PORT="$node_port"
node=$node_pid
bench_start_class "$work/bare.log" dev.cairn.app.bench.BareJavalin "$bare_port"
bare=$bench_pid
node_url="http://127.0.0.1:$node_port/api/system.version"
bare_url="http://127.0.0.1:$bare_port/"
bench_await_200 "http://127.0.0.1:$node_port/api/system.ready" "$node"
bench_await_200 "$bare_url" "$bare"

# Prints "requests/s p50-latency p99-latency non-2xx" from one wrk run against URL.
measure() {
  wrk "${wrk_args[@]}" --latency "$1" >"$work/wrk.txt"
  awk '/Requests\/sec:/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$NF}
       END {printf "%.0f %s %s %d\n", rps, p50, p99, bad}' "$work/wrk.txt"
}

bench_load before
echo "warm-up: node $(measure "$node_url" | cut -d' ' -f1) req/s, bare $(measure "$bare_url" | cut -d' ' -f1) req/s"
echo "wrk ${wrk_args[*]}     req/s   p50      p99      non-2xx"
for ((i = 1; i <= rounds; i++)); do
  read -r n_rps n_p50 n_p99 n_bad < <(measure "$node_url")
  read -r b_rps b_p50 b_p99 b_bad < <(measure "$bare_url")
  printf "round %d node  %8d   %-8s %-8s %d\n" "$i" "$n_rps" "$n_p50" "$n_p99" "$n_bad"
  printf "round %d bare  %8d   %-8s %-8s %d\n" "$i" "$b_rps" "$b_p50" "$b_p99" "$b_bad"
  awk -v n="$n_rps" -v b="$b_rps" -v i="$i" 'BEGIN {printf "round %d node/bare = %.2f\n", i, n / b}'
done
bench_load after
echo "RSS after the runs: node JVM $(($(ps -o rss= -p "$node") / 1024)) MiB, bare $(($(ps -o rss= -p "$bare") / 1024)) MiB"
