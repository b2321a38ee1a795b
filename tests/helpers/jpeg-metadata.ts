// Reads a JPEG's segments to tell whether it carries metadata: APP1 (EXIF or XMP), and in
// the EXIF the GPS IFD pointer (tag 0x8825). Written out here so the test does not trust
// the same library (sharp) that strips the metadata.

/** The markers of a JPEG's header segments (up to the image data), e.g. 0xe1 for APP1. */
export function jpegSegments(bytes: Uint8Array): { marker: number; data: Uint8Array }[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG');
  const out: { marker: number; data: Uint8Array }[] = [];
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    if (marker === 0xda || marker === 0xd9) break; // start of scan: metadata comes before it
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    out.push({ marker, data: bytes.subarray(i + 4, i + 2 + length) });
    i += 2 + length;
  }
  return out;
}

/** Does the JPEG's EXIF name a GPS IFD (where the phone said the photo was taken)? */
export function hasGpsExif(bytes: Uint8Array): boolean {
  for (const { marker, data } of jpegSegments(bytes)) {
    if (marker !== 0xe1 || String.fromCharCode(...data.subarray(0, 6)) !== 'Exif\0\0') continue;
    const tiff = data.subarray(6);
    const little = tiff[0] === 0x49;
    const u16 = (o: number) => (little ? tiff[o]! | (tiff[o + 1]! << 8) : (tiff[o]! << 8) | tiff[o + 1]!);
    const u32 = (o: number) => (little ? u16(o) + u16(o + 2) * 65536 : u16(o) * 65536 + u16(o + 2));
    const ifd0 = u32(4);
    const entries = u16(ifd0);
    for (let e = 0; e < entries; e++) if (u16(ifd0 + 2 + e * 12) === 0x8825) return true;
  }
  return false;
}

/** Any APP1..APP15 segment (EXIF, XMP, ICC, vendor data) or comment left in the JPEG. */
export function metadataSegments(bytes: Uint8Array): number[] {
  return jpegSegments(bytes).map((s) => s.marker).filter((m) => (m >= 0xe1 && m <= 0xef) || m === 0xfe);
}
