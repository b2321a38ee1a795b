// npm run proof — the verdict and the server against the people they exist to beat (issue
// #9 item 10): the real server on a real database, attacked from loopback, one table out.
// Fuzzing, kill -9 in a burst of scans and during import and issuing, each poisoning
// scenario of the issue's table, a one-stamp flood from many networks, body and rate
// limits, and a soak. Exits 1 when any row fails its target.
import { execFileSync, spawn } from 'node:child_process';
import { request } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort, startServer, type ServerProcess } from './server-process';
import { fuzzServer, type FuzzCounts } from './fuzz';

const SOAK_S = Number(process.env.PROOF_SOAK_SECONDS ?? 60);
const startedAt = Date.now();
const FLOOD = Number(process.env.PROOF_FLOOD ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-proof-'));
const port = await freePort();
// The CLIs get the same PUBLIC_URL as the server, so the stamps they issue are its own.
const env = { DATABASE_PATH: join(dir, 'proof.db'), ISSUER_KEY_DIR: join(dir, 'keys'), TRUST_PROXY: '1', PUBLIC_URL: `http://localhost:${port}` };
const rows: { what: string; result: string; target: string; ok: boolean }[] = [];
const row = (what: string, result: string, target: string, ok: boolean) => {
  rows.push({ what, result, target, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${result} (target ${target})`);
};
const tsx = (args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const signed = (mb: number) => `${mb < 0 ? '−' : '+'}${Math.abs(mb).toFixed(0)}`;
let ip = 0;
/** A fresh address on a fresh /24 each call: a botnet, or many shoppers. */
const anyNetwork = () => `10.${(++ip >> 8) & 255}.${ip & 255}.${1 + (ip % 200)}`;
const post = (server: ServerProcess, path: string, body: unknown, from = '198.51.100.1', headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const verify = async (server: ServerProcess, body: Record<string, unknown>, from?: string) => {
  const res = await post(server, '/api/verify', body, from);
  return { status: res.status, body: (await res.json()) as { verdict?: string; reasons?: { code: string }[]; deviceToken?: string } };
};
/**
 * Declare a body of `bytes` and send none of it: a server that refuses by the declared length
 * answers at once; one that reads the body first never answers (→ -1 after 5 s).
 */
const postHuge = (server: ServerProcess, path: string, bytes: number) =>
  new Promise<number>((resolve) => {
    const req = request(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(bytes) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? -1);
      req.destroy();
    });
    req.on('error', () => resolve(-1));
    req.flushHeaders();
    setTimeout(() => {
      resolve(-1);
      req.destroy();
    }, 5000);
  });
const token = async (server: ServerProcess, from: string) => ((await (await post(server, '/api/device', {}, from)).json()) as { deviceToken: string }).deviceToken;

console.log(`npm run proof — working in ${dir}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
let server = await startServer(env, port);
const seededVersion = Number(/change log version (\d+)/.exec(server.output())?.[1] ?? -1);
const demoDir = join(dir, 'demo-stamps');
const productId = (JSON.parse(readFileSync(join(demoDir, readdirSync(demoDir).find((f) => f.endsWith('.json'))!), 'utf8')) as { productId: string }).productId;
await server.kill('SIGTERM');
// Stamps with scratch PINs for the scenarios, issued by the CLI as an admin would.
const pinDir = join(dir, 'pin-stamps');
tsx(['scripts/stamps/issue.ts', '--product', productId, '--count', '40', '--pin', '--out', pinDir, '--no-sheets']);
const pinStamps = (JSON.parse(readFileSync(join(pinDir, readdirSync(pinDir).find((f) => f.endsWith('.json'))!), 'utf8')) as { stamps: { url: string; serial: string; pin: string }[] }).stamps;
server = await startServer(env, port);
let next = 0;
const aStamp = () => pinStamps[next++]!;

// 1. Fuzz.
const fuzz: FuzzCounts = await fuzzServer(server.url, pinStamps[39]!.url);
row('fuzz: 10,000 verify payloads and malformed bodies; search, sync, places, reports parameters', `${fuzz.requests} requests, ${fuzz.serverErrors} × 5xx, ${fuzz.networkErrors} connection errors, server ${server.alive() ? 'alive' : 'DEAD'}`, '0 × 5xx, 0 crashes', fuzz.serverErrors === 0 && fuzz.networkErrors === 0 && server.alive());

// 2. Poisoning: each scenario, then the genuine buyer's verdict on another network.
const buyer = async (url: string, extra: Record<string, unknown> = {}) => {
  const from = anyNetwork();
  return verify(server, { payload: url, deviceId: await token(server, from), ...extra }, from);
};
{
  const s = aStamp();
  for (let i = 0; i < 3; i++) await verify(server, { payload: s.url, deviceId: `invented-${i}-abcdefgh` }, anyNetwork());
  const r = await buyer(s.url);
  row('poison: three POSTs with invented deviceIds from three networks', `buyer sees ${r.body.verdict}`, 'authentic', r.body.verdict === 'authentic');
}
{
  const s = aStamp();
  const path = new URL(s.url).pathname;
  for (let i = 0; i < 3; i++) await fetch(`${server.url}${path}`, { headers: { 'x-forwarded-for': anyNetwork() } });
  const r = await buyer(s.url);
  row('poison: three cookieless GET /S/… from three networks (an <img> anywhere)', `buyer sees ${r.body.verdict}`, 'authentic', r.body.verdict === 'authentic');
}
{
  const s = aStamp();
  const from = anyNetwork();
  await verify(server, { payload: s.url, deviceId: await token(server, from), place: 'vn:p68' }, from);
  const r = await buyer(s.url, { place: 'vn:00004' });
  // A far place from one network is one other phone: told, never impossible travel.
  const codes = r.body.reasons?.map((x) => x.code) ?? [];
  row('poison: one POST with a far-away place', `buyer sees ${r.body.verdict} [${codes.join(', ')}]`, 'authentic, no impossible_travel', r.body.verdict === 'authentic' && !codes.includes('impossible_travel'));
}
{
  const s = aStamp();
  const attacker = anyNetwork();
  for (let i = 0; i < 8; i++) await verify(server, { payload: s.url, pin: s.pin === '00000000' ? '11111111' : '00000000' }, attacker);
  const r = await buyer(s.url, { pin: s.pin });
  const codes = r.body.reasons?.map((x) => x.code) ?? [];
  const held = r.status === 200 && r.body.verdict === 'authentic' && (codes.includes('pin_ok') || codes.includes('pin_retry_later')) && !codes.includes('pin_locked');
  row('poison: eight wrong PINs from one network, then the buyer\'s correct PIN', `${r.status} ${r.body.verdict} [${codes.join(', ')}]`, '200 authentic, pin_ok or pin_retry_later, never locked', held);
}
{
  const s = aStamp();
  const sigAt = s.url.lastIndexOf('/') + 10;
  const forged = s.url.slice(0, sigAt) + (s.url[sigAt] === 'A' ? 'B' : 'A') + s.url.slice(sigAt + 1);
  for (let i = 0; i < 5; i++) {
    const from = anyNetwork();
    await verify(server, { payload: forged, deviceId: await token(server, from), place: i % 2 ? 'vn:p68' : 'vn:00004' }, from);
  }
  const r = await buyer(s.url);
  row('poison: forged URLs naming the printed serial from five networks', `buyer sees ${r.body.verdict}`, 'authentic', r.body.verdict === 'authentic');
}
{
  const s = aStamp();
  for (let i = 0; i < 3; i++) {
    const from = anyNetwork();
    await verify(server, { payload: s.url, deviceId: await token(server, from) }, from);
  }
  const r = await buyer(s.url);
  row('control: three real phones on three networks (a cloned stamp)', `buyer sees ${r.body.verdict}`, 'caution', r.body.verdict === 'caution');
}

// 3. Limits.
{
  const before = server.rssMb();
  const status = await postHuge(server, '/api/verify', 100 * 1024 * 1024);
  row('limit: 100 MB JSON body to /api/verify', `HTTP ${status}, RSS ${signed(server.rssMb() - before)} MB`, '413, RSS + ≤ 50 MB', status === 413 && server.rssMb() - before <= 50);
  const statuses = new Map<number, number>();
  const from = '192.0.2.77';
  for (let i = 0; i < 2000; i++) {
    const r = await post(server, '/api/reports', { clientReportId: `proof-report-${i}-abcdef`, note: 'nghi hàng giả' }, from);
    statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
  }
  row('limit: 2,000 reports from one address', [...statuses].map(([s, n]) => `${n} × ${s}`).join(', '), 'most 429', (statuses.get(429) ?? 0) >= 1900);
}

// 4. A one-stamp flood from many networks while /api/health is sampled.
{
  const s = aStamp();
  const autocannon = (await import('autocannon')).default;
  // The same load on other stamps first, as many scans as the flood, so the heap (V8 sizes its
  // generations to the allocation rate and keeps them) is at its working size for this load:
  // what the flood of one stamp adds on top is then its own. Measured: without it, RSS grew
  // +1 to +121 MB from run to run with the same code.
  let w = 0;
  await autocannon({
    url: `${server.url}/api/verify`,
    method: 'POST',
    connections: 50,
    amount: FLOOD,
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': anyNetwork() }, body: JSON.stringify({ payload: pinStamps[20 + (w % 10)]!.url, deviceId: `warm-${w++ % 5000}-abcdefgh`, clientEventId: `warm-${process.pid}-${w}` }) }) }],
  });
  const rssBefore = server.rssMb();
  const health: number[] = [];
  let flooding = true;
  const sampler = (async () => {
    while (flooding) {
      const t0 = performance.now();
      await fetch(`${server.url}/api/health`);
      health.push(performance.now() - t0);
      await sleep(20);
    }
  })();
  let n = 0;
  const result = await autocannon({
    url: `${server.url}/api/verify`,
    method: 'POST',
    connections: 50,
    amount: FLOOD,
    requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': anyNetwork() }, body: JSON.stringify({ payload: s.url, deviceId: `flood-${n++ % 5000}-abcdefgh`, clientEventId: `flood-${process.pid}-${n}` }) }) }],
  });
  flooding = false;
  await sampler;
  health.sort((a, b) => a - b);
  const p99 = health[Math.floor(health.length * 0.99)] ?? 0;
  const right = server.rssMb() - rssBefore;
  // What the flood left behind, once V8 has had a few idle seconds to collect and give back
  // the garbage of 100,000 requests (right after it, RSS still holds that garbage).
  await sleep(10_000);
  const grew = server.rssMb() - rssBefore;
  row(
    `flood (after as many scans of other stamps): ${FLOOD.toLocaleString('en')} scans of one stamp from many networks (${Math.round(result.requests.average)} req/s)`,
    `/api/health p99 ${p99.toFixed(1)} ms over ${health.length} samples, RSS ${signed(right)} MB at its end, ${signed(grew)} MB 10 s later`,
    'p99 ≤ 50 ms, RSS + ≤ 50 MB kept',
    p99 <= 50 && grew <= 50,
  );
  const r = await buyer(s.url);
  row('flood: the next check of that stamp', `HTTP ${r.status}`, '200', r.status === 200);
}

// 5. kill -9 in a burst of scans, three times: every answered scan must be on disk.
{
  let lost = 0;
  let answered = 0;
  for (let round = 0; round < 3; round++) {
    const s = pinStamps[30 + round]!;
    // Each scan carries its own phone time (1 ms apart), by which its stored row is found: a
    // genuine stamp's scan keeps its client id in the stamp row, not in the scan (migration 0007).
    const ok: number[] = [];
    const base = Date.now() - 3_600_000 - round * 600_000;
    let i = 0;
    let running = true;
    const workers = Array.from({ length: 50 }, async () => {
      while (running) {
        const n = ++i;
        const id = `kill-${round}-${process.pid}-${n}`;
        try {
          const r = await post(server, '/api/verify', { payload: s.url, clientEventId: id, scannedAt: new Date(base + n).toISOString() }, anyNetwork());
          if (r.status === 200) {
            await r.arrayBuffer();
            ok.push(base + n);
          }
        } catch {
          // the connection died with the server
        }
      }
    });
    await sleep(800 + round * 300);
    await server.kill('SIGKILL');
    running = false;
    await Promise.all(workers);
    const db = new Database(env.DATABASE_PATH, { readonly: true });
    const has = db.prepare('SELECT 1 FROM scan_log WHERE serial = ? AND scanned_at = ?').pluck();
    lost += ok.filter((at) => has.get(s.serial, at) === undefined).length;
    answered += ok.length;
    db.close();
    server = await startServer(env, port);
  }
  row('kill -9 mid-burst × 3', `${answered} scans answered 200, ${lost} lost`, '0 lost', lost === 0);
}

// 6. kill -9 during an import (into a new database) and during issuing.
{
  const importDb = join(dir, 'import-kill.db');
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'data'], { env: { ...process.env, DATABASE_PATH: importDb }, stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  await sleep(1500); // start-up is ~1 s; the import's one transaction is under way
  child.kill('SIGKILL');
  await exited;
  const db = new Database(importDb, { readonly: true });
  const check = db.pragma('quick_check', { simple: true });
  const version = (db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'change_log'").pluck().get() as number) ? (db.prepare('SELECT COUNT(*) FROM change_log').pluck().get() as number) : 0;
  db.close();
  row('kill -9 during import (1.5 s in)', `quick_check ${check}, ${version} change-log entries (all or nothing)`, 'ok, 0 or all', check === 'ok' && (version === 0 || version === seededVersion));
}
{
  await server.kill('SIGTERM');
  const out = join(dir, 'issue-kill');
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/stamps/issue.ts', '--product', productId, '--count', '200000', '--pin', '--out', out], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const exited = new Promise((r) => child.once('exit', r));
  // Killed as soon as the batch is stored (pending) and its files are being written: the worst moment.
  const watch = new Database(env.DATABASE_PATH, { readonly: true });
  const stored = watch.prepare("SELECT COUNT(*) FROM batches WHERE count = 200000 AND status = 'pending'").pluck();
  for (let waited = 0; waited < 120_000 && !(stored.get() as number); waited += 50) await sleep(50);
  watch.close();
  child.kill('SIGKILL');
  await exited;
  const db = new Database(env.DATABASE_PATH, { readonly: true });
  const check = db.pragma('quick_check', { simple: true });
  const batches = db.prepare('SELECT id, status, count FROM batches WHERE count = 200000').all() as { id: string; status: string; count: number }[];
  db.close();
  const states = batches.map((b) => {
    if (b.status !== 'active') return `${b.status}`;
    const csv = join(out, `${b.id}.csv`);
    const lines = existsSync(csv) ? readFileSync(csv, 'utf8').trim().split('\n').length - 1 : 0;
    return lines === b.count ? 'active, files complete' : `active with ${lines} of ${b.count} CSV rows`;
  });
  const ok = check === 'ok' && states.every((s) => s === 'pending' || s === 'active, files complete');
  row('kill -9 during stamps:issue of 200,000', `quick_check ${check}; batch ${states.join(', ') || 'not created yet'}`, 'ok; files complete or batch pending', ok);
  server = await startServer(env, port);
}

// 7. Soak: a steady mixed load; RSS after a warm-up (caches and the heap reach their working
// size on a freshly started server), half-way and at the end: flat means nothing leaks.
{
  const autocannon = (await import('autocannon')).default;
  let n = 0;
  const urls = pinStamps.map((s) => s.url);
  const soak = (seconds: number) =>
    autocannon({
      url: `${server.url}/api/verify`,
      method: 'POST',
      connections: 20,
      duration: seconds,
      overallRate: 300,
      requests: [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': anyNetwork() }, body: JSON.stringify({ payload: n % 5 === 0 ? `junk ${n}` : urls[n++ % urls.length], clientEventId: `soak-${process.pid}-${n++}` }) }) }],
    });
  await soak(15);
  const start = server.rssMb();
  await soak(SOAK_S / 2);
  const mid = server.rssMb();
  await soak(SOAK_S / 2);
  const end = server.rssMb();
  row(`soak: ${SOAK_S} s at 300 scans/s after a 15 s warm-up`, `RSS ${start.toFixed(0)} → ${mid.toFixed(0)} → ${end.toFixed(0)} MB`, '≤ +50 MB', end - start <= 50);
}

await server.kill('SIGTERM');
rmSync(dir, { recursive: true, force: true });
const failed = rows.filter((r) => !r.ok);
console.log(`\nnpm run proof — ${rows.length} checks in ${((Date.now() - startedAt) / 60_000).toFixed(1)} min, load average now ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`${'check'.padEnd(92)} ${'result'.padEnd(70)} target`);
for (const r of rows) console.log(`${(r.ok ? '  ' : '✗ ') + r.what}`.padEnd(92) + ` ${r.result.padEnd(70)} ${r.target}`);
console.log(`\n${rows.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
