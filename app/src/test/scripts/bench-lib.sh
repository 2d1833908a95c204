# Helpers shared by the node benchmarks in this folder; sourced, not run. Each script gets a scratch directory that
# the embedded PostgreSQL (run as nobody when we are root) can enter, and every process it starts is stopped when it
# exits, however it exits.

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
java="${JAVA_HOME:?set JAVA_HOME to a JDK 25}/bin/java"
jar="$root/app/target/cairn-app.jar"
bench_cp="$root/app/target/test-classes:$jar"
bench_pids=()

# The runnable jar and the benchmark classes (test-compile runs even with -DskipTests). Never `install`: ~/.m2 is
# shared with other work on this machine.
bench_build() {
  (cd "$root" && ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package)
}

# A scratch directory under /tmp, mode 711 so that nobody can pass through it to its PostgreSQL data directory.
bench_workdir() {
  work="$(mktemp -d /tmp/cairn-bench.XXXXXX)"
  chmod 711 "$work"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local pid pidfile
  for pid in "${bench_pids[@]}"; do
    bench_stop "$pid"
  done
  [[ -n "${work:-}" ]] || return 0
  # A node killed before its shutdown hook ran leaves its PostgreSQL running: stop it (fast shutdown) before its
  # directory goes.
  for pidfile in "$work"/*/postgres/postmaster.pid; do
    [[ -f "$pidfile" ]] || continue
    pid="$(head -1 "$pidfile")"
    kill -INT "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  done
  rm -rf "$work"
}

# Starts `cairn run` in the background with the given VAR=value settings; its pid is in $node_pid.
bench_start_node() {
  local log="$1"
  shift
  env LOG_FORMAT=text "$@" "$java" -jar "$jar" run >"$log" 2>&1 &
  node_pid=$!
  bench_pids+=("$node_pid")
}

# Starts a benchmark class from app/src/test/java in the background; its pid is in $bench_pid.
bench_start_class() {
  local log="$1" class="$2"
  shift 2
  "$java" -cp "$bench_cp" "$class" "$@" >"$log" 2>&1 &
  bench_pid=$!
  bench_pids+=("$bench_pid")
}

# Waits until URL answers 200, polling every 20 ms, for at most 180 s; fails if the process PID exits first.
bench_await_200() {
  local url="$1" pid="$2" deadline=$((SECONDS + 180))
  until [[ "$(curl -s -o /dev/null -m 2 -w '%{http_code}' "$url")" == 200 ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "process $pid exited before $url answered 200" >&2; return 1; }
    ((SECONDS < deadline)) || { echo "$url did not answer 200 within 180 s" >&2; return 1; }
    sleep 0.02
  done
}

# SIGTERM, then wait: the node stops its embedded PostgreSQL before it exits.
bench_stop() {
  local pid="$1"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

bench_machine() {
  echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/^Mem:/ {print $2}') GiB;" \
    "$("$java" -version 2>&1 | head -1)"
}

bench_load() {
  echo "load ($1): $(uptime | sed 's/.*load average: //')"
}
