#!/usr/bin/env bash
# BLAKE3 throughput on one file, in one run: b3sum --num-threads 1, Cairn's Blake3 (1 thread and all cores) and
# Bouncy Castle; fails unless all hashes agree. Needs JAVA_HOME (JDK 21+) and b3sum (apt-get install b3sum).
#
# Usage: core/src/test/scripts/blake3-vs-b3sum.sh [SIZE_MIB]    (default 1024: a 1 GiB file in /tmp, kept for reruns)
set -euo pipefail

root="$(cd "$(dirname "$0")/../../../.." && pwd)"
size_mib="${1:-1024}"
file="/tmp/cairn-blake3-${size_mib}MiB.bin"
bytes=$((size_mib * 1024 * 1024))
b3sum="${B3SUM:-/usr/bin/b3sum}"

[[ -x "$b3sum" ]] || { echo "b3sum not found at $b3sum: install it (apt-get install b3sum) or set B3SUM" >&2; exit 1; }
if [[ ! -f "$file" || "$(stat -c %s "$file")" != "$bytes" ]]; then
  echo "creating $file ($size_mib MiB of random bytes)"
  head -c "$bytes" /dev/urandom > "$file"
fi

cd "$root"
./mvnw -B -q -pl core test-compile
./mvnw -B -q -pl core dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$root/core/target/blake3-bench-classpath.txt"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//')"
"${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/java" \
  -cp "core/target/test-classes:core/target/classes:$(cat core/target/blake3-bench-classpath.txt)" \
  dev.cairn.core.bench.Blake3FileThroughput "$file" "$b3sum"
