// Offline verification against a copy synced from the real app, with stamps issued by the
// app's own demo issuer: only a valid signature by a synced, unrevoked key is authentic_offline.
// Whether these answers agree with the server's is online-offline-agreement.test.ts's job.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeGs1CheckDigit } from '../../server/domain/gtin';
import type { VerifyResult } from '../../server/domain/verify-result';
import { syncRegistry, verifyOffline, type OfflineStore } from '../../web/offline';
import { startTestServer, type TestServer } from './fixtures/offline-server';
import { freshStore } from './fixtures/offline-stores';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';

let t: TestServer;
let store: OfflineStore;
let gaDoi: string;
beforeAll(async () => {
  t = await startTestServer();
  const search = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  gaDoi = search.hits[0]!.id;
  store = await freshStore();
  await syncRegistry(store, t.api);
});
afterAll(() => {
  store.close();
  t.cleanup();
});

const NOW = new Date('2026-11-25T05:00:00Z');
const issue = (count = 1) => t.runtime.issuing.issueBatch({ productId: gaDoi, count, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
const codes = (r: VerifyResult) => r.reasons.map((x) => x.code);
const ean13 = (first12: string) => `${first12}${computeGs1CheckDigit(first12)}`;

describe('verifyOffline', () => {
  it('a genuine demo stamp is authentic_offline: issuer named, demo said, the data date given, no product card', async () => {
    const batch = await issue();
    const timings: number[] = [];
    let result: VerifyResult | null = null;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      result = await verifyOffline(store, batch.stamps[0]!.url, NOW);
      timings.push(performance.now() - started);
    }
    console.log(`offline verify: first ${timings[0]!.toFixed(1)} ms, then ${timings.slice(1).map((ms) => ms.toFixed(1)).join(' / ')} ms`);
    expect(result!.verdict).toBe('authentic_offline');
    expect(codes(result!)).toEqual(['signature_valid', 'demo_issuer', 'checked_offline']);
    expect(result!.reasons[0]).toMatchObject({ issuerId: 'demo-issuer', isDemo: true, issuerName: expect.stringMatching(/DEMO/) });
    expect(result!.reasons[0]!.message_vi).toMatch(/Chữ ký số hợp lệ: tem do Nguồn Việt — đơn vị phát hành tem MẪU \(DEMO\)/);
    expect(result!.reasons[2]!.message_vi).toMatch(/chưa đối chiếu trực tuyến — dữ liệu ngày \d\d\/\d\d\/\d{4}/);
    expect(result!.reasons[2]!.message_vi).toMatch(/thông tin sản phẩm/);
    expect(result!.reasons[2]!.message_en).toMatch(/not yet checked online — data as of/);
    expect(result!.stamp).toEqual({ serial: batch.stamps[0]!.serial, kid: batch.kid });
    expect(result!.product).toBeUndefined();
    expect(result!.checkedAt).toBe(NOW.toISOString());
  });

  it('reads the stamp like the server: lowercase, whitespace around it', async () => {
    const batch = await issue();
    expect((await verifyOffline(store, `  ${batch.stamps[0]!.url.toLowerCase()}\n`, NOW)).verdict).toBe('authentic_offline');
  });

  it('one changed character in the signature gives unverified', async () => {
    const batch = await issue();
    const url = batch.stamps[0]!.url;
    const at = url.lastIndexOf('/') + 10;
    const flipped = url.slice(0, at) + (url[at] === 'A' ? 'B' : 'A') + url.slice(at + 1);
    const offline = await verifyOffline(store, flipped, NOW);
    expect(offline.verdict).toBe('unverified');
    expect(codes(offline)).toEqual(['not_genuine', 'checked_offline']);
  });

  it('a serial changed by one character is unverified too (the signature covers it)', async () => {
    const batch = await issue();
    const { serial, url } = batch.stamps[0]!;
    const other = serial.slice(0, -1) + (serial.endsWith('A') ? 'B' : 'A');
    expect((await verifyOffline(store, url.replace(serial, other), NOW)).verdict).toBe('unverified');
  });

  it('a damaged stamp URL on our host is unverified with the parse error', async () => {
    const result = await verifyOffline(store, 'https://nguonviet.vn/S/D1/TOOSHORT/AAAA', NOW);
    expect(result.verdict).toBe('unverified');
    expect(codes(result)).toEqual(['not_genuine', 'malformed_stamp']);
  });

  it('the same stamp as a signed GS1 Digital Link is authentic_offline', async () => {
    const batch = await issue();
    const { serial, url } = batch.stamps[0]!;
    const signature = url.slice(url.lastIndexOf('/') + 1);
    const link = `https://id.example.com/01/${ean13('893123456789').padStart(14, '0')}/21/${serial}?kid=${batch.kid}&sig=${signature}`;
    expect((await verifyOffline(store, link, NOW)).verdict).toBe('authentic_offline');
  });

  it('a signed Digital Link with a damaged signature is unverified, as a damaged stamp URL is', async () => {
    const batch = await issue();
    const { serial } = batch.stamps[0]!;
    const link = `https://id.example.com/01/${ean13('893123456789').padStart(14, '0')}/21/${serial}?kid=${batch.kid}&sig=${'A'.repeat(50)}`;
    const result = await verifyOffline(store, link, NOW);
    expect(result.verdict).toBe('unverified');
    expect(codes(result)).toEqual(['not_genuine', 'malformed_stamp']);
    expect(result.reasons[1]).toMatchObject({ error: 'bad_signature_encoding' });
  });

  it('a key made after the last sync is unknown until the next sync; a retired key keeps verifying', async () => {
    const oldBatch = await issue();
    const newKid = await t.runtime.issuers.rotateKey('demo-issuer');
    const newBatch = await issue();
    expect(newBatch.kid).toBe(newKid);
    const before = await verifyOffline(store, newBatch.stamps[0]!.url, NOW);
    expect(before.verdict).toBe('unverified');
    expect(codes(before)).toEqual(['not_genuine', 'unknown_key']);
    expect(before.reasons[1]!.message_vi).toMatch(new RegExp(`"${newKid}".*ngày \\d\\d/\\d\\d/\\d{4}`));
    await syncRegistry(store, t.api);
    expect((await verifyOffline(store, newBatch.stamps[0]!.url, NOW)).verdict).toBe('authentic_offline');
    expect((await verifyOffline(store, oldBatch.stamps[0]!.url, NOW)).verdict).toBe('authentic_offline');
  });

  it('a key revoked as of the last sync gives unverified', async () => {
    const batch = await issue();
    expect((await verifyOffline(store, batch.stamps[0]!.url, NOW)).verdict).toBe('authentic_offline');
    t.runtime.issuers.revokeKey(batch.kid, 'test: key leaked');
    // Not yet synced: the phone cannot know.
    expect((await verifyOffline(store, batch.stamps[0]!.url, NOW)).verdict).toBe('authentic_offline');
    await syncRegistry(store, t.api);
    const offline = await verifyOffline(store, batch.stamps[0]!.url, NOW);
    expect(offline.verdict).toBe('unverified');
    expect(codes(offline)).toEqual(['key_revoked', 'checked_offline']);
    expect(offline.reasons[0]!.revokedAt).toEqual(expect.any(String));
    // The demo issuer needs an active key again for the other tests.
    await t.runtime.issuers.rotateKey('demo-issuer');
    await syncRegistry(store, t.api);
  });

  it('an EAN-13 from GS1 Vietnam is not_a_stamp with the prefix explained', async () => {
    const code = ean13('893604512345');
    const offline = await verifyOffline(store, code, NOW);
    expect(offline.verdict).toBe('not_a_stamp');
    expect(offline.gtin).toMatchObject({ digits: code, format: 'GTIN-13', checkDigitValid: true, prefix: { prefix: '893', isGs1Vietnam: true } });
    expect(offline.reasons.find((r) => r.code === 'gs1_prefix')!.message_vi).toMatch(/GS1 Việt Nam.*KHÔNG cho biết hàng được sản xuất ở đâu/);
  });

  it('before any sync there is no conclusion, and it says why', async () => {
    const empty = await freshStore();
    const result = await verifyOffline(empty, 'https://nguonviet.vn/S/D1/ABCDEFGHIJKLMNOP/AAAA', NOW);
    expect(result.verdict).toBe('unverified');
    expect(codes(result)).toEqual(['offline_no_registry']);
    empty.close();
  });
});
