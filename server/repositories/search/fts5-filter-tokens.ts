import type { SearchDocument, SearchFilters } from '../../domain/search-types';

// Filters as FTS5 tokens in the `filters` column: "_s4" (4 stars, "_s0" unrated), "_g…"
// (OCOP group), "_p…" (place), "_m…" (mark), "_y2024" (award year), "_cd"/"_cu"
// (certificate date known or not). Ids are hex-encoded so any id becomes one [_a-z0-9]
// token. fts5vocab counts each token's documents, which tells how selective a filter is.

// Place and mark ids repeat across thousands of products; encode each once.
const hexCache = new Map<string, string>();
function hex(value: string): string {
  let encoded = hexCache.get(value);
  if (encoded === undefined) {
    if (hexCache.size > 100_000) hexCache.clear();
    encoded = Buffer.from(value, 'utf8').toString('hex');
    hexCache.set(value, encoded);
  }
  return encoded;
}
const quote = (token: string) => `"${token}"`;

/** The filter tokens of a document, space-separated, for the `filters` column. */
export function filterTokens(doc: SearchDocument): string {
  const tokens = [doc.stars === null ? '_s0' : `_s${doc.stars}`];
  if (doc.ocopGroup !== null) tokens.push(`_g${hex(doc.ocopGroup)}`);
  for (const id of doc.placeIds) tokens.push(`_p${hex(id)}`);
  for (const id of doc.markIds) tokens.push(`_m${hex(id)}`);
  for (const year of doc.awardYears) tokens.push(`_y${year}`);
  if (doc.stars !== null) tokens.push(doc.certValidUntil ? '_cd' : '_cu');
  return tokens.join(' ');
}

export interface FilterPlan {
  /** FTS5 clause over the selective filter tokens, to AND with the words; null when none. */
  clause: string | null;
  /** No document can pass (a value nobody has, or stars that are not whole numbers). */
  impossible: boolean;
  /** Filters left for the in-memory store to check on each match; null when none. */
  residual: SearchFilters | null;
}

/**
 * A filter passed to FTS5 only pays off when few documents have it: ANDing a token that
 * 85% of products carry ("certificate known") walks its whole posting list, while the
 * in-memory store checks a document in a few nanoseconds.
 */
const SELECTIVE_SHARE = 0.2;

interface Condition {
  key: keyof SearchFilters;
  tokens: string[];
}

/** Split request filters into an FTS5 clause (selective ones) and a residual in-memory check. */
export function planFilters(filters: SearchFilters, tokenCount: (token: string) => number, documents: number): FilterPlan {
  const conditions: Condition[] = [];
  let impossible = false;
  if (filters.stars && filters.stars.length > 0) {
    const stars = filters.stars.filter((value) => Number.isInteger(value));
    if (stars.length === 0) impossible = true;
    conditions.push({ key: 'stars', tokens: stars.map((value) => `_s${value}`) });
  }
  if (filters.ocopGroup !== undefined) conditions.push({ key: 'ocopGroup', tokens: [`_g${hex(filters.ocopGroup)}`] });
  if (filters.placeId !== undefined) conditions.push({ key: 'placeId', tokens: [`_p${hex(filters.placeId)}`] });
  if (filters.markId !== undefined) conditions.push({ key: 'markId', tokens: [`_m${hex(filters.markId)}`] });
  if (filters.awardYear !== undefined) {
    if (!Number.isInteger(filters.awardYear)) impossible = true;
    conditions.push({ key: 'awardYear', tokens: [`_y${filters.awardYear}`] });
  }
  const certificate = filters.certificate;
  if (certificate === 'none') conditions.push({ key: 'certificate', tokens: ['_s0'] });
  else if (certificate === 'unknown') conditions.push({ key: 'certificate', tokens: ['_cu'] });

  const clauses: string[] = [];
  const residual: SearchFilters = {};
  for (const condition of conditions) {
    const count = condition.tokens.reduce((sum, token) => sum + tokenCount(token), 0);
    if (count === 0) impossible = true;
    else if (count <= SELECTIVE_SHARE * documents) clauses.push(condition.tokens.length === 1 ? quote(condition.tokens[0] as string) : `(${condition.tokens.map(quote).join(' OR ')})`);
    else Object.assign(residual, { [condition.key]: filters[condition.key] });
  }
  // Valid or expired depends on the request's date: always checked in memory.
  if (certificate === 'valid' || certificate === 'expired') residual.certificate = certificate;
  return {
    clause: clauses.length === 0 ? null : clauses.join(' AND '),
    impossible,
    residual: Object.keys(residual).length === 0 ? null : residual,
  };
}
