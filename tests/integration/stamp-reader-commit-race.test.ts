// A stamp read by a worker thread while this connection commits that stamp's scans: the
// worker's row predates the commit, and once the commit is done the main thread no longer
// keeps the scan's change apart, so the worker's row must not become the cached stamp.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection';
import { createStampRepository, type NewScanEvent } from '../../server/repositories/stamp.repository';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

const issue = async (count: number) => {
  const r = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  return t.runtime.issuing.issueBatch({ productId: r.hits[0]!.id, count, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
};

describe('stamp reads in worker threads, against this connection\'s commits', () => {
  it('a scan committed while a worker reads its stamp keeps its count', async () => {
    const batch = await issue(1);
    const serial = batch.stamps[0]!.serial;
    const db = openDatabase(t.runtime.db.name);
    const stamps = createStampRepository(db, { backgroundCheckpoints: false });
    await stamps.startReaders();
    const before = stamps.stamp(serial)!;
    expect(before.signals.checks).toBe(0);
    const now = Date.now();
    const event: NewScanEvent = { clientEventId: 'race-0001', serial, kid: before.kid, verdict: 'authentic', reasons: ['signature_valid'], deviceHash: null, network: null, placeCode: null, scannedAt: new Date(now).toISOString(), receivedAt: new Date(now).toISOString() };
    expect(stamps.recordScan(event, { ...before.signals, checks: 1, firstAt: now, lastAt: now })).toBe(true);
    // Issuing more stamps clears the stamp cache (as another process's commit or eviction does).
    stamps.insertStamps([{ serial: 'RACESERIAL000001', batchId: batch.batchId, kid: before.kid, pinHash: null }]);
    const loading = stamps.loadStamp(serial);
    // The worker reads the committed row (no scan yet); the scan commits before its answer is handled.
    const until = Date.now() + 300;
    while (Date.now() < until) {
      /* hold the main thread while the worker reads */
    }
    stamps.flush();
    expect((await loading)?.signals.checks).toBe(1);
    expect(stamps.stamp(serial)?.signals.checks).toBe(1);
    db.close();
  });
});

describe('two checks of a stamp that is being read by a worker', () => {
  it('all count: a later one does not start from the row an earlier one changed', async () => {
    const batch = await issue(1);
    const serial = batch.stamps[0]!.serial;
    await t.runtime.stamps.startReaders();
    expect(t.runtime.stamps.cachedStamp(serial)).toBeUndefined();
    const verify = (ip: string) =>
      t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body: JSON.stringify({ payload: batch.stamps[0]!.url }) });
    const answers = await Promise.all(['198.51.100.1', '203.0.113.1', '192.0.2.1', '198.51.100.200'].map(verify));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    t.runtime.stamps.flush();
    expect(t.runtime.stamps.scanEvents(serial)).toHaveLength(4);
    expect(t.runtime.stamps.stamp(serial)?.signals.checks).toBe(4);
  });
});

describe('a batch activated while a worker reads one of its stamps', () => {
  it('is not cached as still pending from the worker\'s row', async () => {
    const issued = await issue(1);
    const db = openDatabase(t.runtime.db.name);
    const stamps = createStampRepository(db, { backgroundCheckpoints: false });
    await stamps.startReaders();
    const model = stamps.batch(issued.batchId)!;
    const id = 'RACEBATCHPENDING1';
    stamps.insertBatch({ ...model, id, count: 1, status: 'pending', createdAt: new Date().toISOString() });
    stamps.insertStamps([{ serial: 'RACESERIAL000002', batchId: id, kid: model.kid, pinHash: null }]);
    const loading = stamps.loadStamp('RACESERIAL000002');
    const until = Date.now() + 300;
    while (Date.now() < until) {
      /* hold the main thread while the worker reads the pending batch */
    }
    expect(stamps.activateBatch(id)).toBe(true);
    expect((await loading)?.batchId).toBe(id);
    expect(stamps.batch(id)?.status).toBe('active');
    db.close();
  });
});
