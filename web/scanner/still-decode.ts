// How a still photo is read: a short list of looks at the picture, cheapest first, that
// stops at the first look that finds a code. The pixels come from a `grab` the caller
// supplies (a canvas in the browser, a plain resampler in the decode benchmark), so the
// browser and `npm run bench:decode` run exactly this plan.
import type { DecodedCode, DecodeEffort } from './code-format';
import type { CropPlan } from './frame-capture';

/** A picture to read: its size and a way to get any crop of it at any size. */
export interface StillSource {
  width: number;
  height: number;
  grab(plan: CropPlan): ImageData;
}

export type ReadPixels = (image: ImageData, effort: DecodeEffort) => Promise<DecodedCode[]>;

export interface StillLook {
  plan: CropPlan;
  effort: DecodeEffort;
}

// Phone photos are 12 MP or more; 2048 px keeps a stamp filling a tenth of the picture
// at ~5 px per module while the decode stays well under a second.
export const PHOTO_MAX_SIDE = 2048;
// Tiny codes (a few px per module) read better drawn twice as large.
const UPSCALE_BELOW = 700;

/** The looks a still takes, in order (each only when the ones before found nothing). */
export function planStillLooks(width: number, height: number): StillLook[] {
  const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(width, height));
  const whole = { sx: 0, sy: 0, sw: width, sh: height, dw: Math.max(1, Math.round(width * scale)), dh: Math.max(1, Math.round(height * scale)) };
  const looks: StillLook[] = [{ plan: whole, effort: 'still' }];
  if (scale < 1) {
    // A small stamp in a big photo: the middle, at up to full resolution.
    const sw = Math.round(width / 2);
    const sh = Math.round(height / 2);
    const cropScale = Math.min(1, PHOTO_MAX_SIDE / Math.max(sw, sh));
    looks.push({ plan: { sx: Math.round((width - sw) / 2), sy: Math.round((height - sh) / 2), sw, sh, dw: Math.round(sw * cropScale), dh: Math.round(sh * cropScale) }, effort: 'still' });
  }
  // Glare and uneven light split a code under the local binarizer; a global threshold often reads it.
  looks.push({ plan: whole, effort: 'still-global' });
  if (Math.max(width, height) < UPSCALE_BELOW) {
    looks.push({ plan: { ...whole, dw: width * 2, dh: height * 2 }, effort: 'still' });
  }
  return looks;
}

/** Read a still with the plan above; the codes of the first look that finds any, else []. */
export async function decodeStill(source: StillSource, read: ReadPixels): Promise<DecodedCode[]> {
  for (const look of planStillLooks(source.width, source.height)) {
    const codes = await read(source.grab(look.plan), look.effort);
    if (codes.length > 0) return codes;
  }
  return [];
}
