// Decode codes from pixels or a chosen photo: the native BarcodeDetector where it reads
// all the formats asked for, zxing-wasm otherwise (in a worker when possible). Nothing
// here loads zxing until a decode needs it.
import { ALL_CODE_FORMATS, markDecoded, type CodeFormat, type DecodeEffort, type DecodedCode } from './code-format';
import { PixelGrabber, type CropPlan } from './frame-capture';
import { disableNativeDetector, getNativeDetector } from './native-detector';
import { ScannerError } from './scanner-error';
import { decodeStill } from './still-decode';
import { decodeWithZXing } from './zxing-client';

export { ALL_CODE_FORMATS, DECODED_MARK, type CodeFormat, type DecodeEffort, type DecodedCode, type DecodeEngine } from './code-format';
export { ScannerError, type ScannerErrorCode } from './scanner-error';

export interface DecodeOptions {
  /** Formats to look for; default all five. */
  formats?: readonly CodeFormat[];
  /** 'still' (default) looks hardest; 'frame' is the quick look a live scan takes per frame. */
  effort?: DecodeEffort;
}

/**
 * Decode RGBA pixels; stamps first when a picture holds several codes, [] when none.
 * Rejects with ScannerError 'decoder_unavailable' when zxing-wasm cannot be loaded.
 */
export async function decodeImageData(image: ImageData, opts: DecodeOptions = {}): Promise<DecodedCode[]> {
  const formats = opts.formats?.length ? opts.formats : ALL_CODE_FORMATS;
  const effort = opts.effort ?? 'still';
  const native = await getNativeDetector(formats);
  if (native) {
    try {
      const codes = await native.detect(image);
      if (codes.length > 0 || effort === 'frame') return codes;
    } catch {
      disableNativeDetector();
    }
  }
  return readWithZXing(image, formats, effort);
}

async function readWithZXing(image: ImageData, formats: readonly CodeFormat[], effort: DecodeEffort, transfer = false): Promise<DecodedCode[]> {
  try {
    return (await decodeWithZXing(image, formats, effort, { transfer })).codes;
  } catch (error) {
    throw new ScannerError('decoder_unavailable', error);
  }
}

/**
 * Decode a photo the shopper picked (the fallback when there is no camera) with the
 * still plan of still-decode.ts. Rejects with ScannerError
 * 'image_unreadable' when the file is not an image the browser can open.
 */
export async function decodeImageFile(file: Blob, opts: Pick<DecodeOptions, 'formats'> = {}): Promise<DecodedCode[]> {
  const formats = opts.formats?.length ? opts.formats : ALL_CODE_FORMATS;
  const started = performance.now();
  const codes = typeof createImageBitmap === 'function' ? await decodePicture(await openImage(file), formats) : await decodeFileBytes(file, formats);
  if (codes[0]) markDecoded(codes[0], performance.now() - started);
  return codes;
}

async function openImage(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file);
  } catch (error) {
    throw new ScannerError('image_unreadable', error);
  }
}

async function decodePicture(bitmap: ImageBitmap, formats: readonly CodeFormat[]): Promise<DecodedCode[]> {
  try {
    const native = await getNativeDetector(formats);
    if (native) {
      try {
        const codes = await native.detect(bitmap);
        if (codes.length > 0) return codes;
      } catch {
        disableNativeDetector();
      }
    }
    const grabber = new PixelGrabber();
    const source = { width: bitmap.width, height: bitmap.height, grab: (plan: CropPlan) => grabber.grab(bitmap, plan) };
    return await decodeStill(source, (image, effort) => readWithZXing(image, formats, effort, true));
  } finally {
    bitmap.close();
  }
}

// PNG, JPEG, GIF, BMP: what zxing-wasm's built-in image reader opens.
const IMAGE_SIGNATURES = [[0x89, 0x50, 0x4e, 0x47], [0xff, 0xd8, 0xff], [0x47, 0x49, 0x46, 0x38], [0x42, 0x4d]];

// No image decoding in this environment (Node, tests): zxing-wasm reads the file's
// bytes itself (PNG, JPEG, BMP, GIF).
async function decodeFileBytes(file: Blob, formats: readonly CodeFormat[]): Promise<DecodedCode[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!IMAGE_SIGNATURES.some((signature) => signature.every((byte, i) => bytes[i] === byte))) throw new ScannerError('image_unreadable');
  const engine = await import('./zxing-engine');
  try {
    await engine.loadZXing();
  } catch (error) {
    throw new ScannerError('decoder_unavailable', error);
  }
  try {
    return await engine.readCodesWithZXing(bytes, formats, 'still');
  } catch (error) {
    throw new ScannerError('image_unreadable', error);
  }
}
