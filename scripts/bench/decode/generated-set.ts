// Hard pictures made with the project's own code renderer (tests/e2e/fixtures/code-image):
// a real stamp URL (QR v6) and an EAN-13, small, rotated, blurred, noisy, low-contrast,
// under a glare patch, in an uneven light ramp, plus two pictures with no code at all
// (any read of those is a false read). Greyscale JPEGs at quality 75 (as a phone saves
// them, and small enough to commit).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ean13Symbol, qrSymbol, renderCode, type CodeImageOptions, type LumaImage } from '../../../tests/e2e/fixtures/code-image';

export const GENERATED_DIR = join(import.meta.dirname, '../../../tests/fixtures/decode-bench/generated');

// A demo-issuer stamp as printed (kid D1, random serial, a signature-shaped tail).
const STAMP = 'HTTPS://NGUONVIET.VN/S/D1/22DVYHZFH3URV2LV/' + 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'.repeat(4).slice(0, 103);
const EAN = '8934563138165';

/** A bright elliptic patch (a lamp reflected on foil) centred at (cx, cy). */
function glare(image: LumaImage, cx: number, cy: number, radius: number): LumaImage {
  const luma = image.luma.slice();
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const d = Math.hypot((x - cx) / radius, (y - cy) / (radius * 0.6));
      if (d < 1) luma[y * image.width + x] = Math.min(255, luma[y * image.width + x]! + Math.round(170 * (1 - d * d)));
    }
  }
  return { ...image, luma };
}

/** Light falling off across the picture (a shadow from one side). */
function ramp(image: LumaImage, strength: number): LumaImage {
  const luma = image.luma.slice();
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) luma[y * image.width + x] = Math.round(luma[y * image.width + x]! * (1 - (strength * x) / image.width));
  }
  return { ...image, luma };
}

const EMPTY = { cols: 1, rows: 1, quiet: 0, isDark: () => false };

/** Write the set (pictures and their .txt labels); returns how many pictures. */
export async function writeGeneratedSet(): Promise<number> {
  const qr = qrSymbol(STAMP);
  const ean = ean13Symbol(EAN);
  const soft: CodeImageOptions = { paper: 200, ink: 45, noise: 8, blur: true };
  const cases: [string, LumaImage, string | null][] = [
    ['qr-small-2.2px', renderCode(qr, { ...soft, moduleSize: 2.2, rotateDeg: 12 }), STAMP],
    ['qr-low-contrast', renderCode(qr, { ...soft, moduleSize: 5, paper: 140, ink: 105, rotateDeg: -25 }), STAMP],
    ['qr-noisy', renderCode(qr, { moduleSize: 4, paper: 190, ink: 60, noise: 45, rotateDeg: 40, blur: true, seed: 7 }), STAMP],
    ['qr-glare', glare(renderCode(qr, { ...soft, moduleSize: 5 }), 300, 220, 120), STAMP],
    ['qr-shadow', ramp(renderCode(qr, { ...soft, moduleSize: 5, rotateDeg: 8 }), 0.75), STAMP],
    ['qr-off-centre-far', renderCode(qr, { ...soft, moduleSize: 2.6, offsetX: 180, offsetY: -120 }), STAMP],
    ['ean-small', renderCode(ean, { ...soft, moduleSize: 1.6, rotateDeg: 5 }), EAN],
    ['ean-low-contrast', renderCode(ean, { ...soft, moduleSize: 3, paper: 150, ink: 110, rotateDeg: -10 }), EAN],
    ['ean-glare', glare(renderCode(ean, { ...soft, moduleSize: 3 }), 330, 240, 90), EAN],
    ['no-code-noise', renderCode(EMPTY, { paper: 170, noise: 60, blur: true, seed: 3 }), null],
    ['no-code-shadow', ramp(renderCode(EMPTY, { paper: 210, noise: 10, seed: 5 }), 0.8), null],
  ];
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [name, image, text] of cases) {
    await sharp(Buffer.from(image.luma), { raw: { width: image.width, height: image.height, channels: 1 } }).jpeg({ quality: 75 }).toFile(join(GENERATED_DIR, `${name}.jpg`));
    if (text !== null) writeFileSync(join(GENERATED_DIR, `${name}.txt`), text);
  }
  return cases.length;
}
