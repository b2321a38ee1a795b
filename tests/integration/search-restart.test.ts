// The embedded index lives in memory: a server started again on the same database builds it
// again from the registry (no cursor left from the last run may skip that), including a
// change the previous process stored but never indexed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { bootstrap, type Runtime } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { fixedClock } from '../../server/repositories/clock';
import { applyImport, planImport } from '../../server/services/import/import.service';
import { TEST_NOW } from '../helpers/test-runtime';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

const today = '2026-11-25';
const firstName = async (runtime: Runtime, q: string) => {
  const result = await runtime.deps.search.search({ q, filters: {}, limit: 1, offset: 0, facets: false, today });
  return runtime.deps.catalogue.productSummaries(result.hits.map((hit) => hit.id), today)[0]?.name;
};

it('rebuilds the in-memory index from the registry at every start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-restart-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = readConfig({ DATABASE_PATH: join(dir, 'app.db'), ISSUER_KEY_DIR: join(dir, 'keys'), PUBLIC_URL: 'https://nguonviet.vn', PORT: '0' });
  const start = () => bootstrap(config, { clock: fixedClock(TEST_NOW), log: () => {} });

  const first = await start();
  expect(await firstName(first, 'ga doi ba vi')).toBe('Gà đồi Ba Vì');
  first.close();

  // A change that reaches the registry but no search before the process stops.
  const registryOnly = await start();
  const text = 'id,name,province,source_url\np-test-xoi-vo,Xôi vò Phú Thượng,Hà Nội,https://example.org/xoi\n';
  applyImport(planImport([{ file: 'products.csv', text }], registryOnly.deps.registry), registryOnly.deps.registry, () => new Date(TEST_NOW));
  registryOnly.close();

  const again = await start();
  cleanups.push(() => again.close());
  expect(again.deps.search.engines()).toEqual({ primary: 'embedded', fallback: null });
  expect(await firstName(again, 'ga doi ba vi')).toBe('Gà đồi Ba Vì');
  expect(await firstName(again, 'xoi vo phu thuong')).toBe('Xôi vò Phú Thượng');
});

it('a running server shows an import made by `npm run import` in another process at its next request, and the CLI says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-live-import-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const databasePath = join(dir, 'app.db');
  const config = readConfig({ DATABASE_PATH: databasePath, ISSUER_KEY_DIR: join(dir, 'keys'), PUBLIC_URL: 'https://nguonviet.vn', PORT: '0' });
  const running = await bootstrap(config, { clock: fixedClock(TEST_NOW), log: () => {} });
  cleanups.push(() => running.close());
  expect(await firstName(running, 'xoi vo phu thuong')).not.toBe('Xôi vò Phú Thượng');

  const file = join(dir, 'products.csv');
  writeFileSync(file, 'id,name,province,source_url\np-test-xoi-vo,Xôi vò Phú Thượng,Hà Nội,https://example.org/xoi\n');
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', file], { env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);

  expect(await firstName(running, 'xoi vo phu thuong')).toBe('Xôi vò Phú Thượng');
  expect(running.deps.catalogue.productDetail('p-test-xoi-vo', today)?.name).toBe('Xôi vò Phú Thượng');
  // Operators were told to restart or reindex for what the server already does by itself.
  expect(cli.stdout).not.toMatch(/next start/);
  expect(cli.stdout).toMatch(/next request/);
});
