// The index settings that make Meilisearch rank like the embedded engine (README, "Search engines").

import type { Settings } from 'meilisearch';
import { buildMeiliSynonyms, REGIONAL_SYNONYM_GROUPS } from './meili-synonyms';
import { isAtLeast, LOCALIZED_ATTRIBUTES_VERSION, type MeiliVersion } from './meili-version';

/** Searched in this order: a product's own name outranks its producer, then its places. */
export const SEARCHABLE_ATTRIBUTES = ['name', 'producer', 'places', 'aliases', 'category'] as const;

/**
 * Attribute before proximity (the default puts proximity first, which lets a producer's
 * name outrank a product's own), then the best-rated products among equals.
 */
export const RANKING_RULES = ['words', 'typo', 'attribute', 'proximity', 'sort', 'exactness', 'stars:desc'] as const;

/** Fields counted for facets, by their FacetCounts key. */
export const FACET_FIELDS = {
  stars: 'stars',
  ocopGroup: 'ocopGroup',
  placeId: 'placeIds',
  markId: 'markIds',
  awardYear: 'awardYears',
} as const;

export const FILTERABLE_ATTRIBUTES = [
  'stars',
  'ocopGroup',
  'placeIds',
  'markIds',
  'awardYears',
  'certValidUntil',
  'certValidUntilNum',
  'isAggregate',
  'hasStars',
] as const;

export const SORTABLE_ATTRIBUTES = ['stars', 'name'] as const;

/** The route allows offsets up to 100,000; totals above this are reported as this. */
export const MAX_TOTAL_HITS = 1_000_000;

/** Places are the largest facet; keep enough values for a province's communes. */
export const MAX_VALUES_PER_FACET = 1_000;

export const MEILI_LOCALES = ['vie'];

/** The full settings object for a server of this version. */
export function buildMeiliSettings(version: MeiliVersion): Settings {
  const settings: Settings = {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    // Most Vietnamese syllables have 2–4 letters; Meilisearch's default (5) would never
    // forgive a typo in them. The analyser uses the same thresholds.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
    synonyms: buildMeiliSynonyms(REGIONAL_SYNONYM_GROUPS),
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET, sortFacetValuesBy: { '*': 'count' } },
    // estimatedTotalHits never exceeds maxTotalHits (default 1,000); offset/limit searches
    // rank only offset + limit hits, so a high cap costs nothing but buys an honest total.
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
  // Older servers reject unknown settings; before 1.10 they detect the language instead.
  if (isAtLeast(version, LOCALIZED_ATTRIBUTES_VERSION)) {
    settings.localizedAttributes = [{ attributePatterns: ['*'], locales: [...MEILI_LOCALES] }];
  }
  return settings;
}
