import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from '../../server/domain/base32';
import { DomainError } from '../../server/domain/coded-error';
import { qrAlphanumericCapacity } from '../../server/domain/qr-capacity';
import {
  encodeStampUrl,
  generateSerial,
  isQrAlphanumeric,
  normaliseStampBaseUrl,
  parseStampPayload,
  qrVersionForAlphanumeric,
  stampSigningMessage,
  STAMP_SIGNATURE_LENGTH,
  type Stamp,
} from '../../server/domain/stamp-codec';

const bytes = (n: number, fill = 0xa5) => new Uint8Array(n).fill(fill);
const stamp: Stamp = { kid: 'K1', serial: encodeBase32(bytes(10, 0x3c)), signature: bytes(64) };

describe('base32 (RFC 4648 §10 vectors, unpadded)', () => {
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ];
  it.each(vectors)('encodes and decodes %j', (plain, encoded) => {
    const raw = new TextEncoder().encode(plain);
    expect(encodeBase32(raw)).toBe(encoded);
    expect(decodeBase32(encoded)).toEqual({ ok: true, value: raw });
  });

  it('decodes case-insensitively', () => {
    expect(decodeBase32('mzxw6ytboi')).toEqual(decodeBase32('MZXW6YTBOI'));
  });

  it('rejects characters outside the alphabet, impossible lengths and non-zero trailing bits', () => {
    const badChar = decodeBase32('MZXW1YTB');
    expect(badChar.ok || badChar.error.code).toBe('bad_char');
    if (!badChar.ok) expect(badChar.error.message_vi).toContain('vị trí 5');
    const length = decodeBase32('MZX');
    expect(length.ok || length.error.code).toBe('bad_length');
    // "MZ" is canonical for "f"; "M3" carries stray bits in the last character.
    const stray = decodeBase32('M3');
    expect(stray.ok || stray.error.code).toBe('non_canonical');
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        const decoded = decodeBase32(encodeBase32(data));
        expect(decoded.ok && decoded.value).toEqual(data);
      }),
    );
  });
});

describe('QR alphanumeric capacity', () => {
  it('matches the published ISO/IEC 18004 table for versions 1–10 at ECC M (and spot checks at L, Q, H)', () => {
    const m = [20, 38, 61, 90, 122, 154, 178, 221, 262, 311];
    expect(m.map((_, i) => qrAlphanumericCapacity(i + 1, 'M'))).toEqual(m);
    expect(qrAlphanumericCapacity(1, 'L')).toBe(25);
    expect(qrAlphanumericCapacity(5, 'L')).toBe(154);
    expect(qrAlphanumericCapacity(7, 'Q')).toBe(125);
    expect(qrAlphanumericCapacity(10, 'H')).toBe(174);
  });

  it('picks the smallest version that fits', () => {
    expect(qrVersionForAlphanumeric(20, 'M')).toBe(1);
    expect(qrVersionForAlphanumeric(21, 'M')).toBe(2);
    expect(qrVersionForAlphanumeric(154, 'M')).toBe(6);
    expect(qrVersionForAlphanumeric(155, 'M')).toBe(7);
    expect(qrVersionForAlphanumeric(178, 'M')).toBe(7);
    expect(qrVersionForAlphanumeric(312, 'M')).toBeNull();
  });

  it('knows the alphanumeric character set', () => {
    expect(isQrAlphanumeric('HTTPS://NGUONVIET.VN/S/K1')).toBe(true);
    expect(isQrAlphanumeric('https://nguonviet.vn')).toBe(false);
    expect(isQrAlphanumeric('A_B')).toBe(false);
  });
});

describe('stamp URL size (PRODUCT.md §4: at most QR version 7 at ECC M)', () => {
  const kids = ['K1', 'ABCDEFGH'];
  it.each([
    ['https://nguonviet.vn', 'HTTPS://NGUONVIET.VN', [146, 152]],
    ['http://localhost:8787', 'HTTP://LOCALHOST:8787', [147, 153]],
  ] as const)('%s → version 6', (base, upper, lengths) => {
    kids.forEach((kid, i) => {
      const url = encodeStampUrl(base, { ...stamp, kid });
      expect(url.startsWith(`${upper}/S/${kid}/`)).toBe(true);
      expect(isQrAlphanumeric(url)).toBe(true);
      expect(url.length).toBe(lengths[i]);
      expect(qrVersionForAlphanumeric(url.length, 'M')).toBe(6);
      expect(qrVersionForAlphanumeric(url.length, 'M')!).toBeLessThanOrEqual(7);
    });
  });

  it('refuses a base URL that would push the QR past version 7', () => {
    const longest = `https://${'a'.repeat(38)}`; // 46 characters: still version 7
    expect(qrVersionForAlphanumeric(encodeStampUrl(longest, { ...stamp, kid: 'ABCDEFGH' }).length)).toBe(7);
    expect(() => encodeStampUrl(`${longest}a`, { ...stamp, kid: 'ABCDEFGH' })).toThrow(expect.objectContaining({ code: 'url_too_long' }));
  });
});

describe('encodeStampUrl', () => {
  it('uppercases scheme, host and path and drops a trailing slash', () => {
    expect(normaliseStampBaseUrl(' https://NguonViet.vn/tem/ ')).toBe('HTTPS://NGUONVIET.VN/TEM');
    expect(normaliseStampBaseUrl('https://nguonviet.vn:443')).toBe('HTTPS://NGUONVIET.VN');
  });

  it('throws a typed error for base URLs that cannot stay QR-alphanumeric or are not http(s)', () => {
    for (const [base, code] of [
      ['https://nguonviet.vn/?a=1', 'bad_base_url'],
      ['https://nguonviet.vn/#x', 'bad_base_url'],
      ['https://user@nguonviet.vn', 'bad_base_url'],
      ['https://nguonviet.vn/my_stamps', 'base_url_not_alphanumeric'],
      ['https://[::1]:8787', 'base_url_not_alphanumeric'],
      ['ftp://nguonviet.vn', 'bad_base_url'],
      ['nguonviet.vn', 'bad_base_url'],
    ]) {
      let thrown: unknown;
      try {
        normaliseStampBaseUrl(base!);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, base).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code, base).toBe(code);
      expect((thrown as DomainError).message_vi.length).toBeGreaterThan(0);
    }
  });

  it('refuses malformed stamps', () => {
    expect(() => encodeStampUrl('https://nguonviet.vn', { ...stamp, kid: 'k_1' })).toThrow(DomainError);
    expect(() => encodeStampUrl('https://nguonviet.vn', { ...stamp, serial: 'SHORT' })).toThrow(DomainError);
    expect(() => encodeStampUrl('https://nguonviet.vn', { ...stamp, signature: bytes(63) })).toThrow(DomainError);
  });
});

describe('parseStampPayload', () => {
  const url = encodeStampUrl('https://nguonviet.vn', stamp);

  it('parses the canonical URL', () => {
    expect(parseStampPayload(url)).toEqual({ ok: true, value: { ...stamp, host: 'nguonviet.vn' } });
  });

  it('tolerates whitespace, lowercase, a trailing slash and http', () => {
    for (const variant of [`  ${url}\n`, url.toLowerCase(), `${url}/`, url.replace('HTTPS:', 'http:'), url.replace('NGUONVIET.VN', 'NGUONVIET.VN:443')]) {
      const parsed = parseStampPayload(variant);
      expect(parsed.ok && parsed.value.serial, variant).toBe(stamp.serial);
    }
  });

  it('accepts a base path before /S/', () => {
    const parsed = parseStampPayload(encodeStampUrl('https://nguonviet.vn/tem', stamp));
    expect(parsed.ok).toBe(true);
  });

  it('checks the host when asked to', () => {
    expect(parseStampPayload(url, { acceptedHosts: ['NguonViet.VN'] }).ok).toBe(true);
    const other = parseStampPayload(url.replace('NGUONVIET.VN', 'NGUONVIET.COM'), { acceptedHosts: ['nguonviet.vn'] });
    expect(other.ok || other.error.code).toBe('wrong_host');
  });

  const cases: [string, string][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    [`${url}${'A'.repeat(600)}`, 'too_long'],
    ['nguonviet.vn/S/K1/AAAA', 'not_url'],
    ['ftp://nguonviet.vn/S/K1/AAAA', 'not_url'],
    ['https://exa mple.vn/S', 'not_url'],
    [url.replace('HTTPS://', 'https://nguonviet.vn@'), 'wrong_host'],
    [`${url}?utm=1`, 'unexpected_query'],
    [`${url}#x`, 'unexpected_query'],
    [url.replace('/S/', '/X/'), 'wrong_path'],
    ['https://nguonviet.vn/S/K1/AAAA', 'wrong_path'],
    [url.replace('/K1/', '/K_1/'), 'bad_kid'],
    [url.replace('/K1/', '/ABCDEFGHI/'), 'bad_kid'],
    [url.replace(stamp.serial, stamp.serial.slice(1)), 'bad_serial'],
    [url.replace(stamp.serial, `${stamp.serial.slice(0, 15)}1`), 'bad_serial'],
    [url.slice(0, -1), 'bad_signature_encoding'],
    [`${url.slice(0, -1)}8`, 'bad_signature_encoding'],
  ];
  it.each(cases)('rejects %j with %s', (raw, code) => {
    const parsed = parseStampPayload(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.message_vi).toMatch(/[ăâđêôơưàảãáạèẻẽéẹìỉĩíịòỏõóọùủũúụỳỷỹýỵ]/i);
    expect(parsed.error.message_en.length).toBeGreaterThan(0);
  });
});

describe('signing message and serials', () => {
  it('is the UTF-8 of NV1|kid|serial', () => {
    expect(new TextDecoder().decode(stampSigningMessage('K1', stamp.serial))).toBe(`NV1|K1|${stamp.serial}`);
    expect(() => stampSigningMessage('k1', stamp.serial)).toThrow(DomainError);
  });

  it('makes 16-character serials from 80 random bits', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) seen.add(generateSerial((n) => crypto.getRandomValues(new Uint8Array(n))));
    expect(seen.size).toBe(1000);
    for (const serial of seen) expect(serial).toMatch(/^[A-Z2-7]{16}$/);
    expect(generateSerial(() => new Uint8Array(10).fill(0xff))).toBe('7'.repeat(16));
  });

  it('refuses a random source that returns the wrong size or all zeros', () => {
    expect(() => generateSerial(() => new Uint8Array(8).fill(1))).toThrow(DomainError);
    expect(() => generateSerial(() => new Uint8Array(10))).toThrow(DomainError);
  });
});

describe('codec round trip (property)', () => {
  it('encode → parse returns the same stamp for any kid, serial and signature', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z0-9]{1,8}$/),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.constantFrom('https://nguonviet.vn', 'http://localhost:8787', 'https://tem.nguonviet.vn/v1'),
        (kid, serialBytes, signature, base) => {
          const original: Stamp = { kid, serial: encodeBase32(serialBytes), signature };
          const url = encodeStampUrl(base, original);
          expect(url.length).toBeLessThanOrEqual(178);
          expect(url.split('/').at(-1)).toHaveLength(STAMP_SIGNATURE_LENGTH);
          const parsed = parseStampPayload(url);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          expect({ kid: parsed.value.kid, serial: parsed.value.serial, signature: parsed.value.signature }).toEqual(original);
          expect(parseStampPayload(url.toLowerCase())).toEqual(parsed);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
