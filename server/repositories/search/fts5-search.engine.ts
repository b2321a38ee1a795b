import type Database from 'better-sqlite3';
import { analyseQuery, dropLastTerm, type AnalysedQuery } from '../../domain/query-analysis';
import type { FacetCounts, SearchEngine, SearchRequest, SearchResult } from '../../domain/search-types';
import { findMatches, orderMatches, type Matches, type MatchPlan } from './fts5-candidates';
import { createDocStore } from './fts5-doc-store';
import { buildMatchExpression } from './fts5-expression';
import { planFilters } from './fts5-filter-tokens';
import { createFts5Reader } from './fts5-reader';
import { ensureFts5Schema } from './fts5-schema';
import { loadFts5Vocabulary, type Fts5Vocabulary } from './fts5-vocabulary';
import { createFts5Writer } from './fts5-writer';
import { describeCorrections } from './corrections';
import { rerankCandidates, type RankedCandidate } from './rerank';

// The embedded search engine (the default): SQLite FTS5 over folded text in the app's own
// database, the shared query analyser, and a re-ranker over ≤200 candidates. It keeps
// in-memory copies (filter columns, vocabulary, recent texts) in step with its own writes,
// so a database gets one engine instance.

/** Documents re-ranked per query; the rest follow in candidate order. */
export const RERANK_LIMIT = 200;
const MAX_LIMIT = 1000;
const NAME_ONLY = ['name'] as const;

/** Create the embedded FTS5 engine over this database, creating its tables when missing. */
export function createFts5SearchEngine(db: Database.Database): SearchEngine {
  ensureFts5Schema(db);
  const store = createDocStore();
  const reader = createFts5Reader(db);
  const writer = createFts5Writer(db, store);
  reader.loadStore(store);
  let vocabulary: Fts5Vocabulary = loadFts5Vocabulary(db);
  let allFacets: { today: string; facets: FacetCounts } | null = null;
  const refresh = () => {
    vocabulary = loadFts5Vocabulary(db);
    allFacets = null;
    reader.forgetTexts();
    // Sort for browsing now (0.05 s at 20k products), not in the next shopper's request.
    store.browsingOrder();
  };

  function search(request: SearchRequest): SearchResult {
    const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(request.limit)));
    const offset = Math.max(0, Math.floor(request.offset));
    const filters = planFilters(request.filters, vocabulary.filterTokenCount, store.size);
    const check = filters.residual ? store.compileFilter(filters.residual, request.today) : null;
    let query = analyseQuery(request.q, vocabulary.words);
    if (filters.impossible) return emptyResult(request, query, []);
    if (request.q.trim() === '') return browse(request, limit, offset);

    const dropped: string[] = [];
    // Drop trailing words only while nothing matches (Meilisearch's matchingStrategy "last").
    for (;;) {
      const words = buildMatchExpression(query, vocabulary.words);
      if (words !== null) {
        const plan: MatchPlan = { words, scope: isLoneShortPrefix(query) ? NAME_ONLY : null, filters: filters.clause, check };
        const matches = findMatches(reader, store, plan, request.facets);
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
    if (!filter) {
      return browseResult(request, Array.prototype.slice.call(ordered, offset, offset + limit) as number[], ordered.length, () => facetsOf(ordered, true, request.today));
    }
    // Total and facets visit the passing documents in slot order, which is storage order:
    // in browsing order every column read would be a cache miss.
    const passing = store.liveSlots(filter);
    const page: number[] = [];
    for (let i = 0, skipped = 0; i < ordered.length && page.length < limit; i += 1) {
      const slot = ordered[i] as number;
      if (filter(slot) && skipped++ >= offset) page.push(slot);
    }
    return browseResult(request, page, passing.length, () => store.countFacets(passing, request.today));
  }

  function browseResult(request: SearchRequest, page: number[], total: number, facets: () => FacetCounts): SearchResult {
    return {
      hits: page.map((slot) => ({ id: store.idAt(slot), score: 1 })),
      total,
      facets: request.facets ? facets() : null,
      query: { raw: request.q, interpreted: '', corrections: [] },
      engine: 'fts5',
    };
  }

  /** Facets of the whole catalogue are asked for on every visit to the directory: keep them. */
  function facetsOf(slots: ArrayLike<number>, everything: boolean, today: string): FacetCounts {
    if (!everything) return store.countFacets(slots, today);
    if (!allFacets || allFacets.today !== today) allFacets = { today, facets: store.countFacets(slots, today) };
    return allFacets.facets;
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
      writer.apply(upserts, deletes);
      refresh();
    },
    async rebuild(documents, onProgress) {
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
