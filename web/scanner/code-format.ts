// The codes the scanner reads and the one result shape both engines report. Format
// names are the BarcodeDetector's (the web standard), so native results need no mapping.

export type CodeFormat = 'qr_code' | 'data_matrix' | 'ean_13' | 'ean_8' | 'upc_a' | 'upc_e';
export type DecodeEngine = 'barcode-detector' | 'zxing-wasm';

export interface DecodedCode {
  /**
   * The text as printed: a stamp URL, or the digits of a retail barcode — 13 for EAN-13,
   * 8 for EAN-8, 12 for UPC-A, and for UPC-E its 8 printed digits (pass
   * `symbology: format` to parseScan to expand them to UPC-A).
   */
  text: string;
  format: CodeFormat;
  engine: DecodeEngine;
}

// DataMatrix: GS1 DataMatrix is what medicine packs carry.
export const ALL_CODE_FORMATS: readonly CodeFormat[] = ['qr_code', 'data_matrix', 'ean_13', 'ean_8', 'upc_a', 'upc_e'];

/**
 * How hard to look: a live frame (another comes soon) or a still photo (the only chance);
 * the '-global' variants use zxing's global-histogram binarizer, a second try for
 * pictures the local binarizer splits (glare, uneven light).
 */
export type DecodeEffort = 'frame' | 'frame-global' | 'still' | 'still-global';

/** Stamps first, then retail barcodes; at most one result per text. */
export function rankDecodedCodes(codes: DecodedCode[]): DecodedCode[] {
  const seen = new Set<string>();
  return [...codes]
    .sort((a, b) => ALL_CODE_FORMATS.indexOf(a.format) - ALL_CODE_FORMATS.indexOf(b.format))
    .filter((code) => (seen.has(code.text) ? false : (seen.add(code.text), true)));
}

/** Name of the performance mark set the moment a code is decoded (e2e measures the verdict from it). */
export const DECODED_MARK = 'nv:decoded';

/** Set the `nv:decoded` performance mark, with the code and the decode time as detail. */
export function markDecoded(code: DecodedCode, decodeMs: number): void {
  try {
    performance.mark(DECODED_MARK, { detail: { text: code.text, format: code.format, engine: code.engine, decodeMs } });
  } catch {
    // performance.mark with detail is missing in very old browsers; the mark is diagnostics only
  }
}
