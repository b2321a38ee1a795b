// "Skeletons" of host names (after Unicode TS #39 §4): map characters that look alike to
// one representative so "nguonviеt.vn" (Cyrillic е), "nguồnviệt.vn" and "nguonv1et.vn"
// all reduce to something equal or one edit away from "nguonviet.vn". A short list of
// the confusables that matter for Latin domains, not the full Unicode table.

import { foldVietnamese } from './vietnamese';

const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', һ: 'h', ԛ: 'q', ԝ: 'w', ү: 'y', ɡ: 'g',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  // Latin letters and digits that pass for others
  ı: 'i', ł: 'l', ß: 'b', '0': 'o', '1': 'l', '3': 'e', '5': 's',
};
// Multi-letter look-alikes, applied after the single characters.
const SEQUENCES: readonly [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
];

/** Reduce a (Unicode) host or label to its look-alike skeleton: folded, confusables mapped. */
export function skeletonOf(text: string): string {
  // foldVietnamese lowercases, strips diacritics (NFKD) and maps đ → d.
  let out = '';
  for (const ch of foldVietnamese(text)) out += CONFUSABLES[ch] ?? ch;
  for (const [pattern, replacement] of SEQUENCES) out = out.replace(pattern, replacement);
  return out;
}

/** Optimal-string-alignment distance capped at `limit + 1` (an adjacent swap counts as one edit). */
export function editDistanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    prevPrev = prev;
    prev = row;
  }
  return Math.min(prev[b.length]!, limit + 1);
}
