#!/bin/sh
# Run by Maven (frontend/pom.xml): npm ci when node_modules is missing or was installed from another lockfile,
# then the production build into dist/, then (unless tests are skipped) the Vitest unit tests.
set -eu
cd "$(dirname "$0")"

need() {
  echo "cairn-frontend: $1. The Mini App is built with Node.js >= 20 and npm (https://nodejs.org); install them and put node and npm on PATH." >&2
  exit 1
}
command -v node >/dev/null 2>&1 || need "node (Node.js >= 20) is not on PATH"
command -v npm >/dev/null 2>&1 || need "npm is not on PATH"
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || need "node $(node --version) is too old"

lock_sum="$(node -e 'const c=require("crypto"),f=require("fs");console.log(c.createHash("sha256").update(f.readFileSync("package-lock.json")).digest("hex"))')"
stamp=node_modules/.cairn-lock-sha256
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$lock_sum" ]; then
  echo "cairn-frontend: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_sum" >"$stamp"
fi

npm run --silent build -- --logLevel warn
if [ "${1:-}" != "--skip-tests" ]; then
  npm run --silent test -- --reporter=dot
fi
