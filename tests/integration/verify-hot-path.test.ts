// The verify hot path's caches and write-behind must not change what is answered or
// recorded: a cached genuine signature never vouches for another one, revocations made by
// another process apply at once, every check is recorded, back-dated scans are counted.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStampRepository } from '../../server/repositories/stamp.repository';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { createTestRuntime, TEST_NOW } from '../helpers/test-runtime';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

const issue = async (count = 1) => {
  const r = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  return t.runtime.issuing.issueBatch({ productId: r.hits[0]!.id, count, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
};
const verify = async (body: Record<string, unknown>) => {
  const res = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { res, body: (await res.json()) as VerifyResult };
};
const forge = (url: string, at: number) => url.slice(0, at) + (url[at] === 'A' ? 'B' : 'A') + url.slice(at + 1);
const storedEvents = (serial: string) => {
  t.runtime.stamps.flush();
  return t.runtime.stamps.scanEvents(serial).map((e) => ({ verdict: e.verdict, reasons: JSON.stringify(e.reasons) }));
};

describe('verify hot path', () => {
  it('a cached genuine signature never vouches for a different signature of the same serial', async () => {
    const batch = await issue();
    const url = batch.stamps[0]!.url;
    const sigAt = url.lastIndexOf('/') + 1;
    expect((await verify({ payload: url })).body.verdict).toBe('authentic');
    expect((await verify({ payload: url })).body.verdict).toBe('authentic');
    for (const at of [sigAt, sigAt + 50, url.length - 5]) {
      const forged = await verify({ payload: forge(url, at) });
      expect(forged.body.verdict).toBe('unverified');
      expect(forged.body.reasons.map((r) => r.code)).toEqual(['not_genuine']);
    }
    // The same text in another accepted spelling is still the same genuine stamp.
    expect((await verify({ payload: ` ${url.toLowerCase()} ` })).body.verdict).toBe('authentic');
    expect(storedEvents(batch.stamps[0]!.serial).map((e) => JSON.parse(e.reasons)[0])).toEqual([
      'signature_valid',
      'signature_valid',
      'bad_signature',
      'bad_signature',
      'bad_signature',
      'signature_valid',
    ]);
  });

  it('answers JSON that is not cached by browsers or proxies', async () => {
    const batch = await issue();
    const { res } = await verify({ payload: batch.stamps[0]!.url });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('applies a revocation made by another process (connection) to cached stamps at once', async () => {
    const batch = await issue(2);
    const [a, b] = batch.stamps;
    expect((await verify({ payload: a!.url })).body.verdict).toBe('authentic');
    expect((await verify({ payload: b!.url })).body.verdict).toBe('authentic');
    const other = new Database(t.runtime.deps.config.databasePath);
    try {
      createStampRepository(other, { backgroundCheckpoints: false }).revokeStamp(a!.serial, TEST_NOW, 'tem bị mất');
      const revoked = await verify({ payload: a!.url });
      expect(revoked.body.verdict).toBe('revoked');
      expect(revoked.body.reasons[0]).toMatchObject({ code: 'stamp_revoked', reason: 'tem bị mất' });
      expect((await verify({ payload: b!.url })).body.verdict).toBe('authentic');
      createStampRepository(other, { backgroundCheckpoints: false }).revokeBatch(batch.batchId, TEST_NOW, 'cuộn tem bị mất cắp');
      expect((await verify({ payload: b!.url })).body.reasons.map((r) => r.code)).toEqual(['batch_revoked', 'scanned_after_revocation']);
    } finally {
      other.close();
    }
  });

  it('records every check, and a retried upload only once', async () => {
    const batch = await issue();
    const { url, serial } = batch.stamps[0]!;
    for (let i = 0; i < 5; i++) await verify({ payload: url, deviceId: `phone-000${i}` });
    await verify({ payload: url, deviceId: 'phone-retry', clientEventId: 'evt-retry-0001' });
    const retry = await verify({ payload: url, deviceId: 'phone-retry', clientEventId: 'evt-retry-0001' });
    // The retry is judged as the first upload was: five earlier checks, itself not counted twice.
    expect(retry.body.stamp?.checks).toBe(6);
    expect(storedEvents(serial)).toHaveLength(6);
  });
});
