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

/** A query as FTS5 reads it: phrases (the last word maybe a prefix) under AND and OR. */
export type MatchNode =
  | { kind: 'phrase'; words: readonly string[]; prefix: boolean }
  | { kind: 'and' | 'or'; children: MatchNode[] };

/** The indexed words a one-word prefix stands for, or null to leave it a prefix for FTS5. */
export type PrefixExpansion = (prefix: string) => readonly string[] | null;

function phraseOf(alternative: QueryAlternative, expand: PrefixExpansion | undefined): MatchNode {
  const words = alternative.prefix && alternative.words.length === 1 && expand ? expand(alternative.words[0] as string) : null;
  if (words && words.length > 0) return combine('or', words.map((word) => ({ kind: 'phrase', words: [word], prefix: false }))) as MatchNode;
  return { kind: 'phrase', words: alternative.words, prefix: alternative.prefix };
}

function combine(kind: 'and' | 'or', children: MatchNode[]): MatchNode | null {
  if (children.length === 0) return null;
  return children.length === 1 ? (children[0] as MatchNode) : { kind, children };
}

function termNode(term: QueryTerm, vocabulary: Vocabulary, expand: PrefixExpansion | undefined): MatchNode | null {
  return combine('or', term.alternatives.filter((alternative) => canMatch(alternative, vocabulary)).map((alternative) => phraseOf(alternative, expand)));
}

/**
 * The query as a tree of phrases, or null when some term cannot match any indexed word.
 * `expand` may replace a one-word prefix by the indexed words it stands for: the same
 * documents, but FTS5 can skip through each word's list instead of merging every list
 * with that prefix up front.
 */
export function buildMatchTree(query: AnalysedQuery, vocabulary: Vocabulary, expand?: PrefixExpansion): MatchNode | null {
  const groups: MatchNode[] = [];
  for (let i = 0; i < query.terms.length; ) {
    const span = query.spans.find((candidate) => candidate.start === i);
    const length = span?.length ?? 1;
    const terms = query.terms.slice(i, i + length).map((term) => termNode(term, vocabulary, expand));
    const together = terms.every((term) => term !== null) ? combine('and', terms as MatchNode[]) : null;
    const readings = span ? span.alternatives.filter((alternative) => canMatch(alternative, vocabulary)).map((alternative) => phraseOf(alternative, expand)) : [];
    const group = combine('or', [...(together === null ? [] : [together]), ...readings]);
    if (group === null) return null;
    groups.push(group);
    i += length;
  }
  // The outermost AND is kept even around one group: it renders without parentheses.
  return groups.length === 0 ? null : { kind: 'and', children: groups };
}

/** One phrase in MATCH syntax: `"ga doi"`, `"ong"*`. */
export function renderPhrase(words: readonly string[], prefix: boolean): string {
  return `"${words.join(' ')}"${prefix ? '*' : ''}`;
}

/** A tree in FTS5 MATCH syntax; nested groups are parenthesised, the outermost AND is not. */
export function renderMatchTree(node: MatchNode, outermost = true): string {
  if (node.kind === 'phrase') return renderPhrase(node.words, node.prefix);
  const text = node.children.map((child) => renderMatchTree(child, false)).join(node.kind === 'and' ? ' AND ' : ' OR ');
  return outermost && node.kind === 'and' ? text : `(${text})`;
}

/** The FTS5 MATCH text for a query, or null when some term cannot match any indexed word. */
export function buildMatchExpression(query: AnalysedQuery, vocabulary: Vocabulary): string | null {
  const tree = buildMatchTree(query, vocabulary);
  return tree === null ? null : renderMatchTree(tree);
}

/** Restrict an expression to some columns (`{name producer} : (…)`), or leave it whole. */
export function scopeExpression(expression: string, columns: readonly string[] | null): string {
  return columns === null ? expression : `{${columns.join(' ')}} : (${expression})`;
}
