// PIN guesses are limited per client address. Behind reverse proxies (TRUST_PROXY = their
// number) the address is the X-Forwarded-For entry the outermost proxy appended; entries
// further left are the client's to invent and must not let it escape the limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { createTestRuntime } from '../helpers/test-runtime';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime({ TRUST_PROXY: '2' }); // a CDN in front of nginx
});
afterAll(() => t.cleanup());

const PER_IP_PER_HOUR = 30;

describe('client address behind proxies', () => {
  it('reads TRUST_PROXY as off, one proxy, or a number of proxies', () => {
    const base = { DATABASE_PATH: '/tmp/x.db', PUBLIC_URL: 'https://nguonviet.vn' };
    expect(['', 'false', '0', 'true', '1', '2'].map((v) => readConfig({ ...base, TRUST_PROXY: v }).trustProxy)).toEqual([0, 0, 0, 1, 1, 2]);
  });

  it('limits PIN guesses by the address the CDN saw, whatever the client writes to the left of it', async () => {
    const productId = (await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' })).hits[0]!.id;
    // Four stamps: the per-stamp limit (10 an hour) must not be what stops the guesses.
    const batch = await t.runtime.issuing.issueBatch({ productId, count: 4, withPin: true, expiresAt: null, issuerId: 'demo-issuer' });
    const guess = async (url: string, forwardedFor: string) =>
      (
        await t.app.request('/api/verify', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ payload: url, pin: '999999' }),
        })
      ).status;
    const statuses: number[] = [];
    for (let i = 0; i <= PER_IP_PER_HOUR; i++) {
      // A new invented address each time; the CDN saw 203.0.113.7, nginx saw the CDN.
      statuses.push(await guess(batch.stamps[i % 4]!.url, `10.0.${i}.1, 203.0.113.7, 198.51.100.1`));
    }
    expect(statuses.slice(0, PER_IP_PER_HOUR).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another shopper behind the same CDN is not limited with them.
    expect(await guess(batch.stamps[3]!.url, '203.0.113.8, 198.51.100.1')).toBe(200);
  });
});
