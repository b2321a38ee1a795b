// A reference for the embedded engine's matching: the query analyser's reading checked
// against every document's words one by one, no index. A phrase stays within one value of
// a field (one place name), a lone one- or two-letter prefix looks at names only, and
// trailing words are dropped while nothing matches.
import { analyseQuery, dropLastTerm, type AnalysedQuery, type QueryAlternative } from '../../server/domain/query-analysis';
import type { SearchDocument } from '../../server/domain/search-types';
import { foldedWords } from '../../server/domain/vietnamese';
import { createVocabulary, type Vocabulary } from '../../server/domain/vocabulary';

/** Each field of a document as lists of words, one list per value. */
function valuesOf(doc: SearchDocument): string[][][] {
  return [[doc.name], [doc.producer], doc.places, doc.aliases, [doc.category]].map((values) => values.map(foldedWords));
}

function phraseIn(reading: QueryAlternative, words: readonly string[]): boolean {
  const last = reading.words.length - 1;
  for (let start = 0; start + last < words.length; start += 1) {
    const whole = reading.words.every((word, k) => {
      const actual = words[start + k] as string;
      return actual === word || (k === last && reading.prefix && actual.startsWith(word));
    });
    if (whole) return true;
  }
  return false;
}

function canMatch(reading: QueryAlternative, vocabulary: Vocabulary): boolean {
  const last = reading.words.length - 1;
  return reading.words.every((word, i) => (i === last && reading.prefix ? vocabulary.hasPrefix(word) : vocabulary.frequency(word) > 0));
}

function matches(query: AnalysedQuery, fields: string[][][], vocabulary: Vocabulary): boolean {
  const nameOnly = query.terms.length === 1 && query.lastTermIsPrefix && (query.terms[0]?.text.length ?? 0) <= 2;
  const searched = nameOnly ? fields.slice(0, 1) : fields;
  const found = (reading: QueryAlternative) => canMatch(reading, vocabulary) && searched.some((values) => values.some((words) => phraseIn(reading, words)));
  for (let i = 0; i < query.terms.length; ) {
    const span = query.spans.find((s) => s.start === i);
    const length = span?.length ?? 1;
    const separately = query.terms.slice(i, i + length).every((term) => term.alternatives.some(found));
    if (!separately && !(span?.alternatives.some(found) ?? false)) return false;
    i += length;
  }
  return query.terms.length > 0;
}

/** The ids a query matches by scanning every document, after dropping trailing words while none match. */
export function scanForMatches(documents: readonly SearchDocument[], q: string): { ids: string[] } {
  const fields = documents.map(valuesOf);
  const counts = new Map<string, number>();
  for (const docFields of fields) for (const word of new Set(docFields.flat(2))) counts.set(word, (counts.get(word) ?? 0) + 1);
  const vocabulary = createVocabulary(counts);
  for (let query = analyseQuery(q, vocabulary); ; query = dropLastTerm(query)) {
    const ids = documents.filter((_, i) => matches(query, fields[i] as string[][][], vocabulary)).map((doc) => doc.id);
    if (ids.length > 0 || query.terms.length <= 1) return { ids };
  }
}
