// npm run bench:search — latency of the embedded engine (the in-memory index of
// server/domain/search/, also the PWA's offline search) on a SYNTHETIC catalogue of 20,000
// and 200,000 products (see synthetic-catalogue.ts). Budget (docs/DESIGN.md §8): p99 ≤ 6 ms
// per query kind at 20,000 products, about the whole OCOP registry; 200,000 is printed to
// show where Meilisearch should take over. While iterating:
// `npm run bench:search -- --sizes 200000 --kinds facets` (kinds whose name contains any of
// the comma-separated words). `--all-facets` asks every query for facets, as the directory
// screen does.

import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SearchDocument, SearchEngine } from '../../server/domain/search-types';
import { createEmbeddedSearchEngine } from '../../server/repositories/search/embedded-search.engine';
import { buildQueryKinds, type QueryKind } from './bench-queries';
import { generateSyntheticCatalogue } from './synthetic-catalogue';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '20000,200000' },
    kinds: { type: 'string', default: '' },
    'all-facets': { type: 'boolean', default: false },
  },
});
const SIZES = args.sizes.split(',').map(Number).filter((size) => Number.isInteger(size) && size > 0);
const KIND_WORDS = args.kinds.split(',').map((word) => word.trim().toLowerCase()).filter((word) => word !== '');
const QUERIES_PER_KIND = 300;
const TODAY = '2025-11-25';
const TARGET_P99_MS: Record<number, number> = { 20_000: 6 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Heap in use after a full collection (the bench runs with --expose-gc). */
function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

async function benchSize(size: number): Promise<boolean> {
  const heapBefore = heapMb();
  let documents: SearchDocument[] | null = generateSyntheticCatalogue(size);
  const kinds = buildQueryKinds(documents, QUERIES_PER_KIND).filter(
    (kind) => KIND_WORDS.length === 0 || KIND_WORDS.some((word) => kind.name.toLowerCase().includes(word)),
  );
  const changed = { ...(documents[size >> 1] as SearchDocument), name: 'Bánh đa vừng đen Kim Sơn' };
  const engine = createEmbeddedSearchEngine();
  const started = performance.now();
  await engine.rebuild(documents);
  const buildMs = performance.now() - started;
  documents = null;
  const memory = heapMb() - heapBefore;
  // What a registry change costs: the index is rebuilt around the changed documents.
  const applyStarted = performance.now();
  await engine.apply([changed], []);
  const applyMs = performance.now() - applyStarted;
  console.log(
    `\n${size.toLocaleString('en')} products: index built in ${(buildMs / 1000).toFixed(2)} s, one changed product applied in ${(applyMs / 1000).toFixed(2)} s, ` +
      `${memory.toFixed(0)} MB of heap (index and its documents), RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
  );

  // Warm V8 before timing.
  for (const kind of kinds) {
    for (const query of kind.queries.slice(0, 20)) await engine.search({ ...query, facets: query.facets || args['all-facets'], limit: 20, offset: 0, today: TODAY });
  }

  const target = TARGET_P99_MS[size];
  let allMet = true;
  const header = ['p50 ms', 'p95 ms', 'p99 ms', 'cpu p99', 'best3 p99'].map((cell) => cell.padStart(8)).join(' ');
  console.log(`${'kind'.padEnd(36)} ${header} ${'hits>0'.padStart(7)}  ${target ? `target p99 ≤ ${target} ms` : '(no target: past the registry, see README)'}`);
  for (const kind of kinds) {
    const timing = await timeKind(engine, kind);
    const met = target === undefined || timing.p99 <= target;
    allMet &&= met;
    console.log(`${kind.name.padEnd(36)} ${timing.cells} ${target === undefined ? '' : met ? 'ok' : 'OVER'}`);
  }
  console.log(cpuPressure());
  return allMet;
}

/**
 * Wall-clock and this process's CPU time per query (CPU time leaves out waiting for a
 * core), from a first pass over the queries. Two more passes give "best3": each query's
 * fastest of its three runs, the engine's own latency with most of other workloads'
 * preemption left out. The target is judged on the first pass's p99.
 */
async function timeKind(engine: SearchEngine, kind: QueryKind): Promise<{ p99: number; cells: string }> {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const best: number[] = [];
  let found = 0;
  for (let pass = 0; pass < 3; pass += 1) {
    for (const [i, query] of kind.queries.entries()) {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      const result = await engine.search({ ...query, facets: query.facets || args['all-facets'], limit: 20, offset: 0, today: TODAY });
      const cpu = process.cpuUsage(cpuStart);
      const ms = performance.now() - start;
      best[i] = Math.min(best[i] ?? Infinity, ms);
      if (pass > 0) continue;
      times.push(ms);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      if (result.total > 0) found += 1;
    }
  }
  for (const list of [times, cpuTimes, best]) list.sort((a, b) => a - b);
  const p99 = percentile(times, 99);
  const cells = [percentile(times, 50), percentile(times, 95), p99, percentile(cpuTimes, 99), percentile(best, 99)].map((ms) => ms.toFixed(2).padStart(8));
  return { p99, cells: `${cells.join(' ')} ${`${Math.round((100 * found) / times.length)}%`.padStart(7)} ` };
}

/** Linux's CPU pressure: how often runnable tasks waited for a CPU (other workloads skew wall-clock tails). */
function cpuPressure(): string {
  try {
    const some = /some avg10=([\d.]+) avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    const load = loadavg().map((n) => n.toFixed(2)).join(', ');
    return some ? `(load average ${load}; CPU pressure on this machine: ${some[1]}% over 10 s, ${some[2]}% over 60 s)` : `(load average ${load})`;
  } catch {
    return `(load average ${loadavg().map((n) => n.toFixed(2)).join(', ')})`;
  }
}

console.log('SYNTHETIC catalogue: generated product names, producers and places — not registry data.');
console.log(`Embedded engine (in-memory index, server/domain/search/), ${QUERIES_PER_KIND} queries per kind, limit 20.`);
console.log('Wall-clock times; other workloads on this shared machine lengthen the tails (CPU pressure is printed).');
let met = true;
for (const size of SIZES) met = (await benchSize(size)) && met;
console.log(met ? '\nAll p99 targets met.' : '\nSome p99 targets missed (marked OVER).');
