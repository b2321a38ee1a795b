// A genuine stamp turns "caution" only on evidence from distinct devices on distinct
// networks (issue #9 item 4): server-issued device ids, not strings a client invents.
// TRUST_PROXY=1 here, so X-Forwarded-For stands for the network each request comes from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { createTestRuntime, TEST_NOW } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime({ TRUST_PROXY: '1' });
});
afterAll(() => t.cleanup());

const stamp = async () => {
  const productId = (await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' })).hits[0]!.id;
  return (await t.runtime.issuing.issueBatch({ productId, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' })).stamps[0]!;
};
const from = (ip: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': ip });
const token = async (ip: string) => ((await (await t.app.request('/api/device', { method: 'POST', headers: from(ip) })).json()) as { deviceToken: string }).deviceToken;
const verify = async (ip: string, body: Record<string, unknown>) =>
  (await (await t.app.request('/api/verify', { method: 'POST', headers: from(ip), body: JSON.stringify(body) })).json()) as VerifyResult;
const codes = (r: VerifyResult) => r.reasons.map((x) => x.code);
const minutesAgo = (m: number) => new Date(new Date(TEST_NOW).getTime() - m * 60_000).toISOString();

describe('clone evidence', () => {
  it('three other phones on three other networks turn a cloned stamp caution, saying what was seen', async () => {
    const { url } = await stamp();
    for (const [i, net] of ['198.51.100', '203.0.113', '192.0.2'].entries()) {
      const r = await verify(`${net}.7`, { payload: url, deviceId: await token(`${net}.7`), place: 'vn:00004', scannedAt: minutesAgo(120 - i) });
      expect(r.verdict, `phone ${i + 1}`).toBe('authentic');
    }
    const buyer = await verify('100.64.0.9', { payload: url, deviceId: await token('100.64.0.9') });
    expect(buyer.verdict).toBe('caution');
    const reason = buyer.reasons.find((r) => r.code === 'checked_by_other_devices')!;
    expect(reason).toMatchObject({ otherDevices: 3, otherNetworks: 3, lastPlace: 'Phường Ba Đình' });
    expect(reason.message_vi).toMatch(/3 điện thoại khác trên 3 mạng khác nhau đã kiểm tra tem này, lần gần nhất 2 giờ trước .* tại Phường Ba Đình/);
  });

  it('the same number of phones from one network, or invented device ids from many, never do', async () => {
    const { url } = await stamp();
    // Ten server-issued phones, one /24.
    for (let i = 0; i < 10; i++) await verify(`198.51.100.${i + 1}`, { payload: url, deviceId: await token(`198.51.100.${i + 1}`) });
    // Ten networks, each with a string the client made up.
    for (let i = 0; i < 10; i++) await verify(`203.0.${i}.1`, { payload: url, deviceId: `invented-device-${i}-xyz` });
    const buyer = await verify('100.64.0.9', { payload: url, deviceId: await token('100.64.0.9') });
    expect(buyer.verdict).toBe('authentic');
    // What one network did is told, graded, not an alarm.
    expect(codes(buyer)).toEqual(['signature_valid', 'checked_before']);
    expect(buyer.reasons[1]).toMatchObject({ otherNetworks: 1 });
  });

  it('cookieless stamp-page loads from many networks (an <img> on any web page) add no evidence', async () => {
    const { url } = await stamp();
    const path = new URL(url).pathname;
    for (let i = 0; i < 5; i++) expect((await t.app.request(path, { headers: { 'x-forwarded-for': `203.0.${i + 50}.1` } })).status).toBe(200);
    const buyer = await verify('100.64.0.9', { payload: url, deviceId: await token('100.64.0.9') });
    expect(codes(buyer)).toEqual(['signature_valid']);
    expect(buyer.stamp).toMatchObject({ checks: 6 });
  });

  it('impossible travel needs two networks: one POST with a far place does nothing; another network does', async () => {
    const { url } = await stamp();
    const phoneA = await token('198.51.100.7');
    await verify('198.51.100.7', { payload: url, deviceId: phoneA, place: 'vn:p68', scannedAt: minutesAgo(60) });
    // Another invented phone on the same network, a province away an hour later: no alarm.
    const same = await verify('198.51.100.8', { payload: url, deviceId: await token('198.51.100.8'), place: 'vn:00004' });
    expect(codes(same)).not.toContain('impossible_travel');
    const other = await verify('203.0.113.9', { payload: url, deviceId: await token('203.0.113.9'), place: 'vn:00004' });
    expect(other.verdict).toBe('caution');
    expect(other.reasons.find((r) => r.code === 'impossible_travel')).toMatchObject({ otherPlace: 'Tỉnh Lâm Đồng', hoursApart: 1 });
  });

  it('a back-dated offline scan moves the first check back', async () => {
    const { url } = await stamp();
    await verify('198.51.100.7', { payload: url, deviceId: await token('198.51.100.7'), scannedAt: minutesAgo(10) });
    await verify('203.0.113.9', { payload: url, deviceId: await token('203.0.113.9'), scannedAt: minutesAgo(120) });
    const r = await verify('192.0.2.1', { payload: url, deviceId: await token('192.0.2.1') });
    expect(r.stamp).toMatchObject({ checks: 3, firstCheckedAt: minutesAgo(120) });
  });
});
