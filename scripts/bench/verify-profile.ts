// npm run bench:verify:profile [-- warm|mixed|forged|cold|echo] — the verify bench's server
// under `node --cpu-prof`, loaded by autocannon for BENCH_SECONDS (default 10), then the
// profile summarised: main-thread self time by function and by file, and the server's whole
// CPU per request (all threads) for comparison with bench:verify.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const kind = process.argv[2] ?? 'warm';
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const dir = join(tmpdir(), `nv-verify-profile-${process.pid}`);
mkdirSync(dir, { recursive: true });

const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...process.execArgv, new URL('./verify-server.ts', import.meta.url).pathname, kind === 'echo' ? 'hello' : 'app'], {
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  env: { ...process.env, BENCH_FIRST_SCANS: kind === 'cold' ? '100000' : '1000' },
});
const info = JSON.parse(await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve))) as { port: number; urls?: string[]; freshUrls?: string[]; devices?: string[] };
const cpu = () => new Promise<{ cpu: NodeJS.CpuUsage; requests: number; hrUs: number }>((resolve) => (child.once('message', resolve), child.send('counters')));

const urls = info.urls ?? [];
const forged = urls.slice(0, 200).map((u) => u.slice(0, -5) + (u.at(-5) === 'A' ? 'B' : 'A') + u.slice(-4));
let n = 0;
const body = (payload: string) => JSON.stringify({ payload, deviceId: info.devices?.[n % (info.devices?.length ?? 1)], clientEventId: `prof-${process.pid}-${++n}` });
const next: Record<string, () => string> = {
  warm: () => body(urls[n % urls.length]!),
  forged: () => body(forged[n % forged.length]!),
  cold: () => body(info.freshUrls![n % info.freshUrls!.length]!),
  mixed: () => {
    const r = n % 10;
    return body(r < 6 ? urls[n % urls.length]! : r < 9 ? forged[n % forged.length]! : urls[0]!);
  },
};
const opts: autocannon.Options =
  kind === 'echo'
    ? { url: `http://127.0.0.1:${info.port}/echo`, method: 'POST', headers: { 'content-type': 'application/json' }, body: body('x') }
    : { url: `http://127.0.0.1:${info.port}/api/verify`, method: 'POST', headers: { 'content-type': 'application/json' }, requests: [{ setupRequest: (req) => ({ ...req, body: next[kind]!() }) }] };
await autocannon({ ...opts, connections: 50, duration: 2 });
const before = await cpu();
const result = await autocannon({ ...opts, connections: 50, duration: seconds });
const after = await cpu();
const us = (c: NodeJS.CpuUsage) => c.user + c.system;
console.log(`${kind}: ${result.requests.average} req/s, non-2xx ${result.non2xx}, CPU ${((us(after.cpu) - us(before.cpu)) / (after.requests - before.requests)).toFixed(0)} µs/req (all threads)`);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
// Only the samples of the measured load (both clocks are the monotonic clock in µs).
const self = new Map<number, number>();
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i] ?? 0;
  if (at >= before.hrUs && at <= after.hrUs) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
for (const node of profile.nodes) {
  const t = self.get(node.id) ?? 0;
  const f = node.callFrame;
  const where = f.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'nm:').replace(/.*wt-verify-cpu\//, '');
  byFn.set(`${f.functionName || '(anon)'} ${where}:${f.lineNumber + 1}:${f.columnNumber}`, (byFn.get(`${f.functionName || '(anon)'} ${where}:${f.lineNumber + 1}:${f.columnNumber}`) ?? 0) + t);
  const area = where.startsWith('nm:') ? where.split('/').slice(0, where.startsWith('nm:@') ? 2 : 1).join('/') : where || f.functionName;
  byFile.set(area, (byFile.get(area) ?? 0) + t);
}
const top = (m: Map<string, number>, k: number) =>
  [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, t]) => `  ${((t / total) * 100).toFixed(1).padStart(5)}%  ${name}`).join('\n');
console.log(`main thread during the measured load (${(total / 1e6).toFixed(1)} s sampled) — self time by area:\n${top(byFile, 25)}\nby function:\n${top(byFn, 40)}`);

// Inclusive time (self and callees) by function, each function counted once per stack.
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const inclusive = new Map<string, number>();
for (const [id, t] of self) {
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const name = `${f.functionName || '(anon)'} ${f.url.replace(/.*node_modules\//, 'nm:').replace(/.*wt-verify-cpu\//, '')}:${f.lineNumber + 1}:${f.columnNumber}`;
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + t);
  }
}
console.log(`inclusive:\n${top(inclusive, 60)}`);
