// The one typed result for GS1 data, whichever way it was carried: a Digital Link URI or
// an element string from a GS1 QR/DataMatrix/GS1-128. Built from (AI, value) pairs, each
// checked against the AI table; the primary key, GTIN, lot, serial and expiry are lifted
// out so cards and verdicts need not know the AI numbers.

import { codedError, fail, ok, type CodedError, type Result } from './coded-error';
import { lookupAi, type AiDefinition } from './gs1-ai-table';
import { checkAiValue, toGs1Date, type AiValueErrorCode, type Gs1Date } from './gs1-ai-values';
import { parseGtin, type Gtin } from './gtin';

export type { Gs1Date } from './gs1-ai-values';

export interface Gs1Element {
  ai: string;
  value: string;
  title_en: string;
  title_vi: string;
  /** The calendar date, for date AIs (11–17, 7006…). */
  date?: Gs1Date;
}

export interface Gs1Data {
  /** The identification key the data is about (01 GTIN, 00 SSCC, 414 GLN…), when present. */
  primaryKey: Gs1Element | null;
  /** AI 01 with its check digit verified. */
  gtin?: Gtin;
  /** AI 22, consumer product variant. */
  cpv?: string;
  /** AI 10, batch or lot. */
  lot?: string;
  /** AI 21, serial number. */
  serial?: string;
  /** AI 17, expiry date. */
  expiry?: Gs1Date;
  /** Every AI in the order given, the primary key first. */
  elements: Gs1Element[];
}

export type Gs1DataErrorCode = AiValueErrorCode | 'unknown_ai' | 'duplicate_ai';
export type Gs1DataError = CodedError<Gs1DataErrorCode> & { ai?: string };

export interface Gs1Pair {
  ai: string;
  value: string;
}

/** An AI GS1 does not define, as a typed error (never silently kept). */
export function unknownAi(ai: string): Gs1DataError {
  return { ...codedError('unknown_ai', `"${ai}" không phải mã AI nào trong bảng AI của GS1.`, `"${ai}" is not an Application Identifier in the GS1 AI table.`), ai };
}

/** One element with its titles, after its value was checked; null definition means unknown AI. */
export function describeElement(def: AiDefinition, value: string, referenceYear?: number): Gs1Element {
  const element: Gs1Element = { ai: def.ai, value, title_en: def.title_en, title_vi: def.title_vi };
  const first = def.components[0];
  if (first?.linters.some((l) => l === 'yymmd0' || l === 'yymmdd')) element.date = toGs1Date(value.slice(0, 6), referenceYear);
  return element;
}

/** Check every pair against the AI table and lift out the fields cards use; the first primary-key AI is the primary key. */
export function buildGs1Data(pairs: readonly Gs1Pair[], referenceYear?: number): Result<Gs1Data, Gs1DataError> {
  const data: Gs1Data = { primaryKey: null, elements: [] };
  const seen = new Set<string>();
  for (const { ai, value } of pairs) {
    const def = lookupAi(ai);
    if (!def) return fail(unknownAi(ai));
    if (seen.has(ai)) return fail({ ...codedError('duplicate_ai', `AI ${ai} (${def.title_vi}) xuất hiện hai lần.`, `AI ${ai} (${def.title_en}) appears twice.`), ai });
    seen.add(ai);
    const problem = checkAiValue(def, value);
    if (problem) return fail(problem);
    const element = describeElement(def, value, referenceYear);
    if (!data.primaryKey && def.qualifierPaths) data.primaryKey = element;
    data.elements.push(element);
    if (ai === '01') {
      const gtin = parseGtin(value);
      if (gtin.ok) data.gtin = gtin.value;
    } else if (ai === '22') data.cpv = value;
    else if (ai === '10') data.lot = value;
    else if (ai === '21') data.serial = value;
    else if (ai === '17') data.expiry = element.date;
  }
  // The primary key leads, whatever order the carrier used.
  if (data.primaryKey) data.elements = [data.primaryKey, ...data.elements.filter((e) => e !== data.primaryKey)];
  return ok(data);
}
