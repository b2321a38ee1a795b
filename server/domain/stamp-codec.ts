// The stamp QR payload: an uppercase URL `<BASE>/S/<KID>/<SERIAL>/<SIG>` that stays in
// QR alphanumeric mode so it prints as a small symbol (PRODUCT.md §4).
//
// Size budget: the signature is 64 bytes = 103 base32 chars, the serial 10 bytes = 16,
// the kid at most 8, separators "/S/", "/", "/" = 5, so at most 132 chars follow the
// base URL. At error-correction M (alphanumeric capacity v5 122, v6 154, v7 178):
//   HTTPS://NGUONVIET.VN  (20) + kid "K1" → 146 chars → version 6; 8-char kid → 152 → v6
//   HTTP://LOCALHOST:8787 (21) + kid "K1" → 147 chars → version 6; 8-char kid → 153 → v6
// The version-7 cap leaves room for a base URL of up to 46 characters with any kid.

import { base32Length, decodeBase32, encodeBase32 } from './base32';
import { codedError, DomainError, fail, ok, type CodedError, type Result } from './coded-error';
import { hostOfUrl, normaliseHost, parseHttpUrl } from './host-name';
import { isQrAlphanumeric, qrVersionForAlphanumeric } from './qr-capacity';

export { isQrAlphanumeric, qrVersionForAlphanumeric } from './qr-capacity';

export const STAMP_SERIAL_BYTES = 10;
export const STAMP_SERIAL_LENGTH = base32Length(STAMP_SERIAL_BYTES);
export const STAMP_SIGNATURE_BYTES = 64;
export const STAMP_SIGNATURE_LENGTH = base32Length(STAMP_SIGNATURE_BYTES);
export const STAMP_MAX_QR_VERSION = 7;
/** Longest raw text parseStampPayload looks at; a genuine stamp URL is under 200 chars. */
export const STAMP_PAYLOAD_MAX_LENGTH = 512;

const KID_PATTERN = /^[A-Z0-9]{1,8}$/;
const SERIAL_PATTERN = /^[A-Z2-7]{16}$/;
// Domain separation: a signature made for a stamp can never be replayed as a signature
// over some other message the same key signs, and a future format gets "NV2".
const SIGNING_PREFIX = 'NV1';

/** A stamp as issued: key id, random serial (canonical base32) and Ed25519 signature. */
export interface Stamp {
  kid: string;
  serial: string;
  signature: Uint8Array;
}

/** A stamp read from a QR payload, with the host it pointed at. */
export interface ParsedStamp extends Stamp {
  host: string;
}

export type StampParseErrorCode =
  | 'empty'
  | 'too_long'
  | 'not_url'
  | 'wrong_host'
  | 'wrong_path'
  | 'unexpected_query'
  | 'bad_kid'
  | 'bad_serial'
  | 'bad_signature_encoding';
export type StampParseError = CodedError<StampParseErrorCode>;

export interface ParseStampOptions {
  /** Hosts (with port when not default) whose stamps we accept; any host when omitted. */
  acceptedHosts?: readonly string[];
}

/** True for a well-formed key id: 1–8 uppercase letters or digits. */
export function isStampKid(kid: string): boolean {
  return KID_PATTERN.test(kid);
}

/** True for a canonical serial: 16 uppercase base32 chars that decode to 10 bytes. */
export function isStampSerial(serial: string): boolean {
  return SERIAL_PATTERN.test(serial) && decodeBase32(serial).ok;
}

/** The exact bytes an issuer signs for a stamp: UTF-8 of `NV1|<kid>|<serial>`. */
export function stampSigningMessage(kid: string, serial: string): Uint8Array {
  if (!isStampKid(kid)) throw new DomainError('bad_kid', `Mã khóa "${kid}" không hợp lệ.`, `Invalid key id "${kid}".`);
  if (!isStampSerial(serial)) throw new DomainError('bad_serial', `Số sê-ri "${serial}" không hợp lệ.`, `Invalid serial "${serial}".`);
  return new TextEncoder().encode(`${SIGNING_PREFIX}|${kid}|${serial}`);
}

/** A fresh serial from 80 random bits; the byte source is injected so tests and the CLI choose it. */
export function generateSerial(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(STAMP_SERIAL_BYTES);
  if (bytes.length !== STAMP_SERIAL_BYTES) {
    throw new DomainError('bad_random_source', 'Nguồn số ngẫu nhiên trả sai số byte.', `Random source returned ${bytes.length} bytes, expected ${STAMP_SERIAL_BYTES}.`);
  }
  // All-zero output has probability 2^-80: it means a stubbed or broken generator.
  if (bytes.every((b) => b === 0)) {
    throw new DomainError('bad_random_source', 'Nguồn số ngẫu nhiên trả toàn số 0.', 'Random source returned all zero bytes.');
  }
  return encodeBase32(bytes);
}

/** Uppercase a configured public base URL for stamps; throws DomainError if it cannot stay QR-alphanumeric. */
export function normaliseStampBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new DomainError('bad_base_url', `Địa chỉ gốc "${baseUrl}" không phải URL.`, `Base URL "${baseUrl}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new DomainError('bad_base_url', 'Địa chỉ gốc phải dùng http hoặc https.', 'Base URL must use http or https.');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new DomainError('bad_base_url', 'Địa chỉ gốc không được có tên người dùng, chuỗi truy vấn hay phần #.', 'Base URL must not carry user info, a query string or a fragment.');
  }
  // Scheme and host are case-insensitive; the path is uppercased too, so the server
  // must route it case-insensitively.
  const upper = `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, '').toUpperCase();
  if (!isQrAlphanumeric(upper)) {
    throw new DomainError(
      'base_url_not_alphanumeric',
      `Địa chỉ gốc "${upper}" có ký tự ngoài bộ chữ-số của mã QR (0–9 A–Z khoảng trắng $ % * + - . / :).`,
      `Base URL "${upper}" has characters outside the QR alphanumeric set (0-9 A-Z space $ % * + - . / :).`,
    );
  }
  return upper;
}

/** Encode a stamp as its uppercase QR URL on `baseUrl`; throws DomainError if the result would not print within QR version 7-M. */
export function encodeStampUrl(baseUrl: string, stamp: Stamp): string {
  return createStampUrlEncoder(baseUrl, stamp.kid)(stamp.serial, stamp.signature);
}

/**
 * An encoder for many stamps of one key on one base URL: the base URL is checked once
 * (issuing a million stamps would otherwise parse it a million times).
 */
export function createStampUrlEncoder(baseUrl: string, kid: string): (serial: string, signature: Uint8Array) => string {
  const base = normaliseStampBaseUrl(baseUrl);
  return (serial, signature) => {
    if (signature.length !== STAMP_SIGNATURE_BYTES) {
      throw new DomainError('bad_signature', 'Chữ ký phải dài 64 byte.', `Signature must be 64 bytes, got ${signature.length}.`);
    }
    // stampSigningMessage checks kid and serial with the same rules as signing does.
    stampSigningMessage(kid, serial);
    const url = `${base}/S/${kid}/${serial}/${encodeBase32(signature)}`;
    const version = qrVersionForAlphanumeric(url.length, 'M');
    if (version === null || version > STAMP_MAX_QR_VERSION) {
      throw new DomainError(
        'url_too_long',
        `URL tem dài ${url.length} ký tự, vượt mã QR phiên bản ${STAMP_MAX_QR_VERSION} mức M; hãy dùng địa chỉ gốc ngắn hơn.`,
        `Stamp URL is ${url.length} characters, beyond QR version ${STAMP_MAX_QR_VERSION} at ECC M; use a shorter base URL.`,
      );
    }
    return url;
  };
}

const err = codedError<StampParseErrorCode>;

/** Parse scanned text as a stamp URL (case-insensitive, http or https, surrounding whitespace and a trailing slash tolerated). */
export function parseStampPayload(raw: string, options: ParseStampOptions = {}): Result<ParsedStamp, StampParseError> {
  const text = raw.trim();
  if (!text) return fail(err('empty', 'Nội dung quét trống.', 'The scanned text is empty.'));
  if (text.length > STAMP_PAYLOAD_MAX_LENGTH) {
    return fail(err('too_long', `Nội dung dài ${text.length} ký tự, quá dài để là tem.`, `The text is ${text.length} characters, too long for a stamp.`));
  }
  const url = parseHttpUrl(text);
  if (!url) return fail(err('not_url', 'Nội dung không phải địa chỉ http(s).', 'The text is not an http(s) URL.'));

  const host = hostOfUrl(url);
  // user@host is a classic way to show one host and open another.
  if (url.username || url.password) {
    return fail(err('wrong_host', `Địa chỉ có phần "…@" che giấu tên miền thật (${host}).`, `The URL hides its real host (${host}) behind "…@".`));
  }
  if (options.acceptedHosts && !options.acceptedHosts.some((h) => normaliseHost(h) === host)) {
    return fail(err('wrong_host', `Tên miền ${host} không phải tên miền phát hành tem.`, `Host ${host} is not a stamp-issuing host.`));
  }
  if (url.search || url.hash) {
    return fail(err('unexpected_query', 'Địa chỉ tem không được có phần "?" hay "#".', 'A stamp URL has no "?" query or "#" fragment.'));
  }

  const segments = url.pathname.split('/').slice(1);
  if (segments.at(-1) === '') segments.pop();
  const [marker, kidText, serialText, sigText] = segments.slice(-4);
  if (segments.length < 4 || marker?.toUpperCase() !== 'S' || kidText === undefined || serialText === undefined || sigText === undefined) {
    return fail(err('wrong_path', 'Đường dẫn không có dạng /S/<mã khóa>/<sê-ri>/<chữ ký>.', 'The path is not of the form /S/<kid>/<serial>/<signature>.'));
  }

  const kid = kidText.toUpperCase();
  if (!isStampKid(kid)) return fail(err('bad_kid', 'Mã khóa trên tem không hợp lệ (1–8 chữ cái hoặc chữ số).', 'The key id must be 1–8 letters or digits.'));

  const serial = serialText.toUpperCase();
  if (serial.length !== STAMP_SERIAL_LENGTH || !decodeBase32(serial).ok) {
    return fail(err('bad_serial', `Số sê-ri trên tem không hợp lệ (cần ${STAMP_SERIAL_LENGTH} ký tự base32).`, `The serial must be ${STAMP_SERIAL_LENGTH} base32 characters.`));
  }

  const signature = sigText.length === STAMP_SIGNATURE_LENGTH ? decodeBase32(sigText) : null;
  if (!signature?.ok) {
    return fail(err('bad_signature_encoding', `Chữ ký trên tem bị hỏng (cần ${STAMP_SIGNATURE_LENGTH} ký tự base32).`, `The signature must be ${STAMP_SIGNATURE_LENGTH} base32 characters.`));
  }
  return ok({ kid, serial, signature: signature.value, host });
}

