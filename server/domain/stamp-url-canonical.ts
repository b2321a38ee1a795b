// A stamp URL counts only in its one canonical form: http(s)://<one of our hosts>/S/<kid>/
// <serial>/<sig>, any case, an optional trailing slash. Read from the raw text, not from
// WHATWG's normalised URL: browsers quietly drop dot-segments and read "\" as "/", while
// other parsers (Android's Uri, some in-app scanners) read "http://host\@evil/…" as a link
// to "evil". Anything a parser could read two ways is refused as malformed, never guessed.

import { codedError, type CodedError } from './coded-error';
import { normaliseHost } from './host-name';

export type StampUrlShapeErrorCode =
  | 'control_characters'
  | 'userinfo'
  | 'backslash'
  | 'numeric_host'
  | 'trailing_dot'
  | 'dot_segment'
  | 'extra_segments';
export type StampUrlShapeError = CodedError<StampUrlShapeErrorCode>;

const URL_PARTS = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)([^?#]*)/i;
const NUMERIC_HOST = /^(?:\[.*\]|(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]*))*)(?::[0-9]*)?$/i;

/** The authority of a URL as written (up to the first "/", "?" or "#"), or null. */
export function rawAuthority(text: string): string | null {
  return URL_PARTS.exec(text)?.[2] ?? null;
}

/** True when the host part is an IP address (dotted, hex or a bare number) rather than a name. */
export function isNumericHost(authority: string): boolean {
  return NUMERIC_HOST.test(authority.replace(/^.*@/, ''));
}

/**
 * Why a stamp-shaped URL on (or pretending to be on) one of our hosts is not in its
 * canonical form, or null when the shape is canonical (kid, serial and signature are then
 * checked by parseStampPayload). `hadControlCharacters` tells of invisible characters
 * removed from inside the text before it got here.
 */
export function stampUrlShapeError(text: string, acceptedHosts: readonly string[], hadControlCharacters: boolean): StampUrlShapeError | null {
  if (hadControlCharacters || /[\p{Cc}\p{Cf}\s]/u.test(text)) {
    return codedError('control_characters', 'Địa chỉ tem chứa ký tự ẩn hoặc ký tự điều khiển: tem thật không có.', 'The stamp URL contains hidden or control characters: a genuine stamp has none.');
  }
  const parts = URL_PARTS.exec(text);
  const authority = parts?.[2] ?? '';
  const path = parts?.[3] ?? '';
  if (authority.includes('@')) {
    return codedError('userinfo', 'Địa chỉ tem có phần "…@" trước tên miền: một cách che giấu trang thật sẽ mở.', 'The stamp URL has a "…@" part before the host: a way of hiding the site that really opens.');
  }
  if (authority.includes('\\') || path.includes('\\')) {
    return codedError('backslash', 'Địa chỉ tem có dấu "\\": mỗi ứng dụng đọc nó một kiểu.', 'The stamp URL contains "\\": apps read it in different ways.');
  }
  const host = authority.toLowerCase();
  // A deployment may print its stamps on an IP (a test bench on the LAN): that exact host is ours.
  const exact = acceptedHosts.some((h) => normaliseHost(h) === host);
  if (!exact && isNumericHost(authority)) {
    return codedError('numeric_host', 'Địa chỉ tem dùng số IP thay cho tên miền: tem thật không như vậy.', 'The stamp URL uses an IP address instead of a host name: genuine stamps do not.');
  }
  if (/\.(?::[0-9]*)?$/.test(authority)) {
    return codedError('trailing_dot', 'Tên miền trong địa chỉ tem có dấu chấm thừa ở cuối.', 'The host in the stamp URL has a stray trailing dot.');
  }
  if (!exact) {
    // Same host, other spelling (an explicit default port, a different port): not the printed form.
    return codedError('extra_segments', `Tên miền "${authority}" không đúng dạng in trên tem.`, `The host "${authority}" is not in the form printed on stamps.`);
  }
  const segments = path.split('/').slice(1);
  if (segments.some((s) => /^(?:\.|%2e){1,2}$/i.test(s))) {
    return codedError('dot_segment', 'Đường dẫn tem có đoạn "." hoặc "..": tem thật không có.', 'The stamp path has a "." or ".." segment: genuine stamps have none.');
  }
  if (segments.at(-1) === '') segments.pop();
  if (segments.length > 4) {
    return codedError('extra_segments', 'Đường dẫn tem có thêm đoạn ngoài /S/<mã khóa>/<sê-ri>/<chữ ký>.', 'The stamp path has segments beyond /S/<kid>/<serial>/<signature>.');
  }
  return null;
}
