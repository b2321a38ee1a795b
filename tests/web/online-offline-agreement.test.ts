// THE guard that online and offline answers agree. The server and the PWA answer through
// one read model (server/domain/catalogue/): the server feeds it from SQLite, the PWA from
// its IndexedDB copy. So this checks, against the real app and a copy synced from it, that
// both feed it the same typed rows, and that what a shopper reads is the same either way:
// every product page, producer page, mark, award and place, and verdicts for every kind of
// scan (GS1 element strings, Digital Links, non-canonical stamp URLs, forged and revoked
// stamps, barcodes in the registry, a product whose OCOP certificate lapsed). Typed
// serials differ on purpose: offline they need a connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_KINDS } from '../../server/domain/catalogue/catalogue-index';
import { VERIFY_KINDS } from '../../server/domain/catalogue/verify-context';
import { computeGs1CheckDigit } from '../../server/domain/gtin';
import type { ProductSummary } from '../../server/domain/registry-types';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import type { VerifyResult } from '../../server/domain/verify-result';
import { awardsOffline, marksOffline, placesOffline, productOffline, producerOffline, syncRegistry, verifyOffline, type OfflineStore } from '../../web/offline';
import { loadReadModel } from '../../web/offline/catalogue-offline';
import { startTestServer, type TestServer } from './fixtures/offline-server';
import { freshStore } from './fixtures/offline-stores';

const TODAY = '2026-11-25';
let t: TestServer;
let store: OfflineStore;
let stampUrl: string;
let serial: string;
beforeAll(async () => {
  t = await startTestServer();
  const search = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: TODAY });
  const batch = await t.runtime.issuing.issueBatch({ productId: search.hits[0]!.id, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
  stampUrl = batch.stamps[0]!.url;
  serial = batch.stamps[0]!.serial;
  store = await freshStore();
  await syncRegistry(store, t.api);
});
afterAll(() => {
  store.close();
  t.cleanup();
});

const NOW = new Date('2026-11-25T05:00:00Z');
const codes = (r: VerifyResult) => r.reasons.map((x) => x.code);
// The GS1 prefix sentence comes with every GTIN card; these tests are about the rest.
const gs1Codes = (r: VerifyResult) => codes(r).filter((c) => c !== 'gs1_prefix');
// The server also hands a phone without an id of its own a device id (deviceToken): not part of the verdict.
const online = async (payload: string) => {
  const { deviceToken: _issued, ...answer } = (await (await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload }) })).json()) as VerifyResult;
  return answer as VerifyResult;
};
const both = async (payload: string) => ({ on: await online(payload), off: await verifyOffline(store, payload, NOW) });
const GTIN = '08934588012228';
const ean13 = (first12: string) => `${first12}${computeGs1CheckDigit(first12)}`;
const get = async <T>(path: string) => (await (await t.app.request(path)).json()) as T;
/** importedAt is the server's import time, which the sync feed does not carry (provenance then says when the phone learnt the row). */
const withoutImportTimes = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (key, v) => (key === 'importedAt' || key === 'imported_at' ? undefined : v)));

/** Give a product a GTIN on the server, through the change log, and sync the phone. */
async function listGtin(productId: string, gtin14: string): Promise<void> {
  const registry = t.runtime.deps.registry;
  const row = { ...registry.allRecords('products').get(productId)!, gtins: JSON.stringify([gtin14]) };
  registry.transaction(() => {
    registry.upsert('products', row, '2026-11-25T03:00:00Z');
    registry.appendChange('products', productId, row, '2026-11-25T03:00:00Z');
  });
  await syncRegistry(store, t.api);
}

describe('one read model, fed alike', () => {
  it('SQLite and the synced IndexedDB copy give the read model the same typed rows of every kind it reads', async () => {
    const kinds = [...new Set([...CATALOGUE_KINDS, ...VERIFY_KINDS])];
    const local = (await loadReadModel(store, kinds))!.model;
    const server = t.runtime.deps.catalogue.readModel();
    expect(local.version).toBe(server.version);
    const byId = (rows: readonly { id: string }[]) => withoutImportTimes([...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    for (const kind of kinds) {
      expect(server.rows(kind).length, kind).toBeGreaterThan(0);
      expect(byId(local.rows(kind)), kind).toEqual(byId(server.rows(kind)));
    }
  });
});

describe('directory pages, online and offline', () => {
  const allProducts = async () => (await get<{ items: ProductSummary[]; total: number }>('/api/products?q=&limit=100')).total;

  it('every product page equals GET /api/products/:id', async () => {
    const ids = [...t.runtime.deps.catalogue.readModel().catalogue().productById.keys()];
    expect(ids.length).toBe(await allProducts());
    for (const id of ids) {
      const offline = await productOffline(store, id, TODAY);
      expect(withoutImportTimes(offline), id).toEqual(withoutImportTimes(await get(`/api/products/${encodeURIComponent(id)}`)));
      expect(offline!.provenance.importedAt).toEqual(expect.any(String));
    }
    expect(await productOffline(store, 'no-such-product', TODAY)).toBeNull();
  });

  it('every producer page equals GET /api/producers/:id', async () => {
    const ids = [...t.runtime.deps.catalogue.readModel().catalogue().producerById.keys()];
    expect(ids.length).toBeGreaterThan(5);
    for (const id of ids) {
      expect(withoutImportTimes(await producerOffline(store, id, TODAY)), id).toEqual(withoutImportTimes(await get(`/api/producers/${encodeURIComponent(id)}`)));
    }
    expect(await producerOffline(store, 'nobody', TODAY)).toBeNull();
  });

  it('marks and awards equal GET /api/marks and /api/awards', async () => {
    expect(withoutImportTimes(await marksOffline(store))).toEqual(withoutImportTimes((await get<{ items: unknown[] }>('/api/marks')).items));
    expect(withoutImportTimes(await awardsOffline(store))).toEqual(withoutImportTimes((await get<{ items: unknown[] }>('/api/awards')).items));
  });

  it('the names of the places the facets count equal GET /api/places?ids=…', async () => {
    const ids = Object.keys((await get<{ facets: { placeId: Record<string, number> } }>('/api/products?q=')).facets.placeId);
    expect(ids.length).toBeGreaterThan(20);
    const byId = (places: { id: string }[]) => [...places].sort((a, b) => a.id.localeCompare(b.id));
    const answer = await get<{ items: { id: string }[] }>(`/api/places?ids=${encodeURIComponent(ids.join(','))}&limit=1000`);
    expect(answer.items).toHaveLength(ids.length);
    expect(withoutImportTimes(byId(await placesOffline(store, [...ids, 'no-such-place'])))).toEqual(withoutImportTimes(byId(answer.items)));
  });
});

describe('GS1 element strings, online and offline', () => {
  it.each([
    [`(01)${GTIN}(21)ABC(17)271231`],
    [`01${GTIN}21ABC\u001d17271231`],
    [`]Q301${GTIN}21ABC\u001d17271231`],
    [`]d201${GTIN}1727123121ABC`],
  ])('%j is not_a_stamp with the GTIN and each AI explained', async (payload) => {
    const { on, off } = await both(payload);
    for (const r of [on, off]) {
      expect(r.verdict).toBe('not_a_stamp');
      expect(gs1Codes(r)).toEqual(['gs1_element_string', 'gs1_ai', 'gs1_ai', 'gs1_ai']);
      expect(codes(r)).toContain('gs1_prefix');
      expect(r.gtin).toMatchObject({ gtin14: GTIN, checkDigitValid: true });
      expect(r.reasons.find((x) => x.ai === '17')?.message_vi).toBe('Hạn sử dụng (AI 17): 31/12/2027');
      expect(r.reasons.find((x) => x.ai === '21')?.message_en).toBe('Serial number (AI 21): ABC');
    }
    expect(off.reasons).toEqual(on.reasons);
  });

  it.each([
    [`(01)${GTIN}(999)faux`, 'unknown_ai'],
    [`(01)${GTIN.slice(0, -1)}9`, 'bad_check_digit'],
    [`(01)${GTIN}(17)271332`, 'bad_date'],
  ])('%j is rejected with the typed reason %s', async (payload, error) => {
    const { on, off } = await both(payload);
    for (const r of [on, off]) {
      expect(r.verdict).toBe('not_a_stamp');
      expect(r.reasons).toEqual([expect.objectContaining({ code: 'gs1_element_string', error })]);
    }
  });
});

describe('GS1 Digital Links: AI 235, other keys, the AI table, online and offline', () => {
  it.each([
    ['https://example.com/01/09520123456788/235/XYZ', ['digital_link_unsigned', 'gs1_ai', 'gs1_ai']],
    ['https://id.gs1.org/414/9520123456788', ['digital_link_unsigned', 'gs1_ai']],
    ['https://id.gs1.org/00/106141412345678908', ['digital_link_unsigned', 'gs1_ai']],
    ['https://example.com/gtin/9520123456788', ['digital_link_unsigned', 'gs1_lenient_form', 'gs1_lenient_form', 'gs1_ai']],
  ])('%j reads as a GS1 Digital Link', async (payload, expected) => {
    const { on, off } = await both(payload);
    for (const r of [on, off]) {
      expect(r.verdict).toBe('not_a_stamp');
      expect(gs1Codes(r)).toEqual(expected);
      expect(r.url).toBeUndefined();
    }
    expect(off.reasons).toEqual(on.reasons);
  });

  it('an unknown query AI is an error, not accepted', async () => {
    const { on, off } = await both('https://example.com/01/09520123456788?99=ABC&999=faux');
    for (const r of [on, off]) expect(r.reasons).toEqual([expect.objectContaining({ code: 'digital_link_unsigned', error: 'unknown_ai' })]);
  });
});

describe('canonical stamp URLs (issue 9 rows 9 and 10), online and offline', () => {
  const variants = (): [string, string][] => {
    const { host } = new URL(stampUrl);
    const upperHost = host.toUpperCase();
    const path = stampUrl.slice(stampUrl.indexOf('/S/'));
    return [
      ['backslash-userinfo', `HTTP://${upperHost}\\@EVIL.EXAMPLE${path}`],
      ['userinfo before our host', `HTTPS://EVIL.EXAMPLE@${upperHost}${path}`],
      ['our host as userinfo', `HTTPS://${upperHost}@EVIL.EXAMPLE${path}`],
      ['extra segment', `HTTPS://${upperHost}/X${path}`],
      ['dot segment', `HTTPS://${upperHost}/A/..${path}`],
      ['trailing dot', `HTTPS://${upperHost}.${path}`],
      ['numeric host', `HTTP://127.0.0.1${path}`],
      ['numeric host, one number', `HTTP://2130706433${path}`],
      ['control character', `HTTPS://${upperHost}/S/\u0000${path.slice(3)}`],
      ['zero-width character', `HTTPS://${upperHost}/S/${path.slice(3, 6)}\u200b${path.slice(6)}`],
      ['backslashes', `HTTPS://${upperHost}${path.replace(/\//g, '\\')}`],
    ];
  };

  it('the canonical form, any case, with a trailing slash, is authentic', async () => {
    for (const payload of [stampUrl, stampUrl.toLowerCase(), `${stampUrl}/`]) {
      const { on, off } = await both(payload);
      expect(on.verdict, payload).toBe('authentic');
      expect(off.verdict, payload).toBe('authentic_offline');
    }
  });

  it('every non-canonical form is unverified with malformed_stamp', async () => {
    for (const [name, payload] of variants()) {
      const { on, off } = await both(payload);
      expect(on.verdict, name).toBe('unverified');
      expect(codes(on), name).toEqual(['not_genuine', 'malformed_stamp']);
      expect(off.reasons, name).toEqual(on.reasons);
    }
  });

  it('a stamp-shaped path on a lookalike or other host is red, and its words never endorse that host', async () => {
    const path = stampUrl.slice(stampUrl.indexOf('/S/'));
    const cases: [string, string][] = [
      [`HTTPS://NGUONVIET-VN.COM${path}`, 'lookalike_host'],
      [`https://nguonviet.vn.evil.example${path}`, 'lookalike_host'],
      [`https://shop.example${path}`, 'foreign_stamp_host'],
    ];
    for (const [payload, code] of cases) {
      const { on, off } = await both(payload);
      for (const r of [on, off]) {
        expect(r.verdict, payload).toBe('unverified');
        expect(codes(r), payload).toEqual(['not_genuine', code]);
        expect(r.url?.stampShaped).toBe(true);
        const words = r.reasons.map((x) => `${x.message_vi} ${x.message_en}`).join(' ');
        expect(words).not.toMatch(/Trang web thật|real (web)?site|trang chính thức|official site/i);
        expect(words).toMatch(/KHÔNG phải|không phải/);
      }
      expect(off.reasons).toEqual(on.reasons);
    }
  });
});

describe('typed serials', () => {
  it('online: the printed serial, in any case and with the usual confusions, reaches the stamp, saying it was typed', async () => {
    const printed = serial.match(/.{4}/g)!.join('-');
    for (const typed of [printed, printed.toLowerCase(), serial, ` ${printed.replace(/O/g, '0').replace(/I/g, '1')} `]) {
      const on = await online(typed);
      expect(on.verdict, typed).toBe('authentic');
      expect(codes(on)[0]).toBe('typed_serial');
      expect(codes(on)).not.toContain('signature_valid');
      expect(on.stamp?.serial).toBe(serial);
      expect(on.product?.name).toBe(DEMO_PRODUCT_QUERY);
      expect(on.reasons[0]!.message_vi).toMatch(/nhập tay.*chứng minh ít hơn chữ ký số/);
      expect(on.reasons[0]!.message_en).toMatch(/typed.*proves less than/);
    }
  });

  it('online: every unissued serial gets one and the same answer', async () => {
    const strip = (r: VerifyResult) => JSON.stringify({ ...r, checkedAt: '', deviceToken: '', reasons: r.reasons.map((x) => ({ ...x, serial: '', message_vi: x.message_vi.replace(/[A-Z2-7]{4}(-[A-Z2-7]{4}){3}/, ''), message_en: x.message_en.replace(/[A-Z2-7]{4}(-[A-Z2-7]{4}){3}/, '') })) });
    const answers = await Promise.all(['AAAA-BBBB-CCCC-DDDD', 'ZZZZ-2345-6777-QQQQ', serial.slice(0, -1) + (serial.endsWith('A') ? 'B' : 'A')].map(online));
    for (const a of answers) {
      expect(a.verdict).toBe('unverified');
      expect(codes(a)).toEqual(['typed_serial_unknown']);
      expect(a.stamp).toBeUndefined();
      expect(a.product).toBeUndefined();
    }
    expect(new Set(answers.map(strip)).size).toBe(1);
  });

  it('offline: a typed serial says it needs a connection', async () => {
    const off = await verifyOffline(store, serial, NOW);
    expect(off.verdict).toBe('unverified');
    expect(codes(off)).toEqual(['typed_serial_needs_connection']);
    expect(off.reasons[0]!.message_vi).toMatch(/cần có mạng/);
  });

  it('a stamp URL without its scheme resolves to the stamp', async () => {
    const schemeless = stampUrl.replace(/^https?:\/\//i, '');
    const { on, off } = await both(schemeless);
    expect(on.verdict).toBe('authentic');
    expect(off.verdict).toBe('authentic_offline');
  });
});

describe('stamps and barcodes, online and offline', () => {
  const issue = () => t.runtime.issuing.issueBatch({ productId: stampProductId(), count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
  const stampProductId = () => [...t.runtime.deps.catalogue.readModel().catalogue().productById.values()].find((p) => p.name === DEMO_PRODUCT_QUERY)!.id;

  it('a changed character in the signature: unverified, in the server’s words', async () => {
    const url = (await issue()).stamps[0]!.url;
    const at = url.lastIndexOf('/') + 10;
    const { on, off } = await both(url.slice(0, at) + (url[at] === 'A' ? 'B' : 'A') + url.slice(at + 1));
    expect([on.verdict, off.verdict]).toEqual(['unverified', 'unverified']);
    expect(off.reasons[0]).toEqual(on.reasons[0]);
  });

  it('an EAN-13 from GS1 Vietnam, other URLs and text: the same not-a-stamp card', async () => {
    for (const payload of [ean13('893604512345'), 'https://nguonviet.vn.example.com/S/D1/X', 'http://xn--ngunvit-3ya.vn/', 'hello', 'https://nguonviet-check.com/S/D1/ABCDEFGHIJKLMNOP/AAAA']) {
      const { on, off } = await both(payload);
      expect({ ...off, checkedAt: '' }, payload).toEqual({ ...on, checkedAt: '' });
    }
  });

  it('a barcode a product lists shows that product, and its typos suggest it, the same both ways', async () => {
    const code = ean13('893604599999');
    await listGtin(stampProductId(), code.padStart(14, '0'));
    const { on, off } = await both(code);
    expect(off.gtin!.registryMatches.map((p) => p.name)).toEqual([DEMO_PRODUCT_QUERY]);
    expect(off.gtin!.registryMatches).toEqual(on.gtin!.registryMatches);
    // One digit wrong, or two neighbours swapped: the check digit fails and both suggest the registered code.
    for (const typo of [code.slice(0, 5) + String((Number(code[5]) + 1) % 10) + code.slice(6), code.slice(0, 3) + code[4] + code[3] + code.slice(5)]) {
      if (typo === code) continue;
      const answers = await both(typo);
      expect(answers.off.reasons.find((r) => r.code === 'gtin_typo_suggestion')?.suggestions, typo).toContain(code);
      expect(answers.off.reasons).toEqual(answers.on.reasons);
    }
  });

  it('a signed Digital Link for a product whose OCOP certificate lapsed (2019, year only): caution with the server’s words', async () => {
    const gaDoi = [...t.runtime.deps.catalogue.readModel().catalogue().productById.values()].find((p) => p.name === 'Gà đồi Ba Vì')!.id;
    const gtin14 = ean13('893604577777').padStart(14, '0');
    await listGtin(gaDoi, gtin14);
    const batch = await t.runtime.issuing.issueBatch({ productId: gaDoi, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
    const { serial: linkSerial, url } = batch.stamps[0]!;
    const link = `https://id.example.com/01/${gtin14}/21/${linkSerial}?kid=${batch.kid}&sig=${url.slice(url.lastIndexOf('/') + 1)}`;
    const { on, off } = await both(link);
    expect(on.verdict).toBe('caution');
    expect(off.verdict).toBe('caution');
    const lapsed = (r: VerifyResult) => r.reasons.find((x) => x.code === 'ocop_certificate_expired');
    expect(lapsed(off)?.message_vi).toBe('Chứng nhận OCOP 3 sao năm 2019 của sản phẩm đã hết hạn — muộn nhất ngày 31/12/2022 (chứng nhận có hiệu lực 36 tháng).');
    expect(lapsed(off)).toEqual(lapsed(on));
    expect(codes(off)).toEqual(['signature_valid', 'demo_issuer', 'ocop_certificate_expired', 'checked_offline']);
  });

  it('a key revoked as of the last sync: unverified, worded like the server', async () => {
    const batch = await issue();
    t.runtime.issuers.revokeKey(batch.kid, 'test: key leaked');
    await syncRegistry(store, t.api);
    const { on, off } = await both(batch.stamps[0]!.url);
    expect(off.verdict).toBe('unverified');
    expect(codes(off)).toEqual(['key_revoked', 'checked_offline']);
    expect(off.reasons[0]).toEqual({ ...on.reasons[0], revokedAt: expect.any(String) });
    expect(off.reasons[0]!.message_vi).toBe(on.reasons[0]!.message_vi);
    // Later tests need an active demo key again.
    await t.runtime.issuers.rotateKey('demo-issuer');
    await syncRegistry(store, t.api);
  });
});
