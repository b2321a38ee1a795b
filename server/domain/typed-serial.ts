// The serial printed under a stamp's QR ("22DV-YHZF-H3UR-V2LV"), typed by a shopper whose
// QR is scratched. Serials are RFC 4648 base32 (A–Z, 2–7), so the digits 0, 1 and 8 never
// occur in one: a typed 0 is an O, a 1 an I, an 8 a B. Case, spaces and dashes are ignored.

import { isStampSerial, STAMP_SERIAL_LENGTH } from './stamp-codec';

const TYPED = /^[A-Za-z0-9]{4}(?:[ -]?[A-Za-z0-9]{4}){3}$/;
const CONFUSIONS: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '8': 'B' };

/** The canonical serial a shopper typed, or null when the text cannot be one. */
export function parseTypedSerial(text: string): string | null {
  const trimmed = text.trim();
  if (!TYPED.test(trimmed)) return null;
  const serial = trimmed
    .replace(/[ -]/g, '')
    .toUpperCase()
    .replace(/[018]/g, (c) => CONFUSIONS[c]!);
  return serial.length === STAMP_SERIAL_LENGTH && isStampSerial(serial) ? serial : null;
}

/** A serial as printed on the sheet: four groups of four joined by dashes. */
export function formatPrintedSerial(serial: string): string {
  return serial.match(/.{1,4}/g)?.join('-') ?? serial;
}
