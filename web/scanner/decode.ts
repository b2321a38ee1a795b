// Decode codes from pixels or a chosen photo: the native BarcodeDetector where it reads
// all the formats asked for, zxing-wasm otherwise (in a worker when possible). Nothing
// here loads zxing until a decode needs it.
import { ALL_CODE_FORMATS, markDecoded, type CodeFormat, type DecodeEffort, type DecodedCode } from './code-format';
import { PixelGrabber } from './frame-capture';
import { disableNativeDetector, getNativeDetector } from './native-detector';
import { ScannerError } from './scanner-error';
import { decodeWithZXing } from './zxing-client';

export { ALL_CODE_FORMATS, DECODED_MARK, type CodeFormat, type DecodeEffort, type DecodedCode, type DecodeEngine } from './code-format';
export { ScannerError, type ScannerErrorCode } from './scanner-error';

export interface DecodeOptions {
  /** Formats to look for; default all five. */
  formats?: readonly CodeFormat[];
  /** 'still' (default) looks hardest; 'frame' is the quick look a live scan takes per frame. */
  effort?: DecodeEffort;
}

// Phone photos are 12 MP or more; 2048 px keeps a stamp filling a tenth of the picture
// at ~5 px per module while the decode stays well under a second.
const PHOTO_MAX_SIDE = 2048;

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
 * Decode a photo the shopper picked (the fallback when there is no camera): the whole
 * picture, downscaled, then its middle at full resolution. Rejects with ScannerError
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
    const { width, height } = bitmap;
    const grabber = new PixelGrabber();
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(width, height));
    const whole = grabber.grab(bitmap, { sx: 0, sy: 0, sw: width, sh: height, dw: Math.round(width * scale), dh: Math.round(height * scale) });
    const codes = await readWithZXing(whole, formats, 'still', true);
    if (codes.length > 0 || scale === 1) return codes;
    // A small stamp in a big photo: look again at the middle, at up to full resolution.
    const sw = Math.round(width / 2);
    const sh = Math.round(height / 2);
    const cropScale = Math.min(1, PHOTO_MAX_SIDE / Math.max(sw, sh));
    const middle = grabber.grab(bitmap, {
      sx: Math.round((width - sw) / 2),
      sy: Math.round((height - sh) / 2),
      sw,
      sh,
      dw: Math.round(sw * cropScale),
      dh: Math.round(sh * cropScale),
    });
    return readWithZXing(middle, formats, 'still', true);
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
