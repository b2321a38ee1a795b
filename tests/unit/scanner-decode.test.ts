// The scanner's decoding with the real zxing-wasm (reader build) in Node: stamp QR codes
// and retail barcodes drawn as a camera would see them, photos, and pictures with no code.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { prepareZXingModule as prepareZXingWriter, writeBarcode } from 'zxing-wasm/writer';
import { encodeBase32 } from '../../server/domain/base32';
import { parseScan } from '../../server/domain/parse-scan';
import { encodeStampUrl } from '../../server/domain/stamp-codec';
import { generateKeyPair, signStamp } from '../../server/domain/stamp-signature';
import { decodeImageData, decodeImageFile, ScannerError, type DecodedCode } from '../../web/scanner/decode';
import { configureZXing } from '../../web/scanner/zxing-engine';
import { encodeGreyPng, ean13Symbol, lumaToImageData, qrSymbol, renderCode, type CodeImageOptions, type LumaImage } from '../e2e/fixtures/code-image';

const require = createRequire(import.meta.url);
const wasmBytes = (specifier: string) => {
  const bytes = readFileSync(require.resolve(specifier));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

// A camera-like picture: grey paper, slightly soft focus, sensor noise.
const camera: CodeImageOptions = { paper: 200, ink: 40, noise: 6, blur: true };
const EMPTY = { cols: 1, rows: 1, quiet: 0, isDark: () => false };
const EAN = '8934563138165';
const ctx = { publicHosts: ['nguonviet.vn'], officialDomains: ['nguonviet.vn'] };

let stampUrl: string;

beforeAll(async () => {
  // Node has no URL to fetch the .wasm from: hand zxing-wasm the bytes.
  configureZXing({ wasmBinary: wasmBytes('zxing-wasm/reader/zxing_reader.wasm') });
  prepareZXingWriter({ overrides: { wasmBinary: wasmBytes('zxing-wasm/writer/zxing_writer.wasm') } });
  const { privateKey } = await generateKeyPair();
  const serial = encodeBase32(new Uint8Array([0x4e, 0x56, 1, 2, 3, 4, 5, 6, 7, 8]));
  stampUrl = encodeStampUrl('https://nguonviet.vn', { kid: 'K1', serial, signature: await signStamp(privateKey, 'K1', serial) });
});

afterEach(() => {
  delete (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector;
});

describe('decodeImageData with zxing-wasm', () => {
  it('reads a real stamp URL (QR version 6, ECC M) from a 640×480 camera frame', async () => {
    const symbol = qrSymbol(stampUrl);
    expect(symbol.version).toBe(6);
    expect(stampUrl).toHaveLength(146);
    const codes = await decodeImageData(lumaToImageData(renderCode(symbol, { ...camera, moduleSize: 7, offsetX: 17, offsetY: -11 })), { effort: 'frame' });
    expect(codes).toEqual([{ text: stampUrl, format: 'qr_code', engine: 'zxing-wasm' }]);
    const parsed = parseScan(codes[0]!.text, ctx);
    expect(parsed.kind === 'stamp' && parsed.ok && parsed.stamp.kid).toBe('K1');
  });

  it('reads a rotated, low-contrast QR and a small one held far from the lens', async () => {
    const symbol = qrSymbol(stampUrl);
    const dim = renderCode(symbol, { ...camera, moduleSize: 5, rotateDeg: 30, paper: 150, ink: 110 });
    expect(await decodeImageData(lumaToImageData(dim))).toEqual([{ text: stampUrl, format: 'qr_code', engine: 'zxing-wasm' }]);
    const far = renderCode(symbol, { ...camera, moduleSize: 2.5, rotateDeg: -20, offsetX: -150, offsetY: 90 });
    expect((await decodeImageData(lumaToImageData(far), { effort: 'frame' }))[0]?.text).toBe(stampUrl);
  });

  it('reads GS1 DataMatrix and GS1 QR in plain text mode, marked by their symbology identifier, as parseScan reads them', async () => {
    for (const [format, expectedFormat, id] of [['DataMatrix', 'data_matrix', ']d2'], ['QRCode', 'qr_code', ']Q3']] as const) {
      const written = await writeBarcode('(01)08934588012228(10)L7(21)ABC', { format, options: 'gs1', scale: 4 } as Parameters<typeof writeBarcode>[1]);
      expect(written.error).toBe('');
      const codes = await decodeImageFile(written.image!, { formats: ['qr_code', 'data_matrix'] });
      // Plain text mode: FNC1 after the variable-length lot is the GS character, not "(21)".
      expect(codes).toEqual([{ text: `${id}0108934588012228` + '10L7\u001d21ABC', format: expectedFormat, engine: 'zxing-wasm' }]);
      expect(parseScan(codes[0]!.text, ctx)).toMatchObject({ kind: 'gs1', ok: true, data: { gtin: { gtin14: '08934588012228' }, lot: 'L7', serial: 'ABC', symbology: id } });
    }
  });

  it('reads an EAN-13, upright and turned sideways', async () => {
    const expected = [{ text: EAN, format: 'ean_13', engine: 'zxing-wasm' }];
    expect(await decodeImageData(lumaToImageData(renderCode(ean13Symbol(EAN), { ...camera, moduleSize: 4 })), { effort: 'frame' })).toEqual(expected);
    expect(await decodeImageData(lumaToImageData(renderCode(ean13Symbol(EAN), { ...camera, moduleSize: 3, rotateDeg: 90 })), { effort: 'frame' })).toEqual(expected);
  });

  it('reports a UPC-A (an EAN-13 starting with 0) as its 12 printed digits, unless only EAN-13 is asked for', async () => {
    const image = lumaToImageData(renderCode(ean13Symbol('0036000291452'), { ...camera, moduleSize: 4 }));
    expect(await decodeImageData(image)).toEqual([{ text: '036000291452', format: 'upc_a', engine: 'zxing-wasm' }]);
    expect(await decodeImageData(image, { formats: ['ean_13'] })).toEqual([{ text: '0036000291452', format: 'ean_13', engine: 'zxing-wasm' }]);
  });

  it('finds nothing in a frame of bare paper, nor a QR when only barcodes are asked for', async () => {
    const paper = lumaToImageData(renderCode(EMPTY, camera));
    expect(await decodeImageData(paper, { effort: 'frame' })).toEqual([]);
    expect(await decodeImageData(paper)).toEqual([]);
    const qr = lumaToImageData(renderCode(qrSymbol(stampUrl), { ...camera, moduleSize: 7 }));
    expect(await decodeImageData(qr, { formats: ['ean_13', 'upc_a'] })).toEqual([]);
  });

  it('lists every code of a still, the stamp first', async () => {
    const qr = renderCode(qrSymbol(stampUrl), { ...camera, width: 1000, height: 600, moduleSize: 5, offsetX: 230 });
    const ean = renderCode(ean13Symbol(EAN), { ...camera, width: 1000, height: 600, moduleSize: 3, offsetX: -250 });
    const codes = await decodeImageData(lumaToImageData(darkest(qr, ean)));
    expect(codes.map((c) => [c.format, c.text])).toEqual([
      ['qr_code', stampUrl],
      ['ean_13', EAN],
    ]);
  });

  it('measures a live frame: QR version 6 and an empty frame, 640×480', async () => {
    const qr = lumaToImageData(renderCode(qrSymbol(stampUrl), { ...camera, moduleSize: 7 }));
    const paper = lumaToImageData(renderCode(EMPTY, camera));
    // Median wall time, and CPU time per frame (steadier on a busy machine).
    const time = async (image: ImageData, found: number) => {
      expect(await decodeImageData(image, { effort: 'frame' })).toHaveLength(found);
      const walls: number[] = [];
      const cpu = process.cpuUsage();
      for (let i = 0; i < 30; i++) {
        const started = performance.now();
        await decodeImageData(image, { effort: 'frame' });
        walls.push(performance.now() - started);
      }
      const { user, system } = process.cpuUsage(cpu);
      walls.sort((a, b) => a - b);
      return `${walls[15]!.toFixed(1)} ms (CPU ${((user + system) / 1000 / 30).toFixed(1)} ms)`;
    };
    console.info(`zxing-wasm live frame 640×480, median: QR v6 ${await time(qr, 1)}, empty ${await time(paper, 0)}`);
  });
});

describe('decodeImageData with a native BarcodeDetector', () => {
  it('uses it when it reads every format asked for, zxing-wasm when it lacks one', async () => {
    installFakeDetector(['qr_code', 'ean_13', 'ean_8', 'upc_a', 'upc_e'], [{ rawValue: EAN, format: 'ean_13' }]);
    const paper = lumaToImageData(renderCode(EMPTY, camera));
    expect(await decodeImageData(paper, { effort: 'frame' })).toEqual([{ text: EAN, format: 'ean_13', engine: 'barcode-detector' }]);

    installFakeDetector(['qr_code'], [{ rawValue: 'not used', format: 'qr_code' }]);
    const qr = lumaToImageData(renderCode(qrSymbol(stampUrl), { ...camera, moduleSize: 7 }));
    expect((await decodeImageData(qr))[0]?.engine).toBe('zxing-wasm');
    expect((await decodeImageData(qr, { formats: ['qr_code'] }))[0]).toEqual({ text: 'not used', format: 'qr_code', engine: 'barcode-detector' });
  });

  it('falls back to zxing-wasm for a still the native detector finds nothing in, and when it throws', async () => {
    const qr = lumaToImageData(renderCode(qrSymbol(stampUrl), { ...camera, moduleSize: 7 }));
    installFakeDetector(['qr_code', 'ean_13', 'ean_8', 'upc_a', 'upc_e'], []);
    expect(await decodeImageData(qr)).toEqual([{ text: stampUrl, format: 'qr_code', engine: 'zxing-wasm' }]);
    expect(await decodeImageData(qr, { effort: 'frame' })).toEqual([]);
    installFakeDetector(['qr_code', 'ean_13', 'ean_8', 'upc_a', 'upc_e'], new Error('detector crashed'));
    expect(await decodeImageData(qr, { effort: 'frame' })).toEqual([{ text: stampUrl, format: 'qr_code', engine: 'zxing-wasm' }]);
  });
});

describe('decodeImageFile', () => {
  it('reads a stamp from a PNG photo', async () => {
    const png = encodeGreyPng(renderCode(qrSymbol(stampUrl), { ...camera, width: 1600, height: 1200, moduleSize: 6, rotateDeg: 8 }));
    const codes = await decodeImageFile(new Blob([png as BlobPart], { type: 'image/png' }));
    expect(codes).toEqual([{ text: stampUrl, format: 'qr_code', engine: 'zxing-wasm' }]);
  });

  it('reports a UPC-E by its 8 printed digits, which parseScan expands to UPC-A', async () => {
    const written = await writeBarcode('01234565', { format: 'UPCE', scale: 4 });
    expect(written.error).toBe('');
    const codes: DecodedCode[] = await decodeImageFile(written.image!);
    expect(codes).toEqual([{ text: '01234565', format: 'upc_e', engine: 'zxing-wasm' }]);
    const parsed = parseScan(codes[0]!.text, { ...ctx, symbology: codes[0]!.format });
    expect(parsed).toMatchObject({ kind: 'gtin', ok: true, format: 'GTIN-12', expandedFrom: 'UPC-E', gtin: { digits: '012345000065' } });
  });

  it('returns [] for a photo without a code and rejects a file that is not an image', async () => {
    const png = encodeGreyPng(renderCode(EMPTY, { ...camera, width: 800, height: 600 }));
    expect(await decodeImageFile(new Blob([png as BlobPart], { type: 'image/png' }))).toEqual([]);
    const notAnImage = decodeImageFile(new Blob(['%PDF-1.4 not a picture'], { type: 'application/pdf' }));
    await expect(notAnImage).rejects.toBeInstanceOf(ScannerError);
    await expect(notAnImage).rejects.toMatchObject({ code: 'image_unreadable' });
  });
});

/** Overlay two pictures of the same size (ink wins), e.g. a stamp beside a barcode. */
function darkest(a: LumaImage, b: LumaImage): LumaImage {
  const luma = a.luma.map((v, i) => Math.min(v, b.luma[i]!));
  return { width: a.width, height: a.height, luma };
}

function installFakeDetector(supported: string[], found: { rawValue: string; format: string }[] | Error): void {
  (globalThis as { BarcodeDetector?: unknown }).BarcodeDetector = class {
    static getSupportedFormats = async () => supported;
    async detect() {
      if (found instanceof Error) throw found;
      return found;
    }
  };
}
