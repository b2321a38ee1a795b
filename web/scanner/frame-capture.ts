// Pixels for zxing: a video frame or photo drawn (cropped and scaled) into one reused
// canvas. Smaller frames decode faster; a centre crop at full resolution keeps a small
// stamp held far from the lens large enough to read.
import type { DecodeEffort } from './code-format';

/** Source rectangle (sx, sy, sw, sh) drawn into a dw × dh picture. */
export interface CropPlan {
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  dw: number;
  dh: number;
}

/** Longest side of a live frame handed to zxing (640×480 decodes in a few ms). */
export const FRAME_MAX_SIDE = 800;

/**
 * What to decode from the `frameIndex`-th video frame: the whole frame scaled down to
 * `maxSide`, and — when that loses much resolution (a 720p or 1080p camera) — every
 * other frame the middle of the picture at full resolution instead.
 */
export function planFrameCrop(width: number, height: number, frameIndex: number, maxSide = FRAME_MAX_SIDE): CropPlan {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const dw = Math.max(1, Math.round(width * scale));
  const dh = Math.max(1, Math.round(height * scale));
  if (scale < 0.8 && frameIndex % 2 === 1) {
    return { sx: Math.round((width - dw) / 2), sy: Math.round((height - dh) / 2), sw: dw, sh: dh, dw, dh };
  }
  return { sx: 0, sy: 0, sw: width, sh: height, dw, dh };
}

/** A live frame's look: what to grab and how hard zxing looks at it. */
export interface FrameLook {
  plan: CropPlan;
  effort: DecodeEffort;
}

/**
 * The look for the `frameIndex`-th frame: planFrameCrop's picture; and when the frame is
 * small enough to need no centre crop, every other frame is read with the second
 * (global-histogram) binarizer, so glare or a shadow that defeats one binarizer is read
 * by the other within two frames (measured by npm run bench:decode).
 */
export function planFrameLook(width: number, height: number, frameIndex: number, maxSide = FRAME_MAX_SIDE): FrameLook {
  const plan = planFrameCrop(width, height, frameIndex, maxSide);
  const cropped = plan.sw !== width || plan.sh !== height;
  return { plan, effort: frameIndex % 2 === 1 && !cropped ? 'frame-global' : 'frame' };
}

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Draws sources into one canvas it keeps, and reads the pixels back. */
export class PixelGrabber {
  private canvas: HTMLCanvasElement | OffscreenCanvas | null = null;
  private context: Context2D | null = null;

  grab(source: CanvasImageSource, plan: CropPlan): ImageData {
    const context = this.contextFor(plan.dw, plan.dh);
    context.drawImage(source, plan.sx, plan.sy, plan.sw, plan.sh, 0, 0, plan.dw, plan.dh);
    return context.getImageData(0, 0, plan.dw, plan.dh);
  }

  private contextFor(width: number, height: number): Context2D {
    if (!this.canvas || !this.context) {
      this.canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(width, height) : document.createElement('canvas');
      // willReadFrequently keeps the canvas in CPU memory: getImageData every frame stays cheap.
      this.context = this.canvas.getContext('2d', { willReadFrequently: true }) as Context2D | null;
      if (!this.context) throw new Error('no 2D canvas');
    }
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    return this.context;
  }
}
