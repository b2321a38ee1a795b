// GS1 element strings as barcode scanners hand them over (GS1 General Specifications
// §7.8–7.9): human-readable "(01)08934588012228(21)ABC", or raw "0108934588012228" +
// "21ABC" with FNC1 sent as GS (0x1D; zxing's escaped text mode writes "<GS>", some apps
// "␝"), with or without the AIM symbology identifier that marks GS1 data (]Q3 GS1 QR,
// ]d2 GS1 DataMatrix, ]C1 GS1-128, ]e0 GS1 DataBar, ]J1 GS1 DotCode). Parsed into the
// same Gs1Data as a Digital Link.

import { codedError, fail, ok, type CodedError, type Result } from './coded-error';
import { aiAtStart, fixedValueLength, maxValueLength } from './gs1-ai-table';
import { buildGs1Data, unknownAi, type Gs1Data, type Gs1DataError, type Gs1Pair } from './gs1-data';

export type ElementStringForm = 'hri' | 'raw';

export interface Gs1ElementString extends Gs1Data {
  form: ElementStringForm;
  /** The AIM symbology identifier the scanner sent (e.g. "]Q3"), or null. */
  symbology: string | null;
}

export type ElementStringErrorCode = 'empty' | 'missing_separator';
export type ElementStringError = Gs1DataError | (CodedError<ElementStringErrorCode> & { ai?: string });

/** AIM symbology identifiers whose data is GS1 element strings (ISO/IEC 15424, GS1 GenSpecs §5.1). */
export const GS1_SYMBOLOGY_IDS: ReadonlySet<string> = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);
const SYMBOLOGY_ID = /^\][A-Za-z][0-9]/;
// FNC1 travels as ASCII GS (built from its code: a control character in a regex literal reads as a typo).
const GS = String.fromCharCode(0x1d);
const SEPARATOR = `(?:${GS}|\u241d|<GS>)`;
const GROUP_SEPARATOR = new RegExp(SEPARATOR, 'g');
const HAS_SEPARATOR = new RegExp(SEPARATOR);
const SEPARATOR_THEN_DIGITS = new RegExp(`^${SEPARATOR}?[0-9]{2}`);
const LEADING_SEPARATOR = new RegExp(`^${SEPARATOR}`);
const LEADING_SEPARATORS = new RegExp(`^${SEPARATOR}+`);
const HRI_AI = /\((\d{2,4})\)/g;
// A raw string that starts like a GS1 key: SSCC (00 + 18), GTIN (01/02 + 14).
const RAW_KEY_START = /^(?:00[0-9]{18}|0[12][0-9]{14})/;

/** The AIM symbology identifier at the start of a scan ("]Q3"), or null. */
export function symbologyIdOf(text: string): string | null {
  return SYMBOLOGY_ID.test(text) ? text.slice(0, 3) : null;
}

/**
 * True when the text announces itself as GS1 element strings: a GS1 symbology identifier,
 * a GS separator, HRI parentheses at the start, or a raw GTIN/SSCC key followed by more AIs.
 */
export function looksLikeElementString(raw: string): boolean {
  const text = raw.trim();
  const id = symbologyIdOf(text);
  if (id) return GS1_SYMBOLOGY_IDS.has(id);
  if (/^\(\d{2,4}\)/.test(text)) return true;
  if (HAS_SEPARATOR.test(text) && SEPARATOR_THEN_DIGITS.test(text)) return true;
  const match = RAW_KEY_START.exec(text);
  return !!match && text.length > match[0].length;
}

/** Parse element strings in HRI or raw form (symbology identifier and leading FNC1 optional) into Gs1Data. */
export function parseElementString(raw: string, referenceYear?: number): Result<Gs1ElementString, ElementStringError> {
  let text = raw.trim();
  const id = symbologyIdOf(text);
  if (id) text = text.slice(3);
  // A leading FNC1 only marks the symbol as GS1.
  text = text.replace(LEADING_SEPARATOR, '');
  if (!text) return fail(codedError('empty', 'Mã GS1 không có dữ liệu.', 'The GS1 code holds no data.'));
  const form: ElementStringForm = text.startsWith('(') ? 'hri' : 'raw';
  const pairs = form === 'hri' ? splitHri(text) : splitRaw(text);
  if (!pairs.ok) return pairs;
  const data = buildGs1Data(pairs.value, referenceYear);
  if (!data.ok) return data;
  return ok({ ...data.value, form, symbology: id });
}

/** "(01)…(10)…": each parenthesised AI starts an element; spaces between elements are layout. */
function splitHri(text: string): Result<Gs1Pair[], ElementStringError> {
  const pairs: Gs1Pair[] = [];
  const starts = [...text.matchAll(HRI_AI)];
  if (starts[0]?.index !== 0) return fail(codedError('missing_separator', 'Chuỗi GS1 phải bắt đầu bằng một AI trong ngoặc, như (01).', 'A GS1 string must start with an AI in parentheses, like (01).'));
  for (let i = 0; i < starts.length; i++) {
    const m = starts[i]!;
    const end = starts[i + 1]?.index ?? text.length;
    pairs.push({ ai: m[1]!, value: text.slice(m.index! + m[0].length, end).replace(GROUP_SEPARATOR, '').trim() });
  }
  return ok(pairs);
}

/** Raw AI+value runs: a predefined-length AI ends by its length, any other at a GS or the end. */
function splitRaw(text: string): Result<Gs1Pair[], ElementStringError> {
  const pairs: Gs1Pair[] = [];
  let rest = text;
  while (rest.length > 0) {
    const def = aiAtStart(rest);
    if (!def) return fail(unknownAi(/^[0-9]{2,4}/.exec(rest)?.[0] ?? rest.slice(0, 4)));
    rest = rest.slice(def.ai.length);
    const fixed = fixedValueLength(def);
    let value: string;
    if (fixed !== null) {
      value = rest.slice(0, fixed);
      rest = rest.slice(fixed);
    } else {
      GROUP_SEPARATOR.lastIndex = 0;
      const separator = GROUP_SEPARATOR.exec(rest);
      value = separator ? rest.slice(0, separator.index) : rest;
      rest = separator ? rest.slice(separator.index) : '';
      if (value.length > maxValueLength(def)) {
        return fail({
          ...codedError(
            'missing_separator',
            `Giá trị của AI ${def.ai} (${def.title_vi}) dài hơn ${maxValueLength(def)} ký tự: có lẽ thiếu dấu phân cách GS trước AI kế tiếp.`,
            `The value of AI ${def.ai} (${def.title_en}) is longer than ${maxValueLength(def)} characters: probably a missing GS separator before the next AI.`,
          ),
          ai: def.ai,
        });
      }
    }
    pairs.push({ ai: def.ai, value });
    rest = rest.replace(LEADING_SEPARATORS, '');
  }
  return ok(pairs);
}
