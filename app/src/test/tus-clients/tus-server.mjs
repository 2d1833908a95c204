#!/usr/bin/env node
// The reference tus server: @tus/server with @tus/file-store, on 127.0.0.1:PORT, storing uploads in DIR. It serves
// the same path as Cairn (/api/v1/upload.tus) and answers with absolute-path Locations like Cairn, so upload.mjs and
// upload.py run against either unchanged. The upload benchmark measures Cairn against it; the client tests can be
// proved against it while no node serves tus.
//
// Usage: node tus-server.mjs PORT DIR [MAX_SIZE_BYTES]
import fs from 'node:fs';
import http from 'node:http';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';

const [portArg, directory, maxSizeArg] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || port < 1 || port > 65535 || !directory) {
  process.stderr.write('usage: node tus-server.mjs PORT DIR [MAX_SIZE_BYTES]\n');
  process.exit(2);
}
fs.mkdirSync(directory, { recursive: true });

const tus = new Server({
  path: '/api/v1/upload.tus',
  datastore: new FileStore({ directory }),
  relativeLocation: true,
  maxSize: maxSizeArg ? Number(maxSizeArg) : undefined,
});
const server = http.createServer((req, res) => tus.handle(req, res));
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`tus-server listening on 127.0.0.1:${port}, storing in ${directory}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
