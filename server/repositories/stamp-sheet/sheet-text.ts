// The words printed on a sheet, shared by the SVG and PDF renderers so both say the
// same thing. Product and producer names are user data: they are cleaned of characters
// that cannot appear in XML or on paper and cut to a length that fits the header line.

import { formatVietnamDayOf } from '../../domain/catalogue/dates';
import type { SheetPage } from './sheet-layout';
import type { StampSheet } from './stamp-sheet.types';

export const SHEET_TITLE = 'Tem chống giả — Nguồn Việt';
export const DEMO_LABEL = 'MẪU THỬ — DEMO';
export const PIN_HINT = 'Cào để lấy mã PIN';

// Longest values that keep a 3 mm header line within the 175 mm grid: DejaVu Sans
// averages 1.6 mm a character for Vietnamese text and 1.85 mm in capitals.
const MAX_NAME_CHARS = 78;
const MAX_BATCH_ID_CHARS = 40;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text of one page's header, top to bottom. */
export interface SheetHeader {
  title: string;
  /** Set on demo batches; drawn in red after the title. */
  demoLabel: string | null;
  pageLabel: string;
  /** Product, producer (when known), then batch facts. */
  lines: string[];
}

/** Group a serial in fours (XXXX-XXXX-XXXX-XXXX) so people can read it aloud and type it. */
export function formatSerial(serial: string): string {
  return cleanText(serial).match(/.{1,4}/gu)?.join('-') ?? '';
}

/**
 * NFC-normalise (so "ế" is one code point, as fonts and search expect), drop control
 * characters, lone surrogates and non-characters (invalid in XML 1.0), and squeeze
 * whitespace onto one line.
 */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(UNPRINTABLE, ' ').replace(/\s+/g, ' ').trim();
}

/** Cut text to `max` code points with an ellipsis, never splitting a surrogate pair. */
export function truncateText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** Build the header of one page: title, demo label, "Trang x/y" and the batch facts. */
export function describeHeader(sheet: StampSheet, page: SheetPage, pageCount: number): SheetHeader {
  const total = sheet.stamps.length;
  const range = page.stamps.length === 0 ? '' : ` · Tem ${formatCount(page.firstStamp + 1)}–${formatCount(page.firstStamp + page.stamps.length)}/${formatCount(total)}`;
  const producer = sheet.producerName === null ? '' : cleanText(sheet.producerName);
  const lines = [
    `Sản phẩm: ${truncateText(cleanText(sheet.productName), MAX_NAME_CHARS)}`,
    ...(producer ? [`Cơ sở sản xuất: ${truncateText(producer, MAX_NAME_CHARS)}`] : []),
    `Lô: ${truncateText(cleanText(sheet.batchId), MAX_BATCH_ID_CHARS)} · Phát hành: ${formatIssuedDate(sheet.issuedAt)}${range}`,
  ];
  return {
    title: SHEET_TITLE,
    demoLabel: sheet.demo ? DEMO_LABEL : null,
    pageLabel: `Trang ${page.index + 1}/${pageCount}`,
    lines,
  };
}

/** The issue date as dd/mm/yyyy in Vietnam time; unparseable input is shown as given. */
function formatIssuedDate(issuedAt: string): string {
  if (Number.isNaN(Date.parse(issuedAt))) return truncateText(cleanText(issuedAt), 32);
  return formatVietnamDayOf(issuedAt);
}

/** Vietnamese digit grouping (5.000), fixed here rather than left to the host's ICU data. */
function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
