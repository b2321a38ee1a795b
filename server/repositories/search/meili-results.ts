// Meilisearch responses → the engine-neutral SearchResult.

import type { FacetDistribution, Hit, SearchResponse } from 'meilisearch';
import type { AnalysedQuery } from '../../domain/query-analysis';
import type { CertificateState, FacetCounts, SearchHit, SearchResult } from '../../domain/search-types';
import { describeCorrections } from './meili-query';
import { FACET_FIELDS } from './meili-settings';

/** The fields this engine reads from a search response (single or multi-search). */
export type MeiliResponse = Pick<SearchResponse, 'hits' | 'estimatedTotalHits' | 'totalHits' | 'facetDistribution'>;

/** Hits in rank order with Meilisearch's ranking score (0–1, requires showRankingScore). */
export function mapHits(hits: readonly Hit[]): SearchHit[] {
  return hits.map((hit) => ({ id: String(hit.id), score: hit._rankingScore ?? 0 }));
}

/** Matches before pagination: estimatedTotalHits for offset/limit searches, totalHits for paged ones. */
export function readTotal(response: MeiliResponse): number {
  return response.estimatedTotalHits ?? response.totalHits ?? response.hits.length;
}

/** Copy a facet's distribution, leaving out values no match carries. */
function nonZero(counts: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [value, count] of Object.entries(counts ?? {})) if (count > 0) out[value] = count;
  return out;
}

/** Facet counts from the main response's distribution and the per-certificate-state totals. */
export function mapFacetCounts(distribution: FacetDistribution | undefined, certificate: Partial<Record<CertificateState, number>>): FacetCounts {
  return {
    stars: nonZero(distribution?.[FACET_FIELDS.stars]),
    ocopGroup: nonZero(distribution?.[FACET_FIELDS.ocopGroup]),
    placeId: nonZero(distribution?.[FACET_FIELDS.placeId]),
    markId: nonZero(distribution?.[FACET_FIELDS.markId]),
    awardYear: nonZero(distribution?.[FACET_FIELDS.awardYear]),
    certificate: nonZero(certificate),
  };
}

/**
 * Assemble the result of one multi-search: responses[0] is the page, the rest count the
 * certificate states listed in `certificateStates` (empty when facets were not asked for).
 */
export function toSearchResult(
  responses: readonly MeiliResponse[],
  certificateStates: readonly CertificateState[],
  analysed: AnalysedQuery,
): SearchResult {
  const [main, ...counts] = responses;
  if (!main) throw new Error('Meilisearch returned no results for the search');
  if (counts.length !== certificateStates.length) {
    throw new Error(`Meilisearch returned ${counts.length} certificate counts for ${certificateStates.length} states`);
  }
  let facets: FacetCounts | null = null;
  if (certificateStates.length > 0) {
    const certificate: Partial<Record<CertificateState, number>> = {};
    certificateStates.forEach((state, i) => (certificate[state] = readTotal(counts[i] as MeiliResponse)));
    facets = mapFacetCounts(main.facetDistribution, certificate);
  }
  return {
    hits: mapHits(main.hits),
    total: readTotal(main),
    facets,
    query: { raw: analysed.raw, interpreted: analysed.interpreted, corrections: describeCorrections(analysed) },
    engine: 'meilisearch',
  };
}
