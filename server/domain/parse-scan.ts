// First step of every scan: decide what the scanned or typed text is, before any lookup.
// Our stamp URL (canonical form only), a serial typed from under the QR, a GS1 Digital
// Link or GS1 element string (signed or not), a bare GTIN, a stamp-shaped URL on someone
// else's host, some other URL, or plain text — each parsed into a typed value, or a typed
// error when it is recognisably one of these kinds but damaged. Never throws: scanned
// text is hostile input. The server and the offline PWA both call this one function.

import { codedError, type CodedError } from './coded-error';
import { looksLikeDigitalLink, parseDigitalLink, type DigitalLink, type DigitalLinkError } from './gs1-digital-link';
import { GS1_SYMBOLOGY_IDS, looksLikeElementString, parseElementString, symbologyIdOf, type ElementStringError, type Gs1ElementString } from './gs1-element-string';
import { expandUpcE, parseGtin, type Gtin, type GtinError, type GtinFormat } from './gtin';
import { hostOfUrl, normaliseHost, parseHttpUrl } from './host-name';
import { parseStampPayload, type ParsedStamp, type StampParseError } from './stamp-codec';
import { parseTypedSerial } from './typed-serial';
import { isNumericHost, rawAuthority, stampUrlShapeError, type StampUrlShapeError } from './stamp-url-canonical';
import { inspectUrl, type UrlInspection, type UrlInspectionError } from './url-inspection';

export const SCAN_MAX_LENGTH = 2048;
export const SCAN_KINDS = ['stamp', 'typed_serial', 'foreign_stamp', 'digital_link', 'gs1', 'gtin', 'url', 'text'] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];
export type ScanTextErrorCode = 'empty' | 'too_long';

export interface ScanContext {
  /** Hosts our stamps are printed on (with port when not default), e.g. ["nguonviet.vn"]. */
  publicHosts: readonly string[];
  /** Domains shoppers should trust, for look-alike warnings on other URLs. */
  officialDomains: readonly string[];
  /** Symbology reported by the barcode decoder; "upc_e" lets 6–8 digits expand to UPC-A. */
  symbology?: string;
  /** Current year, for two-digit years in GS1 dates (GS1 century rule). */
  referenceYear?: number;
}

export type ParsedScan =
  | { kind: 'stamp'; ok: true; stamp: ParsedStamp }
  | { kind: 'stamp'; ok: false; error: StampParseError | StampUrlShapeError }
  /** A stamp serial as printed under the QR, typed by hand: no signature to check. */
  | { kind: 'typed_serial'; ok: true; serial: string }
  /** Our stamp's path on a host that is not ours: a copy pointing elsewhere. */
  | { kind: 'foreign_stamp'; ok: true; inspection: UrlInspection }
  | { kind: 'digital_link'; ok: true; link: DigitalLink; signed: boolean; inspection: UrlInspection | null }
  | { kind: 'digital_link'; ok: false; error: DigitalLinkError }
  /** GS1 element strings from a GS1 QR / DataMatrix / GS1-128: "(01)…(21)…" or raw with GS separators. */
  | { kind: 'gs1'; ok: true; data: Gs1ElementString }
  | { kind: 'gs1'; ok: false; error: ElementStringError }
  | { kind: 'gtin'; ok: true; gtin: Gtin; format: GtinFormat; expandedFrom: 'UPC-E' | null }
  | { kind: 'gtin'; ok: false; digits: string; error: GtinError }
  /** stampShaped: kept for old history entries; stamp-shaped URLs are now foreign_stamp. */
  | { kind: 'url'; ok: true; inspection: UrlInspection; stampShaped: boolean }
  | { kind: 'url'; ok: false; error: UrlInspectionError }
  | { kind: 'text'; ok: true; text: string }
  | { kind: 'text'; ok: false; text: string; error: CodedError<ScanTextErrorCode> };

// Control (Cc) and format (Cf) characters except tab and line feed: zero-width, bidi
// and tag characters can hide or reorder text on screen without changing what a
// browser opens, and control codes have no business in a label.
const INVISIBLE = /(?![\t\n])[\p{Cc}\p{Cf}]/gu;
const EDGES = /^[\p{Cc}\p{Cf}\s]+|[\p{Cc}\p{Cf}\s]+$/gu;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const DIGITS_LIKE = /^[0-9](?:[0-9 -]*[0-9])?$/;
// "nguonviet.vn/S/…" typed or copied without its scheme.
const SCHEMELESS_STAMP = /^[a-z0-9.-]+(?::[0-9]+)?\/s\//i;
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);
// A path segment this long on our host can only be a (damaged) stamp signature.
const SIGNATURE_LIKE_LENGTH = 64;

/** Remove invisible and control characters (keeping line breaks and tabs as text) and trim. */
export function cleanScanText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim();
}

/** Classify scanned or typed text as a stamp, typed serial, GS1 data, GTIN, other URL or plain text; never throws. */
export function parseScan(raw: string, ctx: ScanContext): ParsedScan {
  // Invisible characters at the ends are scanner noise; inside a URL they are a trick.
  let edged = (typeof raw === 'string' ? raw : String(raw ?? '')).replace(EDGES, '');
  if (!edged) return { kind: 'text', ok: false, text: '', error: codedError('empty', 'Không đọc được nội dung nào.', 'Nothing was read.') };
  if (edged.length > SCAN_MAX_LENGTH) {
    return {
      kind: 'text',
      ok: false,
      text: cleanScanText(edged).slice(0, SCAN_MAX_LENGTH),
      error: codedError('too_long', `Nội dung dài ${edged.length} ký tự, quá dài để kiểm tra.`, `The text is ${edged.length} characters, too long to check.`),
    };
  }
  // A symbology identifier says how to read the rest: GS1 data, or just drop it.
  const symbology = symbologyIdOf(edged);
  if (symbology && !GS1_SYMBOLOGY_IDS.has(symbology)) edged = edged.slice(3).replace(EDGES, '');
  if (looksLikeElementString(edged)) {
    const data = parseElementString(edged, ctx.referenceYear);
    return data.ok ? { kind: 'gs1', ok: true, data: data.value } : { kind: 'gs1', ok: false, error: data.error };
  }
  const text = cleanScanText(edged);
  if (!text) return { kind: 'text', ok: false, text: '', error: codedError('empty', 'Không đọc được nội dung nào.', 'Nothing was read.') };
  const hadControlCharacters = text !== edged.replace(/\r\n?/g, '\n');
  if (URL_LIKE.test(text)) return classifyUrl(text, ctx, hadControlCharacters);
  // Phones treat "www.…" as a web address, so we inspect it as one too.
  if (/^www\.[^\s/]+\.[^\s]+$/i.test(text)) return classifyUrl(`http://${text}`, ctx, hadControlCharacters);
  if (SCHEMELESS_STAMP.test(text)) return classifyUrl(`https://${text}`, ctx, hadControlCharacters);
  if (DIGITS_LIKE.test(text)) {
    const digits = text.replace(/[ -]/g, '');
    if (ctx.symbology?.toLowerCase().replace(/[^a-z]/g, '') === 'upce' && digits.length >= 6 && digits.length <= 8) {
      const upcA = expandUpcE(digits);
      if (!upcA.ok) return { kind: 'gtin', ok: false, digits, error: upcA.error };
      return { kind: 'gtin', ok: true, gtin: { digits: upcA.value, format: 'GTIN-12', gtin14: upcA.value.padStart(14, '0') }, format: 'GTIN-12', expandedFrom: 'UPC-E' };
    }
    if (GTIN_LENGTHS.has(digits.length)) {
      const gtin = parseGtin(digits);
      return gtin.ok ? { kind: 'gtin', ok: true, gtin: gtin.value, format: gtin.value.format, expandedFrom: null } : { kind: 'gtin', ok: false, digits, error: gtin.error };
    }
  }
  const serial = parseTypedSerial(text);
  if (serial) return { kind: 'typed_serial', ok: true, serial };
  return { kind: 'text', ok: true, text };
}

/** Canonical stamp on our host, stamp-shaped copy elsewhere, Digital Link on any host, otherwise an inspected URL. */
function classifyUrl(text: string, ctx: ScanContext, hadControlCharacters: boolean): ParsedScan {
  const url = parseHttpUrl(text);
  if (url) {
    const host = hostOfUrl(url);
    const isOurs = (h: string) => ctx.publicHosts.some((p) => normaliseHost(p) === h);
    const authority = (rawAuthority(text) ?? '').toLowerCase();
    // "ours@evil" and "ours\@evil" are read as our host by some parsers and as evil by others.
    const claimsOurs = isOurs(host) || (/[@\\]/.test(authority) && ctx.publicHosts.some((p) => authority.includes(normaliseHost(p) ?? '\u0000')));
    if (claimsOurs && hasStampMarker(url)) {
      const shape = stampUrlShapeError(text, ctx.publicHosts, hadControlCharacters);
      if (shape) return { kind: 'stamp', ok: false, error: shape };
      const stamp = parseStampPayload(text, { acceptedHosts: ctx.publicHosts });
      return stamp.ok ? { kind: 'stamp', ok: true, stamp: stamp.value } : { kind: 'stamp', ok: false, error: stamp.error };
    }
    if (!claimsOurs && parseStampPayload(text).ok) {
      // Our stamp's form on a numeric host is malformed whoever's it is; on a named host it is a copy.
      if (isNumericHost(rawAuthority(text) ?? '')) return { kind: 'stamp', ok: false, error: stampUrlShapeError(text, ctx.publicHosts, hadControlCharacters)! };
      const inspection = inspectUrl(text, ctx.officialDomains);
      if (inspection.ok) return { kind: 'foreign_stamp', ok: true, inspection: inspection.value };
    }
    if (looksLikeDigitalLink(text)) {
      const link = parseDigitalLink(text, { referenceYear: ctx.referenceYear });
      if (!link.ok) return { kind: 'digital_link', ok: false, error: link.error };
      const inspection = inspectUrl(text, ctx.officialDomains);
      return { kind: 'digital_link', ok: true, link: link.value, signed: !!link.value.signature, inspection: inspection.ok ? inspection.value : null };
    }
  }
  const inspection = inspectUrl(text, ctx.officialDomains);
  if (!inspection.ok) return { kind: 'url', ok: false, error: inspection.error };
  return { kind: 'url', ok: true, inspection: inspection.value, stampShaped: false };
}

/** True when the path has an "/S/" segment or ends in a signature-sized segment: what is left of a damaged stamp URL. */
function hasStampMarker(url: URL): boolean {
  const segments = url.pathname.split('/').filter(Boolean);
  return segments.some((segment) => segment.toUpperCase() === 'S') || (segments.at(-1)?.length ?? 0) >= SIGNATURE_LIKE_LENGTH;
}

