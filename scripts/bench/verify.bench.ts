// npm run bench:verify — the real /api/verify against a bare Hono "hello" route, each in
// its own server process, loaded in the same run over loopback by autocannon (bounded:
// 50 connections, a few seconds each). Payloads mix genuine stamps, forged ones (one
// changed signature character) and one stamp repeated; prints req/s, p50/p99 and ratios.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);

async function startServer(mode: 'app' | 'hello'): Promise<{ child: ChildProcess; info: { port: number; urls?: string[] } }> {
  const child = spawn(process.execPath, [...process.execArgv, new URL('./verify-server.ts', import.meta.url).pathname, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) as { port: number; urls?: string[] } };
}

function forge(url: string): string {
  const i = url.length - 5;
  return url.slice(0, i) + (url[i] === 'A' ? 'B' : 'A') + url.slice(i + 1);
}

async function load(title: string, opts: autocannon.Options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
  const non2xx = result.non2xx;
  return { title, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts, non2xx, total: result.requests.total };
}

const hello = await startServer('hello');
const app = await startServer('app');
const urls = app.info.urls!;
const forged = urls.slice(0, 200).map(forge);
let n = 0;
const body = (payload: string) => JSON.stringify({ payload, deviceId: `bench-device-${n % 997}` });
const mixed = () => {
  n++;
  const r = n % 10;
  // 60% genuine (many stamps, many phones), 30% forged, 10% one stamp repeated.
  const payload = r < 6 ? urls[n % urls.length]! : r < 9 ? forged[n % forged.length]! : urls[0]!;
  return body(payload);
};

const rows = [];
try {
  await load('warm-up', { url: `http://127.0.0.1:${hello.info.port}/hello`, duration: 2 });
  rows.push(await load('bare Hono GET /hello', { url: `http://127.0.0.1:${hello.info.port}/hello` }));
  await load('warm-up', { url: `http://127.0.0.1:${app.info.port}/api/verify`, method: 'POST', headers: { 'content-type': 'application/json' }, body: body(urls[1]!), duration: 2 });
  const verifyOpts = (setup: () => string): autocannon.Options => ({
    url: `http://127.0.0.1:${app.info.port}/api/verify`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: setup() }) }],
  });
  rows.push(await load('POST /api/verify mixed (60% genuine, 30% forged, 10% repeated)', verifyOpts(mixed)));
  rows.push(await load('POST /api/verify genuine only', verifyOpts(() => body(urls[++n % urls.length]!))));
  rows.push(await load('POST /api/verify forged only', verifyOpts(() => body(forged[++n % forged.length]!))));
} finally {
  hello.child.kill();
  app.child.kill();
}

const base = rows[0]!.rps;
console.log(`\nbench:verify — ${CONNECTIONS} connections, ${DURATION_S} s each, loopback, Node ${process.version}, ${(await import('node:os')).cpus().length} cores`);
console.log(`${'route'.padEnd(66)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs hello'.padStart(9)} ${'non-2xx'.padStart(8)}`);
for (const r of rows) {
  console.log(`${r.title.padEnd(66)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${((r.rps / base) * 100).toFixed(0).padStart(8)}% ${String(r.non2xx + r.errors).padStart(8)}`);
}
