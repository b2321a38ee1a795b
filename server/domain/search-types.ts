// The one search contract both engines (the embedded in-memory index and Meilisearch) implement.
// Documents are built from registry records by domain/search/documents.ts.

export type CertificateState = 'valid' | 'expired' | 'unknown' | 'none';

/** One product as the search index sees it (flat, denormalised). */
export interface SearchDocument {
  id: string;
  name: string;
  producer: string;
  /** Current place names: new ward/commune (after 1 July 2025) and province. */
  places: string[];
  /** Former names: pre-2025 district and commune/ward names, older unit names. */
  aliases: string[];
  /** OCOP group and product set, in Vietnamese. */
  category: string;
  /** Highest current OCOP star rating (3, 4, 5) or null when not rated. */
  stars: number | null;
  potentialFive: boolean;
  ocopGroup: string | null;
  /** Every place id the product is in: current ward, former commune/district, province. */
  placeIds: string[];
  markIds: string[];
  awardYears: number[];
  /** ISO date the OCOP certificate runs to, when the decision date is known. */
  certValidUntil: string | null;
  /** True for registry rows that stand for several unnamed products. */
  isAggregate: boolean;
}

export interface SearchFilters {
  stars?: number[];
  ocopGroup?: string;
  placeId?: string;
  markId?: string;
  awardYear?: number;
  certificate?: CertificateState;
}

export interface SearchRequest {
  q: string;
  filters: SearchFilters;
  limit: number;
  offset: number;
  /** Facet counts are computed over every match (before pagination) when true. */
  facets: boolean;
  /** Today's date (YYYY-MM-DD) from the clock seam; decides valid vs expired certificates. */
  today: string;
}

export interface FacetCounts {
  stars: Record<string, number>;
  ocopGroup: Record<string, number>;
  placeId: Record<string, number>;
  markId: Record<string, number>;
  awardYear: Record<string, number>;
  certificate: Record<string, number>;
}

export interface SearchHit {
  id: string;
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: FacetCounts | null;
  /** What the analyser made of the query: folded text, rewrites, corrections. */
  query: { raw: string; interpreted: string; corrections: string[] };
  engine: 'embedded' | 'meilisearch';
}

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  search(request: SearchRequest): Promise<SearchResult>;
  /** Insert or replace these documents and delete these ids (kept in step with the change log). */
  apply(upserts: SearchDocument[], deletes: string[]): Promise<void>;
  /** Drop everything and index these documents from scratch. */
  rebuild(documents: SearchDocument[], onProgress?: (done: number, total: number) => void): Promise<void>;
  close?(): Promise<void>;
}

/** Certificate state of a document on a given day. */
export function certificateState(doc: Pick<SearchDocument, 'stars' | 'certValidUntil'>, today: string): CertificateState {
  if (doc.stars === null) return 'none';
  if (!doc.certValidUntil) return 'unknown';
  return doc.certValidUntil >= today ? 'valid' : 'expired';
}
