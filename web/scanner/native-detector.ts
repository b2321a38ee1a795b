// The browser's own BarcodeDetector (Chrome on Android, macOS, ChromeOS): fast, off the
// main thread, no .wasm to load. Used only where it exists and reads every format asked
// for; desktop Linux, Safari and Firefox have none and get zxing-wasm instead.
import { ALL_CODE_FORMATS, rankDecodedCodes, type CodeFormat, type DecodedCode } from './code-format';

interface DetectedBarcodeLike {
  rawValue: string;
  format: string;
}

interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcodeLike[]>;
}

interface BarcodeDetectorClass {
  new (options?: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

export interface NativeDetector {
  detect(source: ImageBitmapSource): Promise<DecodedCode[]>;
}

// One detector per format set, for the BarcodeDetector class currently installed.
const OPTIONAL_NATIVE_FORMATS: readonly CodeFormat[] = ['data_matrix'];
const detectors = new Map<string, Promise<NativeDetector | null>>();
let detectorClass: BarcodeDetectorClass | undefined;
let broken = false;

/** A detector for `formats`, or null when the browser has none or it lacks one of them. */
export function getNativeDetector(formats: readonly CodeFormat[]): Promise<NativeDetector | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Detector !== detectorClass) {
    detectorClass = Detector;
    detectors.clear();
    broken = false;
  }
  if (broken || typeof Detector !== 'function' || typeof Detector.getSupportedFormats !== 'function') return Promise.resolve(null);
  const key = [...formats].sort().join(',');
  let detector = detectors.get(key);
  if (!detector) {
    detector = createDetector(Detector, formats);
    detectors.set(key, detector);
  }
  return detector;
}

/** Stop using the native detector on this page (it threw where it said it would work). */
export function disableNativeDetector(): void {
  broken = true;
  detectors.clear();
}

async function createDetector(Detector: BarcodeDetectorClass, formats: readonly CodeFormat[]): Promise<NativeDetector | null> {
  try {
    const supported = await Detector.getSupportedFormats();
    // DataMatrix (medicines' GS1 codes) is read where the detector can; its absence alone
    // does not hand every frame to the slower zxing-wasm.
    if (!formats.every((f) => supported.includes(f) || OPTIONAL_NATIVE_FORMATS.includes(f))) return null;
    const wanted = formats.filter((f) => supported.includes(f));
    const detector = new Detector({ formats: wanted });
    return {
      async detect(source) {
        const found = await detector.detect(source);
        const codes: DecodedCode[] = [];
        for (const barcode of found) {
          const format = barcode.format as CodeFormat;
          if (ALL_CODE_FORMATS.includes(format) && wanted.includes(format) && barcode.rawValue) {
            codes.push({ text: barcode.rawValue, format, engine: 'barcode-detector' });
          }
        }
        return rankDecodedCodes(codes);
      },
    };
  } catch {
    return null;
  }
}
