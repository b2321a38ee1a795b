// The same scan, checked by the real server and by the offline check against a synced copy:
// GS1 element strings, AI-table errors, non-GTIN keys, non-canonical stamp URLs (issue 9,
// rows 9–10) and typed serials must get the same verdict and reason codes both ways
// (typed serials excepted: offline they need a connection).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import type { VerifyResult } from '../../server/domain/verify-result';
import { syncRegistry, verifyOffline, type OfflineStore } from '../../web/offline';
import { startTestServer, type TestServer } from './fixtures/offline-server';
import { freshStore } from './fixtures/offline-stores';

let t: TestServer;
let store: OfflineStore;
let stampUrl: string;
let serial: string;
beforeAll(async () => {
  t = await startTestServer();
  const search = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
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
const online = async (payload: string) =>
  (await (await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload }) })).json()) as VerifyResult;
const both = async (payload: string) => ({ on: await online(payload), off: await verifyOffline(store, payload, NOW) });
const GTIN = '08934588012228';

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
