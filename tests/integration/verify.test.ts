import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../server/services/verify/verify-types';
import { createTestRuntime, TEST_NOW } from '../helpers/test-runtime';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  // Rate limits have their own tests (client-limits.test.ts): here thousands of checks come from one test client.
  t = await createTestRuntime({ RATE_LIMITS: 'off' });
});
afterAll(() => t.cleanup());

const productId = async (name: string) => {
  const r = await t.runtime.deps.search.search({ q: name, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  return r.hits[0]!.id;
};
const issue = async (name: string, opts: { count?: number; withPin?: boolean; expiresAt?: string | null } = {}) =>
  t.runtime.issuing.issueBatch({ productId: await productId(name), count: opts.count ?? 3, withPin: opts.withPin ?? false, expiresAt: opts.expiresAt ?? null, issuerId: 'demo-issuer' });

let n = 0;
const verify = async (body: Record<string, unknown>) => {
  const res = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as VerifyResult & { error?: { code: string } } };
};
const device = () => `device-${++n}-${Math.random().toString(36).slice(2)}`;
/** A device id the server issued, as the PWA gets before its first scan. */
const deviceToken = async () => ((await (await t.app.request('/api/device', { method: 'POST' })).json()) as { deviceToken: string }).deviceToken;
const minutesAgo = (m: number) => new Date(new Date(TEST_NOW).getTime() - m * 60_000).toISOString();
const codes = (r: VerifyResult) => r.reasons.map((x) => x.code);

describe('POST /api/verify', () => {
  it('a genuine demo stamp is authentic, with the product card', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY);
    const { status, body } = await verify({ payload: batch.stamps[0]!.url, deviceId: device() });
    expect(status).toBe(200);
    expect(body.verdict).toBe('authentic');
    expect(codes(body)).toEqual(['signature_valid']);
    expect(body.product?.name).toBe(DEMO_PRODUCT_QUERY);
    expect(body.batch).toMatchObject({ id: batch.batchId, isDemo: true, hasPin: false, status: 'active' });
    expect(body.reasons[0]!.message_vi).toMatch(/Tem chính hãng/);
  });

  it('forged payloads naming a real serial do not count as checks of the genuine stamp', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const url = batch.stamps[0]!.url;
    const sigStart = url.lastIndexOf('/') + 10;
    const flipped = url.slice(0, sigStart) + (url[sigStart] === 'A' ? 'B' : 'A') + url.slice(sigStart + 1);
    // Three "phones" post fakes of the printed serial, one of them from another province.
    for (const place of ['vn:p68', undefined, undefined]) {
      expect((await verify({ payload: flipped, deviceId: device(), ...(place ? { place } : {}), scannedAt: minutesAgo(10) })).body.verdict).toBe('unverified');
    }
    const owner = await verify({ payload: url, deviceId: device(), place: 'vn:00004' });
    expect(owner.body.verdict).toBe('authentic');
    expect(owner.body.stamp).toMatchObject({ checks: 1 });
  });

  it('a PIN used without a device id is "already used" the second time', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1, withPin: true });
    const { url, pin } = batch.stamps[0] as unknown as { url: string; pin: string };
    expect(codes((await verify({ payload: url, pin })).body)).toContain('pin_ok');
    expect(codes((await verify({ payload: url, pin })).body)).toContain('pin_already_used');
  });

  it('accepts the URL in lowercase and with whitespace around it', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const { body } = await verify({ payload: `  ${batch.stamps[0]!.url.toLowerCase()}\n` });
    expect(body.verdict).toBe('authentic');
  });

  it('one changed character gives unverified; forged signature and unissued serial answer alike', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const url = batch.stamps[0]!.url;
    const sigStart = url.lastIndexOf('/') + 10;
    const flipped = url.slice(0, sigStart) + (url[sigStart] === 'A' ? 'B' : 'A') + url.slice(sigStart + 1);
    const forged = await verify({ payload: flipped });
    expect(forged.body.verdict).toBe('unverified');
    // A never-issued serial with a signature made by the real key (a leaked key or printer).
    const { signSerialsHere } = await import('../../server/repositories/stamp-signer.repository');
    const { encodeStampUrl } = await import('../../server/domain/stamp-codec');
    const { createKeyStore } = await import('../../server/repositories/key-store.repository');
    const seed = createKeyStore(t.runtime.deps.config.issuerKeyDir, () => new Uint8Array(32)).readPrivateKey(batch.kid);
    const serial = 'ABCDEFGHIJKLMNOP';
    const leaked = encodeStampUrl('https://nguonviet.vn', { kid: batch.kid, serial, signature: signSerialsHere(seed, batch.kid, [serial]) });
    const unissued = await verify({ payload: leaked });
    expect(unissued.body.verdict).toBe('unverified');
    const strip = (r: VerifyResult) => ({ ...r, checkedAt: '', stamp: undefined, deviceToken: undefined });
    expect(strip(unissued.body)).toEqual(strip(forged.body));
    // Inspectors see the real cause in the scan events.
    expect(t.runtime.stamps.scanEvents(serial).map((e) => e.reasons)).toEqual([['serial_not_issued']]);
  });

  it('a signed GS1 Digital Link verifies; with its signature damaged it is unverified, not "no stamp"', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const { serial, url } = batch.stamps[0]!;
    const link = (sig: string) => `https://id.example.com/01/08931234567897/21/${serial}?kid=${batch.kid}&sig=${sig}`;
    expect((await verify({ payload: link(url.slice(url.lastIndexOf('/') + 1)) })).body.verdict).not.toBe('not_a_stamp');
    for (const sig of ['A'.repeat(50), '']) {
      const { body } = await verify({ payload: link(sig) });
      expect(body.verdict, sig).toBe('unverified');
      expect(codes(body)).toEqual(['not_genuine', 'malformed_stamp']);
    }
    // Our signature beside a serial that is not a stamp serial: a damaged stamp too.
    const sig = url.slice(url.lastIndexOf('/') + 1);
    const badSerial = await verify({ payload: `https://id.example.com/01/08931234567897/21/ABC?kid=${batch.kid}&sig=${sig}` });
    expect(badSerial.body.verdict).toBe('unverified');
    // Another system's sig parameter is no signature of ours: not a stamp, never a suspected fake.
    expect((await verify({ payload: 'https://id.example.com/01/08931234567897/21/LOT7?sig=abc123' })).body.verdict).toBe('not_a_stamp');
  });

  it('the same phone re-checking never alarms; other phones on one network are told, never a caution', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const url = batch.stamps[0]!.url;
    const mine = await deviceToken();
    for (let i = 0; i < 5; i++) expect(codes((await verify({ payload: url, deviceId: mine })).body)).toEqual(['signature_valid']);
    for (let i = 0; i < 4; i++) await verify({ payload: url, deviceId: await deviceToken(), place: 'vn:00004' });
    const again = await verify({ payload: url, deviceId: mine });
    expect(again.body.verdict).toBe('authentic');
    // Every test request comes from one network: those phones are the checker's own network.
    expect(codes(again.body)).toEqual(['signature_valid']);
    expect(again.body.stamp).toMatchObject({ checks: 10 });
  });

  it('keeps verifying after key rotation; a revoked key gives unverified with key_revoked', async () => {
    const before = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const newKid = await t.runtime.issuers.rotateKey('demo-issuer');
    expect(newKid).not.toBe(before.kid);
    expect((await verify({ payload: before.stamps[0]!.url })).body.verdict).toBe('authentic');
    const after = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    expect(after.kid).toBe(newKid);
    expect((await verify({ payload: after.stamps[0]!.url })).body.verdict).toBe('authentic');
    // The rotated and revoked keys travel in the sync feed for offline checks.
    const keys = t.runtime.deps.registry.allRecords('issuer_keys');
    expect(keys.get(before.kid)).toMatchObject({ status: 'retired', algorithm: 'Ed25519' });
    t.runtime.issuers.revokeKey(before.kid, 'khóa bị lộ');
    const revoked = await verify({ payload: before.stamps[0]!.url });
    expect(revoked.body.verdict).toBe('unverified');
    expect(codes(revoked.body)).toEqual(['key_revoked']);
    expect((await verify({ payload: after.stamps[0]!.url })).body.verdict).toBe('authentic');
    const snapshot = JSON.parse(t.runtime.deps.sync.snapshot().body) as { records: { issuer_keys: { id: string; status: string; public_key: string }[] } };
    expect(snapshot.records.issuer_keys.find((k) => k.id === before.kid)?.status).toBe('revoked');
    const { createKeyStore } = await import('../../server/repositories/key-store.repository');
    const seed = createKeyStore(t.runtime.deps.config.issuerKeyDir, () => new Uint8Array(32)).readPrivateKey(before.kid);
    const text = JSON.stringify(snapshot);
    for (const encoding of ['base64', 'base64url', 'hex'] as const) expect(text).not.toContain(Buffer.from(seed).toString(encoding));
  });

  it('an unknown key and a damaged stamp URL give unverified', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const unknownKid = batch.stamps[0]!.url.replace(`/S/${batch.kid}/`, '/S/ZZ9/');
    expect((await verify({ payload: unknownKid })).body).toMatchObject({ verdict: 'unverified', reasons: [{ code: 'not_genuine' }] });
    const damaged = await verify({ payload: batch.stamps[0]!.url.slice(0, -40) + '!!' });
    expect(damaged.body.verdict).toBe('unverified');
    expect(codes(damaged.body)).toEqual(['not_genuine', 'malformed_stamp']);
  });

  it('is idempotent by clientEventId', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const url = batch.stamps[0]!.url;
    const ev = { payload: url, deviceId: device(), clientEventId: 'evt-0000001-abc' };
    await verify(ev);
    await verify(ev);
    await verify(ev);
    expect(t.runtime.stamps.scanEvents(batch.stamps[0]!.serial)).toHaveLength(1);
  });

  it('revoking the batch gives revoked with the date and reason', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 2 });
    t.runtime.stamps.revokeBatch(batch.batchId, TEST_NOW, 'cuộn tem bị mất cắp');
    const { body } = await verify({ payload: batch.stamps[1]!.url });
    expect(body.verdict).toBe('revoked');
    expect(codes(body)).toEqual(['batch_revoked', 'scanned_after_revocation']);
    expect(body.reasons[0]!.message_vi).toMatch(/cuộn tem bị mất cắp/);
  });

  it('an expired batch and an expired OCOP certificate give caution', async () => {
    const old = await issue(DEMO_PRODUCT_QUERY, { count: 1, expiresAt: '2026-01-31' });
    expect(codes((await verify({ payload: old.stamps[0]!.url })).body)).toEqual(['batch_expired']);
    // Thanh Hoá's "Nước mắm": decision of 23/12/2019, so valid to 23/12/2022.
    const fishId = (await t.runtime.deps.search.search({ q: 'nước mắm', filters: { certificate: 'expired', placeId: 'vn:p38' }, limit: 20, offset: 0, facets: false, today: '2026-11-25' })).hits
      .map((h) => t.runtime.deps.catalogue.productDetail(h.id, '2026-11-25')!)
      .find((d) => d.name === 'Nước mắm')!.id;
    const fish = await t.runtime.issuing.issueBatch({ productId: fishId, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
    const r = await verify({ payload: fish.stamps[0]!.url });
    expect(r.body.verdict).toBe('caution');
    expect(r.body.reasons.find((x) => x.code === 'ocop_certificate_expired')?.message_vi).toMatch(/hết hạn ngày 23\/12\/2022/);
  });

  it('a certificate known only by its year (2019) has expired by 31/12/2022 at the latest: caution, saying so', async () => {
    const ga = await issue('Gà đồi Ba Vì', { count: 1 });
    const r = await verify({ payload: ga.stamps[0]!.url });
    expect(r.body.product?.name).toBe('Gà đồi Ba Vì');
    expect(r.body.verdict).toBe('caution');
    expect(r.body.product).toMatchObject({ certificateStatus: 'expired', certYear: 2019, certLatestUntil: '2022-12-31' });
    expect(r.body.reasons.find((x) => x.code === 'ocop_certificate_expired')?.message_vi).toBe(
      'Chứng nhận OCOP 3 sao năm 2019 của sản phẩm đã hết hạn — muộn nhất ngày 31/12/2022 (chứng nhận có hiệu lực 36 tháng).',
    );
  });

  it('checks scratch PINs: right, used elsewhere (with when), wrong; guesses then wait and never lock or alarm the buyer', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 2, withPin: true });
    const [a, b] = batch.stamps as unknown as [{ url: string; pin: string }, { url: string; pin: string }];
    expect(a.pin).toMatch(/^\d{8}$/);
    const first = await deviceToken();
    // The batch says it has PINs, so the verdict screen offers the PIN form before one is typed.
    expect((await verify({ payload: a.url, deviceId: first })).body.batch).toMatchObject({ hasPin: true });
    expect(codes((await verify({ payload: a.url, deviceId: first, pin: a.pin })).body)).toEqual(['signature_valid', 'pin_ok']);
    expect((await verify({ payload: a.url, deviceId: first, pin: a.pin })).body.verdict).toBe('authentic');
    const other = await verify({ payload: a.url, deviceId: device(), pin: a.pin });
    expect(other.body.verdict).toBe('caution');
    expect(other.body.reasons.find((r) => r.code === 'pin_already_used')).toMatchObject({ usedAt: TEST_NOW.replace('Z', '.000Z') });
    const wrong = b.pin === '00000000' ? '11111111' : '00000000';
    for (let i = 0; i < 3; i++) {
      const guess = await verify({ payload: b.url, pin: wrong });
      expect(guess.status).toBe(200);
      expect(codes(guess.body)).toContain('pin_wrong');
      expect(guess.body.verdict, JSON.stringify(codes(guess.body))).toBe('authentic');
    }
    // The fourth guess must wait: still the stamp's verdict, with when to retry; the buyer too.
    for (const pin of [wrong, b.pin]) {
      const waiting = await verify({ payload: b.url, pin, deviceId: device() });
      expect(waiting.status).toBe(200);
      expect(waiting.body.verdict).toBe('authentic');
      expect(waiting.body.reasons.find((r) => r.code === 'pin_retry_later')).toMatchObject({ retryAt: '2026-11-25T03:01:00.000Z' });
    }
    const record = t.runtime.stamps.stamp(b.url.split('/').at(-2)!)!;
    expect(record.pinFailures).toBe(3);
  });

  it('an EAN-13 from the 893 range is not_a_stamp with the GS1 Vietnam explanation', async () => {
    const { body } = await verify({ payload: '8934673000000' });
    expect(body.verdict).toBe('not_a_stamp');
    expect(body.gtin).toMatchObject({ checkDigitValid: true, format: 'GTIN-13', prefix: { prefix: '893', isGs1Vietnam: true } });
    expect(body.gtin!.prefix!.message_vi).toMatch(/GS1 Việt Nam/);
    expect(body.gtin!.prefix!.message_vi).toMatch(/KHÔNG cho biết hàng được sản xuất ở đâu/);
  });

  it('a barcode with a wrong check digit is not_a_stamp and says so', async () => {
    const { body } = await verify({ payload: '8934673000007' });
    expect(body.verdict).toBe('not_a_stamp');
    expect(body.gtin).toMatchObject({ checkDigitValid: false });
    expect(body.reasons[0]).toMatchObject({ code: 'gtin', error: 'bad_check_digit' });
  });

  it('10,000 random and mutated payloads never give a 5xx', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const genuine = batch.stamps[0]!.url;
    const mutated = fc
      .tuple(fc.nat(genuine.length - 1), fc.string({ minLength: 0, maxLength: 3, unit: 'binary' }), fc.nat(genuine.length))
      .map(([i, junk, cut]) => (genuine.slice(0, i) + junk + genuine.slice(i + 1)).slice(0, Math.max(cut, 1)));
    const payload = fc.oneof(mutated, fc.string({ maxLength: 300, unit: 'binary' }), fc.webUrl(), fc.stringMatching(/^[0-9]{6,15}$/));
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(payload, fc.option(fc.stringMatching(/^[A-Za-z0-9]{8,20}$/)), async (p, deviceId) => {
        const res = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: p, ...(deviceId ? { deviceId } : {}) }) });
        seen.add(res.status);
        expect(res.status).toBeLessThan(500);
        const body = (await res.json()) as { verdict?: string; error?: { code: string } };
        expect(body.verdict ?? body.error?.code).toBeTruthy();
      }),
      { numRuns: 10_000 },
    );
    expect(seen.has(200)).toBe(true);
  }, 120_000);

  it('a lookalike URL is not_a_stamp with the real host and a warning, never followed', async () => {
    const { body } = await verify({ payload: 'https://nguonviet.vn.xn--80ak6aa92e.com/S/D1/AAAA' });
    expect(body.verdict).toBe('not_a_stamp');
    expect(body.url?.host).toBe('nguonviet.vn.xn--80ak6aa92e.com');
    const cyr = await verify({ payload: 'https://nguonviеt.vn/S/D1/ABC' }); // Cyrillic е
    expect(cyr.body.url?.flags).toEqual(expect.arrayContaining(['punycode', 'lookalike']));
  });

  it('answers bad requests with 400 and a reason', async () => {
    const bad = async (body: string) => {
      const res = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: res.status, body: (await res.json()) as { error: { code: string } } };
    };
    expect((await bad('{')).status).toBe(400);
    expect((await bad('{}')).body.error.code).toBe('invalid_request');
    expect((await bad(JSON.stringify({ payload: 'x', pin: 'abc' }))).body.error.code).toBe('invalid_request');
    expect((await bad(JSON.stringify({ payload: 'x', place: 'hn2024:00004' }))).body.error.code).toBe('invalid_place');
  });
});

describe('inspector stamp history', () => {
  it('pages every scan newest first with places, stable device labels and evidence flags', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const { url, serial } = batch.stamps[0]!;
    const a = await deviceToken();
    await verify({ payload: url, deviceId: a, place: 'vn:00004', scannedAt: minutesAgo(120) });
    await verify({ payload: url, deviceId: a, place: 'vn:00004', scannedAt: minutesAgo(100) });
    await verify({ payload: url, deviceId: device(), place: 'vn:p68', scannedAt: minutesAgo(30) });
    const h = t.runtime.history.stampHistory(serial, '2026-11-25', { limit: 2 })!;
    expect(h.summary).toMatchObject({ checks: 3, devices: 1, networks: 1 });
    expect(h.events).toHaveLength(2);
    expect(h.events[0]!.place).toEqual({ id: 'vn:p68', name: 'Tỉnh Lâm Đồng' });
    expect(h.events.map((e) => e.evidence)).toEqual([false, true]);
    const next = t.runtime.history.stampHistory(serial, '2026-11-25', { limit: 2, before: h.nextBefore! })!;
    expect(next.events).toHaveLength(1);
    expect(next.events[0]!.device).toBe(h.events[1]!.device);
    expect(next.nextBefore).toBeNull();
    expect(JSON.stringify(h)).not.toMatch(/pinHash|deviceHash/);
    expect(t.runtime.history.stampHistory('ZZZZZZZZZZZZZZZZ', '2026-11-25')).toBeNull();
  });

  it('lists a forged scan naming the serial, but it adds no check or evidence', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const { url, serial } = batch.stamps[0]!;
    const sigStart = url.lastIndexOf('/') + 10;
    const forged = url.slice(0, sigStart) + (url[sigStart] === 'A' ? 'B' : 'A') + url.slice(sigStart + 1);
    expect((await verify({ payload: forged, deviceId: await deviceToken(), place: 'vn:p68', scannedAt: minutesAgo(60) })).body.verdict).toBe('unverified');
    const h = t.runtime.history.stampHistory(serial, '2026-11-25')!;
    expect(h.events.map((e) => [e.verdict, e.reasons])).toEqual([['unverified', ['bad_signature']]]);
    expect(h.summary).toMatchObject({ checks: 0, devices: 0 });
  });

  it('reports never-issued serials signed by a real key as a leaked-key alert', () => {
    const alerts = t.runtime.history.leakedKeyAlerts();
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]).toMatchObject({ scans: expect.any(Number), serials: expect.any(Number) });
  });
});

describe('stamp landing page', () => {
  it("carries a certificate's year and its expiry when only the year is known (Gà đồi Ba Vì, 2019)", async () => {
    const batch = await issue('Gà đồi Ba Vì', { count: 1 });
    const html = await (await t.app.request(new URL(batch.stamps[0]!.url).pathname)).text();
    expect(html).toContain('data-verdict="caution"');
    expect(html).toContain('3 sao (năm công nhận 2019)');
    expect(html).toContain('Đã hết hạn — muộn nhất 31/12/2022');
    expect(html).not.toMatch(/registry\/|\.csv/);
  });

  it('renders a small Vietnamese verdict page with an English toggle, no JavaScript', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const path = new URL(batch.stamps[0]!.url).pathname;
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(Buffer.byteLength(html)).toBeLessThan(15 * 1024);
    expect(html).toContain('Tem chính hãng');
    expect(html).toContain(DEMO_PRODUCT_QUERY);
    expect(html).toContain('TEM MẪU (DEMO) — chỉ để thử nghiệm, không gắn trên hàng bán');
    expect(html).toMatch(/<header><a class="brand" href="\/">Nguồn Việt<\/a>/);
    expect(html).toMatch(/class="v" role="status" data-verdict="authentic"/);
    expect(html).toMatch(/Kiểm tra lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4} \(giờ Việt Nam\)/);
    expect(html).toMatch(/Nguồn: [^<]+ — <a href="https?:\/\/[^"]+" rel="noopener nofollow">xem văn bản gốc<\/a>/);
    expect(html).not.toContain('<script');
    expect(res.headers.get('set-cookie')).toMatch(/nv_device=/);
    const en = await (await t.app.request(`${path.toLowerCase()}?lang=en`)).text();
    expect(en).toContain('Genuine stamp');
  });

  it('counts the page and the app in one browser as one phone; HEADs and link previews are no checks', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const { url, serial } = batch.stamps[0]!;
    const path = new URL(url).pathname;
    const checks = () => t.runtime.history.stampHistory(serial, '2026-11-25')!.summary.checks;
    await t.app.request(path, { method: 'HEAD' });
    const preview = await t.app.request(path, { headers: { 'user-agent': 'Mozilla/5.0 (compatible; SomePreviewBot/1.0)' } });
    expect(await preview.text()).toContain('Mở liên kết này');
    expect(checks()).toBe(0);
    // Four phones, each opening the page and then the app with its own app device id: the
    // page's cookie makes them one phone each (one network here, so never a caution).
    for (let phone = 0; phone < 4; phone++) {
      const page = await t.app.request(path);
      const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
      const res = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ payload: url, deviceId: device() }) });
      const body = (await res.json()) as VerifyResult;
      expect(body.verdict, `phone ${phone + 1}`).toBe('authentic');
      expect(body.deviceToken).toBeUndefined();
    }
    expect(checks()).toBe(8);
    // The cookieless page loads added no evidence; each app check did.
    const h = t.runtime.history.stampHistory(serial, '2026-11-25')!;
    expect(h.events.map((e) => e.evidence)).toEqual([true, false, true, false, true, false, true, false]);
  });

  it('a phone that checked in the app first is the same phone on the stamp page, and its PIN stays its own', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1, withPin: true });
    const { url, pin } = batch.stamps[0] as unknown as { url: string; pin: string };
    const path = new URL(url).pathname;
    const app = device();
    const first = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: url, deviceId: app, pin }) });
    const firstBody = (await first.json()) as VerifyResult;
    expect(firstBody.reasons.map((r) => r.code)).toContain('pin_ok');
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    // The app's own id was not one we issued: it got one, as its answer and as the cookie.
    expect(cookie).toBe(`nv_device=${firstBody.deviceToken}`);
    // The camera app opens the stamp page in the same browser, then the app checks again with the PIN.
    const page = await t.app.request(path, { headers: { cookie } });
    expect(page.headers.get('set-cookie')).toBeNull();
    const again = await t.app.request('/api/verify', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ payload: url, deviceId: app, pin }) });
    const codes = ((await again.json()) as VerifyResult).reasons.map((r) => r.code);
    expect(codes).not.toContain('pin_already_used');
    expect(codes).not.toContain('checked_by_other_devices');
  });

  it('a phone browser is no link preview: Zalo\'s in-app browser and a CUBOT phone get the verdict; a crawler gets the neutral page with a check button', async () => {
    const batch = await issue(DEMO_PRODUCT_QUERY, { count: 1 });
    const { serial, url } = batch.stamps[0]!;
    const path = new URL(url).pathname;
    const checks = () => t.runtime.history.stampHistory(serial, '2026-11-25')!.summary.checks;
    const zalo = 'Mozilla/5.0 (Linux; Android 12; SM-A127F Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 Zalo android/12100640 ZaloTheme/light ZaloLanguage/vn';
    const cubot = 'Mozilla/5.0 (Linux; Android 12; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36';
    for (const ua of [zalo, cubot]) expect(await (await t.app.request(path, { headers: { 'user-agent': ua } })).text(), ua).toContain(DEMO_PRODUCT_QUERY);
    expect(checks()).toBe(2);
    const crawler = 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)';
    const preview = await (await t.app.request(path, { headers: { 'user-agent': crawler } })).text();
    expect(preview).toContain('name="check" value="1"');
    expect(checks()).toBe(2);
    expect(await (await t.app.request(`${path}?check=1`, { headers: { 'user-agent': crawler } })).text()).toContain(DEMO_PRODUCT_QUERY);
    expect(checks()).toBe(3);
  });
});
