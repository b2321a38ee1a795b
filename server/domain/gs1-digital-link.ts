// GS1 Digital Link URIs (GS1 Digital Link Standard 1.x): any http(s) host, an optional
// path prefix, then /01/<GTIN> with the qualifiers /22/<CPV>, /10/<lot>, /21/<serial>
// in that order; data attributes travel as query parameters keyed by their AI
// (?17=YYMMDD&3103=000500). Our own signature rides along as ?kid=…&sig=<base32>.
// Only the GTIN primary key is handled: that is what goes on consumer packs.

import { decodeBase32 } from './base32';
import { codedError, fail, ok, type CodedError, type Result } from './coded-error';
import { parseGtin, type Gtin, type GtinError } from './gtin';
import { hostOfUrl, parseHttpUrl } from './host-name';
import { isStampKid, isStampSerial, STAMP_SIGNATURE_BYTES, STAMP_SIGNATURE_LENGTH, type Stamp } from './stamp-codec';

/** A GS1 date (YYMMDD) and its calendar date; day "00" means the last day of the month. */
export interface Gs1Date {
  yymmdd: string;
  /** ISO date, YYYY-MM-DD. */
  iso: string;
}

export interface DigitalLinkSignature {
  kid: string;
  signature: Uint8Array;
}

export interface DigitalLink {
  host: string;
  gtin: Gtin;
  /** AI 22, consumer product variant. */
  cpv?: string;
  /** AI 10, batch or lot. */
  lot?: string;
  /** AI 21, serial number. */
  serial?: string;
  /** AI 17, expiry date. */
  expiry?: Gs1Date;
  /** Other AIs from the query string, keyed by AI, values as written. */
  otherAIs: Record<string, string>;
  /** Query parameters that are not AIs (linkType, utm_…), minus kid and sig. */
  otherParams: Record<string, string>;
  /** Our Ed25519 signature when the link carries kid and sig. */
  signature?: DigitalLinkSignature;
}

export type DigitalLinkErrorCode =
  | 'empty'
  | 'too_long'
  | 'not_url'
  | 'not_digital_link'
  | 'bad_path'
  | 'bad_percent_encoding'
  | 'bad_gtin'
  | 'bad_cpv'
  | 'bad_lot'
  | 'bad_serial'
  | 'bad_ai_value'
  | 'bad_date'
  | 'duplicate_ai'
  | 'bad_kid'
  | 'bad_signature_encoding'
  | 'bad_stamp_serial'
  | 'incomplete_signature';

export interface DigitalLinkError extends CodedError<DigitalLinkErrorCode> {
  /** Why the GTIN was rejected, for code bad_gtin. */
  gtinError?: GtinError;
}

const SIGNATURE_ERRORS: ReadonlySet<DigitalLinkErrorCode> = new Set(['bad_kid', 'bad_signature_encoding', 'bad_stamp_serial', 'incomplete_signature']);
/**
 * A sig this close to ours in length is ours, damaged (a torn or misprinted stamp). Other
 * schemes' signatures sit outside it: Ed25519 or P-256 in base64url is 86 characters, in hex 128.
 */
const NEAR_SIGNATURE_LENGTH = 8;

/** The link carries our kid/sig parameters, damaged: a stamp that fails its check, not "no stamp". */
export const isDamagedSignature = (error: DigitalLinkError): boolean => SIGNATURE_ERRORS.has(error.code);

export interface ParseDigitalLinkOptions {
  /**
   * Current year, for the GS1 century rule on two-digit years (§7.12: a year 51+ ahead
   * belongs to the previous century, 50+ behind to the next). Without it, years are 20YY.
   */
  referenceYear?: number;
}

export const DIGITAL_LINK_MAX_LENGTH = 2048;

// Qualifier AIs of a GTIN in their mandatory order, with the Digital Link 1.1 aliases.
const QUALIFIERS = [
  { ai: '22', alias: 'cpv', field: 'cpv', code: 'bad_cpv', vi: 'biến thể sản phẩm (AI 22)', en: 'product variant (AI 22)' },
  { ai: '10', alias: 'lot', field: 'lot', code: 'bad_lot', vi: 'số lô (AI 10)', en: 'lot number (AI 10)' },
  { ai: '21', alias: 'ser', field: 'serial', code: 'bad_serial', vi: 'số sê-ri (AI 21)', en: 'serial number (AI 21)' },
] as const;
const PRIMARY_KEYS = new Set(['01', 'gtin']);
// GS1 AI encodable character set 82 (GS1 General Specifications Figure 7.11-1).
const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]+$/;
const DATE_AIS = new Set(['11', '12', '13', '15', '16', '17', '7006']);
const MEASURE_AI = /^3[1-6][0-9]{2}$/;

const err = (code: DigitalLinkErrorCode, vi: string, en: string): DigitalLinkError => codedError(code, vi, en);

/** True when the text is an http(s) URL whose path has /01/ or /gtin/ followed by 8–14 digits, i.e. worth parsing as a Digital Link. */
export function looksLikeDigitalLink(raw: string): boolean {
  const url = parseHttpUrl(raw.trim());
  if (!url) return false;
  // Requiring the digits keeps date-style paths (/2024/01/15/…) out.
  const segments = url.pathname.split('/');
  return segments.some((s, i) => PRIMARY_KEYS.has(s.toLowerCase()) && /^[0-9]{8,14}$/.test(segments[i + 1] ?? ''));
}

/** Parse a GS1 Digital Link URI with a GTIN primary key into a typed value or a typed error. */
export function parseDigitalLink(raw: string, options: ParseDigitalLinkOptions = {}): Result<DigitalLink, DigitalLinkError> {
  const text = raw.trim();
  if (!text) return fail(err('empty', 'Nội dung quét trống.', 'The scanned text is empty.'));
  if (text.length > DIGITAL_LINK_MAX_LENGTH) {
    return fail(err('too_long', `Liên kết dài ${text.length} ký tự, quá dài.`, `The link is ${text.length} characters, too long.`));
  }
  const url = parseHttpUrl(text);
  if (!url) return fail(err('not_url', 'Nội dung không phải địa chỉ http(s).', 'The text is not an http(s) URL.'));

  const segments = url.pathname.split('/').slice(1);
  if (segments.at(-1) === '') segments.pop();
  const isKey = (s: string) => PRIMARY_KEYS.has(s.toLowerCase());
  // Prefer a key followed by digits, so a path prefix that happens to contain "01" is skipped.
  const withDigits = segments.findIndex((s, i) => isKey(s) && /^[0-9]+$/.test(segments[i + 1] ?? ''));
  const start = withDigits >= 0 ? withDigits : segments.findIndex(isKey);
  if (start < 0) return fail(err('not_digital_link', 'Đường dẫn không có mã GTIN (/01/…): không phải GS1 Digital Link.', 'The path has no GTIN (/01/…): not a GS1 Digital Link.'));

  const decoded: string[] = [];
  for (const segment of segments.slice(start)) {
    const value = decodeSafely(segment);
    if (value === null) return fail(err('bad_percent_encoding', 'Đường dẫn có mã %.. hỏng.', 'The path has broken %-encoding.'));
    decoded.push(value);
  }
  const gtinText = decoded[1];
  if (gtinText === undefined) return fail(err('bad_path', 'Sau /01/ thiếu mã GTIN.', 'No GTIN follows /01/.'));
  const gtin = parseGtin(gtinText);
  if (!gtin.ok) {
    return fail({ ...err('bad_gtin', `Mã GTIN trong liên kết không hợp lệ: ${gtin.error.message_vi}`, `The link's GTIN is invalid: ${gtin.error.message_en}`), gtinError: gtin.error });
  }

  const link: DigitalLink = { host: hostOfUrl(url), gtin: gtin.value, otherAIs: {}, otherParams: {} };
  let next = 0;
  for (let i = 2; i < decoded.length; i += 2) {
    const key = decoded[i]!.toLowerCase();
    const value = decoded[i + 1];
    const q = QUALIFIERS.findIndex((x, index) => index >= next && (x.ai === key || x.alias === key));
    const qualifier = QUALIFIERS[q];
    if (!qualifier || value === undefined) {
      return fail(err('bad_path', 'Đường dẫn sau mã GTIN chỉ được có /22/, /10/, /21/ theo đúng thứ tự, mỗi mục kèm một giá trị.', 'After the GTIN the path may only hold /22/, /10/, /21/ in that order, each with a value.'));
    }
    if (value.length > 20 || !CSET82.test(value)) {
      return fail(err(qualifier.code, `Giá trị ${qualifier.vi} không hợp lệ (tối đa 20 ký tự theo bộ ký tự GS1).`, `Invalid ${qualifier.en} (at most 20 characters of the GS1 character set).`));
    }
    link[qualifier.field] = value;
    next = q + 1;
  }

  const query = readQuery(url, link, options);
  return query.ok ? ok(link) : query;
}

/** Fill AIs, params and the signature from the query string. */
function readQuery(url: URL, link: DigitalLink, options: ParseDigitalLinkOptions): Result<true, DigitalLinkError> {
  const seen = new Set<string>();
  let kid: string | undefined;
  let sig: string | undefined;
  for (const [key, value] of url.searchParams) {
    if (seen.has(key)) return fail(err('duplicate_ai', `Tham số "${key}" xuất hiện hai lần.`, `Parameter "${key}" appears twice.`));
    seen.add(key);
    if (key === 'kid') kid = value;
    else if (key === 'sig') sig = value;
    else if (/^[0-9]{2,4}$/.test(key)) {
      const problem = checkAiValue(key, value);
      if (problem) return fail(problem);
      if (key === '17') link.expiry = toGs1Date(value, options.referenceYear);
      else link.otherAIs[key] = value;
    } else link.otherParams[key] = value;
  }
  if (kid === undefined && sig === undefined) return ok(true);
  // Only a link that claims our signature can have it damaged: a sig of about our length, or
  // a kid beside one of our stamp serials. Another system's kid/sig are its own parameters,
  // and the link is one without our signature (not_a_stamp), never a suspected fake.
  const nearOurSig = sig !== undefined && Math.abs(sig.length - STAMP_SIGNATURE_LENGTH) <= NEAR_SIGNATURE_LENGTH;
  const kidBesideStampSerial = kid !== undefined && link.serial !== undefined && isStampSerial(link.serial.toUpperCase());
  if (!nearOurSig && !kidBesideStampSerial) {
    if (kid !== undefined) link.otherParams.kid = kid;
    if (sig !== undefined) link.otherParams.sig = sig;
    return ok(true);
  }
  if (kid === undefined || sig === undefined) {
    return fail(err('incomplete_signature', 'Liên kết chỉ có một trong hai tham số kid và sig.', 'The link has only one of the kid and sig parameters.'));
  }
  const upperKid = kid.toUpperCase();
  if (!isStampKid(upperKid)) return fail(err('bad_kid', 'Mã khóa (kid) trong liên kết không hợp lệ.', 'The key id (kid) in the link is invalid.'));
  const signature = sig.length === STAMP_SIGNATURE_LENGTH ? decodeBase32(sig) : null;
  if (!signature?.ok || signature.value.length !== STAMP_SIGNATURE_BYTES) {
    return fail(err('bad_signature_encoding', `Chữ ký (sig) trong liên kết bị hỏng (cần ${STAMP_SIGNATURE_LENGTH} ký tự base32).`, `The signature (sig) must be ${STAMP_SIGNATURE_LENGTH} base32 characters.`));
  }
  // We sign NV1|kid|serial, so a signature is meaningless without a stamp serial in AI 21.
  if (link.serial === undefined || !isStampSerial(link.serial.toUpperCase())) {
    return fail(err('bad_stamp_serial', 'Liên kết có chữ ký nhưng số sê-ri (AI 21) không phải số sê-ri tem.', 'The link is signed but its serial (AI 21) is not a stamp serial.'));
  }
  link.signature = { kid: upperKid, signature: signature.value };
  return ok(true);
}

/** The problem with one query AI value, or null when it is well-formed. */
function checkAiValue(ai: string, value: string): DigitalLinkError | null {
  if (ai === '01' || QUALIFIERS.some((q) => q.ai === ai)) {
    return err('duplicate_ai', `AI ${ai} phải nằm trong đường dẫn, không nằm trong phần "?".`, `AI ${ai} belongs in the path, not the query string.`);
  }
  if (DATE_AIS.has(ai)) {
    return isGs1Date(value) ? null : err('bad_date', `Ngày ở AI ${ai} phải có dạng YYMMDD hợp lệ (nhận được "${value}").`, `AI ${ai} must be a valid YYMMDD date (got "${value}").`);
  }
  if (MEASURE_AI.test(ai) && !/^[0-9]{6}$/.test(value)) {
    return err('bad_ai_value', `Giá trị đo lường ở AI ${ai} phải gồm đúng 6 chữ số.`, `Measure AI ${ai} must be exactly 6 digits.`);
  }
  if (value.length === 0 || value.length > 90 || !CSET82.test(value)) {
    return err('bad_ai_value', `Giá trị của AI ${ai} không hợp lệ.`, `The value of AI ${ai} is invalid.`);
  }
  return null;
}

/** True for YYMMDD with a real month and a day that exists (00 allowed: "whole month"). */
function isGs1Date(value: string): boolean {
  if (!/^[0-9]{6}$/.test(value)) return false;
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (month < 1 || month > 12) return false;
  // Leap years are judged on 20YY; the century rule only changes that for YY = 00.
  return day <= daysInMonth(2000 + Number(value.slice(0, 2)), month);
}

/** Resolve a checked YYMMDD to a calendar date with the GS1 century rule. */
function toGs1Date(yymmdd: string, referenceYear?: number): Gs1Date {
  const yy = Number(yymmdd.slice(0, 2));
  let year = 2000 + yy;
  if (referenceYear !== undefined) {
    const century = Math.floor(referenceYear / 100) * 100;
    const diff = yy - (referenceYear % 100);
    year = century + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  }
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6)) || daysInMonth(year, month);
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { yymmdd, iso };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The stamp a signed Digital Link stands for (kid, AI 21 serial, signature), or null when it is unsigned. */
export function stampOfDigitalLink(link: DigitalLink): Stamp | null {
  if (!link.signature || link.serial === undefined) return null;
  return { kid: link.signature.kid, serial: link.serial.toUpperCase(), signature: link.signature.signature };
}


function decodeSafely(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
