// What a decoded code is checked as. A UPC-E's 8 printed digits look exactly like an EAN-8:
// only the decoder's symbology tells them apart, and it is lost once the text leaves the
// scan screen, so a UPC-E becomes its 12-digit UPC-A here.
import { expandUpcE } from '../../../server/domain/gtin';
import type { CodeFormat } from '../../scanner/code-format';

/** The text to check for a decoded code: a UPC-E as its UPC-A, anything else as read. */
export function payloadOfCode(text: string, format: CodeFormat): string {
  if (format !== 'upc_e') return text;
  const upcA = expandUpcE(text);
  // Decoders verify the check digit, so this fails only on a misread: check it as read.
  return upcA.ok ? upcA.value : text;
}
