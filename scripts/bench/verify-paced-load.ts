// Open-loop load for bench:verify's latency rows: requests leave on a fixed schedule
// (rate per second, evenly spaced) over up to `connections` keep-alive sockets, and each
// latency is measured from the request's scheduled time, so a stalled server is charged
// for the requests it delayed (no coordinated omission). autocannon's overallRate is not
// this: it sends each second's quota back to back at the start of the second. The first
// `warmupS` seconds at the same rate are not counted: 50 sockets opening at once and code
// paths cold after an idle spell put 50–500 ms in the first 100 ms, which is the bench
// starting, not the server's steady state.
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface PacedLoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: () => string;
  rate: number;
  durationS: number;
  /** Seconds sent at the same rate before the measured ones (default 1). */
  warmupS?: number;
  connections: number;
}

export interface PacedLoadResult {
  sent: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  failures: number;
  /** This process's own event-loop delay while measuring (ms): a late client is charged to the server. */
  clientLoop: { p99: number; max: number };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Send `rate` requests a second for `durationS` seconds; latencies in milliseconds. */
export async function pacedLoad(opts: PacedLoadOptions): Promise<PacedLoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const warmup = Math.round(opts.rate * (opts.warmupS ?? 1));
  const total = warmup + Math.round(opts.rate * opts.durationS);
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  const start = performance.now() + 10;
  const send = (due: number, counted: boolean) =>
    new Promise<void>((resolve) => {
      const payload = opts.body?.();
      const req = http.request(opts.url, { method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) failures++;
          if (counted) latencies.push(performance.now() - due);
          resolve();
        });
      });
      req.on('error', () => {
        failures++;
        resolve();
      });
      req.end(payload);
    });
  const inFlight: Promise<void>[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / opts.rate <= now) {
        if (sent === warmup) loop.enable();
        inFlight.push(send(start + (sent * 1000) / opts.rate, sent >= warmup));
        sent += 1;
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + (sent * 1000) / opts.rate - performance.now()));
      else resolve();
    };
    setTimeout(tick, 10);
  });
  await Promise.all(inFlight);
  loop.disable();
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  const measured = sent - warmup;
  return { sent: measured, rps: measured / opts.durationS, p50: round(percentile(sorted, 0.5)), p99: round(percentile(sorted, 0.99)), max: round(sorted.at(-1) ?? 0), failures, clientLoop: { p99: round(loop.percentile(99) / 1e6), max: round(loop.max / 1e6) } };
}
