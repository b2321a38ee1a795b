// Process entry: read configuration, open and migrate the database, seed it on first
// run, wire dependencies and serve (CONVENTIONS: main.ts).
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { dirname, join } from 'node:path';
import { readConfig } from './config';
import { issueDemoStamps } from './services/stamps/demo-stamps';
import { startHttpServer } from './http-server';
import type { ServerType } from '@hono/node-server';

const config = readConfig(process.env);
const runtime = await bootstrap(config);
// Stamp reads that miss the cache run in worker threads: boot them before serving, not under the first load.
await runtime.stamps.startReaders();
const app = createApp(runtime.deps);

// Scan events are written behind (a few ms, longer while another process holds the write
// lock), so every way out flushes them and closes the database before exiting. The signal
// handlers go in as soon as the database is open (before the demo stamps and listening),
// so a SIGTERM late in start-up also closes it cleanly. (A SIGTERM during bootstrap ends
// the process; its imports and migrations are single transactions.)
let server: ServerType | null = null;
let closed = false;
const closeAndExit = (why: string) => {
  if (closed) return;
  closed = true;
  console.error(`shutting down (${why}): writing pending scan events and closing the database`);
  try {
    runtime.close();
  } catch (e) {
    console.error(`shutdown: ${(e as Error).message}`);
    process.exit(1);
  }
  process.exit(0);
};
let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  if (!server) return closeAndExit(`${signal} during start-up`);
  server.close(() => closeAndExit(signal));
  // Requests still in flight (a slow client) can hold server.close open indefinitely.
  setTimeout(() => closeAndExit(`${signal}, requests still open after 3 s`), 3000).unref();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

// First run: print a small sheet of DEMO stamps so the product can be tried at once.
if (runtime.seeded && config.demoIssuer) {
  const demo = await issueDemoStamps(runtime, join(dirname(config.databasePath), 'demo-stamps'));
  if (demo) console.log(`demo stamps (labelled DEMO) for "${demo.productName}": ${demo.files.join(', ')}`);
}

// A batch whose issuing was interrupted verifies as not issued until someone finishes it.
const pendingBatches = runtime.issuing.pendingBatches();
if (pendingBatches.length) console.error(`${pendingBatches.length} stamp batch(es) pending (issuing interrupted: ${pendingBatches.map((b) => b.id).join(', ')}); see npm run stamps:issue -- --pending`);

// Until the server is listening, a signal closes the database and exits right away.
const started = await startHttpServer(app, { port: config.port, hostname: config.host });
server = started.server;
console.log(`Nguồn Việt listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${started.port} (database ${config.databasePath})`);
