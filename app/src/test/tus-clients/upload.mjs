#!/usr/bin/env node
// Uploads one file with tus-js-client, the client browsers and Node apps use, and prints one JSON line: the upload
// URL, the offset reached, the Cairn-Content-Id of the last response (if the server sent one) and what a HEAD on the
// upload says afterwards. Cairn's process tests and the upload benchmark drive it; it knows nothing of Cairn beyond
// that header.
//
// Usage: node upload.mjs --endpoint URL --file PATH [options]
//   --header 'Name: value'     sent with every request (repeatable), e.g. 'Authorization: local'
//   --metadata key=value       Upload-Metadata pair (repeatable)
//   --chunk-size BYTES         bytes per PATCH (default: the whole file in one PATCH)
//   --parallel N               N partial uploads joined by a final one (concatenation)
//   --defer-length             Upload-Defer-Length: the file is read as a plain stream, its length sent at the end
//   --with-upload              creation-with-upload: the first chunk goes with the POST
//   --upload-url URL           resume this upload (HEAD for its offset, then PATCH on)
//   --url-storage PATH         remember upload URLs by file fingerprint in PATH, and resume one found there
//   --abort-after BYTES        abort once at least BYTES were sent (the result then has "aborted": true)
//   --retry-delays MS,MS,...   tus-js-client's retryDelays (default: none, so a failure shows at once)
//
// Exit status: 0 when the upload finished or was aborted as asked, 1 on an upload error (the JSON says which
// status), 2 on bad usage.
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { FileUrlStorage, Upload } from 'tus-js-client';

function usage(problem) {
  process.stderr.write(`upload.mjs: ${problem}\nusage: node upload.mjs --endpoint URL --file PATH [options]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { headers: {}, metadata: {}, chunkSize: Infinity, parallel: 1, retryDelays: [] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${flag} needs a value`);
      return argv[++i];
    };
    const count = (min) => {
      const v = value();
      const n = Number(v);
      if (!Number.isSafeInteger(n) || n < min) usage(`${flag} must be an integer >= ${min}, got '${v}'`);
      return n;
    };
    switch (flag) {
      case '--endpoint': opts.endpoint = value(); break;
      case '--file': opts.file = value(); break;
      case '--header': {
        const h = value();
        const colon = h.indexOf(':');
        if (colon < 1) usage(`--header must be 'Name: value', got '${h}'`);
        opts.headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
        break;
      }
      case '--metadata': {
        const m = value();
        const eq = m.indexOf('=');
        if (eq < 1) usage(`--metadata must be key=value, got '${m}'`);
        opts.metadata[m.slice(0, eq)] = m.slice(eq + 1);
        break;
      }
      case '--chunk-size': opts.chunkSize = count(1); break;
      case '--parallel': opts.parallel = count(1); break;
      case '--defer-length': opts.deferLength = true; break;
      case '--with-upload': opts.withUpload = true; break;
      case '--upload-url': opts.uploadUrl = value(); break;
      case '--url-storage': opts.urlStorage = value(); break;
      case '--abort-after': opts.abortAfter = count(0); break;
      case '--retry-delays': opts.retryDelays = value().split(',').filter(Boolean).map(Number); break;
      default: usage(`unknown option '${flag}'`);
    }
  }
  if (!opts.file) usage('--file is required');
  if (!opts.endpoint && !opts.uploadUrl) usage('--endpoint or --upload-url is required');
  if (opts.deferLength && opts.parallel > 1) usage('--defer-length and --parallel do not go together');
  return opts;
}

// A plain stream, not an fs.ReadStream: tus-js-client reads an fs.ReadStream by path and knows its size, which is
// what --defer-length is meant to do without.
function source(opts) {
  const file = fs.createReadStream(opts.file);
  return opts.deferLength ? file.pipe(new PassThrough()) : file;
}

async function head(url, headers) {
  const response = await fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', ...headers } });
  const number = (name) => (response.headers.has(name) ? Number(response.headers.get(name)) : null);
  return {
    status: response.status,
    offset: number('Upload-Offset'),
    length: number('Upload-Length'),
    contentId: response.headers.get('Cairn-Content-Id'),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = process.hrtime.bigint();
  let last = { status: null, contentId: null };
  let sent = 0;
  let aborted = false;

  const upload = await new Promise((resolve) => {
    const u = new Upload(source(opts), {
      endpoint: opts.endpoint,
      uploadUrl: opts.uploadUrl ?? null,
      headers: opts.headers,
      metadata: opts.metadata,
      chunkSize: opts.chunkSize,
      parallelUploads: opts.parallel,
      uploadLengthDeferred: Boolean(opts.deferLength),
      uploadDataDuringCreation: Boolean(opts.withUpload),
      retryDelays: opts.retryDelays,
      urlStorage: opts.urlStorage ? new FileUrlStorage(opts.urlStorage) : undefined,
      storeFingerprintForResuming: Boolean(opts.urlStorage),
      removeFingerprintOnSuccess: Boolean(opts.urlStorage),
      onAfterResponse(_req, res) {
        last = { status: res.getStatus(), contentId: res.getHeader('Cairn-Content-Id') ?? null };
      },
      onProgress(bytesSent) {
        sent = bytesSent;
        if (opts.abortAfter !== undefined && !aborted && bytesSent >= opts.abortAfter) {
          aborted = true;
          // Not terminate: the upload stays on the server, to be resumed.
          u.abort(false).then(() => resolve({ upload: u }));
        }
      },
      onSuccess() {
        resolve({ upload: u });
      },
      onError(error) {
        resolve({ upload: u, error });
      },
    });
    const begin = opts.urlStorage
      ? u.findPreviousUploads().then((previous) => {
          if (previous.length > 0) u.resumeFromPreviousUpload(previous[0]);
        })
      : Promise.resolve();
    begin.then(() => u.start(), (error) => resolve({ upload: u, error }));
  });

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const url = upload.upload.url;
  const result = {
    ok: !upload.error,
    aborted,
    uploadUrl: url,
    bytesSent: sent,
    lastStatus: last.status,
    contentId: last.contentId,
    seconds,
  };
  if (upload.error) {
    result.error = String(upload.error.message ?? upload.error).split('\n')[0];
    result.errorStatus = upload.error.originalResponse?.getStatus?.() ?? null;
  }
  if (url) {
    // What the server now says about the upload; for a concatenated upload this is the final upload.
    try {
      result.head = await head(url, opts.headers);
    } catch (error) {
      result.head = { error: String(error) };
    }
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(result.ok ? 0 : 1);
}

main().catch((error) => {
  process.stderr.write(`upload.mjs: ${error.stack ?? error}\n`);
  process.exit(1);
});
