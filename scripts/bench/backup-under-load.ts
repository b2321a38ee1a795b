// npm run bench:backup -- [--mb 300] [--rate 200]
// Does `npm run backup` finish while the server serves and writes, and what does it cost
// the requests meanwhile? Starts the real server (child process, fresh database), grows the
// database to about --mb MB with a ballast table (random bytes, so the copy has that much to
// read and write), then sends verifies at a fixed --rate (each one writes a scan event;
// latency from each request's scheduled time, so a stall is charged in full) and runs the
// backup CLI in the middle. Prints the backup's time and verify p50/p99/max before, during
// and after it, and how many scan events were committed while it ran.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseArgs } from '../lib/args';
import { startAppServer } from '../lib/app-server';

const args = parseArgs(process.argv.slice(2), ['mb', 'rate']);
const targetMb = Number(args.mb ?? 300);
const rate = Number(args.rate ?? 200);
if (!(targetMb > 0) || !(rate > 0)) throw new Error('usage: npm run bench:backup -- [--mb 300] [--rate 200]');

const server = await startAppServer();
try {
  const stamps = server.demoStamps();
  // Ballast from a second connection while the server is idle.
  const ballast = new Database(server.databasePath);
  ballast.pragma('busy_timeout = 5000');
  ballast.exec('CREATE TABLE IF NOT EXISTS bench_ballast (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)');
  const insert = ballast.prepare('INSERT INTO bench_ballast (bytes) VALUES (?)');
  const fill = ballast.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(randomBytes(4000));
  });
  const sizeMb = () => (statSync(server.databasePath).size + (statSync(`${server.databasePath}-wal`, { throwIfNoEntry: false })?.size ?? 0)) / 1024 / 1024;
  const fillStarted = performance.now();
  while (sizeMb() < targetMb) {
    fill(2000);
    ballast.pragma('wal_checkpoint(TRUNCATE)');
  }
  const countScans = ballast.prepare('SELECT COUNT(*) FROM scan_events').pluck();
  console.error(`database grown to ${sizeMb().toFixed(0)} MB in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);
  await new Promise((r) => setTimeout(r, 3000)); // let the ballast's writeback settle

  // Open-loop verify load, recorded as (scheduled time, latency).
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const samples: { due: number; ms: number; ok: boolean }[] = [];
  const url = `${server.url}/api/verify`;
  let running = true;
  const started = performance.now() + 10;
  let sent = 0;
  const inFlight = new Set<Promise<void>>();
  const send = (due: number) => {
    const p = new Promise<void>((resolve) => {
      const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          samples.push({ due, ms: performance.now() - due, ok: res.statusCode === 200 });
          resolve();
        });
      });
      req.on('error', () => {
        samples.push({ due, ms: performance.now() - due, ok: false });
        resolve();
      });
      req.end(JSON.stringify({ payload: stamps[sent % stamps.length]!.url, deviceId: randomUUID().replace(/-/g, '') }));
    });
    inFlight.add(p);
    void p.then(() => inFlight.delete(p));
  };
  const tick = () => {
    const now = performance.now();
    while (running && started + (sent * 1000) / rate <= now) send(started + (sent++ * 1000) / rate);
    if (running) setTimeout(tick, Math.max(0, started + (sent * 1000) / rate - performance.now()));
  };
  setTimeout(tick, 10);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  await sleep(8000); // 3 s warm-up, then 5 s before
  const target = join(server.dir, 'backup.db');
  rmSync(target, { force: true });
  const scansAtStart = Number(countScans.get());
  const backupStart = performance.now();
  const output = await new Promise<string>((resolve, reject) => {
    // As package.json's `npm run backup` runs it: under nice, start-up (TypeScript compile) included.
    const child = spawn('nice', ['-n', '10', process.execPath, '--import', 'tsx', 'scripts/backup.ts', target], { env: { ...process.env, DATABASE_PATH: server.databasePath }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`backup failed (${code}): ${text}`))));
  });
  const backupEnd = performance.now();
  const scansAtEnd = Number(countScans.get());
  await sleep(5000);
  running = false;
  await Promise.all(inFlight);
  agent.destroy();
  ballast.close();

  const window = (from: number, to: number) => {
    const inside = samples.filter((s) => s.due >= from && s.due < to);
    const sorted = inside.map((s) => s.ms).sort((a, b) => a - b);
    const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(1);
    return `${String(inside.length).padStart(6)} ${String(inside.filter((s) => !s.ok).length).padStart(6)} ${at(0.5).padStart(8)} ${at(0.99).padStart(8)} ${(sorted.at(-1) ?? 0).toFixed(1).padStart(8)}`;
  };
  console.log(`\nbackup of a ${sizeMb().toFixed(0)} MB database under ${rate} verifies/s (each writes a scan event):`);
  console.log(`  ${output.split('\n')[0]}`);
  console.log(`  backup wall time ${((backupEnd - backupStart) / 1000).toFixed(2)} s (CLI start-up included); scan events committed meanwhile: ${scansAtEnd - scansAtStart}`);
  console.log('\nverify latency (ms, from scheduled send time)');
  console.log('window              sent  fails      p50      p99      max');
  console.log(`before backup ${window(started + 3000, backupStart)}`);
  console.log(`during backup ${window(backupStart, backupEnd)}`);
  console.log(`after backup  ${window(backupEnd, backupEnd + 5000)}`);
  if (process.env.BENCH_TIMELINE) for (let t0 = started; t0 < backupEnd + 5000; t0 += 1000) console.log(`t=${((t0 - started) / 1000).toFixed(0).padStart(3)}s ${t0 >= backupStart && t0 < backupEnd ? 'B' : ' '} ${window(t0, t0 + 1000)}`);
} finally {
  await server.stop();
}
