// Rate limits key on the client's address and network. Behind reverse proxies (TRUST_PROXY =
// their number) the address is the X-Forwarded-For entry the outermost proxy appended;
// entries further left are the client's to invent and must not let it escape a limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import { readConfig } from '../../server/config';
import { networkOf } from '../../server/services/verify/client-network';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime({ TRUST_PROXY: '2' }); // a CDN in front of nginx
});
afterAll(() => t.cleanup());

const post = (path: string, body: unknown, forwardedFor: string) =>
  t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor }, body: JSON.stringify(body) });
const productId = async () => (await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' })).hits[0]!.id;

describe('client limits', () => {
  it('reads TRUST_PROXY as off, one proxy, or a number of proxies; networks are /24 and /48', () => {
    const base = { DATABASE_PATH: '/tmp/x.db', PUBLIC_URL: 'https://nguonviet.vn' };
    expect(['', 'false', '0', 'true', '1', '2'].map((v) => readConfig({ ...base, TRUST_PROXY: v }).trustProxy)).toEqual([0, 0, 0, 1, 1, 2]);
    expect(networkOf('203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('::ffff:203.0.113.77')).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
  });

  it('reports: 429 with Retry-After in the API shape past the burst from the address the CDN saw, whatever is written left of it', async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 21; i++) {
      last = await post('/api/reports', { clientReportId: `report-limit-${i}-abcdef`, note: 'nghi hàng giả' }, `10.0.${i}.1, 203.0.113.7, 198.51.100.1`);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses[20]).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await last!.json()) as { error: { code: string; message_vi: string } }).error).toMatchObject({ code: 'rate_limited', message_vi: expect.stringMatching(/thử lại/) });
    // Another shopper on another network behind the same CDN is not limited with them.
    expect((await post('/api/reports', { clientReportId: 'report-limit-other-abcdef', note: 'x' }, '198.18.0.5, 198.51.100.1')).status).toBe(201);
  });

  it('PIN guesses from one network slow down across stamps, and answer with the verdict and when to retry, never 429', async () => {
    const batch = await t.runtime.issuing.issueBatch({ productId: await productId(), count: 6, withPin: true, expiresAt: null, issuerId: 'demo-issuer' });
    const guess = async (i: number, forwardedFor: string) => {
      const res = await post('/api/verify', { payload: batch.stamps[i]!.url, pin: '99999999' }, forwardedFor);
      return { status: res.status, body: (await res.json()) as VerifyResult };
    };
    // Five wrong guesses on five stamps (under each stamp's own free guesses), from invented addresses of one /24.
    for (let i = 0; i < 5; i++) {
      const r = await guess(i, `10.9.9.${i}, 203.0.114.${i + 1}, 198.51.100.1`);
      expect(r.status).toBe(200);
      expect(r.body.reasons.map((x) => x.code)).toContain('pin_wrong');
    }
    const sixth = await guess(5, '203.0.114.99, 198.51.100.1');
    expect(sixth.status).toBe(200);
    expect(sixth.body.verdict).toBe('authentic');
    expect(sixth.body.reasons.map((x) => x.code)).toContain('pin_retry_later');
    // The buyer of that stamp on another network checks the PIN at once.
    const buyer = await post('/api/verify', { payload: batch.stamps[5]!.url, pin: (batch.stamps[5] as unknown as { pin: string }).pin }, '198.18.7.7, 198.51.100.1');
    expect(((await buyer.json()) as VerifyResult).reasons.map((x) => x.code)).toContain('pin_ok');
  });

  it('verify: a shopper who asks once always gets the verdict; only abusive volume from one address gets 429', async () => {
    const batch = await t.runtime.issuing.issueBatch({ productId: await productId(), count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 320; i++) {
      const s = (await post('/api/verify', { payload: batch.stamps[0]!.url }, '192.0.2.10, 198.51.100.1')).status;
      statuses.set(s, (statuses.get(s) ?? 0) + 1);
    }
    expect(statuses.get(200)).toBeGreaterThanOrEqual(300);
    expect(statuses.get(429)).toBeGreaterThan(0);
    expect((await post('/api/verify', { payload: batch.stamps[0]!.url }, '192.0.3.10, 198.51.100.1')).status).toBe(200);
  });
});
