// Renders a stamp batch as A4 SVG pages. Each QR is one <path> in module units, scaled
// into place, with dark runs merged per row: a 56-stamp page stays a few hundred KB and
// prints crisply at any resolution.

import {
  CELL_HEIGHT_MM,
  CELL_WIDTH_MM,
  COLUMNS,
  GRID_LEFT_MM,
  HEADER,
  locateCell,
  PAGE_HEIGHT_MM,
  PAGE_WIDTH_MM,
  paginateStamps,
  PIN_BASELINE_MM,
  PIN_HINT_BASELINE_MM,
  PIN_HINT_SIZE_MM,
  PIN_SIZE_MM,
  placeQr,
  SERIAL_BASELINE_MM,
  SERIAL_SIZE_MM,
  type SheetPage,
} from './sheet-layout';
import { cleanText, describeHeader, formatSerial, PIN_HINT } from './sheet-text';
import { collectDarkRuns, encodeStampQr } from './stamp-qr';
import type { SheetStamp, StampSheet } from './stamp-sheet.types';

const SANS = "'DejaVu Sans', 'Noto Sans', Arial, sans-serif";
const MONO = "'DejaVu Sans Mono', Menlo, Consolas, monospace";
const DEMO_COLOUR = '#c00000';
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Render a stamp batch as A4 pages, one standalone SVG document per page. */
export function renderStampSheetSvg(sheet: StampSheet): string[] {
  const pages = paginateStamps(sheet.stamps);
  return pages.map((page) => renderPage(sheet, page, pages.length));
}

/** One A4 page: white background, header, cut guides, codes, then their text. */
function renderPage(sheet: StampSheet, page: SheetPage, pageCount: number): string {
  const header = describeHeader(sheet, page, pageCount);
  const cells = page.stamps.map((stamp, n) => ({ stamp, ...locateCell(n) }));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE_WIDTH_MM}mm" height="${PAGE_HEIGHT_MM}mm" viewBox="0 0 ${PAGE_WIDTH_MM} ${PAGE_HEIGHT_MM}">`,
    `<title>${escapeXml(`${header.title} · ${header.lines.join(' · ')} · ${header.pageLabel}`)}</title>`,
    `<rect width="${PAGE_WIDTH_MM}" height="${PAGE_HEIGHT_MM}" fill="#fff"/>`,
    renderHeader(header),
    cells.length ? `<path class="cut" fill="none" stroke="#c8c8c8" stroke-width="0.1" d="${cells.map((c) => `M${mm(c.x)} ${mm(c.y)}h${CELL_WIDTH_MM}v${CELL_HEIGHT_MM}h-${CELL_WIDTH_MM}z`).join('')}"/>` : '',
    // crispEdges keeps anti-aliasing from leaving hairlines between adjacent runs.
    `<g fill="#000" shape-rendering="crispEdges">`,
    ...cells.map((c) => renderQr(c.stamp.url, c.x, c.y)),
    '</g>',
    `<g font-family="${MONO}" font-size="${SERIAL_SIZE_MM}" text-anchor="middle" fill="#000">`,
    ...cells.map((c) => `<text x="${mm(c.x + CELL_WIDTH_MM / 2)}" y="${mm(c.y + SERIAL_BASELINE_MM)}">${escapeXml(formatSerial(c.stamp.serial))}</text>`),
    '</g>',
    sheet.includePins ? renderPins(cells) : '',
    '</svg>',
    '',
  ]
    .filter((part) => part !== '')
    .join('\n');
}

/** Title (with the demo label in red), page number at the right, the batch facts and a rule. */
function renderHeader(header: ReturnType<typeof describeHeader>): string {
  const right = GRID_LEFT_MM + COLUMNS * CELL_WIDTH_MM;
  const demo = header.demoLabel ? `<tspan dx="4" fill="${DEMO_COLOUR}">${escapeXml(header.demoLabel)}</tspan>` : '';
  return [
    `<g font-family="${SANS}" fill="#000">`,
    `<text x="${mm(GRID_LEFT_MM)}" y="${HEADER.titleBaseline}" font-size="${HEADER.titleSize}" font-weight="bold">${escapeXml(header.title)}${demo}</text>`,
    `<text x="${mm(right)}" y="${HEADER.titleBaseline}" font-size="${HEADER.lineSize}" text-anchor="end">${escapeXml(header.pageLabel)}</text>`,
    ...header.lines.map((line, i) => `<text x="${mm(GRID_LEFT_MM)}" y="${HEADER.lineBaselines[i] ?? 0}" font-size="${HEADER.lineSize}">${escapeXml(line)}</text>`),
    `<path d="M${mm(GRID_LEFT_MM)} ${HEADER.ruleY}H${mm(right)}" stroke="#000" stroke-width="0.2"/>`,
    '</g>',
  ].join('\n');
}

/** One QR as a single path of dark runs in module units, translated and scaled into its cell. */
function renderQr(url: string, cellX: number, cellY: number): string {
  const qr = encodeStampQr(url);
  const at = placeQr(cellX, cellY, qr.size);
  // Filled rectangles rather than stroked lines, so the geometry is exact whatever the
  // consumer does with stroke widths and caps. Relative moves from the previous run's
  // start (where "z" leaves the pen) keep each run to about a dozen characters.
  let d = '';
  let px = 0;
  let py = 0;
  for (const run of collectDarkRuns(qr.modules)) {
    d += `${d ? 'm' : 'M'}${run.x - px} ${run.y - py}h${run.length}v1h-${run.length}z`;
    px = run.x;
    py = run.y;
  }
  return `<path class="qr" transform="translate(${mm(at.x)} ${mm(at.y)}) scale(${mm(at.module, 5)})" d="${d}"/>`;
}

/** The scratch hint and PIN under each serial, for stamps that have a PIN. */
function renderPins(cells: { stamp: SheetStamp; x: number; y: number }[]): string {
  const withPin = cells.filter((c) => c.stamp.pin);
  if (withPin.length === 0) return '';
  return [
    `<g font-family="${SANS}" text-anchor="middle" fill="#000">`,
    ...withPin.map((c) => {
      const x = mm(c.x + CELL_WIDTH_MM / 2);
      return (
        `<text x="${x}" y="${mm(c.y + PIN_HINT_BASELINE_MM)}" font-size="${PIN_HINT_SIZE_MM}">${escapeXml(PIN_HINT)}</text>` +
        `<text x="${x}" y="${mm(c.y + PIN_BASELINE_MM)}" font-size="${PIN_SIZE_MM}" font-family="${MONO}" font-weight="bold">${escapeXml(cleanText(c.stamp.pin ?? ''))}</text>`
      );
    }),
    '</g>',
  ].join('\n');
}

/** Escape text for XML content and attribute values; callers pass text already cleaned of characters XML forbids. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ENTITIES[ch] ?? ch);
}

/** A length in millimetres with at most `digits` decimals, trailing zeros dropped. */
function mm(value: number, digits = 3): string {
  return String(Number(value.toFixed(digits)));
}
