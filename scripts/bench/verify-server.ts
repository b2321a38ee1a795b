// Child process of bench:verify. `app`: the real server on a fresh temp database with
// 1,000 issued demo stamps (their URLs go to stdout as one JSON line). `hello`: a bare
// Hono route on the same node-server, the yardstick.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../server/app';
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';

const mode = process.argv[2];
// Exit cleanly on a signal so --cpu-prof can write its profile.
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
if (mode === 'hello') {
  const app = new Hono().get('/hello', (c) => c.text('hello'));
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(JSON.stringify({ port: info.port })));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'nv-bench-'));
  const config = readConfig({ DATABASE_PATH: join(dir, 'bench.db'), ISSUER_KEY_DIR: join(dir, 'keys'), PUBLIC_URL: 'https://nguonviet.vn' });
  const runtime = await bootstrap(config, { log: () => {} });
  const hit = await runtime.deps.search.search({ q: 'Gà đồi Ba Vì', filters: {}, limit: 1, offset: 0, facets: false, today: runtime.deps.clock.today() });
  const batch = await runtime.issuing.issueBatch({ productId: hit.hits[0]!.id, count: 1000, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
  const app = createApp(runtime.deps);
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(JSON.stringify({ port: info.port, urls: batch.stamps.map((s) => s.url) })));
}
