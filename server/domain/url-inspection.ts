// What a shopper needs to know about "some other URL" in a QR before deciding to open
// it (we never open or fetch it): the real host as the browser would connect to it, and
// the tricks used to make a host look like ours (PRODUCT.md §3, verdict not_a_stamp).

import { codedError, fail, ok, type CodedError, type Result } from './coded-error';
import { hostOfUrl, isSameOrSubdomain, normaliseHost } from './host-name';
import { editDistanceWithin, skeletonOf } from './host-skeleton';
import { hostToUnicode, isPunycodeLabel } from './punycode';

export type UrlFlag = 'punycode' | 'mixed_script' | 'lookalike' | 'ip_host' | 'userinfo' | 'non_https';
export type UrlWarning = CodedError<UrlFlag>;
export type UrlInspectionErrorCode = 'empty' | 'too_long' | 'not_url' | 'unsupported_scheme';
export type UrlInspectionError = CodedError<UrlInspectionErrorCode>;

export interface UrlInspection {
  /** The URL as WHATWG serialises it (ASCII host). Show it; never open it automatically. */
  href: string;
  scheme: 'http' | 'https';
  /** ASCII (punycode) host, with the port when not the default: where a browser really goes. */
  host: string;
  /** The same host with xn-- labels decoded, as the shopper would read it. */
  displayHost: string;
  /** The official domain this host is (or is a subdomain of), else null. */
  officialDomain: string | null;
  /** The official domain this host imitates, else null. */
  lookalikeOf: string | null;
  flags: UrlFlag[];
  /** One explanation per flag, in flag order. */
  warnings: UrlWarning[];
}

export const URL_MAX_LENGTH = 2048;
// Edit-distance matching only for names long enough that one edit is not a coincidence.
const FUZZY_MIN_LENGTH = 6;
const LATIN = /\p{Script=Latin}/u;
const LOOKALIKE_SCRIPTS = /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Armenian}\p{Script=Cherokee}]/u;

/** Inspect an absolute http(s) URL against the official domains: real host, display host and spoofing flags. */
export function inspectUrl(raw: string, officialDomains: readonly string[]): Result<UrlInspection, UrlInspectionError> {
  const text = raw.trim();
  if (!text) return fail(codedError('empty', 'Địa chỉ trống.', 'The URL is empty.'));
  if (text.length > URL_MAX_LENGTH) {
    return fail(codedError('too_long', `Địa chỉ dài ${text.length} ký tự, quá dài.`, `The URL is ${text.length} characters, too long.`));
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(codedError('not_url', 'Nội dung không phải địa chỉ web hợp lệ.', 'The text is not a valid web address.'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(codedError('unsupported_scheme', `Loại địa chỉ "${url.protocol}" không phải trang web (http/https).`, `"${url.protocol}" is not a web (http/https) address.`));
  }

  const host = hostOfUrl(url);
  const hostname = url.hostname.replace(/\.$/, '');
  const displayHost = hostToUnicode(host);
  const labels = hostname.split('.');
  const unicodeLabels = labels.map((label) => hostToUnicode(label));
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(hostname) || hostname.startsWith('[');
  const officials = officialDomains.map((d) => normaliseHost(d)?.replace(/:\d+$/, '')).filter((d): d is string => !!d);
  const officialDomain = isIp ? null : (officials.find((d) => isSameOrSubdomain(hostname, d)) ?? null);
  const userinfo = url.username + (url.password ? `:${url.password}` : '');

  let lookalikeOf: string | null = null;
  if (!isIp && !officialDomain) lookalikeOf = officials.find((d) => imitates(unicodeLabels, d)) ?? null;

  const flags: UrlFlag[] = [];
  if (labels.some(isPunycodeLabel)) flags.push('punycode');
  if (unicodeLabels.some(isMixedScript)) flags.push('mixed_script');
  if (lookalikeOf) flags.push('lookalike');
  if (isIp) flags.push('ip_host');
  if (userinfo) flags.push('userinfo');
  if (url.protocol !== 'https:') flags.push('non_https');

  const shown = { host, displayHost, userinfo: truncate(decodeSafely(userinfo), 40), lookalikeOf: lookalikeOf ? hostToUnicode(lookalikeOf) : '' };
  return ok({
    href: url.href,
    scheme: url.protocol === 'https:' ? 'https' : 'http',
    host,
    displayHost,
    officialDomain,
    lookalikeOf,
    flags,
    warnings: flags.map((flag) => describeUrlFlag(flag, shown)),
  });
}

/** True when the host's labels imitate an official domain: the same skeleton, one edit away, or its name inside another label. */
function imitates(unicodeLabels: readonly string[], officialDomain: string): boolean {
  const officialLabels = hostToUnicode(officialDomain).split('.');
  const target = skeletonOf(officialLabels.join('.'));
  // Any run of labels as long as the official domain: catches "nguonvlet.vn" and
  // "nguonviet.vn.evil.example" alike.
  for (let start = 0; start + officialLabels.length <= unicodeLabels.length; start++) {
    const window = skeletonOf(unicodeLabels.slice(start, start + officialLabels.length).join('.'));
    if (window === target) return true;
    if (target.length >= FUZZY_MIN_LENGTH && editDistanceWithin(window, target, 1) <= 1) return true;
  }
  // The official name reused under another suffix or inside a label: "nguonviet.com", "nguonviet-vn.shop".
  const name = skeletonOf(officialLabels[0] ?? '');
  if (name.length < FUZZY_MIN_LENGTH - 1) return false;
  return unicodeLabels.some((label) => {
    const s = skeletonOf(label);
    return s.includes(name) || editDistanceWithin(s, name, 1) <= 1;
  });
}

/** True when one label mixes Latin letters with Cyrillic, Greek, Armenian or Cherokee ones. */
function isMixedScript(label: string): boolean {
  return LATIN.test(label) && LOOKALIKE_SCRIPTS.test(label);
}

/** Percent-decode for display; leave the text as is when it is not valid UTF-8. */
function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

interface Shown {
  host: string;
  displayHost: string;
  userinfo: string;
  lookalikeOf: string;
}

/** The sentence pair explaining one URL flag to a shopper. */
function describeUrlFlag(flag: UrlFlag, shown: Shown): UrlWarning {
  switch (flag) {
    case 'punycode':
      return codedError(
        flag,
        `Tên miền là tên quốc tế mã hóa punycode (xn--), hiển thị thành "${shown.displayHost}". Hãy đọc kỹ từng chữ.`,
        `The host is an internationalised name in punycode (xn--) that displays as "${shown.displayHost}". Read every letter.`,
      );
    case 'mixed_script':
      return codedError(
        flag,
        'Tên miền trộn chữ Latinh với chữ Kirin hoặc Hy Lạp trông giống hệt nhau — một thủ thuật giả mạo phổ biến.',
        'The host mixes Latin letters with look-alike Cyrillic or Greek ones — a common spoofing trick.',
      );
    case 'lookalike':
      return codedError(
        flag,
        `Tên miền "${shown.displayHost}" trông giống "${shown.lookalikeOf}" nhưng KHÔNG phải tên miền chính thức.`,
        `The host "${shown.displayHost}" looks like "${shown.lookalikeOf}" but is NOT the official domain.`,
      );
    case 'ip_host':
      return codedError(
        flag,
        `Địa chỉ dùng số IP (${shown.host}) thay cho tên miền; trang chính thức không làm vậy.`,
        `The URL uses an IP address (${shown.host}) instead of a domain name; official sites do not.`,
      );
    case 'userinfo':
      return codedError(
        flag,
        `Địa chỉ có phần "${shown.userinfo}@" đứng trước tên miền thật ${shown.displayHost}; phần trước dấu @ không phải trang sẽ mở.`,
        `The URL has "${shown.userinfo}@" before the real host ${shown.displayHost}; the part before @ is not the site that opens.`,
      );
    case 'non_https':
      return codedError(flag, 'Địa chỉ không dùng https: kết nối không được mã hóa.', 'The URL does not use https: the connection is not encrypted.');
  }
}
