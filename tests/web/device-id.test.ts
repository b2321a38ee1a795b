// The phone's device id is one the server issued (web/features/scan/check-scan.ts): asked for
// before the first scan, kept in IndexedDB, and sent with scans, so the phone's checks count
// as a phone's (clone evidence) from its first scan on.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { offline } from '../../web/app/offline-access';
import { checkScan, prepareCheck } from '../../web/features/scan/check-scan';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import { startTestServer, type TestServer } from './fixtures/offline-server';
import { setOnline } from './fixtures/screen';

const state = vi.hoisted(() => ({ server: null as null | { api: unknown } }));
// The app's API client goes straight into the real app (no network in these tests).
vi.mock('../../web/api/api', async (importActual) => ({
  ...(await importActual<typeof import('../../web/api/api')>()),
  get api() {
    return state.server!.api;
  },
}));

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  state.server = t;
});
afterAll(() => t.cleanup());

describe('the phone\'s device id', () => {
  it('is asked of the server before the first scan, kept, and counts that first scan as evidence', async () => {
    setOnline(true);
    const { mod, store } = await offline();
    expect(mod.isServerDeviceId(await mod.getDeviceId(store))).toBe(false); // made on the phone
    await prepareCheck();
    const id = await mod.getDeviceId(store);
    expect(id).toMatch(/^d1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{16}$/);
    expect(t.requests.filter((r) => r === 'POST /api/device')).toHaveLength(1);

    const productId = (await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' })).hits[0]!.id;
    const [stamp] = (await t.runtime.issuing.issueBatch({ productId, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' })).stamps;
    await checkScan(stamp!.url);
    await prepareCheck();
    expect(t.requests.filter((r) => r === 'POST /api/device')).toHaveLength(1); // kept, not asked again
    expect(t.runtime.stamps.scanEvents(stamp!.serial)).toEqual([expect.objectContaining({ verdict: 'authentic', signedDevice: true, evidence: true })]);
  });
});
