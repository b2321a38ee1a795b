// Renders a stamp batch as an A4 PDF with pdfkit, in the same layout as the SVG pages.
// DejaVu fonts are embedded (subset) because the PDF standard fonts have no Vietnamese
// glyphs: "Cào để lấy mã PIN" would print with holes where the diacritics go.

import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import {
  CELL_HEIGHT_MM,
  CELL_WIDTH_MM,
  COLUMNS,
  GRID_LEFT_MM,
  HEADER,
  locateCell,
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
import { cleanText, describeHeader, formatSerial, PIN_HINT, SHEET_TITLE } from './sheet-text';
import { collectDarkRuns, encodeStampQr } from './stamp-qr';
import type { StampSheet } from './stamp-sheet.types';

type Doc = PDFKit.PDFDocument;

const POINTS_PER_MM = 72 / 25.4;
const DEMO_COLOUR = '#c00000';
const FONT_FILES = {
  sans: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  mono: 'dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf',
  monoBold: 'dejavu-fonts-ttf/ttf/DejaVuSansMono-Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

let fontPaths: Record<FontName, string> | null = null;

/** Render a stamp batch as one A4 PDF in memory, one page per 56 stamps, fonts embedded. */
export async function renderStampSheetPdf(sheet: StampSheet): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeStampSheetPdf(sheet, sink);
  return Buffer.concat(chunks);
}

/**
 * Stream the PDF of a stamp batch into `out`, yielding to the event loop after each
 * page so finished pages reach the file instead of piling up in memory. Rejects, and
 * destroys `out`, if a stamp cannot be drawn (e.g. a URL outside the QR charset).
 */
export async function writeStampSheetPdf(sheet: StampSheet, out: Writable): Promise<void> {
  const fonts = resolveFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    // Starting on our own font spares pdfkit loading Helvetica's metrics.
    font: fonts.sans,
    info: describeDocument(sheet),
  });
  for (const [name, path] of Object.entries(fonts)) doc.registerFont(name, path);
  const piping = pipeline(doc, out);
  try {
    const pages = paginateStamps(sheet.stamps);
    for (const page of pages) {
      drawPage(doc, sheet, page, pages.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    doc.end();
  } catch (error) {
    doc.destroy(error instanceof Error ? error : new Error(String(error)));
  }
  await piping;
}

/** Locate the four DejaVu faces through Node's resolver, so they are found wherever npm put the package. */
function resolveFonts(): Record<FontName, string> {
  if (!fontPaths) {
    const require = createRequire(import.meta.url);
    const resolve = (name: FontName) => require.resolve(FONT_FILES[name]);
    fontPaths = { sans: resolve('sans'), bold: resolve('bold'), mono: resolve('mono'), monoBold: resolve('monoBold') };
  }
  return fontPaths;
}

/** PDF document properties, shown by viewers and print dialogs. */
function describeDocument(sheet: StampSheet): PDFKit.DocumentInfo {
  const issued = new Date(sheet.issuedAt);
  return {
    Title: `${SHEET_TITLE} — lô ${cleanText(sheet.batchId)}${sheet.demo ? ' (MẪU THỬ)' : ''}`,
    Subject: [sheet.productName, sheet.producerName ?? ''].map(cleanText).filter(Boolean).join(' — '),
    Author: 'Nguồn Việt',
    Creator: 'Nguồn Việt',
    ...(Number.isNaN(issued.getTime()) ? {} : { CreationDate: issued }),
  };
}

/** One page: header, cut guides, all codes in one colour pass, then the text under them. */
function drawPage(doc: Doc, sheet: StampSheet, page: SheetPage, pageCount: number): void {
  doc.addPage({ size: 'A4', margin: 0 });
  drawHeader(doc, describeHeader(sheet, page, pageCount));
  const cells = page.stamps.map((stamp, n) => ({ stamp, ...locateCell(n) }));
  if (cells.length === 0) return;

  for (const c of cells) doc.rect(pt(c.x), pt(c.y), pt(CELL_WIDTH_MM), pt(CELL_HEIGHT_MM));
  doc.lineWidth(pt(0.1)).stroke('#c8c8c8');

  doc.fillColor('#000');
  for (const c of cells) drawQr(doc, c.stamp.url, c.x, c.y);

  doc.font('mono').fontSize(pt(SERIAL_SIZE_MM));
  for (const c of cells) drawCentred(doc, formatSerial(c.stamp.serial), c.x, c.y + SERIAL_BASELINE_MM);

  if (!sheet.includePins) return;
  const withPin = cells.filter((c) => c.stamp.pin);
  doc.font('sans').fontSize(pt(PIN_HINT_SIZE_MM));
  for (const c of withPin) drawCentred(doc, PIN_HINT, c.x, c.y + PIN_HINT_BASELINE_MM);
  doc.font('monoBold').fontSize(pt(PIN_SIZE_MM));
  for (const c of withPin) drawCentred(doc, cleanText(c.stamp.pin ?? ''), c.x, c.y + PIN_BASELINE_MM);
}

/** Title with the demo label after it in red, page number at the right, batch facts, rule. */
function drawHeader(doc: Doc, header: ReturnType<typeof describeHeader>): void {
  const left = pt(GRID_LEFT_MM);
  const right = pt(GRID_LEFT_MM + COLUMNS * CELL_WIDTH_MM);
  doc.fillColor('#000').font('bold').fontSize(pt(HEADER.titleSize));
  drawText(doc, header.title, left, pt(HEADER.titleBaseline));
  if (header.demoLabel) {
    const x = left + doc.widthOfString(header.title) + pt(4);
    doc.fillColor(DEMO_COLOUR);
    drawText(doc, header.demoLabel, x, pt(HEADER.titleBaseline));
    doc.fillColor('#000');
  }
  doc.font('sans').fontSize(pt(HEADER.lineSize));
  drawText(doc, header.pageLabel, right - doc.widthOfString(header.pageLabel), pt(HEADER.titleBaseline));
  header.lines.forEach((line, i) => drawText(doc, line, left, pt(HEADER.lineBaselines[i] ?? 0)));
  doc.moveTo(left, pt(HEADER.ruleY)).lineTo(right, pt(HEADER.ruleY)).lineWidth(pt(0.2)).stroke('#000');
}

/**
 * One QR as a single filled path. The runs go straight into the content stream in
 * module units under a scaling transform: integers are short, and building one string
 * per code instead of a pdfkit call per rectangle is what makes thousands of stamps fast.
 */
function drawQr(doc: Doc, url: string, cellX: number, cellY: number): void {
  const qr = encodeStampQr(url);
  const at = placeQr(cellX, cellY, qr.size);
  const path = collectDarkRuns(qr.modules)
    .map((r) => `${r.x} ${r.y} ${r.length} 1 re`)
    .join('\n');
  doc.save();
  doc.transform(pt(at.module), 0, 0, pt(at.module), pt(at.x), pt(at.y));
  doc.addContent(path);
  // One fill for the whole symbol: adjacent runs merge without anti-aliasing seams.
  doc.fill();
  doc.restore();
}

/** Text centred in a cell on a baseline given in millimetres. */
function drawCentred(doc: Doc, text: string, cellX: number, baselineMm: number): void {
  const x = pt(cellX + CELL_WIDTH_MM / 2) - doc.widthOfString(text) / 2;
  drawText(doc, text, x, pt(baselineMm));
}

/** Text on a baseline at (x, y) points, never wrapped and never spilling onto a new page. */
function drawText(doc: Doc, text: string, x: number, y: number): void {
  doc.text(text, x, y, { lineBreak: false, baseline: 'alphabetic' });
}

/** Millimetres to PDF points. */
function pt(mm: number): number {
  return mm * POINTS_PER_MM;
}
