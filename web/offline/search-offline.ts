// GET /api/products answered from the local copy by the server's own search module
// (server/domain/search/, the embedded engine): the same documents, index, query reading,
// filters, facets and order, items as ProductSummary.
import { explainMatch, queryCoverage, type QueryCoverage } from '../../server/domain/match-explanation';
import { buildSearchDocuments, buildSearchIndex, readSearchRecords, searchIndex, type SearchIndex } from '../../server/domain/search';
import type { FacetCounts } from '../../server/domain/search-types';
import type { ProductSummary } from '../../server/domain/registry-types';
import { productSummaries } from '../../server/domain/catalogue/product-card';
import { loadCatalogueView } from './catalogue-offline';
import type { OfflineStore } from './store';

export interface OfflineSearchQuery {
  q: string;
  stars?: number[];
  group?: string;
  place?: string;
  mark?: string;
  awardYear?: number;
  cert?: 'valid' | 'expired' | 'unknown' | 'none';
  limit: number;
  offset: number;
}

export interface OfflineSearchResult {
  items: ProductSummary[];
  total: number;
  limit: number;
  offset: number;
  facets: FacetCounts;
  query: { raw: string; interpreted: string; corrections: string[] } & QueryCoverage;
  engine: 'offline';
}

const NO_FACETS: FacetCounts = { stars: {}, ocopGroup: {}, placeId: {}, markId: {}, awardYear: {}, certificate: {} };

/** Search the local copy like GET /api/products; `today` (YYYY-MM-DD) decides valid vs expired. */
export async function searchOffline(store: OfflineStore, query: OfflineSearchQuery, today: string): Promise<OfflineSearchResult> {
  const loaded = await loadCatalogueView(store);
  const empty: OfflineSearchResult = { items: [], total: 0, limit: query.limit, offset: query.offset, facets: NO_FACETS, query: { raw: query.q, interpreted: '', corrections: [], matchedWords: [], unmatchedWords: [] }, engine: 'offline' };
  if (!loaded) return empty;
  const { view, catalogue } = loaded;
  // Certificates known only by their year are dated on `today`: one index per copy and day.
  const index = view.derived<SearchIndex>(`search:${today}`, () => buildSearchIndex(buildSearchDocuments(readSearchRecords((kind) => view.rows(kind)), today)));
  const result = searchIndex(index, {
    q: query.q,
    filters: { stars: query.stars, ocopGroup: query.group, placeId: query.place, markId: query.mark, awardYear: query.awardYear, certificate: query.cert },
    limit: query.limit,
    offset: query.offset,
    facets: true,
    today,
  });
  const items = productSummaries(catalogue, result.hits.map((hit) => hit.id), today).map((item) => ({ ...item, match: explainMatch(result.query.interpreted, item) }));
  return { ...empty, items, total: result.total, facets: result.facets ?? NO_FACETS, query: { ...result.query, ...queryCoverage(result.query) } };
}
