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

/** Build a vocabulary from (folded word, document frequency) pairs. */
export function createVocabulary(entries: Iterable<readonly [string, number]>): Vocabulary {
  const frequencies = new Map<string, number>();
  for (const [word, count] of entries) {
    if (count > 0) frequencies.set(word, (frequencies.get(word) ?? 0) + count);
  }
  const sorted = [...frequencies.keys()].sort();
  const byLength = new Map<number, string[]>();
  for (const word of sorted) {
    const bucket = byLength.get(word.length);
    if (bucket) bucket.push(word);
    else byLength.set(word.length, [word]);
  }
  return {
    size: frequencies.size,
    frequency: (word) => frequencies.get(word) ?? 0,
    hasPrefix(prefix) {
      // Binary search for the first word >= prefix; it starts with prefix if any word does.
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((sorted[middle] as string) < prefix) low = middle + 1;
        else high = middle;
      }
      return low < sorted.length && (sorted[low] as string).startsWith(prefix);
    },
    wordsOfLength: (length) => byLength.get(length) ?? NO_WORDS,
  };
}
