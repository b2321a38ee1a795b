import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../server/domain/base32';
import { looksLikeDigitalLink, parseDigitalLink, stampOfDigitalLink } from '../../server/domain/gs1-digital-link';
import { computeGs1CheckDigit } from '../../server/domain/gtin';
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
        notes: [],
        primaryKey: { ai: '01', value: '09506000134352', title_en: 'GTIN (product code)', title_vi: 'Mã sản phẩm (GTIN)' },
        elements: [
          { ai: '01', value: '09506000134352', title_en: 'GTIN (product code)', title_vi: 'Mã sản phẩm (GTIN)' },
          { ai: '10', value: 'ABC123', title_en: 'Batch or lot', title_vi: 'Số lô' },
          { ai: '21', value: '12345', title_en: 'Serial number', title_vi: 'Số sê-ri' },
          { ai: '17', value: '201225', title_en: 'Expiry (use by)', title_vi: 'Hạn sử dụng', date: { yymmdd: '201225', iso: '2020-12-25' } },
        ],
      },
    });
  });

  it('accepts any host, a path prefix, 8/12/13-digit GTINs, aliases and a trailing slash', () => {
    const prefixed = parseDigitalLink('https://brand.example.vn/shop/p/01/8934673000000/');
    expect(prefixed.ok && prefixed.value.gtin?.gtin14).toBe('08934673000000');
    const upc = parseDigitalLink('http://example.com/01/036000291452');
    expect(upc.ok && upc.value.gtin?.format).toBe('GTIN-12');
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

describe('parseDigitalLink: the AI table and the other primary keys (GS1 Digital Link URI syntax 1.4)', () => {
  const withCheck = (payload: string) => payload + computeGs1CheckDigit(payload);
  // Examples from the GS1 Digital Link standard and its conformance cases.
  const valid: [string, string, string[]][] = [
    ['https://id.gs1.org/01/09520123456788', '01', ['01']],
    ['https://id.gs1.org/01/09520123456788/22/2A', '01', ['01', '22']],
    ['https://id.gs1.org/01/09520123456788/10/ABC123/21/12345?17=180426', '01', ['01', '10', '21', '17']],
    ['https://example.com/01/09520123456788/235/XYZ', '01', ['01', '235']],
    ['https://id.gs1.org/00/106141412345678908', '00', ['00']],
    ['https://id.gs1.org/414/9520123456788', '414', ['414']],
    ['https://id.gs1.org/414/9520123456788/254/32a%2Fb', '414', ['414', '254']],
    ['https://id.gs1.org/253/4602443000331XYZ', '253', ['253']],
    ['https://id.gs1.org/401/0614141xyz', '401', ['401']],
    ['https://id.gs1.org/8004/0614141123452', '8004', ['8004']],
    [`https://id.gs1.org/8018/${withCheck('38588870011111111')}`, '8018', ['8018']],
    ['https://id.gs1.org/01/09520123456788?3103=000195&3922=0299&17=201225', '01', ['01', '3103', '3922', '17']],
    ['https://id.gs1.org/01/09520123456788?410=9520123456788&linkType=gs1:pip', '01', ['01', '410']],
  ];
  it.each(valid)('parses %j', (raw, key, ais) => {
    const parsed = parseDigitalLink(raw);
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.primaryKey.ai).toBe(key);
    expect(parsed.value.elements.map((e) => e.ai)).toEqual(ais);
    expect(parsed.value.notes).toEqual([]);
    expect(parsed.value.gtin === undefined).toBe(key !== '01');
  });

  it('reads a non-GTIN key as a GS1 Digital Link, not another website', () => {
    expect(looksLikeDigitalLink('https://id.gs1.org/414/9520123456788')).toBe(true);
    expect(looksLikeDigitalLink('https://id.gs1.org/00/106141412345678908')).toBe(true);
    expect(looksLikeDigitalLink('https://id.gs1.org/00/106141412345678907')).toBe(false);
  });

  const rejected: [string, string][] = [
    ['https://example.com/01/09520123456788?99=ABC&999=faux', 'unknown_ai'],
    ['https://example.com/01/09520123456788?23=X', 'unknown_ai'],
    ['https://example.com/01/09520123456788?410=9520123456787', 'bad_check_digit'],
    ['https://example.com/01/09520123456788?02=09520123456787', 'bad_check_digit'],
    ['https://example.com/01/09520123456788?11=250230', 'bad_date'],
    ['https://example.com/01/09520123456788?7006=250200', 'bad_date'],
    ['https://example.com/01/09520123456788?4321=2', 'bad_ai_value'],
    ['https://example.com/01/09520123456788/235/XYZ/21/1', 'bad_path'],
    ['https://example.com/01/09520123456788/21/1/235/XYZ', 'bad_path'],
    ['https://example.com/01/09520123456788/235/ABCDEFGHIJKLMNOPQRSTUVWXYZ0123', 'bad_ai_value'],
    ['https://example.com/01/09520123456788/254/X', 'bad_path'],
    ['https://example.com/01/09520123456788?235=XYZ', 'duplicate_ai'],
    ['https://id.gs1.org/414/9520123456788/10/L1', 'bad_path'],
    ['https://id.gs1.org/00/106141412345678907', 'bad_check_digit'],
  ];
  it.each(rejected)('rejects %j with %s', (raw, code) => {
    const parsed = parseDigitalLink(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe(code);
  });

  it('accepts the lenient forms (/gtin/ alias, GTIN-8/12/13 in the path) with a note, normalised to GTIN-14', () => {
    const alias = parseDigitalLink('https://example.com/gtin/9520123456788/lot/L1');
    expect(alias.ok && alias.value.notes.map((n) => n.code)).toEqual(['convenience_alias', 'short_gtin', 'convenience_alias']);
    expect(alias.ok && alias.value.primaryKey.value).toBe('09520123456788');
    expect(alias.ok && alias.value.gtin).toMatchObject({ digits: '9520123456788', format: 'GTIN-13' });
    const short = parseDigitalLink('https://example.com/01/96385074');
    expect(short.ok && short.value.notes.map((n) => n.code)).toEqual(['short_gtin']);
  });
});
