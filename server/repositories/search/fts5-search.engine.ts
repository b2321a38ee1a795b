import type Database from 'better-sqlite3';
import { analyseQuery, dropLastTerm, type AnalysedQuery } from '../../domain/query-analysis';
import type { FacetCounts, SearchEngine, SearchRequest, SearchResult } from '../../domain/search-types';
import { findMatches, orderMatches, type Matches, type MatchPlan } from './fts5-candidates';
import { createDocStore, type DocFilter } from './fts5-doc-store';
import { buildMatchTree, renderMatchTree } from './fts5-expression';
import { planFilters } from './fts5-filter-tokens';
import { createMatchSets, type MatchSetOptions } from './fts5-match-sets';
import { createFts5Reader } from './fts5-reader';
import { ensureFts5Schema, PREFIX_INDEX_LENGTHS } from './fts5-schema';
import { loadFts5Vocabulary, type Fts5Vocabulary } from './fts5-vocabulary';
import { createFts5Writer } from './fts5-writer';
import { describeCorrections } from './corrections';
import { rerankCandidates, type RankedCandidate } from './rerank';

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
  /** Browsing totals and facets kept per filter combination until the next write; 0 keeps none. */
  browseCacheSize?: number;
}

interface BrowseSummary {
  total: number;
  facets: FacetCounts | null;
}

const everyDocument: DocFilter = () => true;

/**
 * Words held by at least this share of the documents (and MIN_BROAD_DOCUMENTS) get a
 * remembered bitset: below it FTS5 lists the matches in well under a millisecond.
 */
const BROAD_SHARE = 0.01;
const MIN_BROAD_DOCUMENTS = 500;
/** A longer prefix standing for more words than this stays a prefix query. */
const MAX_PREFIX_WORDS = 12;
/** Facets with thousands of places are ~100 KB each. */
const BROWSE_CACHE_SIZE = 32;
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
  const browseCacheSize = options.browseCacheSize ?? BROWSE_CACHE_SIZE;
  const browseSummaries = new Map<string, BrowseSummary>();
  const refresh = () => {
    vocabulary = loadFts5Vocabulary(db);
    browseSummaries.clear();
    reader.forgetTexts();
    // Sort for browsing and rowid order now (0.05 s at 20k products), not in the next shopper's request.
    store.prepare();
  };

  function search(request: SearchRequest): SearchResult {
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(request.limit)));
    const offset = Math.max(0, Math.floor(request.offset));
    const filters = planFilters(request.filters, vocabulary.filterTokenCount, store.size);
    const check = filters.residual ? store.compileFilter(filters.residual, request.today) : null;
    const pass = store.compileFilter(request.filters, request.today);
    let query = analyseQuery(request.q, vocabulary.words);
    if (filters.impossible) return emptyResult(request, query, []);
    if (request.q.trim() === '') return browse(request, limit, offset);

    const dropped: string[] = [];
    // Drop trailing words only while nothing matches (Meilisearch's matchingStrategy "last").
    for (;;) {
      const tree = buildMatchTree(query, vocabulary.words, expandPrefix);
      if (tree !== null) {
        const plan: MatchPlan = { words: renderMatchTree(tree), tree, scope: isLoneShortPrefix(query) ? NAME_ONLY : null, filters: filters.clause, check, pass };
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
    const summary = browseSummary(request, filter);
    return {
      hits: page.map((slot) => ({ id: store.idAt(slot), score: 1 })),
      total: summary.total,
      facets: request.facets ? summary.facets : null,
      query: { raw: request.q, interpreted: '', corrections: [] },
      engine: 'fts5',
    };
  }

  /**
   * Total and facets of browsing with these filters. The directory asks for the same few
   * filter combinations again and again, each costing a pass over every passing document
   * (4 ms for 90k of them), so the latest are kept until the index changes.
   */
  function browseSummary(request: SearchRequest, filter: DocFilter | null): BrowseSummary {
    const f = request.filters;
    const key = JSON.stringify([request.today, f.stars?.length ? [...f.stars].sort() : null, f.ocopGroup, f.placeId, f.markId, f.awardYear, f.certificate]);
    const known = browseSummaries.get(key);
    if (known && (known.facets || !request.facets)) {
      browseSummaries.delete(key);
      browseSummaries.set(key, known);
      return known;
    }
    // Slot order is storage order: in browsing order every column read would be a cache miss.
    const passing = store.liveSlots(filter ?? everyDocument);
    const summary = { total: passing.length, facets: request.facets ? store.countFacets(passing, request.today) : null };
    if (browseCacheSize > 0) {
      browseSummaries.delete(key);
      if (browseSummaries.size >= browseCacheSize) browseSummaries.delete(browseSummaries.keys().next().value as string);
      browseSummaries.set(key, summary);
    }
    return summary;
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
