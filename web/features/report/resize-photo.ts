// Photos are made smaller on the phone before they are queued: a 12-megapixel shot would
// fill the outbox and the shopper's data plan. Drawing to a canvas also leaves the EXIF
// (GPS included) behind; the server strips metadata again anyway.

/** Longest side sent (the server keeps at most 1600 px too). */
const MAX_SIDE = 1600;
export const REPORT_PHOTOS_MAX = 4;

/** The photo as a JPEG of at most MAX_SIDE px, upright (EXIF orientation applied). */
export async function resizePhoto(file: Blob): Promise<{ type: string; bytes: ArrayBuffer }> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2d canvas');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob) throw new Error('cannot encode the photo');
  return { type: 'image/jpeg', bytes: await blob.arrayBuffer() };
}
