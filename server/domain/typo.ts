// Typo candidates for words the index does not know. Most Vietnamese syllables are a
// single edit away from several others (thanh/thach/than), so typos are never tried on
// known words and short words get none: ≤1 edit from 4 letters, ≤2 from 8 (as Meilisearch
// does), and a wrong first letter counts twice because people rarely mistype it.

import type { Vocabulary } from './vocabulary';

export interface TypoCandidate {
  word: string;
  cost: number;
}

const MAX_CANDIDATES = 5;
const MAX_PREFIX_CANDIDATES = 3;
// The distance rows, reused across calls (see typoDistance).
let rows = new Int32Array(3 * 64);

/** Edits a typed word of this length may contain: 0 below 4 letters, 1 from 4, 2 from 8. */
export function typoBudget(length: number): number {
  return length >= 8 ? 2 : length >= 4 ? 1 : 0;
}

/**
 * Damerau (optimal string alignment) distance from `typed` to `word` — with `prefix`, to
 * the closest prefix of `word` — plus 1 when the first letters differ. Returns the cost
 * (max + 1 when beyond `max`) and, for prefixes, how long the closest prefix is.
 */
export function typoDistance(typed: string, word: string, max: number, prefix = false): { cost: number; length: number } {
  const beyond = { cost: max + 1, length: 0 };
  const penalty = typed.charAt(0) === word.charAt(0) ? 0 : 1;
  const limit = max - penalty;
  // A wrong first letter is already one edit, and the penalty spends the rest of a budget of 1.
  if (limit < penalty) return beyond;
  const n = typed.length;
  // A prefix longer than the typed word plus the budget can never be close enough.
  const m = prefix ? Math.min(word.length, n + limit) : word.length;
  if (!prefix && Math.abs(n - m) > limit) return beyond;
  const width = m + 1;
  // Three rolling rows (transpositions look two rows back), reused across calls: the
  // typo search runs this for thousands of vocabulary words per query.
  if (rows.length < width * 3) rows = new Int32Array(width * 6);
  let before = 0;
  let previous = width;
  let current = width * 2;
  for (let j = 0; j < width; j += 1) rows[previous + j] = j;
  for (let i = 1; i <= n; i += 1) {
    rows[current] = i;
    let rowMin = i;
    const typedChar = typed.charCodeAt(i - 1);
    for (let j = 1; j <= m; j += 1) {
      const wordChar = word.charCodeAt(j - 1);
      let value = Math.min((rows[previous + j] as number) + 1, (rows[current + j - 1] as number) + 1, (rows[previous + j - 1] as number) + (typedChar === wordChar ? 0 : 1));
      if (i > 1 && j > 1 && typedChar === word.charCodeAt(j - 2) && typed.charCodeAt(i - 2) === wordChar) {
        value = Math.min(value, (rows[before + j - 2] as number) + 1);
      }
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return beyond;
    const oldest = before;
    before = previous;
    previous = current;
    current = oldest;
  }
  // The longest of the closest prefixes: the most specific reading of what was typed.
  let length = m;
  if (prefix) for (let j = m - 1; j >= 0; j -= 1) if ((rows[previous + j] as number) < (rows[previous + length] as number)) length = j;
  const distance = rows[previous + length] as number;
  return distance > limit ? beyond : { cost: distance + penalty, length };
}

/** The typo cost of reading `typed` as `word` (or as a prefix of it); above `max` it returns max + 1. */
export function typoCost(typed: string, word: string, max: number, prefix = false): number {
  return typoDistance(typed, word, max, prefix).cost;
}

/**
 * Known words within the typo budget of an unknown typed word, cheapest and commonest
 * first. For a word still being typed the candidates are prefixes ("quag" → "qua"), and a
 * prefix that another candidate starts with is dropped: the shorter one already matches
 * every word the longer one does.
 */
export function findTypoCandidates(typed: string, vocabulary: Vocabulary, prefix = false): TypoCandidate[] {
  const budget = typoBudget(typed.length);
  if (budget === 0) return [];
  const found = new Map<string, { cost: number; frequency: number }>();
  // A prefix may be a typo of the start of a much longer word, so every longer length counts.
  const longest = prefix ? typed.length + 24 : typed.length + budget;
  for (let length = Math.max(1, typed.length - budget); length <= longest; length += 1) {
    for (const word of vocabulary.wordsOfLength(length)) {
      const match = typoDistance(typed, word, budget, prefix);
      if (match.cost === 0 || match.cost > budget) continue;
      const candidate = prefix ? word.slice(0, match.length) : word;
      const seen = found.get(candidate);
      const frequency = vocabulary.frequency(word);
      if (!seen || match.cost < seen.cost) found.set(candidate, { cost: match.cost, frequency: Math.max(frequency, seen?.frequency ?? 0) });
      else seen.frequency = Math.max(seen.frequency, frequency);
    }
  }
  let candidates = [...found].map(([word, { cost, frequency }]) => ({ word, cost, frequency }));
  if (prefix) candidates = candidates.filter((c) => !candidates.some((other) => other !== c && other.cost <= c.cost && c.word.startsWith(other.word)));
  candidates.sort((a, b) => a.cost - b.cost || b.frequency - a.frequency || (a.word < b.word ? -1 : 1));
  return candidates.slice(0, prefix ? MAX_PREFIX_CANDIDATES : MAX_CANDIDATES).map(({ word, cost }) => ({ word, cost }));
}
