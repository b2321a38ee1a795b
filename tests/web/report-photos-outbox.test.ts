// A report with photos waits in the outbox (IndexedDB) like any other and goes up as
// multipart when the phone is back online: the server keeps the photos and answers a receipt.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHistory, flushOutbox, getHistoryEntry, pendingCount, submitReport, type HistoryEntry } from '../../web/offline';
import { startTestServer, type TestServer } from './fixtures/offline-server';
import { freshStore } from './fixtures/offline-stores';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.cleanup());

const jpeg = async (colour: string) => {
  const b = await sharp({ create: { width: 40, height: 30, channels: 3, background: colour } }).jpeg().toBuffer();
  return { type: 'image/jpeg', bytes: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer };
};

describe('reports with photos', () => {
  it('queued offline with two photos, uploaded as multipart by the next flush, stored once', async () => {
    const store = await freshStore();
    const queued = await submitReport(store, { note: 'Tem bị dán đè', shop: 'Chợ Hôm', price: 85000, photos: [await jpeg('#f00'), await jpeg('#00f')] });
    expect(queued.status).toBe('queued');
    expect(await flushOutbox(store, t.api)).toMatchObject({ sent: 1, remaining: 0 });
    await flushOutbox(store, t.api);
    const rows = t.runtime.db.prepare('SELECT r.price, (SELECT COUNT(*) FROM report_photos p WHERE p.report_id = r.id) AS photos FROM reports r WHERE client_report_id = ?').all(queued.clientReportId);
    expect(rows).toEqual([{ price: 85000, photos: 2 }]);
    expect(await pendingCount(store)).toBe(0);
    store.close();
  });

  it('sent at once online, answering the receipt the shopper keeps', async () => {
    const store = await freshStore();
    const sent = await submitReport(store, { note: 'Có ảnh', photos: [await jpeg('#0f0')] }, t.api);
    expect(sent).toMatchObject({ status: 'sent', receipt: expect.stringMatching(/^[0-9A-Z]{10}$/) });
    store.close();
  });

  it('a report queued offline about a scan leaves its receipt on that scan once uploaded', async () => {
    const store = await freshStore();
    const scan: HistoryEntry = {
      id: 'scan-for-report-1',
      payload: 'HTTPS://EXAMPLE.VN/S/K9/X',
      scannedAt: '2026-11-25T02:00:00.000Z',
      verdict: 'unverified',
      productName: null,
      result: { verdict: 'unverified', reasons: [], checkedAt: '2026-11-25T02:00:00Z' },
      online: true,
    };
    await addHistory(store, scan);
    const queued = await submitReport(store, { payload: scan.payload, note: 'Gửi khi có mạng' }, undefined, scan.id);
    expect(queued.status).toBe('queued');
    expect((await getHistoryEntry(store, scan.id))!.reportReceipt).toBeUndefined();
    await flushOutbox(store, t.api);
    const receipt = (await getHistoryEntry(store, scan.id))!.reportReceipt!;
    expect(receipt).toMatch(/^[0-9A-Z]{10}$/);
    expect(t.runtime.deps.reports.statusByReceipt(receipt)).toMatchObject({ status: 'new' });
    store.close();
  });
});
