// How big a QR symbol a text needs in alphanumeric mode. Stamps are printed small, so
// PRODUCT.md §4 caps them at version 7 at error-correction M; this is the check.

export type QrEcc = 'L' | 'M' | 'Q' | 'H';

/** Characters allowed in QR alphanumeric mode (ISO/IEC 18004 §7.4.4). */
export const QR_ALPHANUMERIC_CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

// Data codewords per version 1–10 (ISO/IEC 18004:2015 Table 7). Versions above 10 are
// far too dense for a stamp, so the table stops there.
const DATA_CODEWORDS: Record<QrEcc, readonly number[]> = {
  L: [19, 34, 55, 80, 108, 136, 156, 194, 232, 274],
  M: [16, 28, 44, 64, 86, 108, 124, 154, 182, 216],
  Q: [13, 22, 34, 48, 62, 76, 88, 110, 132, 154],
  H: [9, 16, 26, 36, 46, 60, 66, 86, 100, 122],
};

/** Highest QR version this module knows capacities for. */
export const QR_MAX_TABULATED_VERSION = 10;

const ALPHANUMERIC_SET = new Set(QR_ALPHANUMERIC_CHARSET);

/** True when every character of `text` is encodable in QR alphanumeric mode. */
export function isQrAlphanumeric(text: string): boolean {
  for (const ch of text) if (!ALPHANUMERIC_SET.has(ch)) return false;
  return true;
}

/**
 * Alphanumeric capacity of one QR version (1–10) at an ECC level, in characters.
 * Derived from the data codewords: 4 mode bits, a 9-bit count (versions 1–9, 11 bits
 * for 10–26), then 11 bits per character pair and 6 for a last odd character.
 */
export function qrAlphanumericCapacity(version: number, ecc: QrEcc): number {
  const codewords = DATA_CODEWORDS[ecc][version - 1];
  if (!Number.isInteger(version) || codewords === undefined) throw new RangeError(`QR version must be 1–${QR_MAX_TABULATED_VERSION}, got ${version}`);
  const bits = codewords * 8 - 4 - (version <= 9 ? 9 : 11);
  return Math.floor(bits / 11) * 2 + (bits % 11 >= 6 ? 1 : 0);
}

/** Smallest QR version (1–10) holding `length` alphanumeric characters at `ecc`, or null if none does. */
export function qrVersionForAlphanumeric(length: number, ecc: QrEcc = 'M'): number | null {
  for (let version = 1; version <= QR_MAX_TABULATED_VERSION; version++) {
    if (length <= qrAlphanumericCapacity(version, ecc)) return version;
  }
  return null;
}
