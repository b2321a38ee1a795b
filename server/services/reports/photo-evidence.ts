// Shoppers' photos are evidence, but a phone's JPEG also carries where and when it was
// taken (GPS EXIF), the phone model and more. Every photo is decoded and re-encoded from
// its pixels, so nothing but the picture survives; the type is read from the bytes, never
// from what the client claimed.
import sharp from 'sharp';
import type { ReportPhoto } from '../../repositories/report.repository';

export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const PHOTOS_MAX = 4;
/** Longest side kept: enough to read a stamp's print, small enough for a phone to load. */
const MAX_SIDE = 1600;
const MAX_INPUT_PIXELS = 50_000_000;

export type PhotoKind = 'jpeg' | 'png' | 'webp';

/** The image type from its first bytes (magic numbers), or null for anything else. */
export function sniffPhotoKind(bytes: Uint8Array): PhotoKind | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'webp';
  return null;
}

export type PhotoProblem = { code: 'unsupported_photo_type' | 'photo_too_large' | 'bad_photo'; index: number };

/** Re-encode photos as JPEG without metadata (orientation applied first), or name the first bad one. */
export async function sanitizePhotos(files: Uint8Array[]): Promise<{ ok: true; photos: ReportPhoto[] } | ({ ok: false } & PhotoProblem)> {
  const photos: ReportPhoto[] = [];
  for (const [index, file] of files.entries()) {
    if (file.byteLength > PHOTO_MAX_BYTES) return { ok: false, code: 'photo_too_large', index };
    if (!sniffPhotoKind(file)) return { ok: false, code: 'unsupported_photo_type', index };
    try {
      // rotate() bakes the EXIF orientation into the pixels, since the EXIF itself is dropped.
      const { data, info } = await sharp(file, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS, animated: false })
        .rotate()
        .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer({ resolveWithObject: true });
      photos.push({ mime: 'image/jpeg', width: info.width, height: info.height, bytes: data });
    } catch {
      return { ok: false, code: 'bad_photo', index };
    }
  }
  return { ok: true, photos };
}
