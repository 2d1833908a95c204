#!/usr/bin/env bash
# Upload throughput and server CPU per GiB, in one run on one machine, of four receivers of the same 1 GiB random
# file (made once per run):
#   bare   curl -T (one PUT) into BareJavalin's PUT /upload: the body streamed to a file, nothing else;
#   barefs the same, and the file forced to disk (fdatasync) before the answer, as Cairn forces each PATCH;
#   tusjs  tus-js-client (upload.mjs) into @tus/server + @tus/file-store (tus-server.mjs; it does not force),
#          CHUNK_MIB per PATCH;
#   cairn  the same client into `cairn run` (LOCAL_MODE=true, MAX_CONTENT_SIZE_MB=2048), CHUNK_MIB per PATCH.
# Each ROUNDS times, in turn. MiB/s is the file's size over the client's own upload time (curl's time_total; for
# upload.mjs, from the POST to the last PATCH's answer). Server CPU is utime + stime of the server process from
# /proc/PID/stat, read before and after the upload, per GiB (for cairn: the JVM alone, not its PostgreSQL). Machine
# CPU is the busy time of all cores over the same span (/proc/stat), client and anything else running included: far
# above server + client, something else was using the machine.
#
# `concurrent` mode instead starts N uploads of one 20 MiB random file at once (concurrent-uploads.mjs, tus-js-client,
# 5 MiB per PATCH) against each tus target and prints total MiB/s, PATCH latency percentiles and the failed uploads.
#
# Builds the jar and the benchmark classes (never `install`; SKIP_BUILD=1 takes the ones already built); runs
# `npm ci` in app/src/test/tus-clients if its node_modules is missing. Needs JAVA_HOME (JDK 25), curl, Node.js >= 20
# and about 5 GiB free under /tmp.
#
# Usage: app/src/test/scripts/tus-upload-bench.sh [single|concurrent] [ROUNDS]    (defaults single, 3)
#   TARGETS=bare,barefs,tusjs,cairn (concurrent: tusjs,cairn)  CHUNK_MIB=50  UPLOADS=50 (concurrent)
#   ports NODE_PORT=18080, BARE_PORT=18090, TUS_PORT=18100
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"

mode="${1:-single}"
rounds="${2:-3}"
chunk=$((${CHUNK_MIB:-50} << 20))
uploads="${UPLOADS:-50}"
node_port="${NODE_PORT:-18080}"
bare_port="${BARE_PORT:-18090}"
tus_port="${TUS_PORT:-18100}"
clients="$root/app/src/test/tus-clients"
case "$mode" in
  single) targets="${TARGETS:-bare,barefs,tusjs,cairn}" ;;
  concurrent) targets="${TARGETS:-tusjs,cairn}" ;;
  *) echo "mode must be single or concurrent, got '$mode'" >&2; exit 2 ;;
esac
command -v node >/dev/null || { echo "node (Node.js >= 20) not found" >&2; exit 1; }
[[ -d "$clients/node_modules" ]] || (cd "$clients" && npm ci --no-audit --no-fund --loglevel=error)

ticks=$(getconf CLK_TCK)
# utime + stime of PID in seconds (fields 14 and 15, counted after the command name, which may hold spaces).
cpu_seconds() {
  awk -v t="$ticks" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / t}' "/proc/$1/stat"
}
# Busy seconds of all cores together (user, nice, system, irq, softirq).
machine_cpu_seconds() {
  awk -v t="$ticks" '/^cpu / {printf "%.2f", ($2 + $3 + $4 + $7 + $8) / t}' /proc/stat
}
# A JSON field of one line: json_field LINE EXPRESSION (a JavaScript expression over `r`).
json_field() {
  node -e 'const r = JSON.parse(process.argv[1]); console.log(eval(process.argv[2]))' "$1" "$2"
}
wants() { [[ ",$targets," == *",$1,"* ]]; }

[[ -n "${SKIP_BUILD:-}" ]] || bench_build
bench_workdir
bench_machine
echo "node $(node --version); $(curl --version | head -1 | cut -d' ' -f1-2)"

pids=()
if wants bare || wants barefs; then
  bench_start_class "$work/bare.log" dev.cairn.app.bench.BareJavalin "$bare_port" "$work/bare"
  bare_pid=$bench_pid
  bench_await_200 "http://127.0.0.1:$bare_port/" "$bare_pid"
fi
if wants tusjs; then
  node "$clients/tus-server.mjs" "$tus_port" "$work/tusjs" >"$work/tusjs.log" 2>&1 &
  tusjs_pid=$!
  bench_pids+=("$tusjs_pid")
  until curl -s -o /dev/null -X OPTIONS "http://127.0.0.1:$tus_port/api/v1/upload.tus"; do
    kill -0 "$tusjs_pid" || { echo "tus-server.mjs exited: $(cat "$work/tusjs.log")" >&2; exit 1; }
    sleep 0.1
  done
fi
if wants cairn; then
  bench_start_node "$work/node.log" DATA_DIR="$work/node" HTTP_PORT="$node_port" LOCAL_MODE=true \
    MAX_CONTENT_SIZE_MB=2048
  cairn_pid=$node_pid
  bench_await_200 "http://127.0.0.1:$node_port/api/system.ready" "$cairn_pid"
fi

endpoint() {
  case "$1" in
    tusjs) echo "http://127.0.0.1:$tus_port/api/v1/upload.tus" ;;
    cairn) echo "http://127.0.0.1:$node_port/api/v1/upload.tus" ;;
  esac
}
server_pid() {
  case "$1" in
    bare | barefs) echo "$bare_pid" ;;
    tusjs) echo "$tusjs_pid" ;;
    cairn) echo "$cairn_pid" ;;
  esac
}

# Uploads FILE to TARGET once; prints "seconds" or fails with what went wrong.
upload_once() {
  local target="$1" file="$2" size out
  size=$(stat -c %s "$file")
  if [[ "$target" == bare* ]]; then
    local url="http://127.0.0.1:$bare_port/upload"
    [[ "$target" == barefs ]] && url="$url?force=true"
    out=$(curl -sS -T "$file" -H 'Expect:' -w ' %{http_code} %{time_total}' "$url")
    read -r written status seconds <<<"$out"
    [[ "$status" == 201 && "$written" == "$size" ]] || { echo "$target: $out" >&2; return 1; }
    echo "$seconds"
  else
    out=$(node "$clients/upload.mjs" --endpoint "$(endpoint "$target")" --file "$file" --chunk-size "$chunk" \
      --header 'Authorization: local') || { echo "$target: $out" >&2; return 1; }
    [[ "$(json_field "$out" 'r.head.offset')" == "$size" ]] || { echo "$target: $out" >&2; return 1; }
    json_field "$out" 'r.seconds'
  fi
}

# Removes what a receiver stored, so that the disk fills the same way every round (cairn keeps its contents).
clean_store() {
  case "$1" in
    bare | barefs) rm -f "$work"/bare/upload-* ;;
    tusjs) rm -f "$work"/tusjs/* ;;
  esac
}

if [[ "$mode" == single ]]; then
  file="$work/upload-1GiB.bin"
  head -c $((1 << 30)) /dev/urandom >"$file"
  gib=$(awk -v b="$(stat -c %s "$file")" 'BEGIN {print b / 2^30}')
  echo "file: 1 GiB from /dev/urandom; tus chunk $((chunk >> 20)) MiB per PATCH; $rounds rounds"
  bench_load before
  printf "%-6s %-5s %9s %8s %17s %18s\n" target round seconds "MiB/s" "server CPU s/GiB" "machine CPU s/GiB"
  for ((i = 1; i <= rounds; i++)); do
    for target in ${targets//,/ }; do
      pid=$(server_pid "$target")
      sync
      cpu0=$(cpu_seconds "$pid")
      all0=$(machine_cpu_seconds)
      seconds=$(upload_once "$target" "$file")
      cpu1=$(cpu_seconds "$pid")
      all1=$(machine_cpu_seconds)
      awk -v t="$target" -v i="$i" -v s="$seconds" -v g="$gib" -v c0="$cpu0" -v c1="$cpu1" \
        -v a0="$all0" -v a1="$all1" \
        'BEGIN {printf "%-6s %-5d %9.2f %8.0f %17.2f %18.2f\n", t, i, s, g * 1024 / s, (c1 - c0) / g, (a1 - a0) / g}'
      clean_store "$target"
    done
  done
  bench_load after
else
  file="$work/upload-20MiB.bin"
  head -c $((20 << 20)) /dev/urandom >"$file"
  echo "$uploads uploads of one 20 MiB random file at once, 5 MiB per PATCH, tus-js-client; $rounds rounds"
  bench_load before
  for ((i = 1; i <= rounds; i++)); do
    for target in ${targets//,/ }; do
      pid=$(server_pid "$target")
      sync
      cpu0=$(cpu_seconds "$pid")
      all0=$(machine_cpu_seconds)
      out=$(node "$clients/concurrent-uploads.mjs" "$(endpoint "$target")" "$file" "$uploads" $((5 << 20)) \
        --header 'Authorization: local')
      cpu1=$(cpu_seconds "$pid")
      all1=$(machine_cpu_seconds)
      echo "$target round $i: $out server_cpu_s=$(awk -v a="$cpu0" -v b="$cpu1" 'BEGIN {printf "%.2f", b - a}')" \
        "machine_cpu_s=$(awk -v a="$all0" -v b="$all1" 'BEGIN {printf "%.2f", b - a}')"
      clean_store "$target"
    done
  done
  bench_load after
fi
