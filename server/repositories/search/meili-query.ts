// One search request → the Meilisearch queries that answer it: the page of hits with its
// facets, plus one count per certificate state (the state depends on today's date, so it
// cannot be a stored facet). They travel together in one multi-search request.

import type { MatchingStrategies, MultiSearchQuery } from 'meilisearch';
import type { AnalysedQuery } from '../../domain/query-analysis';
import type { CertificateState, SearchRequest } from '../../domain/search-types';
import { buildCertificateFilter, buildMeiliFilter, CERTIFICATE_STATES, joinFilterConditions } from './meili-filters';
import { FACET_FIELDS } from './meili-settings';

export interface MeiliSearchPlan {
  /** queries[0] is the page of hits; the rest count certificate states, in `certificateStates` order. */
  queries: MultiSearchQuery[];
  certificateStates: CertificateState[];
}

/**
 * The text sent to Meilisearch: the analyser's reading (folded, Telex undone, confident
 * typo/join fixes). A trailing space tells Meilisearch the last word is complete, so it
 * is not matched as a prefix when the user had finished typing it.
 */
export function buildMeiliQueryText(analysed: AnalysedQuery): string {
  const text = analysed.interpreted.trim();
  if (text === '') return '';
  return analysed.lastTermIsPrefix ? text : `${text} `;
}

/** How the analyser's rewrites are reported to the UI ("hoongf → hong"). */
export function describeCorrections(analysed: AnalysedQuery): string[] {
  return analysed.corrections.map((correction) => `${correction.from} → ${correction.to}`);
}

export interface PlanOptions {
  indexUid: string;
  queryText: string;
  matchingStrategy: MatchingStrategies;
  /** Sent only to servers that know the `locales` parameter (≥ 1.10). */
  locales?: string[];
}

/** The multi-search queries for a request. */
export function planMeiliSearch(request: SearchRequest, options: PlanOptions): MeiliSearchPlan {
  const filter = buildMeiliFilter(request.filters, request.today);
  const common: MultiSearchQuery = {
    indexUid: options.indexUid,
    q: options.queryText,
    matchingStrategy: options.matchingStrategy,
    ...(options.locales ? { locales: options.locales } : {}),
  };
  const main: MultiSearchQuery = {
    ...common,
    ...(filter ? { filter } : {}),
    offset: request.offset,
    limit: request.limit,
    attributesToRetrieve: ['id'],
    showRankingScore: true,
    ...(request.facets ? { facets: Object.values(FACET_FIELDS) } : {}),
  };
  if (!request.facets) return { queries: [main], certificateStates: [] };
  const counts = CERTIFICATE_STATES.map(
    (state): MultiSearchQuery => ({
      ...common,
      filter: joinFilterConditions([filter, buildCertificateFilter(state, request.today)]) as string,
      limit: 0,
    }),
  );
  return { queries: [main, ...counts], certificateStates: [...CERTIFICATE_STATES] };
}
