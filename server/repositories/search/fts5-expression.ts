import type { AnalysedQuery, QueryAlternative, QueryTerm } from '../../domain/query-analysis';
import type { Vocabulary } from '../../domain/vocabulary';

// Turns an analysed query into FTS5 MATCH syntax. User text never reaches FTS5 as typed:
// only folded [a-z0-9] words do, each inside double quotes, so quotes, *, -, :, brackets,
// NEAR, AND/OR typed by a user are plain words or nothing at all.

const SAFE_WORD = /^[a-z0-9]+$/;

/** True when every word of the reading exists in the index (the last as a prefix if it is one). */
export function canMatch(alternative: QueryAlternative, vocabulary: Vocabulary): boolean {
  const last = alternative.words.length - 1;
  return alternative.words.every((word, i) =>
    SAFE_WORD.test(word) && (i === last && alternative.prefix ? vocabulary.hasPrefix(word) : vocabulary.frequency(word) > 0),
  );
}

function phrase(alternative: QueryAlternative): string {
  return `"${alternative.words.join(' ')}"${alternative.prefix ? '*' : ''}`;
}

function anyOf(parts: string[]): string | null {
  if (parts.length === 0) return null;
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`;
}

function termExpression(term: QueryTerm, vocabulary: Vocabulary): string | null {
  return anyOf(term.alternatives.filter((alternative) => canMatch(alternative, vocabulary)).map(phrase));
}

/** The FTS5 MATCH text for a query, or null when some term cannot match any indexed word. */
export function buildMatchExpression(query: AnalysedQuery, vocabulary: Vocabulary): string | null {
  const groups: string[] = [];
  for (let i = 0; i < query.terms.length; ) {
    const span = query.spans.find((candidate) => candidate.start === i);
    const length = span?.length ?? 1;
    const terms = query.terms.slice(i, i + length).map((term) => termExpression(term, vocabulary));
    const together = terms.every((term) => term !== null) ? terms.join(' AND ') : null;
    const readings = span ? span.alternatives.filter((alternative) => canMatch(alternative, vocabulary)).map(phrase) : [];
    const group = anyOf([...(together === null ? [] : [length > 1 ? `(${together})` : together]), ...readings]);
    if (group === null) return null;
    groups.push(group);
    i += length;
  }
  return groups.length === 0 ? null : groups.join(' AND ');
}

/** Restrict an expression to some columns (`{name producer} : (…)`), or leave it whole. */
export function scopeExpression(expression: string, columns: readonly string[] | null): string {
  return columns === null ? expression : `{${columns.join(' ')}} : (${expression})`;
}
