// The upload queue, the phone's history and the device id, against the real app: queued
// scans survive closing the store, upload once however often they are flushed, and each
// outcome (sent, refused, offline, server error) lands where the UI can show it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../server/domain/verify-result';
import { createApiClient } from '../../web/api/client';
import {
  addHistory,
  clearHistory,
  enqueueScan,
  flushOutbox,
  getDeviceId,
  listHistory,
  openOfflineStore,
  pendingCount,
  submitReport,
  syncRegistry,
  updateHistory,
  uploadFailures,
  verifyOffline,
  type HistoryEntry,
  type OfflineStore,
} from '../../web/offline';
import { startTestServer, type TestServer } from './fixtures/offline-server';
import { freshStore } from './fixtures/offline-stores';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';

let t: TestServer;
let stamps: { serial: string; url: string }[];
beforeAll(async () => {
  t = await startTestServer();
  const hit = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  stamps = (await t.runtime.issuing.issueBatch({ productId: hit.hits[0]!.id, count: 6, withPin: false, expiresAt: null, issuerId: 'demo-issuer' })).stamps;
});
afterAll(() => t.cleanup());

// Five minutes before the server's fixed clock (a queued scan keeps its own time).
const scannedAt = '2026-11-25T02:55:00.000Z';
const eventsOf = (serial: string) => {
  t.runtime.stamps.flush();
  return t.runtime.stamps.scanEvents(serial);
};
/** A client whose every request fails the way a phone without signal fails. */
const unreachable = createApiClient('http://localhost', { fetch: (async () => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch });
/** A client whose server answers 503 to everything. */
const failing = createApiClient('http://localhost', { fetch: (async () => new Response('{"error":{"code":"unavailable"}}', { status: 503 })) as typeof fetch });

async function scanOffline(store: OfflineStore, payload: string): Promise<string> {
  const result = await verifyOffline(store, payload, new Date(scannedAt));
  const id = await enqueueScan(store, { payload, scannedAt });
  await addHistory(store, { id, payload, scannedAt, verdict: result.verdict, productName: null, result, online: false });
  return id;
}

describe('outbox', () => {
  it('queued scans survive closing and reopening the store, upload once, and update the history', async () => {
    const name = `outbox-reopen-${Math.random().toString(36).slice(2)}`;
    let store = await openOfflineStore(name);
    await syncRegistry(store, t.api);
    const first = await scanOffline(store, stamps[0]!.url);
    const second = await scanOffline(store, stamps[1]!.url);
    expect((await listHistory(store)).map((e) => e.verdict)).toEqual(['authentic_offline', 'authentic_offline']);
    store.close();

    store = await openOfflineStore(name);
    expect(await pendingCount(store)).toBe(2);
    const outcome = await flushOutbox(store, t.api);
    expect(outcome).toMatchObject({ sent: 2, failed: 0, remaining: 0 });
    expect(outcome.results.map((r) => r.clientEventId).sort()).toEqual([first, second].sort());
    expect(outcome.results.every((r) => r.result.verdict === 'authentic')).toBe(true);
    const history = await listHistory(store);
    expect(history.map((e) => [e.verdict, e.online, e.productName])).toEqual([
      ['authentic', true, DEMO_PRODUCT_QUERY],
      ['authentic', true, DEMO_PRODUCT_QUERY],
    ]);
    expect(history[0]!.result.product?.name).toBe(DEMO_PRODUCT_QUERY);

    // Flushing again sends nothing: the server holds one scan event per stamp.
    expect(await flushOutbox(store, t.api)).toMatchObject({ sent: 0, failed: 0, remaining: 0 });
    expect(eventsOf(stamps[0]!.serial)).toHaveLength(1);
    expect(eventsOf(stamps[0]!.serial)[0]).toMatchObject({ scannedAt: new Date(scannedAt).toISOString() });
    expect(t.runtime.stamps.hasClientEvent(first, stamps[0]!.serial)).toBe(true);
    expect(eventsOf(stamps[1]!.serial)).toHaveLength(1);
    store.close();
  });

  it('two flushes at once upload each scan once', async () => {
    const store = await freshStore();
    await enqueueScan(store, { payload: stamps[2]!.url, scannedAt });
    const [a, b] = await Promise.all([flushOutbox(store, t.api), flushOutbox(store, t.api)]);
    expect(a).toBe(b);
    expect(a.sent).toBe(1);
    expect(eventsOf(stamps[2]!.serial)).toHaveLength(1);
    store.close();
  });

  it('an upload repeated after a lost answer is recorded once by the server', async () => {
    const store = await freshStore();
    const id = await enqueueScan(store, { payload: stamps[3]!.url, scannedAt });
    // The request reaches the server but the phone never hears back.
    const lostAnswer = createApiClient('http://localhost', {
      fetch: (async (_input: RequestInfo | URL, init?: RequestInit) => {
        await t.api.api.verify.$post({ json: JSON.parse(String(init?.body)) as { payload: string } });
        throw new TypeError('connection reset');
      }) as typeof fetch,
    });
    expect(await flushOutbox(store, lostAnswer)).toMatchObject({ sent: 0, failed: 1, remaining: 1 });
    expect(await flushOutbox(store, t.api)).toMatchObject({ sent: 1, remaining: 0 });
    expect(eventsOf(stamps[3]!.serial)).toHaveLength(1);
    // A genuine stamp's row keeps the ids of its latest scans (migration 0007).
    expect(t.runtime.stamps.hasClientEvent(id, stamps[3]!.serial)).toBe(true);
    store.close();
  });

  it('offline: everything stays queued, the flush stops at the first failure, nothing counts toward giving up', async () => {
    const store = await freshStore();
    await enqueueScan(store, { payload: 'offline one', scannedAt });
    await enqueueScan(store, { payload: 'offline two', scannedAt });
    expect(await flushOutbox(store, unreachable)).toEqual({ sent: 0, failed: 1, remaining: 2, results: [] });
    const { OUTBOX } = await import('../../web/offline/schema');
    const { request, transact } = await import('../../web/offline/idb');
    const items = await transact(store.db, [OUTBOX], 'readonly', (tx) => request(tx.objectStore(OUTBOX).getAll()));
    expect(items.map((i) => [i.attempts, i.lastError])).toEqual(expect.arrayContaining([[0, 'Failed to fetch']]));
    store.close();
  });

  it('server errors keep the item with its attempt count; then it is sent', async () => {
    const store = await freshStore();
    await enqueueScan(store, { payload: stamps[4]!.url, scannedAt });
    expect(await flushOutbox(store, failing)).toMatchObject({ sent: 0, failed: 1, remaining: 1 });
    expect(await flushOutbox(store, failing)).toMatchObject({ remaining: 1 });
    expect(await flushOutbox(store, t.api)).toMatchObject({ sent: 1, remaining: 0 });
    store.close();
  });

  it('a refused upload (4xx) leaves the queue and is kept with the reason', async () => {
    const store = await freshStore();
    const id = await enqueueScan(store, { payload: 'x'.repeat(5000), scannedAt });
    expect(await flushOutbox(store, t.api)).toMatchObject({ sent: 0, failed: 1, remaining: 0 });
    expect(await uploadFailures(store)).toEqual([
      expect.objectContaining({ clientEventId: id, kind: 'scan', status: 400, code: 'invalid_request', message_vi: expect.any(String) }),
    ]);
    store.close();
  });

  it('a place the server does not accept is dropped rather than losing the scan', async () => {
    const store = await freshStore();
    const id = await enqueueScan(store, { payload: stamps[5]!.url, scannedAt, place: 'hn2024:00001' });
    expect(await flushOutbox(store, t.api)).toMatchObject({ sent: 1, remaining: 0 });
    expect(eventsOf(stamps[5]!.serial)).toEqual([expect.objectContaining({ placeCode: null })]);
    expect(t.runtime.stamps.hasClientEvent(id, stamps[5]!.serial)).toBe(true);
    store.close();
  });

  it('the device id is random, stable across reopening, and sent with every scan', async () => {
    const name = `device-${Math.random().toString(36).slice(2)}`;
    let store = await openOfflineStore(name);
    const id = await getDeviceId(store);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await Promise.all([getDeviceId(store), getDeviceId(store)])).toEqual([id, id]);
    store.close();
    store = await openOfflineStore(name);
    expect(await getDeviceId(store)).toBe(id);
    const other = await freshStore();
    expect(await getDeviceId(other)).not.toBe(id);
    store.close();
    other.close();
  });
});

describe('reports', () => {
  const reportCount = (id: string) => (t.runtime.db.prepare('SELECT COUNT(*) FROM reports WHERE client_report_id = ?').pluck().get(id) as number);

  it('sent at once when the server answers', async () => {
    const store = await freshStore();
    const outcome = await submitReport(store, { payload: stamps[0]!.url, verdict: 'unverified', reasons: ['not_genuine'], shop: 'Chợ Đồng Xuân', note: 'Tem mờ' }, t.api);
    expect(outcome).toMatchObject({ status: 'sent', receivedAt: expect.any(String) });
    expect(reportCount(outcome.clientReportId)).toBe(1);
    expect(await pendingCount(store)).toBe(0);
    store.close();
  });

  it('queued when offline (or without a client), sent once by the next flush', async () => {
    const store = await freshStore();
    const offline = await submitReport(store, { note: 'Không có mạng lúc báo' }, unreachable);
    const later = await submitReport(store, { note: 'Gửi sau' });
    expect([offline.status, later.status]).toEqual(['queued', 'queued']);
    expect(await pendingCount(store)).toBe(2);
    expect(await flushOutbox(store, t.api)).toMatchObject({ sent: 2, remaining: 0, results: [] });
    await flushOutbox(store, t.api);
    expect([reportCount(offline.clientReportId), reportCount(later.clientReportId)]).toEqual([1, 1]);
    store.close();
  });

  it('refused when empty, with the server’s words', async () => {
    const store = await freshStore();
    const outcome = await submitReport(store, {}, t.api);
    expect(outcome).toMatchObject({ status: 'failed', error: { code: 'empty_report', message_vi: expect.stringMatching(/Báo cáo cần/) } });
    expect(await pendingCount(store)).toBe(0);
    store.close();
  });
});

describe('history', () => {
  const entry = (id: string, minute: number, result: Partial<VerifyResult> = {}): HistoryEntry => ({
    id,
    payload: `payload ${id}`,
    scannedAt: `2026-11-25T03:${String(minute).padStart(2, '0')}:00.000Z`,
    verdict: 'authentic_offline',
    productName: null,
    result: { verdict: 'authentic_offline', reasons: [], checkedAt: '2026-11-25T03:00:00Z', ...result },
    online: false,
  });

  it('lists newest first with a limit, updates with the server result, clears without touching the queue', async () => {
    const store = await freshStore();
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) await addHistory(store, entry(id, i));
    expect((await listHistory(store)).map((e) => e.id)).toEqual(['d', 'c', 'b', 'a']);
    expect((await listHistory(store, 2)).map((e) => e.id)).toEqual(['d', 'c']);
    await updateHistory(store, 'b', { verdict: 'caution', reasons: [], checkedAt: 'x', product: { name: 'Chè' } as VerifyResult['product'] });
    expect((await listHistory(store)).find((e) => e.id === 'b')).toMatchObject({ verdict: 'caution', online: true, productName: 'Chè' });
    await updateHistory(store, 'missing', { verdict: 'authentic', reasons: [], checkedAt: 'x' });
    await enqueueScan(store, { payload: 'kept', scannedAt });
    await clearHistory(store);
    expect(await listHistory(store)).toEqual([]);
    expect(await pendingCount(store)).toBe(1);
    store.close();
  });

  it('keeps at most HISTORY_LIMIT entries, dropping the oldest', async () => {
    const { HISTORY_LIMIT } = await import('../../web/offline');
    const store = await freshStore();
    for (let i = 0; i < HISTORY_LIMIT + 3; i++) {
      await addHistory(store, { ...entry(`e${i}`, 0), scannedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString() });
    }
    const all = await listHistory(store, HISTORY_LIMIT + 10);
    expect(all).toHaveLength(HISTORY_LIMIT);
    expect(all.at(-1)!.id).toBe('e3');
    store.close();
  });
});
