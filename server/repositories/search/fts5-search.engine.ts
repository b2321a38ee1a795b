import type Database from 'better-sqlite3';
import { analyseQuery, dropLastTerm, type AnalysedQuery } from '../../domain/query-analysis';
import type { FacetCounts, SearchEngine, SearchFilters, SearchRequest, SearchResult } from '../../domain/search-types';
import { findMatches, orderMatches, type Matches, type MatchPlan } from './fts5-candidates';
import { createDocStore } from './fts5-doc-store';
import { buildMatchTree, renderMatchTree } from './fts5-expression';
import { createFilterCache } from './fts5-filter-cache';
import { planFilters } from './fts5-filter-tokens';
import { createMatchSets, type MatchSetOptions } from './fts5-match-sets';
import { createFts5Reader, ftsQuery } from './fts5-reader';
import { ensureFts5Schema, PREFIX_INDEX_LENGTHS } from './fts5-schema';
import { loadFts5Vocabulary, type Fts5Vocabulary } from './fts5-vocabulary';
import { createFts5Writer } from './fts5-writer';
import { describeCorrections } from '../../domain/search-corrections';
import { rerankCandidates, type RankedCandidate } from '../../domain/search-rerank';

// The embedded search engine (the default): SQLite FTS5 over folded text in the app's own
// database, the shared query analyser, and a re-ranker over ≤200 candidates. It keeps
// in-memory copies (filter columns, vocabulary, recent texts, bitsets of broad words,
// browsing totals) in step with its own writes, so a database gets one engine instance.

/** Documents re-ranked per query; the rest follow in candidate order. */
export const RERANK_LIMIT = 200;
const MAX_LIMIT = 1000;
const NAME_ONLY = ['name'] as const;

export interface Fts5EngineOptions {
  /** Bitsets of broad words for queries that list every match (fts5-match-sets.ts); maxSets 0 turns them off. */
  matchSets?: Partial<MatchSetOptions>;
  /** Filter combinations whose totals, facets and bitsets are kept until the next write (fts5-filter-cache.ts); 0 keeps none. */
  filterCacheSize?: number;
}

/**
 * Words held by at least this share of the documents (and MIN_BROAD_DOCUMENTS) get a
 * remembered bitset: below it FTS5 lists the matches in well under a millisecond.
 */
const BROAD_SHARE = 0.01;
const MIN_BROAD_DOCUMENTS = 500;
/** A longer prefix standing for more words than this stays a prefix query. */
const MAX_PREFIX_WORDS = 12;
/** Facets with thousands of places are ~100 KB each, a bitset 25 KB at 200k products. */
const FILTER_CACHE_SIZE = 32;
/** 256 bitsets are 6.4 MB at 200k products. */
const MAX_MATCH_SETS = 256;

/** Create the embedded FTS5 engine over this database, creating its tables when missing. */
export function createFts5SearchEngine(db: Database.Database, options: Fts5EngineOptions = {}): SearchEngine {
  ensureFts5Schema(db);
  const store = createDocStore();
  const reader = createFts5Reader(db);
  const writer = createFts5Writer(db, store);
  reader.loadStore(store);
  let vocabulary: Fts5Vocabulary = loadFts5Vocabulary(db);
  // A phrase is in at most as many documents as its rarest word.
  const documentsOf = (words: readonly string[], prefix: boolean) =>
    Math.min(...words.map((word, i) => (prefix && i === words.length - 1 ? vocabulary.prefixCount(word) : vocabulary.words.frequency(word))));
  const matchSets = createMatchSets(reader, store, documentsOf, {
    get minDocuments() {
      return options.matchSets?.minDocuments ?? Math.max(MIN_BROAD_DOCUMENTS, BROAD_SHARE * store.size);
    },
    maxSets: options.matchSets?.maxSets ?? MAX_MATCH_SETS,
  });
  // Prefixes longer than FTS5's prefix index are cheaper as the few words they stand for.
  // The vocabulary is reloaded after every write, so the words are the index's own.
  const expandPrefix = (prefix: string) =>
    prefix.length > Math.max(...PREFIX_INDEX_LENGTHS) ? vocabulary.wordsWithPrefix(prefix, MAX_PREFIX_WORDS) : null;
  const selectiveCandidates = (filters: SearchFilters): number[] | null => {
    const { clause } = planFilters(filters, vocabulary.filterTokenCount, store.size);
    if (clause === null) return null;
    const slots: number[] = [];
    for (const rowid of reader.allRowids(ftsQuery(clause, null))) {
      const slot = store.slotOf(rowid);
      if (slot >= 0) slots.push(slot);
    }
    return slots;
  };
  const filterCache = createFilterCache(store, selectiveCandidates, options.filterCacheSize ?? FILTER_CACHE_SIZE);
  const refresh = () => {
    vocabulary = loadFts5Vocabulary(db);
    filterCache.clear();
    reader.forgetTexts();
    // Sort for browsing and rowid order now (0.05 s at 20k products), not in the next shopper's request.
    store.prepare();
  };

  function search(request: SearchRequest): SearchResult {
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(request.limit)));
    const offset = Math.max(0, Math.floor(request.offset));
    const filters = planFilters(request.filters, vocabulary.filterTokenCount, store.size);
    const check = filters.residual ? store.compileFilter(filters.residual, request.today) : null;
    const passing = () => filterCache.passingBits(request.filters, request.today);
    let query = analyseQuery(request.q, vocabulary.words);
    if (filters.impossible) return emptyResult(request, query, []);
    if (request.q.trim() === '') return browse(request, limit, offset);

    const dropped: string[] = [];
    // Drop trailing words only while nothing matches (Meilisearch's matchingStrategy "last").
    for (;;) {
      const tree = buildMatchTree(query, vocabulary.words, expandPrefix);
      if (tree !== null) {
        const plan: MatchPlan = { words: renderMatchTree(tree), tree, scope: isLoneShortPrefix(query) ? NAME_ONLY : null, filters: filters.clause, check, passing };
        const matches = findMatches(reader, store, matchSets, plan, request.facets);
        if (matches.total > 0) return rank(request, query, dropped, plan, matches, limit, offset);
      }
      if (query.terms.length <= 1) return emptyResult(request, query, dropped);
      dropped.unshift(query.terms[query.terms.length - 1]?.text ?? '');
      query = dropLastTerm(query);
    }
  }

  function rank(request: SearchRequest, query: AnalysedQuery, dropped: string[], plan: MatchPlan, matches: Matches, limit: number, offset: number): SearchResult {
    const ordered = orderMatches(reader, store, plan, matches, Math.max(RERANK_LIMIT, offset + limit));
    const ranked = rerankCandidates(query, reader.candidates(ordered.slice(0, RERANK_LIMIT).map((slot) => store.rowidAt(slot))));
    const floor = ranked[ranked.length - 1]?.score ?? 1;
    // Past the re-ranked head, keep candidate order with scores below the head's.
    const rest: RankedCandidate[] = ordered
      .slice(RERANK_LIMIT)
      .map((slot, i, all) => ({ rowid: store.rowidAt(slot), score: floor * (1 - (i + 1) / (all.length + 1)) }));
    const page = [...ranked, ...rest].slice(offset, offset + limit);
    const topNames = ranked.slice(0, 3).map((candidate) => store.nameAt(store.slotOf(candidate.rowid)));
    return {
      hits: page.map((hit) => ({ id: store.idAt(store.slotOf(hit.rowid)), score: hit.score })),
      total: matches.total,
      facets: request.facets ? store.countFacets(matches.slots ?? [], request.today) : null,
      query: { raw: request.q, interpreted: query.interpreted, corrections: describeCorrections(query, dropped, topNames) },
      engine: 'fts5',
    };
  }

  /**
   * An empty query lists every document that passes the filters, by stars then name. One
   * pass over the in-memory columns (~5 ns a document) beats asking FTS5 for broad filters.
   */
  function browse(request: SearchRequest, limit: number, offset: number): SearchResult {
    const ordered = store.browsingOrder();
    const filter = store.compileFilter(request.filters, request.today);
    let page: number[];
    if (!filter) page = Array.prototype.slice.call(ordered, offset, offset + limit) as number[];
    else {
      page = [];
      for (let i = 0, skipped = 0; i < ordered.length && page.length < limit; i += 1) {
        const slot = ordered[i] as number;
        if (filter(slot) && skipped++ >= offset) page.push(slot);
      }
    }
    const summary = filterCache.summary(request.filters, request.today, request.facets);
    return {
      hits: page.map((slot) => ({ id: store.idAt(slot), score: 1 })),
      total: summary.total,
      facets: request.facets ? summary.facets : null,
      query: { raw: request.q, interpreted: '', corrections: [] },
      engine: 'fts5',
    };
  }

  function emptyResult(request: SearchRequest, query: AnalysedQuery, dropped: string[]): SearchResult {
    return {
      hits: [],
      total: 0,
      facets: request.facets ? emptyFacets() : null,
      query: { raw: request.q, interpreted: query.interpreted, corrections: describeCorrections(query, dropped, []) },
      engine: 'fts5',
    };
  }

  return {
    name: 'fts5',
    async search(request) {
      return search(request);
    },
    async apply(upserts, deletes) {
      if (upserts.length === 0 && deletes.length === 0) return;
      matchSets.update(writer.apply(upserts, deletes));
      refresh();
    },
    async rebuild(documents, onProgress) {
      matchSets.clear();
      writer.rebuild(documents, onProgress);
      refresh();
    },
  };
}

/** One or two letters typed alone: match product names only, where the user is starting to type. */
function isLoneShortPrefix(query: AnalysedQuery): boolean {
  return query.terms.length === 1 && query.lastTermIsPrefix && (query.terms[0]?.text.length ?? 0) <= 2;
}

function emptyFacets(): FacetCounts {
  return { stars: {}, ocopGroup: {}, placeId: {}, markId: {}, awardYear: {}, certificate: {} };
}
