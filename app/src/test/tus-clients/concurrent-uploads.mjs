#!/usr/bin/env node
// N uploads of FILE at once with tus-js-client, CHUNK bytes per PATCH, against one tus endpoint; prints one JSON line:
// total MiB/s (all bytes over the wall time from the first POST to the last finish), PATCH latency percentiles
// (from tus-js-client handing a PATCH to its HTTP stack to the response), and the uploads that failed. The upload
// benchmark's concurrency mode (app/src/test/scripts/tus-upload-bench.sh) runs it.
//
// Usage: node concurrent-uploads.mjs ENDPOINT FILE N CHUNK_BYTES [--header 'Name: value']...
import fs from 'node:fs';
import { Upload } from 'tus-js-client';

const [endpoint, file, countArg, chunkArg, ...rest] = process.argv.slice(2);
const count = Number(countArg);
const chunkSize = Number(chunkArg);
if (!endpoint || !file || !Number.isInteger(count) || count < 1 || !Number.isInteger(chunkSize) || chunkSize < 1) {
  process.stderr.write("usage: node concurrent-uploads.mjs ENDPOINT FILE N CHUNK_BYTES [--header 'Name: value']...\n");
  process.exit(2);
}
const headers = {};
for (let i = 0; i < rest.length; i += 2) {
  const [name, ...value] = (rest[i] === '--header' ? rest[i + 1] ?? '' : '').split(':');
  if (!name || value.length === 0) {
    process.stderr.write(`concurrent-uploads.mjs: bad option '${rest[i]} ${rest[i + 1] ?? ''}'\n`);
    process.exit(2);
  }
  headers[name.trim()] = value.join(':').trim();
}

const size = fs.statSync(file).size;
const latencies = [];
const errors = [];

function uploadOne(index) {
  const started = new Map();
  return new Promise((resolve) => {
    const upload = new Upload(fs.createReadStream(file), {
      endpoint,
      headers,
      chunkSize,
      retryDelays: [],
      onBeforeRequest(req) {
        if (req.getMethod() === 'PATCH') started.set(req, process.hrtime.bigint());
      },
      onAfterResponse(req) {
        const t0 = started.get(req);
        if (t0 !== undefined) {
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          started.delete(req);
        }
      },
      onSuccess: () => resolve(),
      onError(error) {
        errors.push({ upload: index, error: String(error.message ?? error).split('\n')[0].slice(0, 300) });
        resolve();
      },
    });
    upload.start();
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const began = process.hrtime.bigint();
await Promise.all(Array.from({ length: count }, (_, i) => uploadOne(i)));
const seconds = Number(process.hrtime.bigint() - began) / 1e9;
latencies.sort((a, b) => a - b);
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
process.stdout.write(
  JSON.stringify({
    uploads: count,
    bytesEach: size,
    chunkSize,
    seconds: round(seconds),
    mibPerSecond: round(((count - errors.length) * size) / 1048576 / seconds),
    patches: latencies.length,
    patchMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(latencies.at(-1) ?? null) },
    errors: errors.length,
    firstErrors: errors.slice(0, 3),
  }) + '\n',
);
