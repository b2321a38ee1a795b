import { describe, expect, it } from 'vitest';
import { editDistanceWithin, skeletonOf } from '../../server/domain/host-skeleton';
import { decodePunycode, hostToUnicode } from '../../server/domain/punycode';
import { inspectUrl, type UrlInspection } from '../../server/domain/url-inspection';

const OFFICIAL = ['nguonviet.vn', 'ocop.gov.vn'];
const CYR_O = '\u043e'; // Cyrillic о
const CYR_E = '\u0435'; // Cyrillic е
const CYR_A = '\u0430'; // Cyrillic а

function inspect(raw: string): UrlInspection {
  const result = inspectUrl(raw, OFFICIAL);
  if (!result.ok) throw new Error(`expected ${raw} to parse: ${result.error.code}`);
  return result.value;
}

describe('inspectUrl', () => {
  it('recognises official domains and their subdomains, with no warnings', () => {
    expect(inspect('https://nguonviet.vn/san-pham/1')).toMatchObject({ host: 'nguonviet.vn', officialDomain: 'nguonviet.vn', flags: [], lookalikeOf: null });
    expect(inspect('https://SHOP.NguonViet.VN.')).toMatchObject({ host: 'shop.nguonviet.vn', officialDomain: 'nguonviet.vn', flags: [] });
    expect(inspect('https://ocop.gov.vn')).toMatchObject({ officialDomain: 'ocop.gov.vn', flags: [] });
  });

  it('flags a Cyrillic letter inside a known domain: punycode, mixed script and look-alike', () => {
    const spoof = inspect(`https://nguonvi${CYR_E}t.vn/S/K1/X`);
    expect(spoof.host).toMatch(/^xn--/);
    expect(spoof.displayHost).toBe(`nguonvi${CYR_E}t.vn`);
    expect(spoof.flags).toEqual(['punycode', 'mixed_script', 'lookalike']);
    expect(spoof.lookalikeOf).toBe('nguonviet.vn');
    expect(spoof.officialDomain).toBeNull();
    expect(spoof.warnings.map((w) => w.code)).toEqual(spoof.flags);
    expect(spoof.warnings[2]!.message_vi).toBe(`Tên miền "nguonvi${CYR_E}t.vn" trông giống "nguonviet.vn" nhưng KHÔNG phải tên miền chính thức.`);
    expect(inspect(`https://ngu${CYR_O}nviet.vn`).flags).toContain('mixed_script');
    expect(inspect(`https://${CYR_A}pple.com`).flags).toEqual(['punycode', 'mixed_script']);
  });

  it('flags an all-Cyrillic look-alike without calling it mixed script', () => {
    // "осор" in Cyrillic only, on the real suffix.
    const spoof = inspect(`https://${CYR_O}\u0441${CYR_O}\u0440.gov.vn`);
    expect(spoof.flags).toEqual(['punycode', 'lookalike']);
    expect(spoof.lookalikeOf).toBe('ocop.gov.vn');
  });

  it('flags Vietnamese-diacritic, digit and letter-pair look-alikes', () => {
    expect(inspect('https://nguồnviệt.vn')).toMatchObject({ flags: ['punycode', 'lookalike'], displayHost: 'nguồnviệt.vn' });
    expect(inspect('https://nguonv1et.vn').flags).toEqual(['lookalike']);
    expect(inspect('https://ngu0nviet.vn').flags).toEqual(['lookalike']);
    expect(inspect('https://nguonvlet.vn').flags).toEqual(['lookalike']);
    expect(inspect('https://ngounviet.vn').flags).toEqual(['lookalike']);
    expect(inspect('https://nguonviet.vm').flags).toEqual(['lookalike']);
    expect(inspect('https://www.nguonvlet.vn').flags).toEqual(['lookalike']);
  });

  it('flags the official name reused elsewhere', () => {
    expect(inspect('https://nguonviet.com').lookalikeOf).toBe('nguonviet.vn');
    expect(inspect('https://nguonviet.com.vn').lookalikeOf).toBe('nguonviet.vn');
    expect(inspect('https://nguonviet.vn.evil.example/login').lookalikeOf).toBe('nguonviet.vn');
    expect(inspect('https://nguonviet-xacthuc.shop').lookalikeOf).toBe('nguonviet.vn');
  });

  it('leaves unrelated hosts alone', () => {
    expect(inspect('https://example.com/a?b=c').flags).toEqual([]);
    expect(inspect('https://id.gs1.org/01/09506000134352').flags).toEqual([]);
    expect(inspect('https://tiki.vn').flags).toEqual([]);
  });

  it('flags IP hosts, including obfuscated IPv4 and IPv6', () => {
    expect(inspect('http://192.168.1.1/x').flags).toEqual(['ip_host', 'non_https']);
    expect(inspect('http://0x7f.1/')).toMatchObject({ host: '127.0.0.1', flags: ['ip_host', 'non_https'] });
    expect(inspect('https://[::1]:8443/')).toMatchObject({ host: '[::1]:8443', flags: ['ip_host'] });
    expect(inspect('https://3232235777/').host).toBe('192.168.1.1');
  });

  it('flags user@host tricks and shows the real host', () => {
    const trick = inspect('https://nguonviet.vn@evil.example/s/abc');
    expect(trick).toMatchObject({ host: 'evil.example', officialDomain: null, flags: ['userinfo'] });
    expect(trick.warnings[0]!.message_vi).toContain('"nguonviet.vn@"');
    expect(trick.warnings[0]!.message_vi).toContain('evil.example');
    expect(inspect('https://a:b@nguonviet.vn/').flags).toEqual(['userinfo']);
  });

  it('flags plain http even on an official domain', () => {
    expect(inspect('http://nguonviet.vn/')).toMatchObject({ officialDomain: 'nguonviet.vn', flags: ['non_https'] });
  });

  it('returns typed errors for what is not a web URL', () => {
    for (const [raw, code] of [
      ['', 'empty'],
      ['not a url', 'not_url'],
      ['https://', 'not_url'],
      ['javascript:alert(1)', 'unsupported_scheme'],
      ['ftp://nguonviet.vn/file', 'unsupported_scheme'],
      ['data:text/html,<b>hi</b>', 'unsupported_scheme'],
      [`https://e.com/${'a'.repeat(2100)}`, 'too_long'],
    ]) {
      const result = inspectUrl(raw!, OFFICIAL);
      expect(result.ok || result.error.code, raw).toBe(code);
      if (!result.ok) expect(result.error.message_vi.length).toBeGreaterThan(0);
    }
  });
});

describe('punycode (RFC 3492 §7.1 samples)', () => {
  it.each([
    ['egbpdaj6bu4bxfgehfvwxn', 'ليهمابتكلموشعربي؟'],
    ['ihqwcrb4cv8a8dqg056pqjye', '他们为什么不说中文'],
    ['3B-ww4c5e180e575a65lsy2b', '3年B組金八先生'],
    ['-> $1.00 <--', '-> $1.00 <-'],
    ['ngunvit-3v4c0d', 'nguồnviệt'],
  ])('decodes %s', (encoded, decoded) => {
    expect(decodePunycode(encoded)).toBe(decoded);
  });

  it('returns null for malformed input and keeps such labels as they are', () => {
    expect(decodePunycode('zz!')).toBeNull();
    expect(decodePunycode('99999999999')).toBeNull();
    expect(hostToUnicode('xn--zz!.vn')).toBe('xn--zz!.vn');
  });

  it('inverts the WHATWG URL host encoding', () => {
    for (const host of ['münchen.de', 'nguồnviệt.vn', 'ыы.рф', '例え.テスト']) {
      expect(hostToUnicode(new URL(`https://${host}`).hostname)).toBe(host);
    }
  });
});

describe('skeletons', () => {
  it('maps look-alikes to one form', () => {
    expect(skeletonOf(`nguonvi${CYR_E}t.vn`)).toBe(skeletonOf('nguonviet.vn'));
    expect(skeletonOf('NGUỒNVIỆT.VN')).toBe(skeletonOf('nguonviet.vn'));
    expect(skeletonOf('rnicrosoft')).toBe(skeletonOf('microsoft'));
    expect(skeletonOf('vvikipedia')).toBe(skeletonOf('wikipedia'));
  });

  it('measures edits with adjacent swaps as one', () => {
    expect(editDistanceWithin('nguon', 'ngoun', 1)).toBe(1);
    expect(editDistanceWithin('nguonviet', 'nguonvie', 1)).toBe(1);
    expect(editDistanceWithin('abc', 'xyz', 1)).toBe(2);
    expect(editDistanceWithin('a', 'abcd', 1)).toBe(2);
  });
});
