// npm run bench:verify — the real /api/verify against a bare Hono "hello" route, each in
// its own server process, loaded in the same run over loopback by autocannon (in this
// process, so it never shares an event loop with a server): 50 connections, the same
// duration for every row, a warm-up before each server. Prints req/s, p50/p99, the ratio to
// hello (measured first and last; the ratio uses their mean), and server CPU per request,
// which moves much less than req/s when other work shares the machine. Then latency at a
// fixed offered rate (open loop, evenly paced), both servers at the same rate.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { pacedLoad } from './verify-paced-load';

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const FIXED_RATE = Number(process.env.BENCH_FIXED_RATE ?? 1000);

interface ServerInfo {
  port: number;
  urls?: string[];
  freshUrls?: string[];
  devices?: string[];
}
interface Server {
  child: ChildProcess;
  info: ServerInfo;
}

async function startServer(mode: 'app' | 'hello'): Promise<Server> {
  const child = spawn(process.execPath, [...process.execArgv, new URL('./verify-server.ts', import.meta.url).pathname, mode], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout!, crlfDelay: Infinity }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) as ServerInfo };
}

interface Counters {
  cpuUs: number;
  requests: number;
  /** Event-loop delay and GC pauses since the previous call, in ms. */
  loop: { p99: number; max: number };
  gc: { count: number; totalMs: number; maxMs: number };
}

/** The server's CPU time (all its threads) and requests served so far, and its stalls since the last call. */
function serverCounters(server: Server): Promise<Counters> {
  return new Promise((resolve) => {
    server.child.once('message', (m: Omit<Counters, 'cpuUs'> & { cpu: NodeJS.CpuUsage }) => resolve({ ...m, cpuUs: m.cpu.user + m.cpu.system }));
    server.child.send('counters');
  });
}

/** The app server's CPU per scan recorded through its stamp repository alone (see verify-server.ts). */
function writeFloor(server: Server): Promise<{ cpuUsPerScan: number; scans: number; group: number }> {
  return new Promise((resolve) => {
    server.child.once('message', (m: { floor: { cpuUsPerScan: number; scans: number; group: number } }) => resolve(m.floor));
    server.child.send('write-floor');
  });
}

function forge(url: string): string {
  const i = url.length - 5;
  return url.slice(0, i) + (url[i] === 'A' ? 'B' : 'A') + url.slice(i + 1);
}

interface Row {
  title: string;
  rps: number;
  p50: number;
  p99: number;
  cpuUsPerReq: number;
  stalls?: string;
  clientStalls?: string;
  failures: number;
  total: number;
  note?: string;
}

async function measure(title: string, server: Server, run: () => Promise<Omit<Row, 'title' | 'cpuUsPerReq'>>): Promise<Row> {
  const before = await serverCounters(server);
  const result = await run();
  const after = await serverCounters(server);
  const stalls = `loop delay p99 ${after.loop.p99.toFixed(1)} max ${after.loop.max.toFixed(1)} ms; GC ${after.gc.count}× max ${after.gc.maxMs.toFixed(1)} ms`;
  return { title, ...result, stalls, cpuUsPerReq: (after.cpuUs - before.cpuUs) / Math.max(1, after.requests - before.requests) };
}

/** Closed loop: 50 connections, each sending its next request when the answer arrives. */
const load = (title: string, server: Server, opts: autocannon.Options) =>
  measure(title, server, async () => {
    const result = await autocannon({ connections: CONNECTIONS, duration: DURATION_S, ...opts });
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failures: result.non2xx + result.errors + result.timeouts, total: result.requests.total };
  });

/** Open loop at FIXED_RATE req/s over up to 50 connections; latency from the scheduled send time. */
const paced = (title: string, server: Server, opts: autocannon.Options, next?: () => string) =>
  measure(title, server, async () => {
    const r = await pacedLoad({ url: String(opts.url), method: opts.method as 'GET' | 'POST' | undefined, headers: opts.headers as Record<string, string> | undefined, body: next, rate: FIXED_RATE, durationS: DURATION_S, connections: CONNECTIONS });
    return { rps: r.rps, p50: r.p50, p99: r.p99, failures: r.failures, total: r.sent, clientStalls: `bench's own loop p99 ${r.clientLoop.p99.toFixed(1)} max ${r.clientLoop.max.toFixed(1)} ms` };
  });

const loadBefore = loadavg();
const hello = await startServer('hello');
const app = await startServer('app');
const urls = app.info.urls!;
const freshUrls = app.info.freshUrls!;
const forged = urls.slice(0, 200).map(forge);
let n = 0;
const devices = app.info.devices!;
// Every scan carries a new clientEventId, as the PWA's do, so each one is written.
let events = 0;
const body = (payload: string) => JSON.stringify({ payload, deviceId: devices[n % devices.length], clientEventId: `bench-${process.pid}-${++events}` });
const helloOpts: autocannon.Options = { url: `http://127.0.0.1:${hello.info.port}/hello` };
const echoOpts: autocannon.Options = { url: `http://127.0.0.1:${hello.info.port}/echo`, method: 'POST', headers: { 'content-type': 'application/json' }, body: body(urls[0]!) };
const verifyOpts = (next: () => string, extra: Partial<autocannon.Options> = {}): autocannon.Options => ({
  url: `http://127.0.0.1:${app.info.port}/api/verify`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  requests: [{ setupRequest: (req) => ({ ...req, body: next() }) }],
  ...extra,
});
const mixed = () => {
  n++;
  const r = n % 10;
  return body(r < 6 ? urls[n % urls.length]! : r < 9 ? forged[n % forged.length]! : urls[0]!);
};
let fresh = 0;
let floor: Awaited<ReturnType<typeof writeFloor>> | null = null;

const rows: Row[] = [];
try {
  await load('warm-up', hello, { ...helloOpts, duration: 2 });
  await load('warm-up', app, verifyOpts(() => body(urls[++n % urls.length]!), { duration: 2 }));
  rows.push(await load('bare Hono GET /hello (first)', hello, helloOpts));
  rows.push(await load('bare Hono POST /echo: JSON in, 2 KB JSON out', hello, echoOpts));
  rows.push(await load('verify mixed: 60% genuine, 30% forged, 10% one stamp', app, verifyOpts(mixed)));
  rows.push(await load('verify genuine, 1,000 stamps re-scanned (warm)', app, verifyOpts(() => body(urls[++n % urls.length]!))));
  const firstScans = await load('verify genuine, first scan of each stamp (cold)', app, verifyOpts(() => body(freshUrls[fresh++ % freshUrls.length]!)));
  if (fresh > freshUrls.length) firstScans.note = `only ${freshUrls.length} of ${fresh} were first scans`;
  rows.push(firstScans);
  rows.push(await load('verify forged (200 forged URLs of real serials)', app, verifyOpts(() => body(forged[++n % forged.length]!))));
  rows.push(await load('verify one stamp repeated, many phones', app, verifyOpts(() => body(urls[0]!))));
  floor = await writeFloor(app);
  rows.push(await load('bare Hono GET /hello (last)', hello, helloOpts));
  rows.push(await paced(`bare Hono GET /hello, paced at ${FIXED_RATE} req/s`, hello, helloOpts));
  rows.push(await paced(`verify mixed, paced at ${FIXED_RATE} req/s`, app, verifyOpts(mixed), mixed));
} finally {
  hello.child.kill();
  app.child.kill();
}

const helloRows = rows.filter((r) => r.title.startsWith('bare Hono GET /hello (')).map((r) => r.rps);
const base = helloRows.reduce((a, b) => a + b, 0) / helloRows.length;
const fmt = (x: number, d = 0) => x.toFixed(d);
console.log(`\nbench:verify — ${CONNECTIONS} connections, ${DURATION_S} s per row, loopback, Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`);
console.log(`load average before ${loadBefore.map((x) => fmt(x, 2)).join(' ')}, after ${loadavg().map((x) => fmt(x, 2)).join(' ')}; autocannon runs in this process, each server in its own`);
console.log(`${'route'.padEnd(56)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'vs hello'.padStart(9)} ${'CPU µs/req'.padStart(11)} ${'failed'.padStart(7)}`);
for (const r of rows) {
  const ratio = r.title.includes('paced') ? '' : `${fmt((r.rps / base) * 100)}%`;
  console.log(
    `${r.title.padEnd(56)} ${fmt(r.rps).padStart(7)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${ratio.padStart(9)} ${fmt(r.cpuUsPerReq).padStart(11)} ${String(r.failures).padStart(7)}${r.note ? `  (${r.note})` : ''}`,
  );
}
console.log('\nserver event loop during each row:');
for (const r of rows) console.log(`  ${r.title.padEnd(56)} ${r.stalls}${r.clientStalls ? `; ${r.clientStalls}` : ''}`);
console.log(`"vs hello" is against the mean of the two hello rows (${fmt(base)} req/s). CPU µs/req counts all of a server's threads.`);
console.log('The POST /echo row is the most any POST route with a JSON body can reach here: the ceiling for verify.');
const row = (prefix: string) => rows.find((r) => r.title.startsWith(prefix))!;
const echo = row('bare Hono POST /echo');
const check = (label: string, value: number, limit: number) => console.log(`  ${label.padEnd(58)} ${fmt(value, 2).padStart(6)} (target ≤ ${limit}) ${value <= limit ? 'met' : 'NOT MET'}`);
console.log('\nissue #9 item 9 (every verify row commits its scans before answering):');
check('verify mixed CPU per request ÷ POST /echo', row('verify mixed:').cpuUsPerReq / echo.cpuUsPerReq, 3);
check('verify warm CPU per request ÷ POST /echo', row('verify genuine, 1,000 stamps').cpuUsPerReq / echo.cpuUsPerReq, 2);
check(`verify p99 ÷ hello p99, both paced at ${FIXED_RATE} req/s`, row('verify mixed, paced').p99 / Math.max(0.001, row('bare Hono GET /hello, paced').p99), 3);
if (floor) {
  console.log(
    `\nstorage floor: recording a warm scan through the stamp repository alone (client-id check, scan row, stamp row, commit in groups of ${floor.group}; no HTTP, no verdict), ${floor.scans} scans: ` +
      `${fmt(floor.cpuUsPerScan)} µs CPU per scan = ${fmt(floor.cpuUsPerScan / echo.cpuUsPerReq, 2)}× POST /echo; verify warm less this floor = ${fmt(row('verify genuine, 1,000 stamps').cpuUsPerReq - floor.cpuUsPerScan)} µs = ${fmt((row('verify genuine, 1,000 stamps').cpuUsPerReq - floor.cpuUsPerScan) / echo.cpuUsPerReq, 2)}× echo`,
  );
}
console.log('Closed-loop rows run at saturation, where latency is queueing: with 50 connections, mean latency = 50 / req/s.');
