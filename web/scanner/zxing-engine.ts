/// <reference types="vite/client" />
// ZXing-C++ in WebAssembly (zxing-wasm's reader build), the decoder wherever the browser
// has no BarcodeDetector. The .wasm is our own build asset (precached by the service
// worker), never the CDN copy zxing-wasm would fetch by default: scans work offline.
import { prepareZXingModule, purgeZXingModule, readBarcodes, type ReaderOptions, type ReadResult } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { rankDecodedCodes, type CodeFormat, type DecodeEffort, type DecodedCode } from './code-format';

type ZXingFormat = NonNullable<ReaderOptions['formats']>[number];

const ZXING_FORMATS: Record<CodeFormat, ZXingFormat> = {
  qr_code: 'QRCode',
  ean_13: 'EAN13',
  ean_8: 'EAN8',
  upc_a: 'UPCA',
  upc_e: 'UPCE',
  data_matrix: 'DataMatrix',
};

// GS1 symbols (AIM identifiers ]Q3 GS1 QR, ]d2 GS1 DataMatrix, ]C1 GS1-128, ]e0 DataBar):
// their text is element strings, told apart from plain text only by this identifier.
const GS1_SYMBOLOGIES = new Set([']Q3', ']d2', ']C1', ']e0', ']J1']);

// Measured on 640×480 frames (tests/unit/scanner-decode.test.ts): a few ms per frame
// with the first symbol found ending the search; stills also try denoising and report
// every code in the picture (a pack may carry a stamp and a barcode).
//
// Text mode 'Plain', chosen on purpose: the exact characters of the symbol (a stamp URL
// byte for byte, FNC1 as the GS control character), with GS1 symbols marked by prefixing
// their symbology identifier, so parseScan reads element strings in their raw form. The
// default 'HRI' would rewrite GS1 data as "(01)…" and drop that distinction.
const BASE: ReaderOptions = { textMode: 'Plain', tryHarder: true, tryRotate: true, tryInvert: true, tryDownscale: true };
const READER_OPTIONS: Record<DecodeEffort, ReaderOptions> = {
  frame: { ...BASE, tryDenoise: false, maxNumberOfSymbols: 1 },
  'frame-global': { ...BASE, tryDenoise: false, maxNumberOfSymbols: 1, binarizer: 'GlobalHistogram' },
  still: { ...BASE, tryDenoise: true, maxNumberOfSymbols: 8 },
  'still-global': { ...BASE, tryDenoise: true, maxNumberOfSymbols: 8, binarizer: 'GlobalHistogram' },
};

export interface ZXingOverrides {
  /** The .wasm bytes, for Node (tests) where there is no URL to fetch. */
  wasmBinary?: ArrayBuffer;
}

let configured = false;

/** Use these module overrides instead of fetching our served .wasm (tests in Node). */
export function configureZXing(overrides: ZXingOverrides): void {
  prepareZXingModule({ overrides });
  configured = true;
}

function ensureConfigured(): void {
  if (configured) return;
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
  });
  configured = true;
}

/** Fetch and compile the .wasm now (so the first frame is not the slow one); rejects if it cannot load. */
export async function loadZXing(): Promise<void> {
  ensureConfigured();
  try {
    await prepareZXingModule({ fireImmediately: true });
  } catch (error) {
    // A failed load stays cached inside zxing-wasm; drop it so the next try fetches again.
    purgeZXingModule();
    configured = false;
    throw error;
  }
}

/** Decode RGBA pixels (or an encoded image file's bytes) with zxing-wasm. */
export async function readCodesWithZXing(
  image: ImageData | Uint8Array,
  formats: readonly CodeFormat[],
  effort: DecodeEffort,
): Promise<DecodedCode[]> {
  await loadZXing();
  const results = await readBarcodes(image, { ...READER_OPTIONS[effort], formats: formats.map((f) => ZXING_FORMATS[f]) });
  const codes: DecodedCode[] = [];
  for (const result of results) {
    const code = toDecodedCode(result, formats);
    if (code) codes.push(code);
  }
  return rankDecodedCodes(codes);
}

// ZXing-C++ 3 reports every EAN/UPC as 13 digits: UPC-A (an EAN-13 with a leading 0, the
// same bars) and UPC-E expanded. We report what is printed, as BarcodeDetector does.
function toDecodedCode(result: ReadResult, wanted: readonly CodeFormat[]): DecodedCode | null {
  if (!result.isValid || !result.text) return null;
  const engine = 'zxing-wasm';
  switch (result.format) {
    case 'QRCode':
      return { text: withGs1Marker(result), format: 'qr_code', engine };
    case 'DataMatrix':
      return { text: withGs1Marker(result), format: 'data_matrix', engine };
    case 'EAN8':
      return { text: result.text, format: 'ean_8', engine };
    case 'EAN13':
    case 'UPCA': {
      const isUpcA = /^0[0-9]{12}$/.test(result.text) && (result.format === 'UPCA' || wanted.includes('upc_a'));
      return isUpcA ? { text: result.text.slice(1), format: 'upc_a', engine } : { text: result.text, format: 'ean_13', engine };
    }
    case 'UPCE':
      return { text: printedUpcE(result) ?? result.text, format: 'upc_e', engine };
    default:
      return null;
  }
}

/** The text, prefixed with its symbology identifier when the symbol is GS1 (e.g. "]d2010893…"). */
function withGs1Marker(result: ReadResult): string {
  return GS1_SYMBOLOGIES.has(result.symbologyIdentifier) ? `${result.symbologyIdentifier}${result.text}` : result.text;
}

function printedUpcE(result: ReadResult): string | null {
  try {
    const extra: unknown = JSON.parse(result.extra || '{}');
    const upcE = (extra as { UPCE?: unknown }).UPCE;
    return typeof upcE === 'string' && /^[0-9]{6,8}$/.test(upcE) ? upcE : null;
  } catch {
    return null;
  }
}
