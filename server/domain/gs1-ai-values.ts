// Checks one AI value against its format in the AI table: length, character set, the
// mod-10 check digit of keys (00, 01, 02, 253, 402, 410–417, 8006…) and real calendar
// dates (11–17, 4324–4326, 7003, 7006…). Linters GS1 defines that need outside lists
// (ISO country and currency codes, IBAN) are not checked: the digits alone are.

import { codedError, type CodedError } from './coded-error';
import type { AiComponent, AiDefinition } from './gs1-ai-table';
import { computeGs1CheckDigit } from './gtin';

export type AiValueErrorCode = 'bad_ai_value' | 'bad_check_digit' | 'bad_date';
export type AiValueError = CodedError<AiValueErrorCode> & { ai: string };

/** A GS1 date (YYMMDD) and its calendar date; day "00" means the last day of the month. */
export interface Gs1Date {
  yymmdd: string;
  /** ISO date, YYYY-MM-DD. */
  iso: string;
}

// GS1 AI encodable character sets (General Specifications Figures 7.11-1 and 7.11-2) and base64url for DigSig.
const CHARSETS: Record<AiComponent['charset'], RegExp> = {
  N: /^[0-9]*$/,
  X: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/,
  Y: /^[#\-/0-9A-Z]*$/,
  Z: /^[A-Za-z0-9_\-=]*$/,
};
const CHARSET_WORDS: Record<AiComponent['charset'], [string, string]> = {
  N: ['chữ số', 'digits'],
  X: ['ký tự GS1 (chữ Latinh không dấu, chữ số, một số dấu)', 'GS1 characters (unaccented Latin letters, digits, some punctuation)'],
  Y: ['chữ in hoa, chữ số, # - /', 'capital letters, digits, # - /'],
  Z: ['ký tự base64url', 'base64url characters'],
};

const err = (ai: string, code: AiValueErrorCode, vi: string, en: string): AiValueError => ({ ...codedError(code, vi, en), ai });

/** The problem with `value` as the value of `def`, or null when it is well-formed. */
export function checkAiValue(def: AiDefinition, value: string): AiValueError | null {
  const { ai } = def;
  let rest = value;
  for (const component of def.components) {
    if (rest.length === 0) {
      if (component.optional) break;
      return err(ai, 'bad_ai_value', `Giá trị của AI ${ai} (${def.title_vi}) quá ngắn ("${clip(value)}").`, `The value of AI ${ai} (${def.title_en}) is too short ("${clip(value)}").`);
    }
    const take = component.variable ? Math.min(component.length, rest.length) : component.length;
    const part = rest.slice(0, take);
    const isDate = component.linters.some((l) => l.startsWith('yymm'));
    if (isDate && (part.length < take || !/^[0-9]+$/.test(part))) {
      return err(ai, 'bad_date', `Ngày ở AI ${ai} (${def.title_vi}) phải có dạng YYMMDD hợp lệ (nhận được "${clip(value)}").`, `AI ${ai} (${def.title_en}) must be a valid YYMMDD date (got "${clip(value)}").`);
    }
    if (part.length < take) {
      return err(ai, 'bad_ai_value', `Giá trị của AI ${ai} (${def.title_vi}) quá ngắn ("${clip(value)}").`, `The value of AI ${ai} (${def.title_en}) is too short ("${clip(value)}").`);
    }
    if (!CHARSETS[component.charset].test(part)) {
      const [vi, en] = CHARSET_WORDS[component.charset];
      return err(ai, 'bad_ai_value', `Giá trị của AI ${ai} (${def.title_vi}) chỉ được gồm ${vi}.`, `The value of AI ${ai} (${def.title_en}) may hold only ${en}.`);
    }
    const problem = lintComponent(def, component, part);
    if (problem) return problem;
    rest = rest.slice(take);
  }
  if (rest.length > 0) {
    const max = def.components.reduce((sum, c) => sum + c.length, 0);
    return err(ai, 'bad_ai_value', `Giá trị của AI ${ai} (${def.title_vi}) dài quá ${max} ký tự.`, `The value of AI ${ai} (${def.title_en}) is longer than ${max} characters.`);
  }
  return null;
}

function lintComponent(def: AiDefinition, component: AiComponent, part: string): AiValueError | null {
  const { ai } = def;
  for (const linter of component.linters) {
    if (linter === 'csum') {
      const expected = computeGs1CheckDigit(part.slice(0, -1));
      if (String(expected) !== part.at(-1)) {
        return err(ai, 'bad_check_digit', `Số kiểm tra của ${def.title_vi} (AI ${ai}) sai: ${part} phải kết thúc bằng ${expected}.`, `The check digit of the ${def.title_en} (AI ${ai}) is wrong: ${part} should end in ${expected}.`);
      }
    } else if (linter === 'yymmd0' || linter === 'yymmdd') {
      if (!isGs1Date(part, linter === 'yymmd0')) {
        return err(ai, 'bad_date', `Ngày ở AI ${ai} (${def.title_vi}) phải có dạng YYMMDD hợp lệ (nhận được "${part}").`, `AI ${ai} (${def.title_en}) must be a valid YYMMDD date (got "${part}").`);
      }
    } else if (linter === 'hhmm') {
      if (Number(part.slice(0, 2)) > 23 || Number(part.slice(2, 4)) > 59) {
        return err(ai, 'bad_date', `Giờ ở AI ${ai} phải có dạng HHMM hợp lệ (nhận được "${part}").`, `AI ${ai} must hold a valid HHMM time (got "${part}").`);
      }
    } else if (linter === 'yesno' && part !== '0' && part !== '1') {
      return err(ai, 'bad_ai_value', `AI ${ai} chỉ nhận 0 hoặc 1.`, `AI ${ai} takes only 0 or 1.`);
    } else if (linter === 'zero' && !/^0+$/.test(part)) {
      return err(ai, 'bad_ai_value', `AI ${ai} phải bắt đầu bằng chữ số 0.`, `AI ${ai} must start with the digit 0.`);
    } else if (linter === 'nonzero' && /^0+$/.test(part)) {
      return err(ai, 'bad_ai_value', `Giá trị của AI ${ai} không được bằng 0.`, `The value of AI ${ai} must not be zero.`);
    } else if (linter === 'hyphen' && part !== '-') {
      return err(ai, 'bad_ai_value', `AI ${ai} chỉ nhận dấu "-" sau nhiệt độ.`, `AI ${ai} takes only "-" after the temperature.`);
    } else if (linter === 'pcenc' && /%(?![0-9A-Fa-f]{2})/.test(part)) {
      return err(ai, 'bad_ai_value', `AI ${ai} có mã %.. hỏng.`, `AI ${ai} has broken %-encoding.`);
    }
  }
  return null;
}

/** True for YYMMDD with a real month and a day that exists; day 00 ("whole month") only when allowed. */
export function isGs1Date(value: string, allowDayZero = true): boolean {
  if (!/^[0-9]{6}$/.test(value)) return false;
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (month < 1 || month > 12) return false;
  if (day === 0) return allowDayZero;
  // Leap years are judged on 20YY; the century rule only changes that for YY = 00.
  return day <= daysInMonth(2000 + Number(value.slice(0, 2)), month);
}

/** Resolve a checked YYMMDD to a calendar date with the GS1 century rule (§7.12) around `referenceYear`. */
export function toGs1Date(yymmdd: string, referenceYear?: number): Gs1Date {
  const yy = Number(yymmdd.slice(0, 2));
  let year = 2000 + yy;
  if (referenceYear !== undefined) {
    const century = Math.floor(referenceYear / 100) * 100;
    const diff = yy - (referenceYear % 100);
    year = century + yy + (diff >= 51 ? -100 : diff <= -50 ? 100 : 0);
  }
  const month = Number(yymmdd.slice(2, 4));
  const day = Number(yymmdd.slice(4, 6)) || daysInMonth(year, month);
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { yymmdd, iso };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
