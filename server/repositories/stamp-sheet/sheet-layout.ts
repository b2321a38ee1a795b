// The A4 geometry both renderers share, in millimetres from the page's top-left corner,
// so the SVG and the PDF of a batch line up sheet for sheet.
//
// A 25 × 32 mm cell holds a 22 mm QR box: a version-6 stamp (41 modules + 2 × 4 quiet)
// gets 0.45 mm modules and version 7 gets 0.42 mm, above the ~0.33 mm that phone
// cameras read reliably from print. Below the code: the serial, then the optional PIN.

import type { SheetStamp } from './stamp-sheet.types';

export const PAGE_WIDTH_MM = 210;
export const PAGE_HEIGHT_MM = 297;
export const MARGIN_MM = 10;

export const CELL_WIDTH_MM = 25;
export const CELL_HEIGHT_MM = 32;
export const COLUMNS = 7;
export const ROWS = 8;
export const STAMPS_PER_PAGE = COLUMNS * ROWS;

/** QR box side, quiet zone included, and its offset inside the cell. */
export const QR_BOX_MM = 22;
export const QR_BOX_TOP_MM = 0.5;
/** ISO/IEC 18004 asks for 4 light modules around the symbol. */
export const QUIET_ZONE_MODULES = 4;

/** Header baselines and sizes; the grid starts below the rule. */
export const HEADER = {
  titleBaseline: 14.5,
  titleSize: 4.2,
  lineSize: 3,
  lineBaselines: [19.5, 23.5, 27.5],
  ruleY: 29.5,
} as const;
export const GRID_TOP_MM = 31;
export const GRID_LEFT_MM = (PAGE_WIDTH_MM - COLUMNS * CELL_WIDTH_MM) / 2;

/** Text under the code, as baselines relative to the cell top. */
export const SERIAL_BASELINE_MM = QR_BOX_TOP_MM + QR_BOX_MM + 2.2;
// 19 monospace characters at 0.6 em must fit the 25 mm cell: 2 mm (5.7 pt) is the
// largest size that leaves a millimetre either side.
export const SERIAL_SIZE_MM = 2;
export const PIN_HINT_BASELINE_MM = SERIAL_BASELINE_MM + 2.7;
export const PIN_HINT_SIZE_MM = 1.8;
export const PIN_BASELINE_MM = PIN_HINT_BASELINE_MM + 3;
export const PIN_SIZE_MM = 2.4;

/** One printed page: its 0-based number and the stamps on it. */
export interface SheetPage {
  index: number;
  /** 0-based position of the page's first stamp in the batch. */
  firstStamp: number;
  stamps: SheetStamp[];
}

/** Split a batch into pages of STAMPS_PER_PAGE; an empty batch still gets one page so the header prints. */
export function paginateStamps(stamps: readonly SheetStamp[]): SheetPage[] {
  const count = Math.max(1, Math.ceil(stamps.length / STAMPS_PER_PAGE));
  return Array.from({ length: count }, (_, index) => {
    const firstStamp = index * STAMPS_PER_PAGE;
    return { index, firstStamp, stamps: stamps.slice(firstStamp, firstStamp + STAMPS_PER_PAGE) };
  });
}

/** Top-left corner of the n-th cell on a page, filled row by row. */
export function locateCell(n: number): { x: number; y: number } {
  return {
    x: GRID_LEFT_MM + (n % COLUMNS) * CELL_WIDTH_MM,
    y: GRID_TOP_MM + Math.floor(n / COLUMNS) * CELL_HEIGHT_MM,
  };
}

/** Where the first module of a `size`-module symbol goes in a cell at (cellX, cellY), and the module side. */
export function placeQr(cellX: number, cellY: number, size: number): { x: number; y: number; module: number } {
  const module = QR_BOX_MM / (size + 2 * QUIET_ZONE_MODULES);
  const boxX = cellX + (CELL_WIDTH_MM - QR_BOX_MM) / 2;
  const boxY = cellY + QR_BOX_TOP_MM;
  return { x: boxX + QUIET_ZONE_MODULES * module, y: boxY + QUIET_ZONE_MODULES * module, module };
}
