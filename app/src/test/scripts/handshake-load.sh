#!/usr/bin/env bash
# Handshakes/s end to end over HTTP, signatures checked on both sides: builds the jar, then ROUNDS times starts a node
# (`cairn run`, embedded PostgreSQL, HANDSHAKE_RATE_PER_SEC and _BURST raised to their maximum, 10000, since every
# client comes from 127.0.0.1), runs HandshakeLoad (M client identities on T threads, W s warm-up, D s measured)
# against it and stops it. A fresh node each round, so that rounds do not share members or replay-cache entries.
# Needs JAVA_HOME (JDK 25) and curl.
#
# Usage: app/src/test/scripts/handshake-load.sh [M] [T] [D] [W] [ROUNDS]    (defaults 1000 8 20 5 2; NODE_PORT=18080)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

clients="${1:-1000}"
threads="${2:-8}"
duration="${3:-20}"
warm_up="${4:-5}"
rounds="${5:-2}"
port="${NODE_PORT:-18080}"

bench_build
bench_workdir
bench_machine
for ((i = 1; i <= rounds; i++)); do
  bench_start_node "$work/node.log" DATA_DIR="$work/node" HTTP_PORT="$port" \
    HANDSHAKE_RATE_PER_SEC=10000 HANDSHAKE_RATE_BURST=10000
  bench_await_200 "http://127.0.0.1:$port/api/system.ready" "$node_pid"
  bench_load "round $i, before"
  "$java" -cp "$bench_cp" dev.cairn.app.bench.HandshakeLoad \
    "http://127.0.0.1:$port" "$clients" "$threads" "$duration" "$warm_up" "$node_pid" 2>&1 | grep -v '^{'
  bench_load "round $i, after"
  echo "node members: $(curl -s "http://127.0.0.1:$port/metrics" | awk '/^dht_members / {print $2}')"
  bench_stop "$node_pid"
done
