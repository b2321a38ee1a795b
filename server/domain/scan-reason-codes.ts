// Reason codes as small integers: a scan event stores the set of its reasons as a bitmask
// (issue #10: compact events, no per-row JSON). The position in this list is the bit, so
// codes are only ever appended; the table scan_reason_codes mirrors it in the database
// (seeded by migration 0004, extended at start-up) so SQL can decode a mask too.
export const SCAN_REASON_CODES = [
  'signature_valid',
  'checked_by_other_devices',
  'impossible_travel',
  'batch_expired',
  'ocop_certificate_expired',
  'digital_link_product_mismatch',
  'pin_ok',
  'pin_wrong',
  'pin_already_used',
  'pin_locked',
  'batch_revoked',
  'stamp_revoked',
  'scanned_after_revocation',
  'key_revoked',
  'unknown_key',
  'bad_signature',
  'serial_not_issued',
  'malformed_stamp',
  'not_genuine',
  'checked_before',
  'pin_retry_later',
  'pin_failures_seen',
  'rate_limited',
  'typed_serial',
  'lookalike_host',
  'foreign_stamp_host',
  'typed_serial_unknown',
] as const;

export type ScanReasonCode = (typeof SCAN_REASON_CODES)[number];

const BIT = new Map<string, number>(SCAN_REASON_CODES.map((c, i) => [c, i]));

/** The bitmask of a list of reason codes; codes not in the table are dropped (say so in tests). */
export function encodeReasons(codes: readonly string[]): number {
  let mask = 0;
  for (const c of codes) {
    const bit = BIT.get(c);
    // Numbers, not 32-bit ints: past 31 codes the mask still adds exactly (up to 2^53).
    if (bit !== undefined && Math.floor(mask / 2 ** bit) % 2 === 0) mask += 2 ** bit;
  }
  return mask;
}

/** The reason codes of a bitmask, in table order. */
export function decodeReasons(mask: number): string[] {
  const out: string[] = [];
  for (let bit = 0; bit < SCAN_REASON_CODES.length && mask > 0; bit++) {
    if (Math.floor(mask / 2 ** bit) % 2 === 1) out.push(SCAN_REASON_CODES[bit]!);
  }
  return out;
}

/** True when `mask` holds `code`. */
export function hasReason(mask: number, code: ScanReasonCode): boolean {
  return Math.floor(mask / 2 ** BIT.get(code)!) % 2 === 1;
}

export const SCAN_VERDICTS = ['authentic', 'caution', 'revoked', 'unverified'] as const;
export type ScanVerdict = (typeof SCAN_VERDICTS)[number];
