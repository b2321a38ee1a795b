import type { AnalysedQuery } from '../query-analysis';
import { foldedWords } from '../vietnamese';

// "Did you mean" lines for the UI: "hoongf → hồng", "hanoi → hà nội", and "xyz → ∅" for a
// trailing word dropped because nothing matched with it. The analyser only knows folded
// words, so accents are taken back from the names of the best hits when they contain them.

/** Human-readable corrections: each rewrite as "typed → read as", dropped words as "word → ∅". */
export function describeCorrections(query: AnalysedQuery, dropped: readonly string[], topNames: readonly string[]): string[] {
  const accents = accentedForms(topNames);
  const rewrites = query.corrections.map(
    (correction) => `${correction.from} → ${correction.to.split(' ').map((word) => accents.get(word) ?? word).join(' ')}`,
  );
  return [...rewrites, ...dropped.map((word) => `${word} → ∅`)];
}

/** Folded word → its lowercase accented spelling, from the first name that has it. */
function accentedForms(names: readonly string[]): Map<string, string> {
  const forms = new Map<string, string>();
  for (const name of names) {
    for (const piece of name.normalize('NFC').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
      const folded = foldedWords(piece);
      if (folded.length === 1 && !forms.has(folded[0] as string)) forms.set(folded[0] as string, piece);
    }
  }
  return forms;
}
