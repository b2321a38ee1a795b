import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../server/domain/base32';
import { looksLikeDigitalLink, parseDigitalLink, stampOfDigitalLink } from '../../server/domain/gs1-digital-link';
import { generateKeyPair, signStamp, verifyStampSignature } from '../../server/domain/stamp-signature';

const EXAMPLE = 'https://id.gs1.org/01/09506000134352/10/ABC123/21/12345?17=201225';
const serial = encodeBase32(new Uint8Array(10).fill(0x42));
const sig = encodeBase32(new Uint8Array(64).fill(0x11));

describe('parseDigitalLink', () => {
  it('parses the GS1 example with lot, serial and expiry', () => {
    const parsed = parseDigitalLink(EXAMPLE);
    expect(parsed).toEqual({
      ok: true,
      value: {
        host: 'id.gs1.org',
        gtin: { digits: '09506000134352', format: 'GTIN-14', gtin14: '09506000134352' },
        lot: 'ABC123',
        serial: '12345',
        expiry: { yymmdd: '201225', iso: '2020-12-25' },
        otherAIs: {},
        otherParams: {},
      },
    });
  });

  it('accepts any host, a path prefix, 8/12/13-digit GTINs, aliases and a trailing slash', () => {
    const prefixed = parseDigitalLink('https://brand.example.vn/shop/p/01/8934673000000/');
    expect(prefixed.ok && prefixed.value.gtin.gtin14).toBe('08934673000000');
    const upc = parseDigitalLink('http://example.com/01/036000291452');
    expect(upc.ok && upc.value.gtin.format).toBe('GTIN-12');
    const aliases = parseDigitalLink('https://example.com/gtin/96385074/cpv/2A/lot/L1/ser/S1');
    expect(aliases.ok && aliases.value).toMatchObject({ gtin: { format: 'GTIN-8' }, cpv: '2A', lot: 'L1', serial: 'S1' });
  });

  it('skips a path prefix that contains "01"', () => {
    const parsed = parseDigitalLink('https://e.com/01/shop/01/09506000134352/10/L1');
    expect(parsed.ok && parsed.value.lot).toBe('L1');
  });

  it('percent-decodes path values', () => {
    const parsed = parseDigitalLink('https://example.com/01/09506000134352/10/AB%2FC%25');
    expect(parsed.ok && parsed.value.lot).toBe('AB/C%');
  });

  it('keeps other AIs and non-AI parameters apart', () => {
    const parsed = parseDigitalLink('https://example.com/01/09506000134352?3103=000500&15=250600&linkType=gs1:pip&99=X');
    expect(parsed.ok && parsed.value).toMatchObject({ otherAIs: { '3103': '000500', '15': '250600', '99': 'X' }, otherParams: { linkType: 'gs1:pip' } });
    expect(parsed.ok && parsed.value.expiry).toBeUndefined();
  });

  it('resolves expiry dates: day 00 is the end of the month, GS1 century rule with a reference year', () => {
    const endOfMonth = parseDigitalLink('https://e.com/01/09506000134352?17=240200');
    expect(endOfMonth.ok && endOfMonth.value.expiry?.iso).toBe('2024-02-29');
    const leap = parseDigitalLink('https://e.com/01/09506000134352?17=240229');
    expect(leap.ok && leap.value.expiry?.iso).toBe('2024-02-29');
    const old = parseDigitalLink('https://e.com/01/09506000134352?17=991231', { referenceYear: 2025 });
    expect(old.ok && old.value.expiry?.iso).toBe('1999-12-31');
    const soon = parseDigitalLink('https://e.com/01/09506000134352?17=740101', { referenceYear: 2025 });
    expect(soon.ok && soon.value.expiry?.iso).toBe('2074-01-01');
    const noClock = parseDigitalLink('https://e.com/01/09506000134352?17=991231');
    expect(noClock.ok && noClock.value.expiry?.iso).toBe('2099-12-31');
  });

  it('reads our signature and turns a signed link into a verifiable stamp', async () => {
    const { privateKey, publicKey } = await generateKeyPair();
    const signature = await signStamp(privateKey, 'K7', serial);
    const parsed = parseDigitalLink(`https://nguonviet.vn/01/08934673000000/21/${serial.toLowerCase()}?kid=k7&sig=${encodeBase32(signature)}`);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.signature).toEqual({ kid: 'K7', signature });
    const stamp = stampOfDigitalLink(parsed.value);
    expect(stamp).toEqual({ kid: 'K7', serial, signature });
    expect(await verifyStampSignature(publicKey, stamp!)).toBe(true);
    const unsigned = parseDigitalLink(EXAMPLE);
    expect(unsigned.ok && stampOfDigitalLink(unsigned.value)).toBeNull();
  });

  const cases: [string, string][] = [
    ['', 'empty'],
    [`https://e.com/01/${'1'.repeat(2100)}`, 'too_long'],
    ['01/09506000134352', 'not_url'],
    ['https://e.com/product/09506000134352', 'not_digital_link'],
    ['https://e.com/01', 'bad_path'],
    ['https://e.com/01/09506000134353', 'bad_gtin'],
    ['https://e.com/01/0950600013435X', 'bad_gtin'],
    ['https://e.com/01/12345', 'bad_gtin'],
    ['https://e.com/01/09506000134352/21/S1/10/L1', 'bad_path'],
    ['https://e.com/01/09506000134352/99/X', 'bad_path'],
    ['https://e.com/01/09506000134352/10', 'bad_path'],
    ['https://e.com/01/09506000134352/10/L1/10/L2', 'bad_path'],
    ['https://e.com/01/09506000134352/10/ABCDEFGHIJKLMNOPQRSTU', 'bad_lot'],
    ['https://e.com/01/09506000134352/10/A%20B', 'bad_lot'],
    ['https://e.com/01/09506000134352/22/%C3%A9', 'bad_cpv'],
    ['https://e.com/01/09506000134352/21/%7E', 'bad_serial'],
    ['https://e.com/01/09506000134352/10/%E0%A4%A', 'bad_percent_encoding'],
    ['https://e.com/01/09506000134352?17=201332', 'bad_date'],
    ['https://e.com/01/09506000134352?17=210229', 'bad_date'],
    ['https://e.com/01/09506000134352?17=2012', 'bad_date'],
    ['https://e.com/01/09506000134352?3103=5', 'bad_ai_value'],
    ['https://e.com/01/09506000134352?99=', 'bad_ai_value'],
    ['https://e.com/01/09506000134352?17=201225&17=201226', 'duplicate_ai'],
    ['https://e.com/01/09506000134352?10=L1', 'duplicate_ai'],
    [`https://e.com/01/09506000134352/21/${serial}?sig=${sig}`, 'incomplete_signature'],
    [`https://e.com/01/09506000134352/21/${serial}?kid=K1`, 'incomplete_signature'],
    [`https://e.com/01/09506000134352/21/${serial}?kid=K_1&sig=${sig}`, 'bad_kid'],
    [`https://e.com/01/09506000134352/21/${serial}?kid=K1&sig=${sig.slice(1)}`, 'bad_signature_encoding'],
    [`https://e.com/01/09506000134352/21/12345?kid=K1&sig=${sig}`, 'bad_stamp_serial'],
    [`https://e.com/01/09506000134352?kid=K1&sig=${sig}`, 'bad_stamp_serial'],
  ];
  it.each(cases)('rejects %j with %s', (raw, code) => {
    const parsed = parseDigitalLink(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message_vi.length).toBeGreaterThan(0);
    expect(parsed.error.message_en.length).toBeGreaterThan(0);
  });

  it("keeps another system's kid/sig as its own parameters: a link without our signature, not a damaged stamp", () => {
    for (const query of ['sig=abc123', 'kid=v1&sig=xyz', `kid=K1&sig=${'A'.repeat(86)}`, `kid=K1&sig=${'a1'.repeat(64)}`]) {
      const parsed = parseDigitalLink(`https://brand.example/01/09506000134352/21/LOT-7?${query}`);
      expect(parsed.ok, query).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.value.signature).toBeUndefined();
      expect(Object.keys(parsed.value.otherParams).sort(), query).toEqual(query.includes('kid') ? ['kid', 'sig'] : ['sig']);
    }
  });

  it('says why a GTIN was rejected', () => {
    const parsed = parseDigitalLink('https://e.com/01/09506000134353');
    expect(!parsed.ok && parsed.error.gtinError?.code).toBe('bad_check_digit');
  });
});

describe('looksLikeDigitalLink', () => {
  it('spots a /01/ or /gtin/ segment in an http(s) URL', () => {
    expect(looksLikeDigitalLink(EXAMPLE)).toBe(true);
    expect(looksLikeDigitalLink('https://e.com/GTIN/96385074')).toBe(true);
    expect(looksLikeDigitalLink('https://e.com/2001/page')).toBe(false);
    expect(looksLikeDigitalLink('https://blog.example/2024/01/15/post')).toBe(false);
    expect(looksLikeDigitalLink('01/09506000134352')).toBe(false);
  });
});
