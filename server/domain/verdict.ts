// Graded verdicts (PRODUCT.md §3): never a bare "fake". Every verdict carries reason codes
// and plain sentences in Vietnamese and English, with dates and coarse places.

export type Verdict = 'authentic' | 'authentic_offline' | 'caution' | 'revoked' | 'unverified' | 'not_a_stamp';

export type ReasonCode =
  | 'signature_valid'
  | 'not_genuine'
  | 'unknown_key'
  | 'key_revoked'
  | 'malformed_stamp'
  | 'lookalike_host'
  | 'foreign_stamp_host'
  | 'typed_serial'
  | 'typed_serial_unknown'
  | 'typed_serial_needs_connection'
  | 'stamp_revoked'
  | 'batch_revoked'
  | 'scanned_after_revocation'
  | 'checked_by_other_devices'
  | 'impossible_travel'
  | 'pin_already_used'
  | 'pin_wrong'
  | 'pin_locked'
  | 'pin_ok'
  | 'batch_expired'
  | 'ocop_certificate_expired'
  | 'gtin'
  | 'gtin_typo_suggestion'
  | 'gs1_prefix'
  | 'gs1_element_string'
  | 'gs1_ai'
  | 'gs1_lenient_form'
  | 'digital_link_unsigned'
  | 'digital_link_product_mismatch'
  | 'other_url'
  | 'url_warning'
  | 'plain_text';

export interface Reason {
  code: ReasonCode | string;
  message_vi: string;
  message_en: string;
  [detail: string]: unknown;
}

const VERDICT_ORDER: Verdict[] = ['not_a_stamp', 'authentic', 'authentic_offline', 'caution', 'revoked', 'unverified'];

/** The graver of two verdicts (unverified > revoked > caution > authentic). */
export function graver(a: Verdict, b: Verdict): Verdict {
  return VERDICT_ORDER.indexOf(a) >= VERDICT_ORDER.indexOf(b) ? a : b;
}
