// Stamp files (signed URLs, scratch PINs) are readable by their owner only, whatever the umask.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeBatchFiles } from '../../server/repositories/stamp-sheet/write-batch-files';
import { issueDemoStamps } from '../../server/services/stamps/demo-stamps';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'nguon-viet-stamp-files-'));
  dirs.push(d);
  return d;
};
const modeOf = (path: string) => statSync(path).mode & 0o777;

const issue = async (withPin: boolean) => {
  const hit = await t.runtime.deps.search.search({ q: 'Gà đồi Ba Vì', filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  const product = t.runtime.deps.catalogue.productDetail(hit.hits[0]!.id, '2026-11-25')!;
  const batch = await t.runtime.issuing.issueBatch({ productId: product.id, count: 3, withPin, expiresAt: null, issuerId: 'demo-issuer' });
  return { batch, meta: { productName: product.name, producerName: product.producerName } };
};

describe('stamp batch files', () => {
  it('a PIN batch: JSON, CSV, PDF and SVG files are 0600 and the folder it creates is 0700', async () => {
    const { batch, meta } = await issue(true);
    const out = join(tempDir(), 'batches', 'new');
    const files = await writeBatchFiles(batch, meta, out, { pins: true, sheets: true });
    expect(files.map((f) => f.slice(f.lastIndexOf('.')))).toEqual(['.json', '.csv', '.pdf', '.svg']);
    for (const f of files) expect([f, modeOf(f).toString(8)]).toEqual([f, '600']);
    expect(modeOf(out).toString(8)).toBe('700');
    expect(modeOf(join(out, '..')).toString(8)).toBe('700');
  });

  it('a batch without PINs too (its signed URLs are printable stamps); a file already there is made 0600', async () => {
    const { batch, meta } = await issue(false);
    const out = tempDir();
    writeFileSync(join(out, `${batch.batchId}.csv`), 'left over\n', { mode: 0o644 });
    const files = await writeBatchFiles(batch, meta, out, { pins: false, sheets: false });
    expect(files).toHaveLength(2);
    for (const f of files) expect([f, modeOf(f).toString(8)]).toEqual([f, '600']);
  });

  it('the first-run DEMO stamps (with PINs) are written the same way', async () => {
    const out = join(tempDir(), 'demo-stamps');
    const demo = await issueDemoStamps(t.runtime, out);
    expect(demo).not.toBeNull();
    expect(readdirSync(out).length).toBeGreaterThanOrEqual(4);
    for (const f of readdirSync(out)) expect([f, modeOf(join(out, f)).toString(8)]).toEqual([f, '600']);
    expect(modeOf(out).toString(8)).toBe('700');
  });
});
