import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../server/domain/base32';
import { cleanScanText, parseScan, SCAN_KINDS, type ParsedScan, type ScanContext } from '../../server/domain/parse-scan';
import { encodeStampUrl, type Stamp } from '../../server/domain/stamp-codec';

const ctx: ScanContext = { publicHosts: ['nguonviet.vn', 'localhost:8787'], officialDomains: ['nguonviet.vn'] };
const stamp: Stamp = { kid: 'K1', serial: encodeBase32(new Uint8Array(10).fill(0x5a)), signature: new Uint8Array(64).fill(0xc3) };
const STAMP_URL = encodeStampUrl('https://nguonviet.vn', stamp);
const sig = encodeBase32(stamp.signature);

function scan(raw: string, context = ctx): ParsedScan {
  return parseScan(raw, context);
}

describe('parseScan: stamps', () => {
  it('reads our stamp URL in its printed form and common mangles', () => {
    for (const raw of [STAMP_URL, STAMP_URL.toLowerCase(), ` ${STAMP_URL}/\n`, `\u200b${STAMP_URL}\u202e`, STAMP_URL.replace('HTTPS', 'HTTP')]) {
      expect(scan(raw), raw).toEqual({ kind: 'stamp', ok: true, stamp: { ...stamp, host: 'nguonviet.vn' } });
    }
    const local = scan(encodeStampUrl('http://localhost:8787', stamp));
    expect(local.kind === 'stamp' && local.ok && local.stamp.host).toBe('localhost:8787');
  });

  it('reports a damaged stamp on our host as a stamp with the reason', () => {
    const cases: [string, string][] = [
      [STAMP_URL.slice(0, -5), 'bad_signature_encoding'],
      [STAMP_URL.replace('/K1/', '/K-1/'), 'bad_kid'],
      [STAMP_URL.replace(stamp.serial, stamp.serial.replace(/^./, '1')), 'bad_serial'],
      [`${STAMP_URL}?x=1`, 'unexpected_query'],
      ['https://nguonviet.vn/S/K1', 'wrong_path'],
      [STAMP_URL.replace('/S/', '/Z/'), 'wrong_path'],
    ];
    for (const [raw, code] of cases) {
      const result = scan(raw);
      expect(result.kind, raw).toBe('stamp');
      expect(!result.ok && 'error' in result && result.error.code, raw).toBe(code);
    }
  });

  it('treats our stamp form on a look-alike host as a foreign stamp copy, not a stamp', () => {
    const copy = scan(STAMP_URL.replace('NGUONVIET.VN', 'NGUONVLET.VN'));
    expect(copy.kind).toBe('foreign_stamp');
    if (copy.kind !== 'foreign_stamp') return;
    expect(copy.inspection.flags).toContain('lookalike');
  });

  it('treats other pages on our host as (official) URLs', () => {
    const page = scan('https://nguonviet.vn/san-pham/mat-ong');
    expect(page.kind === 'url' && page.ok && page.inspection.officialDomain).toBe('nguonviet.vn');
  });
});

describe('parseScan: GS1', () => {
  it('reads GS1 Digital Links, signed or not, on any host', () => {
    const plain = scan('https://id.gs1.org/01/09506000134352/10/ABC123/21/12345?17=201225');
    expect(plain).toMatchObject({ kind: 'digital_link', ok: true, signed: false, link: { lot: 'ABC123', expiry: { iso: '2020-12-25' } } });
    const signed = scan(`https://nguonviet.vn/01/08934673000000/21/${stamp.serial}?kid=K1&sig=${sig}`);
    expect(signed).toMatchObject({ kind: 'digital_link', ok: true, signed: true, inspection: { officialDomain: 'nguonviet.vn' } });
    const lookalike = scan(`https://nguonvlet.vn/01/08934673000000/21/${stamp.serial}?kid=K1&sig=${sig}`);
    expect(lookalike).toMatchObject({ kind: 'digital_link', signed: true, inspection: { lookalikeOf: 'nguonviet.vn' } });
    const broken = scan('https://id.gs1.org/01/09506000134353');
    expect(broken).toMatchObject({ kind: 'digital_link', ok: false, error: { code: 'bad_gtin' } });
  });

  it('reads bare GTINs and explains a bad check digit', () => {
    expect(scan('8934673000000')).toEqual({ kind: 'gtin', ok: true, gtin: { digits: '8934673000000', format: 'GTIN-13', gtin14: '08934673000000' }, format: 'GTIN-13', expandedFrom: null });
    expect(scan('036000291452')).toMatchObject({ kind: 'gtin', format: 'GTIN-12' });
    expect(scan('96385074')).toMatchObject({ kind: 'gtin', format: 'GTIN-8' });
    expect(scan('10614141000415')).toMatchObject({ kind: 'gtin', format: 'GTIN-14' });
    expect(scan('893 4673 00000 0')).toMatchObject({ kind: 'gtin', ok: true, format: 'GTIN-13' });
    expect(scan('8934673000001')).toMatchObject({ kind: 'gtin', ok: false, digits: '8934673000001', error: { code: 'bad_check_digit' } });
  });

  it('expands UPC-E when the decoder says so', () => {
    expect(scan('04252614', { ...ctx, symbology: 'UPC_E' })).toMatchObject({ kind: 'gtin', ok: true, format: 'GTIN-12', expandedFrom: 'UPC-E', gtin: { digits: '042100005264' } });
    // Without the hint the same digits read as an EAN-8, whose check digit does not fit.
    expect(scan('04252614')).toMatchObject({ kind: 'gtin', ok: false, error: { code: 'bad_check_digit' } });
  });
});

describe('parseScan: other URLs and text', () => {
  it('inspects other URLs and never treats them as ours', () => {
    expect(scan('https://news.example/2024/01/15/mat-ong')).toMatchObject({ kind: 'url', ok: true });
    expect(scan('https://example.com/promo')).toMatchObject({ kind: 'url', ok: true, stampShaped: false, inspection: { host: 'example.com', flags: [] } });
    expect(scan('www.nguonviet.vn')).toMatchObject({ kind: 'url', ok: true, inspection: { officialDomain: 'nguonviet.vn', flags: ['non_https'] } });
    expect(scan('https://nguonviet.vn@evil.example/')).toMatchObject({ kind: 'url', inspection: { host: 'evil.example', flags: ['userinfo'] } });
    expect(scan('ftp://files.example.com/a')).toMatchObject({ kind: 'url', ok: false, error: { code: 'unsupported_scheme' } });
  });

  it('keeps anything else as text', () => {
    expect(scan('Mật ong rừng U Minh')).toEqual({ kind: 'text', ok: true, text: 'Mật ong rừng U Minh' });
    expect(scan('WIFI:S:Quan;T:WPA;P:123;;')).toMatchObject({ kind: 'text', ok: true });
    expect(scan('javascript:alert(1)')).toMatchObject({ kind: 'text', ok: true });
    expect(scan('1234567')).toMatchObject({ kind: 'text', ok: true });
    expect(scan('dòng 1\r\ndòng 2\u0007')).toEqual({ kind: 'text', ok: true, text: 'dòng 1\ndòng 2' });
  });

  it('reports empty and over-long input', () => {
    expect(scan(' \u200b\u0000 ')).toMatchObject({ kind: 'text', ok: false, error: { code: 'empty' } });
    const long = scan('a'.repeat(5000));
    expect(long).toMatchObject({ kind: 'text', ok: false, error: { code: 'too_long' } });
    expect(long.kind === 'text' && long.text.length).toBe(2048);
  });

  it('strips control, zero-width and bidi characters', () => {
    expect(cleanScanText('\u0000\u001b[31m\u202eab\u200dc\ufeff\t')).toBe('[31mabc');
  });
});

// ---- properties ----------------------------------------------------------------

const anyChar = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.constantFrom('\u0430', '\u0435', '\u200b', '\u202e', '\u0000', '/', '?', '#', '@', '%', '.', ':', ' ', '\n', 'ồ', '１'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
);

/** A genuine stamp URL, then 1–4 random mutations: flip, truncate, case, junk, unicode, segment games. */
const mutatedStamp = fc
  .tuple(
    fc.stringMatching(/^[A-Z0-9]{1,8}$/),
    fc.uint8Array({ minLength: 10, maxLength: 10 }),
    fc.uint8Array({ minLength: 64, maxLength: 64 }),
    fc.constantFrom('https://nguonviet.vn', 'http://localhost:8787', 'https://nguonvlet.vn'),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 7 }), fc.nat(), anyChar, fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([kid, serial, signature, base, mutations]) => {
    let s = encodeStampUrl(base, { kid, serial: encodeBase32(serial), signature });
    for (const [op, at, ch, junk] of mutations) {
      const i = s.length ? at % s.length : 0;
      if (op === 0) s = s.slice(0, i) + ch + s.slice(i + 1);
      else if (op === 1) s = s.slice(0, i);
      else if (op === 2) s = s.toLowerCase();
      else if (op === 3) s = junk + s + junk;
      else if (op === 4) s = s.slice(0, i) + ch + s.slice(i);
      else if (op === 5) s = s.replace('/S/', ch === '/' ? '//S//' : `/${ch}/`);
      else if (op === 6) s = s.repeat(2);
      else s = s.slice(0, i) + s.slice(i + 1);
    }
    return s;
  });

const anyInput = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.stringMatching(/^[0-9 -]{0,20}$/),
  fc.string({ unit: fc.constantFrom('0', '9', '/', '01', '10', '21', '?', '17=', '&', 'kid=', 'sig=', 'https://e.com', 'A', '%'), maxLength: 40 }),
  mutatedStamp,
  mutatedStamp,
  mutatedStamp,
);

function assertWellFormed(result: ParsedScan): void {
  expect(SCAN_KINDS).toContain(result.kind);
  expect(typeof result.ok).toBe('boolean');
  if (!result.ok) {
    expect(result.error.code).toMatch(/^[a-z_]+$/);
    expect(result.error.message_vi.length).toBeGreaterThan(0);
    expect(result.error.message_en.length).toBeGreaterThan(0);
  }
  if (result.kind === 'stamp' && result.ok) {
    // Whatever was accepted re-encodes to a stamp that parses to the same thing.
    const again = parseScan(encodeStampUrl(`http://${result.stamp.host}`, result.stamp), ctx);
    expect(again).toEqual(result);
  }
}

describe('parseScan properties', () => {
  it('never throws and always returns a well-formed kind (10,000 random and mutated payloads)', () => {
    fc.assert(
      fc.property(anyInput, (raw) => {
        assertWellFormed(parseScan(raw, ctx));
      }),
      { numRuns: 10_000 },
    );
  });

  it('survives pathological inputs', () => {
    for (const raw of [
      '\ud800',
      'https://\ud800.vn/S/K1/A',
      `https://xn--${'a'.repeat(1000)}.vn`,
      `https://${'a.'.repeat(600)}vn`,
      `https://nguonviet.vn/${'S/'.repeat(500)}`,
      'https://nguonviet.vn/01/%',
      'http://[::1',
      '%'.repeat(2048),
      '0'.repeat(14),
      'https://nguonviet.vn/S/K1/' + 'A'.repeat(1500),
    ]) {
      expect(() => assertWellFormed(parseScan(raw, ctx)), raw.slice(0, 40)).not.toThrow();
    }
    expect(() => parseScan(undefined as unknown as string, ctx)).not.toThrow();
  });

  it('round-trips any stamp through encodeStampUrl and parseScan', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{1,8}$/),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (kid, serialBytes, signature) => {
          const original: Stamp = { kid, serial: encodeBase32(serialBytes), signature };
          expect(parseScan(encodeStampUrl('https://nguonviet.vn', original), ctx)).toEqual({ kind: 'stamp', ok: true, stamp: { ...original, host: 'nguonviet.vn' } });
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseScan: canonical stamp URLs only (issue 9 rows 9–10)', () => {
  const path = STAMP_URL.slice(STAMP_URL.indexOf('/S/'));
  it.each([
    ['http://nguonviet.vn\\@evil.example' + path, 'userinfo'],
    ['https://nguonviet.vn@evil.example' + path, 'userinfo'],
    ['https://evil.example@nguonviet.vn' + path, 'userinfo'],
    ['https://nguonviet.vn/x' + path, 'extra_segments'],
    ['https://nguonviet.vn/a/..' + path, 'dot_segment'],
    ['https://nguonviet.vn/%2e' + path, 'dot_segment'],
    ['https://nguonviet.vn.' + path, 'trailing_dot'],
    ['https://nguonviet.vn:443' + path, 'extra_segments'],
    ['http://127.0.0.1' + path, 'numeric_host'],
    ['http://0x7f.1' + path, 'numeric_host'],
    ['https://nguonviet.vn/S/\u0000' + path.slice(3), 'control_characters'],
    ['https://nguonviet.vn/S/K1\t/' + path.slice(6), 'control_characters'],
    ['https://nguonviet.vn' + path.replace(/\//g, '\\'), 'backslash'],
  ])('%j is a malformed stamp (%s)', (raw, code) => {
    expect(scan(raw)).toMatchObject({ kind: 'stamp', ok: false, error: { code } });
  });

  it('takes the canonical form in any case with a trailing slash, and without its scheme', () => {
    for (const raw of [STAMP_URL, STAMP_URL.toLowerCase(), `${STAMP_URL}/`, STAMP_URL.replace('HTTPS://', ''), `\u200b${STAMP_URL}`]) {
      expect(scan(raw), raw).toMatchObject({ kind: 'stamp', ok: true, stamp: { serial: stamp.serial } });
    }
  });

  it('a stamp-shaped path on any other host is a foreign stamp, with the lookalike flag when it imitates ours', () => {
    expect(scan('HTTPS://NGUONVIET-VN.COM' + path)).toMatchObject({ kind: 'foreign_stamp', inspection: { host: 'nguonviet-vn.com', lookalikeOf: 'nguonviet.vn' } });
    expect(scan('https://shop.example' + path)).toMatchObject({ kind: 'foreign_stamp', inspection: { host: 'shop.example', lookalikeOf: null } });
  });
});

describe('parseScan: typed serials and GS1 element strings', () => {
  it('reads the printed serial in any case, with or without dashes, 0/1/8 as O/I/B', () => {
    const printed = stamp.serial.match(/.{4}/g)!.join('-');
    for (const raw of [printed, printed.toLowerCase(), stamp.serial, printed.replace(/-/g, ' ')]) expect(scan(raw), raw).toEqual({ kind: 'typed_serial', ok: true, serial: stamp.serial });
    expect(scan('22DV-YHZF-H3UR-V2LV')).toEqual({ kind: 'typed_serial', ok: true, serial: '22DVYHZFH3URV2LV' });
    expect(scan('220V-YHZF-H3UR-V21V')).toEqual({ kind: 'typed_serial', ok: true, serial: '22OVYHZFH3URV2IV' });
    for (const raw of ['22DV-YHZF-H3UR', '22DV-YHZF-H3UR-V2LV-AAAA', 'Mật ong rừng U Minh 1']) expect(scan(raw).kind, raw).not.toBe('typed_serial');
  });

  it('reads element strings with or without a symbology identifier; other identifiers are dropped', () => {
    expect(scan('(01)08934588012228(21)ABC')).toMatchObject({ kind: 'gs1', ok: true, data: { gtin: { gtin14: '08934588012228' }, serial: 'ABC', form: 'hri' } });
    expect(scan(']Q30108934588012228\u001d21ABC')).toMatchObject({ kind: 'gs1', ok: true, data: { serial: 'ABC', symbology: ']Q3' } });
    expect(scan('(01)08934588012228(999)X')).toMatchObject({ kind: 'gs1', ok: false, error: { code: 'unknown_ai' } });
    expect(scan(`]Q1${STAMP_URL}`)).toMatchObject({ kind: 'stamp', ok: true });
  });
});
