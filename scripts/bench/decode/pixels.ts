// The bench's stand-in for the browser's canvas: open an image file as RGBA pixels
// (sharp reads PNG, JPEG and the WebP of zxing-cpp's samples) and draw any crop of it at
// any size, as PixelGrabber.grab does with drawImage (area average when shrinking,
// bilinear when enlarging).
import sharp from 'sharp';
import type { CropPlan } from '../../../web/scanner/frame-capture';

export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** Decode an image file to RGBA. */
export async function openImage(file: string): Promise<Pixels> {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** The DOM's ImageData shape, which Node lacks. */
export function asImageData(p: Pixels): ImageData {
  return { data: p.data, width: p.width, height: p.height, colorSpace: 'srgb' } as ImageData;
}

/** Draw the plan's source rectangle into a dw × dh picture. */
export function grab(src: Pixels, plan: CropPlan): ImageData {
  const { sx, sy, sw, sh, dw, dh } = plan;
  const out = new Uint8ClampedArray(dw * dh * 4);
  const fx = sw / dw;
  const fy = sh / dh;
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      const o = (y * dw + x) * 4;
      if (fx > 1 || fy > 1) {
        // Area average over the source pixels this output pixel covers.
        const x0 = Math.floor(sx + x * fx);
        const x1 = Math.max(x0 + 1, Math.floor(sx + (x + 1) * fx));
        const y0 = Math.floor(sy + y * fy);
        const y1 = Math.max(y0 + 1, Math.floor(sy + (y + 1) * fy));
        let r = 0;
        let g = 0;
        let b = 0;
        let n = 0;
        for (let yy = y0; yy < Math.min(y1, src.height); yy++) {
          for (let xx = x0; xx < Math.min(x1, src.width); xx++) {
            const i = (yy * src.width + xx) * 4;
            r += src.data[i]!;
            g += src.data[i + 1]!;
            b += src.data[i + 2]!;
            n++;
          }
        }
        out[o] = r / n;
        out[o + 1] = g / n;
        out[o + 2] = b / n;
      } else {
        const gx = Math.min(src.width - 1, Math.max(0, sx + (x + 0.5) * fx - 0.5));
        const gy = Math.min(src.height - 1, Math.max(0, sy + (y + 0.5) * fy - 0.5));
        const x0 = Math.floor(gx);
        const y0 = Math.floor(gy);
        const x1 = Math.min(src.width - 1, x0 + 1);
        const y1 = Math.min(src.height - 1, y0 + 1);
        const ax = gx - x0;
        const ay = gy - y0;
        for (let c = 0; c < 3; c++) {
          const p00 = src.data[(y0 * src.width + x0) * 4 + c]!;
          const p10 = src.data[(y0 * src.width + x1) * 4 + c]!;
          const p01 = src.data[(y1 * src.width + x0) * 4 + c]!;
          const p11 = src.data[(y1 * src.width + x1) * 4 + c]!;
          out[o + c] = (p00 * (1 - ax) + p10 * ax) * (1 - ay) + (p01 * (1 - ax) + p11 * ax) * ay;
        }
      }
      out[o + 3] = 255;
    }
  }
  return { data: out, width: dw, height: dh, colorSpace: 'srgb' } as ImageData;
}
