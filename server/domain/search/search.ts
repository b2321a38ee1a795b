// One search over the in-memory index, the same online (the server's embedded engine) and
// offline (the PWA): the shared query analyser (Telex/VNI, typos, split/join, synonyms, a
// last word still being typed), trailing words dropped only while nothing matches
// (Meilisearch's matchingStrategy "last"), filters and facets over every match, and the
// shared re-ranker over the best RERANK_LIMIT candidates.
import { analyseQuery, dropLastTerm, type AnalysedQuery } from '../query-analysis';
import type { FacetCounts, SearchHit, SearchRequest } from '../search-types';
import { describeCorrections } from './corrections';
import { compileFilters, countFacets } from './filters';
import { matchQuery, releaseSlots, type SlotBits } from './matching';
import { rerankCandidates, type RankedCandidate } from './rerank';
import { IN_HEAD, IN_NAME, type SearchIndex } from './search-index';

/** Matches re-ranked per query; past them, matches follow in candidate order. */
export const RERANK_LIMIT = 200;
const MAX_LIMIT = 1000;
/** Empty-query answers remembered per index: a filter's slots are 80 KB at 20,000 products. */
const BROWSE_CACHE_SIZE = 16;

/** What the index is asked: the engines' own request (query, filters, page, facets, today). */
export type IndexRequest = SearchRequest;

export interface IndexPage {
  hits: SearchHit[];
  total: number;
  facets: FacetCounts | null;
  query: { raw: string; interpreted: string; corrections: string[] };
}

/** Run a query over the index: a page of hits, the total, and facets over every match when asked. */
export function searchIndex(index: SearchIndex, request: IndexRequest): IndexPage {
  const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(request.limit)));
  const offset = Math.max(0, Math.floor(request.offset));
  const filters = compileFilters(index, request.filters, request.today);
  const facetsOf = (slots: ArrayLike<number>) => (request.facets ? countFacets(index, slots, request.today) : null);
  let query = analyseQuery(request.q, index.vocabulary);
  const nothing = (dropped: string[]): IndexPage => ({
    hits: [],
    total: 0,
    facets: facetsOf([]),
    query: { raw: request.q, interpreted: query.interpreted, corrections: describeCorrections(query, dropped, []) },
  });
  if (filters.impossible) return nothing([]);
  if (request.q.trim() === '') return browse(index, request, filters.test, limit, offset, request.facets);

  const dropped: string[] = [];
  for (;;) {
    const namesOnly = isLoneShortPrefix(query);
    const matched = matchQuery(index, query, namesOnly);
    if (matched) {
      try {
        keepPassing(matched, filters.test, namesOnly ? IN_NAME : 0);
        if (matched.slots.length > 0) return rank(index, query, dropped, matched, limit, offset, facetsOf);
      } finally {
        releaseSlots(index, matched);
      }
    }
    // Nothing matches even the first word: once some were dropped, it is unmatched too (the
    // directory would otherwise say the dropped words, which may match alone, found nothing).
    if (query.terms.length <= 1) return nothing(dropped.length > 0 ? [query.terms[0]?.text ?? '', ...dropped] : dropped);
    dropped.unshift(query.terms[query.terms.length - 1]?.text ?? '');
    query = dropLastTerm(query);
  }
}

/** Keep the matches that pass the filters and, for a short prefix alone, are in the name. */
function keepPassing(matched: SlotBits, test: ((slot: number) => boolean) | null, requiredBits: number): void {
  if (!test && requiredBits === 0) return;
  const kept: number[] = [];
  for (const slot of matched.slots) {
    if (((matched.mask[slot] as number) & requiredBits) === requiredBits && (!test || test(slot))) kept.push(slot);
    else matched.mask[slot] = 0;
  }
  matched.slots = kept;
}

function rank(
  index: SearchIndex,
  query: AnalysedQuery,
  dropped: string[],
  matched: SlotBits,
  limit: number,
  offset: number,
  facetsOf: (slots: ArrayLike<number>) => FacetCounts | null,
): IndexPage {
  const ordered = matched.slots.length <= RERANK_LIMIT ? matched.slots : inCandidateOrder(index, matched, Math.max(RERANK_LIMIT, offset + limit));
  const head = ordered.slice(0, RERANK_LIMIT);
  const ranked = rerankCandidates(
    query,
    head.map((slot) => ({ rowid: slot, name: index.documents[slot]!.name, fields: index.fields[slot] as readonly string[], stars: index.documents[slot]!.stars })),
  );
  const floor = ranked[ranked.length - 1]?.score ?? 1;
  // Past the re-ranked head, keep candidate order with scores below the head's.
  const rest: RankedCandidate[] = ordered.slice(RERANK_LIMIT).map((slot, i, all) => ({ rowid: slot, score: floor * (1 - (i + 1) / (all.length + 1)) }));
  const page = [...ranked, ...rest].slice(offset, offset + limit);
  const topNames = ranked.slice(0, 3).map((candidate) => index.documents[candidate.rowid]!.name);
  return {
    hits: page.map((hit) => ({ id: index.documents[hit.rowid]!.id, score: hit.score })),
    total: matched.slots.length,
    facets: facetsOf(matched.slots),
    query: { raw: query.raw, interpreted: query.interpreted, corrections: describeCorrections(query, dropped, topNames) },
  };
}

/**
 * The first `wanted` matches in candidate order, tier by tier: every word in the name,
 * then in name or producer, then anywhere. Candidate order (short names, then stars) is
 * close to the re-ranker's after proximity, so the head holds what it would put first.
 */
function inCandidateOrder(index: SearchIndex, matched: SlotBits, wanted: number): number[] {
  const tierOf = (bits: number) => (bits & IN_NAME ? 0 : bits & IN_HEAD ? 1 : 2);
  const sizes = [0, 0, 0];
  for (const slot of matched.slots) sizes[tierOf(matched.mask[slot] as number)]! += 1;
  // Stop once the tiers read so far are complete enough to fill `wanted` in order.
  const enough = (tiers: number[][]) => {
    let filled = 0;
    for (let t = 0; t < 3; t += 1) {
      filled += (tiers[t] as number[]).length;
      if (filled >= wanted) return true;
      if ((tiers[t] as number[]).length < (sizes[t] as number)) return false;
    }
    return true;
  };
  const tiers: number[][] = [[], [], []];
  const order = index.candidateOrder;
  for (let i = 0, found = 0; i < order.length; i += 1) {
    const slot = order[i] as number;
    const bits = matched.mask[slot] as number;
    if (bits === 0) continue;
    const tier = tiers[tierOf(bits)] as number[];
    if (tier.length < wanted) tier.push(slot);
    // Checking every few finds keeps the test off the common path.
    if ((found += 1) % 32 === 0 && enough(tiers)) break;
  }
  return tiers.flat().slice(0, wanted);
}

/** An empty query lists every document that passes the filters, by stars then name. */
function browse(index: SearchIndex, request: IndexRequest, test: ((slot: number) => boolean) | null, limit: number, offset: number, facets: boolean): IndexPage {
  // Facets of thousands of place ids cost ~1 ms to build as an object: remember recent ones.
  const key = JSON.stringify([request.filters, request.today]);
  let browsed = index.browsed.get(key);
  if (browsed) index.browsed.delete(key);
  else {
    const passing = test ? index.browsingOrder.filter(test) : index.browsingOrder;
    browsed = { passing, facets: null };
    if (index.browsed.size >= BROWSE_CACHE_SIZE) index.browsed.delete(index.browsed.keys().next().value as string);
  }
  index.browsed.set(key, browsed);
  const { passing } = browsed;
  if (facets) browsed.facets ??= countFacets(index, passing, request.today);
  return {
    hits: Array.from(passing.subarray(offset, offset + limit), (slot) => ({ id: index.documents[slot]!.id, score: 1 })),
    total: passing.length,
    facets: facets ? browsed.facets : null,
    query: { raw: request.q, interpreted: '', corrections: [] },
  };
}

/** One or two letters typed alone: match product names only, where the user is starting to type. */
function isLoneShortPrefix(query: AnalysedQuery): boolean {
  return query.terms.length === 1 && query.lastTermIsPrefix && (query.terms[0]?.text.length ?? 0) <= 2;
}
