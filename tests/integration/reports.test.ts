import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReportRepository } from '../../server/repositories/report.repository';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

const post = async (body: unknown) => {
  const res = await t.app.request('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { id?: string; status?: string; error?: { code: string; message: string; message_vi: string } } };
};
const stored = () => createReportRepository(t.runtime.db).list({ limit: 100 });

describe('POST /api/reports', () => {
  it('stores an anonymous report of a suspected fake with the serial, a hashed device id and a coarse place', async () => {
    const batch = await t.runtime.issuing.issueBatch({ productId: t.runtime.deps.catalogue.productSummaries([...t.runtime.deps.registry.idsOf('products')].slice(0, 1), '2026-11-25')[0]!.id, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
    const payload = batch.stamps[0]!.url;
    const place = t.runtime.db.prepare("SELECT id FROM places WHERE era = 'current' AND level IN ('ward', 'commune') LIMIT 1").pluck().get() as string;
    const res = await post({ clientReportId: 'report-0001-abcdef', payload, verdict: 'caution', reasons: ['checked_by_other_devices'], shop: 'Chợ Đồng Xuân', note: 'Tem bị bóc ra dán lại', deviceId: 'phone-1234-5678', place });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 'report-0001-abcdef', status: 'new' });
    const row = stored().find((r) => r.clientReportId === 'report-0001-abcdef')!;
    expect(row.serial).toBe(batch.stamps[0]!.serial);
    expect(row.shop).toBe('Chợ Đồng Xuân');
    expect(row.placeCode).toBe(place);
    expect(row.deviceHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain('phone-1234-5678');
  });

  it('a report on a typed serial (the QR scratched) is linked to that serial', async () => {
    const serial = '22DVYHZFH3URV2LV';
    const res = await post({ clientReportId: 'report-0003-typed1', payload: '22dv-yhzf-h3ur-v2lv', verdict: 'unverified' });
    expect(res.status).toBe(201);
    expect(stored().find((r) => r.clientReportId === 'report-0003-typed1')!.serial).toBe(serial);
  });

  it('a re-sent report (the outbox retrying) is stored once', async () => {
    const body = { clientReportId: 'report-0002-abcdef', payload: 'HTTPS://NGUONVIET.VN/S/K1/ABC', verdict: 'unverified', note: 'lần 1' };
    expect((await post(body)).status).toBe(201);
    const again = await post({ ...body, note: 'lần 2' });
    expect(again.status).toBe(200);
    const rows = stored().filter((r) => r.clientReportId === 'report-0002-abcdef');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.note).toBe('lần 1');
  });

  it.each([
    ['not JSON', '{"clientReportId":', 'bad_request'],
    ['no id', { note: 'x' }, 'invalid_request'],
    ['an id with spaces', { clientReportId: 'has spaces in it', note: 'x' }, 'invalid_request'],
    ['an empty report', { clientReportId: 'report-empty-0001' }, 'empty_report'],
    ['an unknown product', { clientReportId: 'report-0003-abcdef', productId: 'no-such-product' }, 'unknown_product'],
    ['an unknown place', { clientReportId: 'report-0004-abcdef', note: 'x', place: 'no-such-ward' }, 'unknown_place'],
    ['a made-up verdict', { clientReportId: 'report-0005-abcdef', note: 'x', verdict: 'fake' }, 'invalid_request'],
  ])('rejects %s with a 400 and a reason in both languages, storing nothing', async (_what, body, code) => {
    const before = stored().length;
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe(code);
    expect(res.body.error?.message_vi).toBeTruthy();
    expect(stored().length).toBe(before);
  });
});
