// Child process of bench:verify. `app`: the real server, served as main.ts serves it, on a
// fresh temp database with demo stamps issued (their URLs go to stdout as one JSON line). `hello`: a bare Hono route
// on the same node-server, the yardstick, and beside it a bare POST that only parses a JSON
// body and answers with a verify-sized JSON: the ceiling of any POST route on this stack. Both answer an IPC message with their CPU time,
// request count, event-loop delay and GC pauses since the last message, so the bench can
// print CPU per request (robust on a busy machine) and see stalls.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../../server/app';
import { startHttpServer } from '../../server/http-server';
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { createKeyStore } from '../../server/repositories/key-store.repository';
import { issueDeviceToken } from '../../server/services/verify/device-token';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import { addEvidence, countCheck } from '../../server/domain/stamp-signals';

const mode = process.argv[2];
const firstScanStamps = Number(process.env.BENCH_FIRST_SCANS ?? 50_000);
// Exit cleanly on a signal so --cpu-prof can write its profile.
process.on('SIGINT', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

let requests = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
let gc = { count: 0, totalMs: 0, maxMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gc = { count: gc.count + 1, totalMs: gc.totalMs + e.duration, maxMs: Math.max(gc.maxMs, e.duration) };
}).observe({ entryTypes: ['gc'] });
// `app` only: the CPU per scan of recording scans through the stamp repository alone (no HTTP,
// no verdict), as a verify records them: the storage floor under every verify row.
let writeFloor: (() => Promise<{ cpuUsPerScan: number; scans: number; group: number }>) | null = null;
process.on('message', (m) => {
  if (m === 'write-floor' && writeFloor) {
    void writeFloor().then((floor) => process.send?.({ floor }));
    return;
  }
  process.send?.({ cpu: process.cpuUsage(), hrUs: Number(process.hrtime.bigint() / 1000n), requests, loop: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 }, gc });
  loopDelay.reset();
  gc = { count: 0, totalMs: 0, maxMs: 0 };
});

if (mode === 'hello') {
  // About the size of a genuine stamp's verify answer (product card included).
  const answer = JSON.stringify({ verdict: 'authentic', reasons: [{ code: 'signature_valid', message_vi: 'Tem chính hãng: chữ ký số hợp lệ.', message_en: 'Genuine stamp.' }], filler: 'x'.repeat(2000) });
  const app = new Hono()
    .get('/hello', (c) => c.text('hello'))
    .post('/echo', async (c) => {
      const body = (await c.req.json()) as { payload?: unknown };
      return new Response(typeof body.payload === 'string' ? answer : '{}', { headers: { 'content-type': 'application/json' } });
    });
  serve({ fetch: (req: Request) => (requests++, app.fetch(req)), port: 0, hostname: '127.0.0.1' }, (info) => console.log(JSON.stringify({ port: info.port })));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'nv-bench-'));
  // All load comes from one address here: the rate limits would answer most of it 429.
  const config = readConfig({ DATABASE_PATH: join(dir, 'bench.db'), ISSUER_KEY_DIR: join(dir, 'keys'), PUBLIC_URL: 'https://nguonviet.vn', RATE_LIMITS: 'off' });
  const runtime = await bootstrap(config, { log: () => {} });
  const hit = await runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: runtime.deps.clock.today() });
  const issue = (count: number) => runtime.issuing.issueBatch({ productId: hit.hits[0]!.id, count, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
  const batch = await issue(1000);
  const fresh = await issue(firstScanStamps);
  const app = createApp(runtime.deps);
  // Phones with ids the server issued, as the PWA has them after its first launch.
  const devices = Array.from({ length: 997 }, () => issueDeviceToken(createKeyStore(config.issuerKeyDir, () => new Uint8Array(32)).serverSecret()));
  // The WAL is checkpointed every second by a worker thread (counted: it is part of a write):
  // the backlog of the rows before is let through first, and this run's own is waited for.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));
  writeFloor = async () => {
    const scans = 20_000;
    const group = 10;
    await settle();
    const start = process.cpuUsage();
    for (let i = 0; i < scans; i += group) {
      for (let k = i; k < i + group; k++) {
        const { serial } = batch.stamps[k % batch.stamps.length]!;
        const at = Date.now();
        const record = runtime.stamps.stamp(serial)!;
        const clientEventId = `floor-${process.pid}-${k}`;
        runtime.stamps.hasClientEvent(clientEventId, serial);
        const device = (k % 997).toString(16).padStart(16, '0');
        const network = (k % 13).toString(16).padStart(16, '0');
        const signals = addEvidence(countCheck(record.signals, at), { device, network, at, place: null });
        const iso = new Date(at).toISOString();
        runtime.stamps.recordScan(
          { clientEventId, serial, kid: record.kid, verdict: 'authentic', reasons: ['signature_valid'], deviceHash: device, network, placeCode: null, scannedAt: iso, receivedAt: iso, signedDevice: true, evidence: true },
          signals,
        );
      }
      await runtime.stamps.committed();
    }
    await settle();
    const used = process.cpuUsage(start);
    return { cpuUsPerScan: (used.user + used.system) / scans, scans, group };
  };
  // Served as main.ts serves it (node routes in front of Hono).
  const { server, port } = await startHttpServer(app, { port: 0, hostname: '127.0.0.1' });
  server.on('request', () => requests++);
  console.log(JSON.stringify({ port, urls: batch.stamps.map((s) => s.url), freshUrls: fresh.stamps.map((s) => s.url), devices }));
}
