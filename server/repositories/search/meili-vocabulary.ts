// The words the Meilisearch index holds, for the query analyser (which only rewrites a
// word when the rewrite can match something). Meilisearch has no API for its word list,
// so the engine counts the words of the documents it loads and indexes. Deletions and
// replacements are not subtracted until the next rebuild: a stale word can only make the
// analyser offer a rewrite that then matches nothing, and the zero-hit retry covers that.

import type { SearchDocument } from '../../domain/search-types';
import { foldedWords } from '../../domain/vietnamese';
import { createVocabulary, type Vocabulary } from '../../domain/vocabulary';

export type TextFields = Pick<SearchDocument, 'name' | 'producer' | 'places' | 'aliases' | 'category'>;

/** The searchable text of a document, as the fields to fetch back from the index. */
export const TEXT_FIELDS = ['name', 'producer', 'places', 'aliases', 'category'] as const;

/** Distinct folded words of a document's searchable text. */
export function wordsOfDocument(doc: Partial<TextFields>): Set<string> {
  const texts = [doc.name ?? '', doc.producer ?? '', ...(doc.places ?? []), ...(doc.aliases ?? []), doc.category ?? ''];
  return new Set(texts.flatMap((text) => foldedWords(text)));
}

export interface LearnedVocabulary {
  /** The vocabulary as of now (rebuilt lazily after changes). */
  current(): Vocabulary;
  /** Forget every word and count these documents. */
  replace(documents: Iterable<Partial<TextFields>>): void;
  /** Count more documents. */
  add(documents: Iterable<Partial<TextFields>>): void;
}

/** A document-frequency word count that turns into a Vocabulary on demand. */
export function createLearnedVocabulary(): LearnedVocabulary {
  const counts = new Map<string, number>();
  let cached: Vocabulary | null = null;
  const add = (documents: Iterable<Partial<TextFields>>) => {
    for (const doc of documents) {
      for (const word of wordsOfDocument(doc)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
    cached = null;
  };
  return {
    current: () => (cached ??= createVocabulary(counts)),
    replace(documents) {
      counts.clear();
      add(documents);
    },
    add,
  };
}
