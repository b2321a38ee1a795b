// The offline search engine: the server's embedded engine (fts5-search.engine.ts) without
// SQLite. Same folding, same query analyser (Telex/VNI leftovers, typos, split/join,
// synonyms, a last word still being typed), the same "drop the last word while nothing
// matches" retry, the same re-ranker, filters and facets. The registry is a few hundred
// products, so matching is a scan over folded token arrays built once per copy version.
import { analyseQuery, dropLastTerm, type AnalysedQuery, type QueryAlternative } from '../../server/domain/query-analysis';
import type { FacetCounts, SearchDocument, SearchFilters } from '../../server/domain/search-types';
import { foldedWords } from '../../server/domain/vietnamese';
import { createVocabulary, type Vocabulary } from '../../server/domain/vocabulary';
// Pure ranking and "did you mean" code shared with the server's engine, so results agree.
import { describeCorrections } from '../../server/domain/search-corrections';
import { rerankCandidates } from '../../server/domain/search-rerank';

export interface IndexedDocument {
  doc: SearchDocument;
  /** Folded name, producer, places, aliases, category; multi-valued fields joined by " ; " (as the re-ranker expects). */
  fields: string[];
  /** The words of each field, for phrase matching. */
  words: string[][];
  placeIds: ReadonlySet<string>;
  markIds: ReadonlySet<string>;
  awardYears: ReadonlySet<number>;
}

export interface SearchIndex {
  documents: readonly IndexedDocument[];
  vocabulary: Vocabulary;
  /** Documents by stars (highest first), then folded name, then name. */
  browsingOrder: readonly IndexedDocument[];
}

export interface SearchPage {
  ids: string[];
  total: number;
  facets: FacetCounts;
  query: { raw: string; interpreted: string; corrections: string[] };
}

const VALUE_SEPARATOR = ' ; ';
const fold = (text: string) => foldedWords(text).join(' ');

/** Index search documents: folded fields, vocabulary with document counts, browsing order. */
export function buildSearchIndex(docs: readonly SearchDocument[]): SearchIndex {
  const frequency = new Map<string, number>();
  const documents = docs.map((doc): IndexedDocument => {
    const join = (values: string[]) => values.map(fold).filter((value) => value !== '').join(VALUE_SEPARATOR);
    const fields = [fold(doc.name), fold(doc.producer), join(doc.places), join(doc.aliases), fold(doc.category)];
    const words = fields.map((field) => field.split(' ').filter((word) => word !== '' && word !== ';'));
    for (const word of new Set(words.flat())) frequency.set(word, (frequency.get(word) ?? 0) + 1);
    return { doc, fields, words, placeIds: new Set(doc.placeIds), markIds: new Set(doc.markIds), awardYears: new Set(doc.awardYears) };
  });
  const browsingOrder = [...documents].sort(
    (a, b) => (b.doc.stars ?? -1) - (a.doc.stars ?? -1) || compare(a.fields[0] as string, b.fields[0] as string) || compare(a.doc.name, b.doc.name),
  );
  return { documents, vocabulary: createVocabulary(frequency), browsingOrder };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type CertificateState = 'valid' | 'expired' | 'unknown' | 'none';

function certificateOf(doc: SearchDocument, today: string): CertificateState {
  if (doc.stars === null) return 'none';
  if (!doc.certValidUntil) return 'unknown';
  return doc.certValidUntil >= today ? 'valid' : 'expired';
}

interface FilterTest {
  test: (d: IndexedDocument) => boolean;
  /** Depends on today's date (valid / expired), so never judged impossible up front. */
  dated: boolean;
}

/** One test per filter that is set. */
function filterTests(filters: SearchFilters, today: string): FilterTest[] {
  const tests: FilterTest[] = [];
  const add = (test: (d: IndexedDocument) => boolean, dated = false) => tests.push({ test, dated });
  if (filters.stars && filters.stars.length > 0) {
    const allowed = new Set(filters.stars);
    add((d) => d.doc.stars !== null && allowed.has(d.doc.stars));
  }
  const { ocopGroup, placeId, markId, awardYear, certificate } = filters;
  if (ocopGroup !== undefined) add((d) => d.doc.ocopGroup === ocopGroup);
  if (placeId !== undefined) add((d) => d.placeIds.has(placeId));
  if (markId !== undefined) add((d) => d.markIds.has(markId));
  if (awardYear !== undefined) add((d) => d.awardYears.has(awardYear));
  if (certificate !== undefined) add((d) => certificateOf(d.doc, today) === certificate, certificate === 'valid' || certificate === 'expired');
  return tests;
}

/** True when every word of the reading exists in the index (the last as a prefix if it is one). */
function canMatch(alternative: QueryAlternative, vocabulary: Vocabulary): boolean {
  const last = alternative.words.length - 1;
  return alternative.words.every((word, i) => (i === last && alternative.prefix ? vocabulary.hasPrefix(word) : vocabulary.frequency(word) > 0));
}

/** True when the reading's words stand consecutively in the field (the last may be a prefix). */
function hasPhrase(alternative: QueryAlternative, words: readonly string[]): boolean {
  const phrase = alternative.words;
  const last = phrase.length - 1;
  for (let start = 0; start + last < words.length; start += 1) {
    let ok = true;
    for (let k = 0; k < last && ok; k += 1) ok = words[start + k] === phrase[k];
    if (!ok) continue;
    const word = words[start + last] as string;
    const target = phrase[last] as string;
    if (word === target || (alternative.prefix && word.startsWith(target))) return true;
  }
  return false;
}

/**
 * One term, or a span of terms that can also be read together ("st 25" → "st25"): it
 * matches when every term matches through one of its readings, or when one reading of
 * the whole span does. This is the server's buildMatchExpression, evaluated directly.
 */
interface MatchGroup {
  /** Matchable readings of each term; null when some term has none. */
  terms: QueryAlternative[][] | null;
  spanReadings: QueryAlternative[];
}

/** The groups of a query, or null when some group cannot match anything in the index. */
function matchGroups(query: AnalysedQuery, vocabulary: Vocabulary): MatchGroup[] | null {
  const groups: MatchGroup[] = [];
  for (let i = 0; i < query.terms.length; ) {
    const span = query.spans.find((candidate) => candidate.start === i);
    const length = span?.length ?? 1;
    const terms = query.terms.slice(i, i + length).map((term) => term.alternatives.filter((a) => canMatch(a, vocabulary)));
    const group: MatchGroup = {
      terms: terms.every((readings) => readings.length > 0) ? terms : null,
      spanReadings: span ? span.alternatives.filter((a) => canMatch(a, vocabulary)) : [],
    };
    if (group.terms === null && group.spanReadings.length === 0) return null;
    groups.push(group);
    i += length;
  }
  return groups.length === 0 ? null : groups;
}

function groupMatches(group: MatchGroup, d: IndexedDocument, fieldCount: number): boolean {
  const has = (alternative: QueryAlternative) => {
    for (let f = 0; f < fieldCount; f += 1) if (hasPhrase(alternative, d.words[f] as string[])) return true;
    return false;
  };
  return (group.terms !== null && group.terms.every((readings) => readings.some(has))) || group.spanReadings.some(has);
}

/** One or two letters typed alone: match product names only, where the user is starting to type. */
function isLoneShortPrefix(query: AnalysedQuery): boolean {
  return query.terms.length === 1 && query.lastTermIsPrefix && (query.terms[0]?.text.length ?? 0) <= 2;
}

/** Facet counts over these documents, keyed as the server's FacetCounts. */
export function countFacets(documents: readonly IndexedDocument[], today: string): FacetCounts {
  const facets: FacetCounts = { stars: {}, ocopGroup: {}, placeId: {}, markId: {}, awardYear: {}, certificate: {} };
  const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  for (const { doc, placeIds, markIds, awardYears } of documents) {
    if (doc.stars !== null) bump(facets.stars, String(doc.stars));
    bump(facets.certificate, certificateOf(doc, today));
    if (doc.ocopGroup !== null) bump(facets.ocopGroup, doc.ocopGroup);
    for (const id of placeIds) bump(facets.placeId, id);
    for (const id of markIds) bump(facets.markId, id);
    for (const year of awardYears) bump(facets.awardYear, String(year));
  }
  return facets;
}

/** Run a query over the index: the page of ids, the total, facets over every match. */
export function searchIndex(index: SearchIndex, request: { q: string; filters: SearchFilters; limit: number; offset: number; today: string }): SearchPage {
  const limit = Math.max(0, Math.floor(request.limit));
  const offset = Math.max(0, Math.floor(request.offset));
  const tests = filterTests(request.filters, request.today);
  const passes = (d: IndexedDocument) => tests.every(({ test }) => test(d));
  let query = analyseQuery(request.q, index.vocabulary);
  const page = (matches: readonly IndexedDocument[], interpreted: string, corrections: string[]): SearchPage => ({
    ids: matches.slice(offset, offset + limit).map((d) => d.doc.id),
    total: matches.length,
    facets: countFacets(matches, request.today),
    query: { raw: request.q, interpreted, corrections },
  });
  // A filter value no product has (the server's "impossible" plan) answers at once.
  if (tests.some(({ test, dated }) => !dated && !index.documents.some(test))) return page([], query.interpreted, describeCorrections(query, [], []));
  if (request.q.trim() === '') return page(index.browsingOrder.filter(passes), '', []);

  const dropped: string[] = [];
  // Drop trailing words only while nothing matches (Meilisearch's matchingStrategy "last").
  for (;;) {
    const groups = matchGroups(query, index.vocabulary);
    if (groups) {
      const fieldCount = isLoneShortPrefix(query) ? 1 : 5;
      const current = query;
      const matches = index.documents.filter((d) => passes(d) && groups.every((group) => groupMatches(group, d, fieldCount)));
      if (matches.length > 0) {
        const ranked = rerankCandidates(current, matches.map((d, i) => ({ rowid: i, name: d.doc.name, fields: d.fields, stars: d.doc.stars })));
        const ordered = ranked.map((r) => matches[r.rowid] as IndexedDocument);
        const topNames = ordered.slice(0, 3).map((d) => d.doc.name);
        return page(ordered, current.interpreted, describeCorrections(current, dropped, topNames));
      }
    }
    if (query.terms.length <= 1) return page([], query.interpreted, describeCorrections(query, dropped, []));
    dropped.unshift(query.terms[query.terms.length - 1]?.text ?? '');
    query = dropLastTerm(query);
  }
}
