// GTIN-8/12/13/14 parsing (GS1 General Specifications §3.4.2, §7.9): digits only, one of
// the four lengths, a valid mod-10 check digit; every GTIN is also given as GTIN-14,
// the form the registry and GS1 Digital Link use.

import { codedError, fail, ok, type CodedError, type Result } from './coded-error';

export { describeGs1Prefix, lookupGs1Prefix, type Gs1PrefixInfo, type Gs1PrefixKind, type Gs1PrefixRange } from './gs1-prefix';

export type GtinFormat = 'GTIN-8' | 'GTIN-12' | 'GTIN-13' | 'GTIN-14';
export type GtinErrorCode = 'not_digits' | 'bad_length' | 'bad_check_digit';
export type GtinError = CodedError<GtinErrorCode>;

/** A GTIN with a verified check digit. */
export interface Gtin {
  /** The digits as written on the pack. */
  digits: string;
  format: GtinFormat;
  /** Left-padded with zeros to 14 digits. */
  gtin14: string;
}

const FORMAT_BY_LENGTH: Record<number, GtinFormat> = { 8: 'GTIN-8', 12: 'GTIN-12', 13: 'GTIN-13', 14: 'GTIN-14' };

/** GS1 mod-10 check digit of a digit string that excludes the check digit (weights 3,1,3… from the right). */
export function computeGs1CheckDigit(payload: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = payload.length - 1; i >= 0; i--) {
    sum += (payload.charCodeAt(i) - 48) * weight;
    weight = 4 - weight;
  }
  return (10 - (sum % 10)) % 10;
}

/** Parse a GTIN-8/12/13/14 (surrounding whitespace ignored) into a typed value or a typed error. */
export function parseGtin(raw: string): Result<Gtin, GtinError> {
  const digits = raw.trim();
  if (!/^[0-9]+$/.test(digits)) {
    return fail(codedError('not_digits', 'Mã GTIN chỉ gồm chữ số.', 'A GTIN contains digits only.'));
  }
  const format = FORMAT_BY_LENGTH[digits.length];
  if (!format) {
    return fail(codedError('bad_length', `Mã GTIN phải có 8, 12, 13 hoặc 14 chữ số (mã này có ${digits.length}).`, `A GTIN has 8, 12, 13 or 14 digits (this one has ${digits.length}).`));
  }
  const expected = computeGs1CheckDigit(digits.slice(0, -1));
  const actual = Number(digits.at(-1));
  if (expected !== actual) {
    return fail(
      codedError(
        'bad_check_digit',
        `Số kiểm tra của mã ${digits} sai (là ${actual}, đúng ra phải là ${expected}): mã bị in hoặc quét sai, hoặc không phải mã GTIN thật.`,
        `Check digit of ${digits} is wrong (${actual}, expected ${expected}): misprinted, misread, or not a real GTIN.`,
      ),
    );
  }
  return ok({ digits, format, gtin14: digits.padStart(14, '0') });
}

/**
 * Expand a UPC-E code to its 12-digit UPC-A (GTIN-12). Accepts 6 digits (number
 * system 0 assumed), 7 (number system + 6) or 8 (with check digit, which must match).
 */
export function expandUpcE(raw: string): Result<string, GtinError> {
  const text = raw.trim();
  if (!/^[0-9]+$/.test(text)) return fail(codedError('not_digits', 'Mã UPC-E chỉ gồm chữ số.', 'A UPC-E code contains digits only.'));
  if (text.length < 6 || text.length > 8) {
    return fail(codedError('bad_length', `Mã UPC-E có 6, 7 hoặc 8 chữ số (mã này có ${text.length}).`, `A UPC-E code has 6, 7 or 8 digits (this one has ${text.length}).`));
  }
  const numberSystem = text.length === 6 ? '0' : text[0]!;
  if (numberSystem !== '0' && numberSystem !== '1') {
    return fail(codedError('not_digits', 'Mã UPC-E phải bắt đầu bằng hệ số 0 hoặc 1.', 'A UPC-E code starts with number system 0 or 1.'));
  }
  const body = text.length === 6 ? text : text.slice(1, 7);
  const [d1, d2, d3, d4, d5, d6] = [0, 1, 2, 3, 4, 5].map((i) => body.charAt(i)) as [string, string, string, string, string, string];
  let middle: string;
  // The last body digit says where the zeros were squeezed out of the UPC-A.
  if (d6 <= '2') middle = `${d1}${d2}${d6}0000${d3}${d4}${d5}`;
  else if (d6 === '3') middle = `${d1}${d2}${d3}00000${d4}${d5}`;
  else if (d6 === '4') middle = `${d1}${d2}${d3}${d4}00000${d5}`;
  else middle = `${d1}${d2}${d3}${d4}${d5}0000${d6}`;
  const payload = numberSystem + middle;
  const check = computeGs1CheckDigit(payload);
  if (text.length === 8 && Number(text[7]) !== check) {
    return fail(
      codedError('bad_check_digit', `Số kiểm tra của mã UPC-E ${text} sai (đúng ra phải là ${check}).`, `Check digit of UPC-E ${text} is wrong (expected ${check}).`),
    );
  }
  return ok(payload + String(check));
}

/**
 * The valid GTINs one typing slip away from `digits` (one digit changed, or two
 * neighbours swapped), for "did you mean" when a typed code fails its check digit.
 */
export function gtinTypoCandidates(digits: string): string[] {
  if (!/^[0-9]+$/.test(digits) || !FORMAT_BY_LENGTH[digits.length]) return [];
  const found = new Set<string>();
  const consider = (candidate: string) => {
    if (candidate !== digits && computeGs1CheckDigit(candidate.slice(0, -1)) === Number(candidate.at(-1))) found.add(candidate);
  };
  for (let i = 0; i < digits.length; i++) {
    for (let d = 0; d <= 9; d++) consider(digits.slice(0, i) + String(d) + digits.slice(i + 1));
    if (i + 1 < digits.length) consider(digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2));
  }
  return [...found];
}
