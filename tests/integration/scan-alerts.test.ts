// The inspectors' alerts list reads patterns across scans: stamps answered as clones, forged
// codes carrying a real serial, bursts of unverified scans in one ward, PIN guessing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { addUser, signIn, type SignedInAs } from '../helpers/staff';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
let inspector: SignedInAs;
beforeAll(async () => {
  t = await createTestRuntime({ TRUST_PROXY: '1' });
  await addUser(t.runtime, 'thanh.tra@qltt.gov.vn', 'inspector');
  inspector = await signIn(t.app, 'thanh.tra@qltt.gov.vn');
});
afterAll(() => t.cleanup());

const from = (ip: string) => ({ 'content-type': 'application/json', 'x-forwarded-for': ip });
const token = async (ip: string) => ((await (await t.app.request('/api/device', { method: 'POST', headers: from(ip) })).json()) as { deviceToken: string }).deviceToken;
const verify = async (ip: string, body: Record<string, unknown>) => (await (await t.app.request('/api/verify', { method: 'POST', headers: from(ip), body: JSON.stringify(body) })).json()) as VerifyResult;

describe('scan alerts for inspectors', () => {
  it('lists a cloned stamp, a forged copy of a real serial, a ward with many unverified scans and PIN guessing', async () => {
    const productId = (await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' })).hits[0]!.id;
    const [cloned, copied] = (await t.runtime.issuing.issueBatch({ productId, count: 2, withPin: false, expiresAt: null, issuerId: 'demo-issuer' })).stamps;
    const [guessed] = (await t.runtime.issuing.issueBatch({ productId, count: 1, withPin: true, expiresAt: null, issuerId: 'demo-issuer' })).stamps;
    // Four phones on four networks check one stamp: the fourth is told caution.
    for (const net of ['198.51.100', '203.0.113', '192.0.2', '100.64.0']) await verify(`${net}.7`, { payload: cloned!.url, deviceId: await token(`${net}.7`) });
    // Forged signatures on a real serial, scanned in one ward: ten unverified scans there.
    const at = copied!.url.lastIndexOf('/') + 10;
    const forged = copied!.url.slice(0, at) + (copied!.url[at] === 'A' ? 'B' : 'A') + copied!.url.slice(at + 1);
    for (let i = 0; i < 10; i++) expect((await verify(`10.1.${i}.1`, { payload: forged, place: 'vn:00004' })).verdict).toBe('unverified');
    // Three wrong PINs.
    for (let i = 0; i < 3; i++) await verify(`10.2.${i}.1`, { payload: guessed!.url, pin: '99999999' });

    const res = await t.app.request('/api/inspector/alerts', { headers: { cookie: inspector.cookie } });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { kind: string; serial?: string; scans?: number; failures?: number; placeName?: string | null }[] };
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'cloned_stamp', serial: cloned!.serial, scans: 1 }),
        expect.objectContaining({ kind: 'forged_real_serial', serial: copied!.serial, scans: 10 }),
        expect.objectContaining({ kind: 'unverified_scan_burst', placeName: 'Phường Ba Đình', scans: 10 }),
        expect.objectContaining({ kind: 'pin_abuse', serial: guessed!.serial, failures: 3 }),
      ]),
    );
    expect(items.some((a) => a.serial === copied!.serial && a.kind === 'cloned_stamp')).toBe(false);
  });
});
