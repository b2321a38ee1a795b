// The words an index knows, with how many documents hold each. The query analyser asks it
// whether a typed word exists before it tries Telex, typo, split or join rewrites, so a
// rewrite is only offered when it can match something.

export interface Vocabulary {
  /** Number of known words. */
  readonly size: number;
  /** Documents holding this folded word; 0 when the index has never seen it. */
  frequency(word: string): number;
  /** True when some known word starts with this prefix (or is it). */
  hasPrefix(prefix: string): boolean;
  /** Known words of exactly this length, for typo search. */
  wordsOfLength(length: number): readonly string[];
}

const NO_WORDS: readonly string[] = [];

/** The first index in `sorted` (sorted by code units) at or after `prefix`. */
export function lowerBound(sorted: readonly string[], prefix: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as string) < prefix) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A vocabulary over words already sorted (by code units), each with its document count. */
export function sortedVocabulary(sorted: readonly string[], frequency: (word: string) => number): Vocabulary {
  const byLength = new Map<number, string[]>();
  for (const word of sorted) {
    const bucket = byLength.get(word.length);
    if (bucket) bucket.push(word);
    else byLength.set(word.length, [word]);
  }
  return {
    size: sorted.length,
    frequency,
    // The first word >= prefix starts with prefix if any word does.
    hasPrefix: (prefix) => {
      const low = lowerBound(sorted, prefix);
      return low < sorted.length && (sorted[low] as string).startsWith(prefix);
    },
    wordsOfLength: (length) => byLength.get(length) ?? NO_WORDS,
  };
}

/** Build a vocabulary from (folded word, document frequency) pairs. */
export function createVocabulary(entries: Iterable<readonly [string, number]>): Vocabulary {
  const frequencies = new Map<string, number>();
  for (const [word, count] of entries) {
    if (count > 0) frequencies.set(word, (frequencies.get(word) ?? 0) + count);
  }
  return sortedVocabulary([...frequencies.keys()].sort(), (word) => frequencies.get(word) ?? 0);
}
