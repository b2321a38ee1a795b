// Storage that stays small and off the event loop as the database grows (issue #10):
// migration 0007 converts 0004's scan rows; a retried upload (same clientEventId) counts
// once, recognised by the stamp row for genuine stamps and by the scan row otherwise, across
// a restart too; stamp reads that miss the cache run in worker threads.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { clientKeyOf, createStampRepository } from '../../server/repositories/stamp.repository';
import { createStampReaders, type StampRead } from '../../server/repositories/stamp-reader';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { createTempDb } from '../helpers/temp-db';
import { createTestRuntime } from '../helpers/test-runtime';

const MIGRATIONS = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
const tmp = createTempDb();
let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => {
  t.cleanup();
  tmp.cleanup();
});

const issue = async (count = 1) => {
  const r = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  return t.runtime.issuing.issueBatch({ productId: r.hits[0]!.id, count, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
};
const verify = async (body: Record<string, unknown>) => {
  const res = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as VerifyResult;
};
const scansOf = (serial: string) => {
  t.runtime.stamps.flush();
  return t.runtime.stamps.scanEvents(serial);
};

describe('migration 0007', () => {
  it('converts scan rows: place ids, the scan time as a lag, client keys only where still needed', () => {
    const dir = join(tmp.dir, 'before-0007');
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(MIGRATIONS)) if (f < '0007') copyFileSync(join(MIGRATIONS, f), join(dir, f));
    const db = openDatabase(join(tmp.dir, 'old.db'));
    migrate(db, dir);
    const day = 86_400_000;
    const now = Date.parse('2026-11-25T03:00:00Z');
    const insert = db.prepare('INSERT INTO scans (serial, kid, client_key, verdict, reasons, device, network, place, scanned_at, received_at, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const device = Buffer.from('0011223344556677', 'hex');
    // A genuine scan from 30 days ago, one from today, an unverified one from 30 days ago.
    insert.run('SERIALOLD', 'D1', clientKeyOf('old-genuine'), 0, 1, device, device, 'vn:00004', now - 30 * day - 400, now - 30 * day, 3);
    insert.run('SERIALNEW', 'D1', clientKeyOf('new-genuine'), 1, 3, null, device, 'vn:00001', now - 90_000, now, 0);
    insert.run(null, null, clientKeyOf('old-unverified'), 3, 1 << 17, null, null, 'vn:00004', now - 30 * day, now - 30 * day + 5, 0);
    const before = db.prepare('SELECT id, serial, kid, verdict, reasons, device, network, place, scanned_at, received_at, flags FROM scans ORDER BY id').all();

    expect(migrate(db, MIGRATIONS).applied).toContain('0007-smaller-scans.sql');
    const after = db.prepare('SELECT id, serial, kid, verdict, reasons, device, network, place, scanned_at, received_at, flags FROM scan_log ORDER BY id').all();
    expect(after).toEqual(before);
    expect(db.prepare('SELECT code FROM scan_places ORDER BY id').pluck().all()).toEqual(['vn:00001', 'vn:00004']);
    expect(db.prepare('SELECT scan_lag FROM scans ORDER BY id').pluck().all()).toEqual([400, 90_000, 5]);
    // Old genuine scans need no key any more (retries come within minutes); recent and unverified keep theirs.
    const keys = (db.prepare('SELECT client_key FROM scans ORDER BY id').pluck().all() as (Buffer | null)[]).map((k) => k?.toString('hex') ?? null);
    expect(keys).toEqual([null, clientKeyOf('new-genuine').toString('hex'), clientKeyOf('old-unverified').toString('hex')]);
    expect(db.prepare("SELECT COUNT(*) FROM pragma_table_info('stamps') WHERE name = 'recent_clients'").pluck().get()).toBe(1);
    // A retry of an upload made before the upgrade still counts once.
    const stamps = createStampRepository(db, { backgroundCheckpoints: false });
    expect(stamps.hasClientEvent('new-genuine', 'SERIALNEW')).toBe(true);
    expect(stamps.hasClientEvent('old-unverified', null)).toBe(true);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
    db.close();
  });
});

describe('retried uploads', () => {
  it('a genuine stamp counts a clientEventId once, and still after a restart of the repository', async () => {
    const stamp = (await issue()).stamps[0]!;
    const scannedAt = new Date(Date.parse('2026-11-25T02:59:00Z')).toISOString();
    const first = await verify({ payload: stamp.url, clientEventId: 'retry-0001', scannedAt });
    const again = await verify({ payload: stamp.url, clientEventId: 'retry-0001', scannedAt });
    expect(first.stamp?.checks).toBe(1);
    expect(again.stamp?.checks).toBe(1);
    expect(scansOf(stamp.serial)).toHaveLength(1);
    // Its key is in the stamp row, not the scan row (no global index over genuine scans).
    const row = t.runtime.db.prepare('SELECT client_key FROM scans WHERE serial = ?').pluck().get(stamp.serial);
    expect(row).toBeNull();

    // A second repository over the same file (the server after a restart) knows it from the stamp row.
    const reopened = createStampRepository(openDatabase(t.runtime.db.name), { backgroundCheckpoints: false });
    expect(reopened.hasClientEvent('retry-0001', stamp.serial)).toBe(true);
    expect(reopened.hasClientEvent('retry-0002', stamp.serial)).toBe(false);

    // Seven other scans later a retry is still recognised.
    for (let i = 0; i < 7; i++) await verify({ payload: stamp.url, clientEventId: `other-000${i}` });
    const late = await verify({ payload: stamp.url, clientEventId: 'retry-0001', scannedAt });
    expect(late.stamp?.checks).toBe(8);
    expect(scansOf(stamp.serial)).toHaveLength(8);
  });

  it('an unverified scan keeps its key in its own row and counts once', async () => {
    const stamp = (await issue()).stamps[0]!;
    const forged = stamp.url.slice(0, -3) + (stamp.url.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await verify({ payload: forged, clientEventId: 'forged-0001' })).verdict).toBe('unverified');
    expect((await verify({ payload: forged, clientEventId: 'forged-0001' })).verdict).toBe('unverified');
    const rows = scansOf(stamp.serial);
    expect(rows.map((r) => r.verdict)).toEqual(['unverified']);
    expect(t.runtime.db.prepare('SELECT COUNT(*) FROM scans WHERE client_key = ?').pluck().get(clientKeyOf('forged-0001'))).toBe(1);
  });

  it('records the place as a small id and gives it back as text', async () => {
    const stamp = (await issue()).stamps[0]!;
    await verify({ payload: stamp.url, clientEventId: 'place-0001', place: 'vn:00004' });
    expect(scansOf(stamp.serial).map((e) => e.placeCode)).toEqual(['vn:00004']);
    const id = t.runtime.db.prepare('SELECT place_id FROM scans WHERE serial = ?').pluck().get(stamp.serial);
    expect(t.runtime.db.prepare('SELECT code FROM scan_places WHERE id = ?').pluck().get(id)).toBe('vn:00004');
  });
});

describe('stamp reads in worker threads', () => {
  it('a stamp not in memory is read by a worker, then served from memory', async () => {
    const batch = await issue(3);
    const db = openDatabase(t.runtime.db.name);
    const stamps = createStampRepository(db, { backgroundCheckpoints: false });
    const serial = batch.stamps[0]!.serial;
    // Workers start on the first read that needs one; until they are up, reads stay here.
    expect(stamps.cachedStamp(batch.stamps[2]!.serial)).toBeUndefined();
    await stamps.loadStamp(batch.stamps[2]!.serial);
    const readers = createStampReaders(db, 1);
    expect(readers.read(serial)).toBeNull(); // starting
    let answer: StampRead | null = null;
    for (let i = 0; i < 100 && !answer; i++) {
      await new Promise((r) => setTimeout(r, 50));
      const p = readers.read(serial);
      if (p) answer = await p;
    }
    expect(answer?.stamp?.serial).toBe(serial);
    expect(answer?.batch?.id).toBe(batch.batchId);
    expect(await readers.read('NOSUCHSERIAL00000')).toEqual({ stamp: null, batch: null });

    // Through the repository: the worker's row, with the batch primed, equals a direct read.
    for (let i = 0; i < 100 && stamps.cachedStamp(serial) === undefined; i++) {
      await stamps.loadStamp(serial);
      if (stamps.cachedStamp(serial) === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    const direct = createStampRepository(openDatabase(t.runtime.db.name), { backgroundCheckpoints: false }).stamp(serial);
    expect(stamps.cachedStamp(serial)).toEqual(direct);
    expect(await stamps.loadStamp('NOSUCHSERIAL00000')).toBeNull();
    db.close();
  });

  it('a change made while a worker reads is not lost to the worker\'s older row', async () => {
    const batch = await issue(2);
    const db = openDatabase(t.runtime.db.name);
    const stamps = createStampRepository(db, { backgroundCheckpoints: false });
    await stamps.startReaders();
    const serial = batch.stamps[1]!.serial;
    expect(stamps.cachedStamp(serial)).toBeUndefined();
    const loading = stamps.loadStamp(serial);
    stamps.recordPinFailure(serial, Date.parse('2026-11-25T03:00:00Z'));
    expect((await loading)?.pinFailures).toBe(1);
    expect(stamps.stamp(serial)?.pinFailures).toBe(1);
    db.close();
  });

  it('keeps the event loop turning while many reads are in flight', async () => {
    const batch = await issue(500);
    const db = openDatabase(t.runtime.db.name);
    const stamps = createStampRepository(db, { backgroundCheckpoints: false });
    await stamps.startReaders();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const records = await Promise.all(batch.stamps.slice(1).map((s) => stamps.loadStamp(s.serial)));
    clearInterval(timer);
    expect(records.every((r, i) => r?.serial === batch.stamps[i + 1]!.serial)).toBe(true);
    expect(ticks).toBeGreaterThan(0);
    db.close();
  });
});
