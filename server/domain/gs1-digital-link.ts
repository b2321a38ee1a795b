// GS1 Digital Link URIs (GS1 Digital Link URI syntax 1.4): any http(s) host, an optional
// path prefix, then a primary key (/01/<GTIN>, /00/<SSCC>, /414/<GLN>, /8004/<GIAI>…) with
// the qualifiers the AI table allows for it, in order (/01/…/22/…/10/…/21/…, or
// /01/…/235/…); data attributes travel as query parameters keyed by their AI
// (?17=YYMMDD&3103=000500), each checked against the AI table: an unknown AI or a value
// of the wrong form is an error, never "another website". Our own signature rides along as
// ?kid=…&sig=<base32> on a GTIN link with a stamp serial in AI 21.
//
// Lenient forms, accepted with a note (the same online and offline): the 1.0/1.1
// convenience aliases (/gtin/, /cpv/, /lot/, /ser/), which 1.2+ dropped, and a GTIN-8/12/13
// in the path, which the syntax wants padded to 14 digits. Both are still printed on packs
// and name one product unambiguously, so refusing them would only hide the product.

import { decodeBase32 } from './base32';
import { codedError, fail, ok, type CodedError, type Result } from './coded-error';
import { lookupAi, type AiDefinition } from './gs1-ai-table';
import { checkAiValue } from './gs1-ai-values';
import { buildGs1Data, unknownAi, type Gs1Data, type Gs1Element, type Gs1Pair } from './gs1-data';
import { parseGtin, type GtinError } from './gtin';
import { hostOfUrl, parseHttpUrl } from './host-name';
import { isStampKid, isStampSerial, STAMP_SIGNATURE_BYTES, STAMP_SIGNATURE_LENGTH, type Stamp } from './stamp-codec';

export type { Gs1Date } from './gs1-ai-values';

export interface DigitalLinkSignature {
  kid: string;
  signature: Uint8Array;
}

export type DigitalLinkNoteCode = 'convenience_alias' | 'short_gtin';
export type DigitalLinkNote = CodedError<DigitalLinkNoteCode>;

export interface DigitalLink extends Gs1Data {
  host: string;
  primaryKey: Gs1Element;
  /** Query-string AIs other than 17 (expiry), keyed by AI, values as written. */
  otherAIs: Record<string, string>;
  /** Query parameters that are not AIs (linkType, utm_…), minus kid and sig. */
  otherParams: Record<string, string>;
  /** Our Ed25519 signature when the link carries kid and sig. */
  signature?: DigitalLinkSignature;
  /** Lenient forms that were accepted and normalised. */
  notes: DigitalLinkNote[];
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
  | 'bad_check_digit'
  | 'bad_date'
  | 'unknown_ai'
  | 'duplicate_ai'
  | 'bad_kid'
  | 'bad_signature_encoding'
  | 'bad_stamp_serial'
  | 'incomplete_signature';

export interface DigitalLinkError extends CodedError<DigitalLinkErrorCode> {
  /** Why the GTIN was rejected, for code bad_gtin. */
  gtinError?: GtinError;
  /** The AI at fault, when one is. */
  ai?: string;
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

// Digital Link 1.1 convenience aliases, deprecated since 1.2.
const ALIASES: Readonly<Record<string, string>> = { gtin: '01', cpv: '22', lot: '10', ser: '21' };
const QUALIFIER_ERRORS: Readonly<Record<string, DigitalLinkErrorCode>> = { '22': 'bad_cpv', '10': 'bad_lot', '21': 'bad_serial' };

const err = (code: DigitalLinkErrorCode, vi: string, en: string): DigitalLinkError => codedError(code, vi, en);

/** The primary-key AI a path segment names ("01", "gtin", "414"…), or null. */
function primaryKeyOf(segment: string): AiDefinition | null {
  const lower = segment.toLowerCase();
  const def = lookupAi(ALIASES[lower] === '01' ? '01' : lower);
  return def?.qualifierPaths ? def : null;
}

/** A GTIN of 8–14 digits padded to 14 (the lenient form), or the value as is. */
function keyValue(def: AiDefinition, value: string): string {
  return def.ai === '01' && /^[0-9]{8,13}$/.test(value) && [8, 12, 13].includes(value.length) ? value.padStart(14, '0') : value;
}

/** True when `value` is a well-formed value of the primary key `def`. */
function isKeyValue(def: AiDefinition, value: string): boolean {
  if (def.ai === '01') return /^[0-9]{8,14}$/.test(value);
  return value.length > 0 && checkAiValue(def, value) === null;
}

/** True when the text is an http(s) URL with a GS1 primary key followed by a well-formed value (/01/<8–14 digits>, /414/<GLN>…). */
export function looksLikeDigitalLink(raw: string): boolean {
  const url = parseHttpUrl(raw.trim());
  if (!url) return false;
  // Requiring a valid key value keeps date-style paths (/2024/01/15/…) out.
  const segments = url.pathname.split('/');
  return segments.some((s, i) => {
    const def = primaryKeyOf(s);
    return !!def && isKeyValue(def, decodeSafely(segments[i + 1] ?? '') ?? '');
  });
}

/** Parse a GS1 Digital Link URI (any primary key, its qualifiers and query AIs) into a typed value or a typed error. */
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
  // Prefer a key followed by a valid value, so a path prefix that happens to contain "01" is skipped.
  const candidates = segments.map((s, i) => (primaryKeyOf(s) ? i : -1)).filter((i) => i >= 0);
  const start = candidates.find((i) => isKeyValue(primaryKeyOf(segments[i]!)!, decodeSafely(segments[i + 1] ?? '') ?? '')) ?? candidates[0];
  if (start === undefined) return fail(err('not_digital_link', 'Đường dẫn không có mã khóa GS1 (/01/…): không phải GS1 Digital Link.', 'The path has no GS1 key (/01/…): not a GS1 Digital Link.'));

  const decoded: string[] = [];
  for (const segment of segments.slice(start)) {
    const value = decodeSafely(segment);
    if (value === null) return fail(err('bad_percent_encoding', 'Đường dẫn có mã %.. hỏng.', 'The path has broken %-encoding.'));
    decoded.push(value);
  }
  const keyDef = primaryKeyOf(decoded[0]!)!;
  const notes: DigitalLinkNote[] = [];
  if (decoded[0]!.toLowerCase() === 'gtin') notes.push(aliasNote('gtin', '01'));
  const keyText = decoded[1];
  if (keyText === undefined) return fail(err('bad_path', `Sau /${decoded[0]}/ thiếu giá trị của ${keyDef.title_vi}.`, `No ${keyDef.title_en} follows /${decoded[0]}/.`));
  const pairs: Gs1Pair[] = [];
  if (keyDef.ai === '01') {
    const gtin = parseGtin(keyText);
    if (!gtin.ok) {
      return fail({ ...err('bad_gtin', `Mã GTIN trong liên kết không hợp lệ: ${gtin.error.message_vi}`, `The link's GTIN is invalid: ${gtin.error.message_en}`), gtinError: gtin.error, ai: '01' });
    }
    if (gtin.value.format !== 'GTIN-14') {
      notes.push(
        codedError(
          'short_gtin',
          `Liên kết ghi ${gtin.value.format} (${keyText}); chuẩn GS1 Digital Link yêu cầu đủ 14 chữ số (${gtin.value.gtin14}). Vẫn là cùng một sản phẩm.`,
          `The link writes a ${gtin.value.format} (${keyText}); GS1 Digital Link wants all 14 digits (${gtin.value.gtin14}). It is the same product.`,
        ),
      );
    }
  }
  pairs.push({ ai: keyDef.ai, value: keyValue(keyDef, keyText) });

  const qualifiers = readQualifiers(keyDef, decoded.slice(2), notes);
  if (!qualifiers.ok) return qualifiers;
  pairs.push(...qualifiers.value);

  const query = readQuery(url, keyDef, qualifiers.value);
  if (!query.ok) return query;
  pairs.push(...query.value.ais);

  const data = buildGs1Data(pairs, options.referenceYear);
  if (!data.ok) {
    const e = data.error;
    const code: DigitalLinkErrorCode = e.ai && QUALIFIER_ERRORS[e.ai] && e.code === 'bad_ai_value' ? QUALIFIER_ERRORS[e.ai]! : e.code;
    return fail({ ...e, code });
  }
  const gtin = keyDef.ai === '01' ? parseGtin(keyText) : null;
  const link: DigitalLink = {
    ...data.value,
    ...(gtin?.ok ? { gtin: gtin.value } : {}),
    host: hostOfUrl(url),
    primaryKey: data.value.primaryKey!,
    otherAIs: Object.fromEntries(query.value.ais.filter((p) => p.ai !== '17').map((p) => [p.ai, p.value])),
    otherParams: query.value.params,
    notes,
  };
  const signature = readSignature(link, query.value.kid, query.value.sig);
  return signature.ok ? ok(link) : signature;
}

/** The qualifier pairs after the key, in one of the orders the key allows. */
function readQualifiers(keyDef: AiDefinition, rest: readonly string[], notes: DigitalLinkNote[]): Result<Gs1Pair[], DigitalLinkError> {
  const paths = keyDef.qualifierPaths ?? [[]];
  const allowed = paths.map((p) => p.map((ai) => `/${ai}/…`).join('')).filter(Boolean);
  const badPath = () =>
    fail(
      err(
        'bad_path',
        allowed.length
          ? `Đường dẫn sau ${keyDef.title_vi} chỉ được có ${allowed.join(' hoặc ')} theo đúng thứ tự, mỗi mục kèm một giá trị.`
          : `Đường dẫn sau ${keyDef.title_vi} không được có thêm mục nào.`,
        allowed.length ? `After the ${keyDef.title_en} the path may only hold ${allowed.join(' or ')} in that order, each with a value.` : `Nothing may follow the ${keyDef.title_en} in the path.`,
      ),
    );
  // Each alternative order with the position reached in it.
  let positions = paths.map((path) => ({ path, next: 0 }));
  const pairs: Gs1Pair[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const key = rest[i]!.toLowerCase();
    const value = rest[i + 1];
    const ai = ALIASES[key] && key !== 'gtin' ? ALIASES[key]! : key;
    if (ai !== key) notes.push(aliasNote(key, ai));
    positions = positions
      .map(({ path, next }) => ({ path, next: path.indexOf(ai, next) + 1 }))
      .filter((p) => p.next > 0);
    if (positions.length === 0 || value === undefined) return badPath();
    pairs.push({ ai, value });
  }
  return ok(pairs);
}

function aliasNote(alias: string, ai: string): DigitalLinkNote {
  return codedError(
    'convenience_alias',
    `Liên kết dùng tên viết tắt cũ "/${alias}/" thay cho "/${ai}/" (GS1 Digital Link đã bỏ cách viết này từ bản 1.2).`,
    `The link uses the old alias "/${alias}/" for "/${ai}/" (dropped from GS1 Digital Link in version 1.2).`,
  );
}

interface QueryParts {
  ais: Gs1Pair[];
  params: Record<string, string>;
  kid?: string;
  sig?: string;
}

/** Split the query into AIs (checked against the table), other parameters, and kid/sig. */
function readQuery(url: URL, keyDef: AiDefinition, qualifiers: readonly Gs1Pair[]): Result<QueryParts, DigitalLinkError> {
  const seen = new Set<string>();
  const parts: QueryParts = { ais: [], params: {} };
  const inPath = new Set([keyDef.ai, ...(keyDef.qualifierPaths ?? []).flat(), ...qualifiers.map((q) => q.ai)]);
  for (const [key, value] of url.searchParams) {
    if (seen.has(key)) return fail(err('duplicate_ai', `Tham số "${key}" xuất hiện hai lần.`, `Parameter "${key}" appears twice.`));
    seen.add(key);
    if (key === 'kid') parts.kid = value;
    else if (key === 'sig') parts.sig = value;
    else if (/^[0-9]{2,4}$/.test(key)) {
      if (!lookupAi(key)) return fail(unknownAi(key) as DigitalLinkError);
      if (inPath.has(key)) return fail({ ...err('duplicate_ai', `AI ${key} phải nằm trong đường dẫn, không nằm trong phần "?".`, `AI ${key} belongs in the path, not the query string.`), ai: key });
      parts.ais.push({ ai: key, value });
    } else parts.params[key] = value;
  }
  return ok(parts);
}

/** Our kid/sig: kept as another system's parameters unless they claim to be ours, then checked. */
function readSignature(link: DigitalLink, kid: string | undefined, sig: string | undefined): Result<true, DigitalLinkError> {
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
  // We sign NV1|kid|serial, so a signature is meaningless without a stamp serial in AI 21 of a GTIN link.
  if (link.primaryKey.ai !== '01' || link.serial === undefined || !isStampSerial(link.serial.toUpperCase())) {
    return fail(err('bad_stamp_serial', 'Liên kết có chữ ký nhưng số sê-ri (AI 21) không phải số sê-ri tem.', 'The link is signed but its serial (AI 21) is not a stamp serial.'));
  }
  link.signature = { kid: upperKid, signature: signature.value };
  return ok(true);
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
