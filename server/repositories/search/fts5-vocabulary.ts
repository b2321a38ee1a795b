import type Database from 'better-sqlite3';
import { createVocabulary, type Vocabulary } from '../../domain/vocabulary';
import { VOCAB_TABLE } from './fts5-schema';

export interface Fts5Vocabulary {
  /** Indexed words and their document counts, for the query analyser. */
  words: Vocabulary;
  /** Documents carrying each filter token ("_s4", "_p…"), to judge how selective a filter is. */
  filterTokenCount(token: string): number;
  /**
   * At most how many documents hold a word starting with this prefix: the sum over those
   * words (a document holding two of them counts twice), to judge how broad a prefix is.
   */
  prefixCount(prefix: string): number;
  /** The indexed words starting with this prefix, or null when there are more than `limit`. */
  wordsWithPrefix(prefix: string, limit: number): readonly string[] | null;
}

/** Read every indexed token and its document count from fts5vocab into memory. */
export function loadFts5Vocabulary(db: Database.Database): Fts5Vocabulary {
  const words: [string, number][] = [];
  const filterTokens = new Map<string, number>();
  for (const [term, count] of db.prepare(`SELECT term, doc FROM ${VOCAB_TABLE}`).raw().iterate() as IterableIterator<[string, number]>) {
    if (term.startsWith('_')) filterTokens.set(term, count);
    else words.push([term, count]);
  }
  // Sorted, the words of a prefix are one run: sum it from running totals.
  words.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const sorted = words.map(([term]) => term);
  const runningTotals = new Float64Array(words.length + 1);
  words.forEach(([, count], i) => (runningTotals[i + 1] = (runningTotals[i] as number) + count));
  const firstAtLeast = (text: string) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] as string) < text) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  /** The run of sorted words starting with the prefix: [first, end). */
  const run = (prefix: string): [number, number] => {
    if (prefix === '') return [0, 0];
    // Every word with the prefix sorts at or after it and before the prefix with its last letter bumped.
    const end = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    return [firstAtLeast(prefix), firstAtLeast(end)];
  };
  return {
    words: createVocabulary(words),
    filterTokenCount: (token) => filterTokens.get(token) ?? 0,
    prefixCount(prefix) {
      const [first, end] = run(prefix);
      return (runningTotals[end] as number) - (runningTotals[first] as number);
    },
    wordsWithPrefix(prefix, limit) {
      const [first, end] = run(prefix);
      return end - first > limit ? null : sorted.slice(first, end);
    },
  };
}
