// First step of every scan: decide what the scanned text is, before any lookup. Our
// stamp URL, a GS1 Digital Link (signed or not), a bare GTIN, some other URL, or plain
// text — each parsed into a typed value, or a typed error when it is recognisably one
// of these kinds but damaged. Never throws: scanned text is hostile input.

import { codedError, type CodedError } from './coded-error';
import { looksLikeDigitalLink, parseDigitalLink, type DigitalLink, type DigitalLinkError } from './gs1-digital-link';
import { expandUpcE, parseGtin, type Gtin, type GtinError, type GtinFormat } from './gtin';
import { hostOfUrl, normaliseHost, parseHttpUrl } from './host-name';
import { parseStampPayload, type ParsedStamp, type StampParseError } from './stamp-codec';
import { inspectUrl, type UrlInspection, type UrlInspectionError } from './url-inspection';

export const SCAN_MAX_LENGTH = 2048;
export const SCAN_KINDS = ['stamp', 'digital_link', 'gtin', 'url', 'text'] as const;
export type ScanKind = (typeof SCAN_KINDS)[number];
export type ScanTextErrorCode = 'empty' | 'too_long';

export interface ScanContext {
  /** Hosts our stamps are printed on (with port when not default), e.g. ["nguonviet.vn"]. */
  publicHosts: readonly string[];
  /** Domains shoppers should trust, for look-alike warnings on other URLs. */
  officialDomains: readonly string[];
  /** Symbology reported by the barcode decoder; "upc_e" lets 6–8 digits expand to UPC-A. */
  symbology?: string;
  /** Current year, for two-digit years in Digital Link dates (GS1 century rule). */
  referenceYear?: number;
}

export type ParsedScan =
  | { kind: 'stamp'; ok: true; stamp: ParsedStamp }
  | { kind: 'stamp'; ok: false; error: StampParseError }
  | { kind: 'digital_link'; ok: true; link: DigitalLink; signed: boolean; inspection: UrlInspection | null }
  | { kind: 'digital_link'; ok: false; error: DigitalLinkError }
  | { kind: 'gtin'; ok: true; gtin: Gtin; format: GtinFormat; expandedFrom: 'UPC-E' | null }
  | { kind: 'gtin'; ok: false; digits: string; error: GtinError }
  /** stampShaped: the path has our stamp form but the host is not ours — a likely copy. */
  | { kind: 'url'; ok: true; inspection: UrlInspection; stampShaped: boolean }
  | { kind: 'url'; ok: false; error: UrlInspectionError }
  | { kind: 'text'; ok: true; text: string }
  | { kind: 'text'; ok: false; text: string; error: CodedError<ScanTextErrorCode> };

// Control (Cc) and format (Cf) characters except tab and line feed: zero-width, bidi
// and tag characters can hide or reorder text on screen without changing what a
// browser opens, and control codes have no business in a label.
const INVISIBLE = /(?![\t\n])[\p{Cc}\p{Cf}]/gu;
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const DIGITS_LIKE = /^[0-9](?:[0-9 -]*[0-9])?$/;
const GTIN_LENGTHS = new Set([8, 12, 13, 14]);
// A path segment this long on our host can only be a (damaged) stamp signature.
const SIGNATURE_LIKE_LENGTH = 64;

/** Remove invisible and control characters (keeping line breaks and tabs as text) and trim. */
export function cleanScanText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').trim();
}

/** Classify scanned text as a stamp, GS1 Digital Link, GTIN, other URL or plain text; never throws. */
export function parseScan(raw: string, ctx: ScanContext): ParsedScan {
  const text = cleanScanText(typeof raw === 'string' ? raw : String(raw ?? ''));
  if (!text) return { kind: 'text', ok: false, text: '', error: codedError('empty', 'Không đọc được nội dung nào.', 'Nothing was read.') };
  if (text.length > SCAN_MAX_LENGTH) {
    return {
      kind: 'text',
      ok: false,
      text: text.slice(0, SCAN_MAX_LENGTH),
      error: codedError('too_long', `Nội dung dài ${text.length} ký tự, quá dài để kiểm tra.`, `The text is ${text.length} characters, too long to check.`),
    };
  }
  if (URL_LIKE.test(text)) return classifyUrl(text, ctx);
  // Phones treat "www.…" as a web address, so we inspect it as one too.
  if (/^www\.[^\s/]+\.[^\s]+$/i.test(text)) return classifyUrl(`http://${text}`, ctx);
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
  return { kind: 'text', ok: true, text };
}

/** Stamp on our host, Digital Link on any host, otherwise an inspected URL. */
function classifyUrl(text: string, ctx: ScanContext): ParsedScan {
  const url = parseHttpUrl(text);
  if (url) {
    const host = hostOfUrl(url);
    const ours = ctx.publicHosts.some((h) => normaliseHost(h) === host);
    if (ours && hasStampMarker(url)) {
      const stamp = parseStampPayload(text, { acceptedHosts: ctx.publicHosts });
      return stamp.ok ? { kind: 'stamp', ok: true, stamp: stamp.value } : { kind: 'stamp', ok: false, error: stamp.error };
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
  return { kind: 'url', ok: true, inspection: inspection.value, stampShaped: parseStampPayload(text).ok };
}

/** True when the path has an "/S/" segment or ends in a signature-sized segment: what is left of a damaged stamp URL. */
function hasStampMarker(url: URL): boolean {
  const segments = url.pathname.split('/').filter(Boolean);
  return segments.some((segment) => segment.toUpperCase() === 'S') || (segments.at(-1)?.length ?? 0) >= SIGNATURE_LIKE_LENGTH;
}

