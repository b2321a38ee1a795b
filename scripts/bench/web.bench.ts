// bench:web — the PWA's budgets (PRODUCT.md §8): gzip sizes of what loads first and of
// the scanner, then Lighthouse (mobile emulation: a mid-range phone on slow 4G) on the
// built app served by the real server, printing the four category scores per page.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Result } from 'lighthouse';
import { startAppServer } from '../lib/app-server';
import { buildWebIfStale, WEB_DIST } from '../lib/web-build';
import { measureWebSizes } from './web-sizes';

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
// `{product}` stands for the real registry's top hit for "gà đồi ba vì".
const PAGES = (process.env.BENCH_WEB_PAGES ?? '/,/directory,/product/{product},/marks,/awards,/about').split(',');
// Lighthouse's own advice: scores move run to run (here mostly Total Blocking Time, which
// follows whatever else the 2 cores are doing), so report the median of several runs and
// print the range beside it.
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

buildWebIfStale();
console.log('\nSizes (gzip -9, as served precompressed)');
for (const s of measureWebSizes(WEB_DIST)) {
  console.log(`  ${s.label.padEnd(56)} ${kb(s.gzip).padStart(9)} gzip  ${kb(s.raw).padStart(9)} raw  (${s.files.length} file${s.files.length === 1 ? '' : 's'})`);
}
console.log('  budget: initial JS ≤ 60 KB gzip without the scanner chunk');

const server = await startAppServer();
const chrome = await chromeLauncher.launch({
  chromePath: CHROME_PATH,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const found = (await (await fetch(`${server.url}/api/products?q=${encodeURIComponent('gà đồi ba vì')}&limit=1`)).json()) as { items: { id: string }[] };
  const productId = found.items[0]?.id;
  if (!productId) throw new Error('the registry has no product for "gà đồi ba vì": is data/ seeded?');
  console.log(`\nLighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version} (mobile emulation, simulated slow 4G, 4× CPU slowdown) on ${server.url}`);
  console.log(`  median of ${RUNS} run${RUNS === 1 ? '' : 's'} per page by performance score (LIGHTHOUSE_RUNS), its metrics, and the range of performance scores`);
  console.log(`  ${'page'.padEnd(34)} ${'perf'.padStart(5)} ${'a11y'.padStart(5)} ${'best'.padStart(5)} ${'seo'.padStart(5)}   FCP      LCP      TBT     CLS     perf range`);
  for (const page of PAGES) {
    const path = page.replace('{product}', encodeURIComponent(productId));
    const runs: Result[] = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(`${server.url}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'] });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      runs.push(result.lhr);
    }
    const perf = (lhr: Result) => Math.round((lhr.categories.performance?.score ?? 0) * 100);
    runs.sort((a, b) => perf(a) - perf(b));
    const { categories, audits } = runs[Math.floor((runs.length - 1) / 2)]!;
    const score = (id: string) => String(Math.round((categories[id]?.score ?? 0) * 100)).padStart(5);
    const metric = (id: string) => (audits[id]?.displayValue ?? '–').padEnd(8);
    const range = `${perf(runs[0]!)}–${perf(runs.at(-1)!)}`;
    console.log(`  ${path.padEnd(34)} ${score('performance')} ${score('accessibility')} ${score('best-practices')} ${score('seo')}   ${metric('first-contentful-paint')} ${metric('largest-contentful-paint')} ${metric('total-blocking-time')} ${(audits['cumulative-layout-shift']?.displayValue ?? '–').padEnd(7)} ${range}`);
    // Accessibility and best practices do not depend on timing: any run losing points is reported.
    for (const id of ['accessibility', 'best-practices'] as const) {
      const failing = [...new Set(runs.flatMap((lhr) => (lhr.categories[id]?.auditRefs ?? []).filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1).map((r) => r.id)))];
      if (failing.length) console.log(`      ${id} losing points on: ${failing.join(', ')}`);
    }
  }
  console.log('  budget: performance ≥ 95, accessibility 100, best practices 100');
} finally {
  chrome.kill();
  await server.stop();
}
