import type { FacetCounts, SearchFilters } from '../../domain/search-types';
import type { DocFilter, DocStore } from './fts5-doc-store';

// What one filter combination selects on one day, kept until the index changes. The
// directory asks for the same few combinations again and again: browsing with them costs a
// pass over every passing document (4 ms for 90k at 200k products) for the total and the
// facets, and a broad query with them checks each of its matches (3 ms for 100k). Kept,
// browsing costs only its page, and a query ANDs one bitset of the passing documents.
// A selective filter (one province: 3% of products) is first asked of FTS5's filter
// tokens, so only its few documents are checked instead of every document (8 ms at 200k).

export interface FilterCache {
  /** Documents passing the filters, and their facets when asked for. */
  summary(filters: SearchFilters, today: string, facets: boolean): { total: number; facets: FacetCounts | null };
  /** The passing documents as a bitset over slots (shared: do not write to it), or null when nothing is filtered. */
  passingBits(filters: SearchFilters, today: string): Uint32Array | null;
  /** Forget everything (after a write). */
  clear(): void;
}

interface Entry {
  filter: DocFilter | null;
  total: number | null;
  facets: FacetCounts | null;
  bits: Uint32Array | null;
}

const everyDocument: DocFilter = () => true;

/** Slots that may pass these filters (a superset, from selective filter tokens), or null to check every document. */
export type FilterCandidates = (filters: SearchFilters) => ArrayLike<number> | null;

/** Per-combination totals, facets and bitsets for the latest `size` filter combinations (0 keeps none). */
export function createFilterCache(store: DocStore, candidatesOf: FilterCandidates, size: number): FilterCache {
  const entries = new Map<string, Entry>();

  /** Slots passing the filter, in any order. */
  function passingSlots(filters: SearchFilters, filter: DocFilter | null): ArrayLike<number> {
    const candidates = filter ? candidatesOf(filters) : null;
    if (!candidates) return store.liveSlots(filter ?? everyDocument);
    const passing: number[] = [];
    for (let i = 0; i < candidates.length; i += 1) {
      const slot = candidates[i] as number;
      if ((filter as DocFilter)(slot)) passing.push(slot);
    }
    return passing;
  }

  function entryOf(filters: SearchFilters, today: string): Entry {
    const key = JSON.stringify([today, filters.stars?.length ? [...filters.stars].sort() : null, filters.ocopGroup, filters.placeId, filters.markId, filters.awardYear, filters.certificate]);
    let entry = entries.get(key);
    if (entry) entries.delete(key);
    else {
      entry = { filter: store.compileFilter(filters, today), total: null, facets: null, bits: null };
      if (entries.size >= size) entries.delete(entries.keys().next().value as string);
    }
    if (size > 0) entries.set(key, entry);
    return entry;
  }

  return {
    summary(filters, today, facets) {
      const entry = entryOf(filters, today);
      if (entry.total === null || (facets && !entry.facets)) {
        // Slot order is storage order: in browsing order every column read would be a cache miss.
        const passing = passingSlots(filters, entry.filter);
        entry.total = passing.length;
        if (facets) entry.facets = store.countFacets(passing, today);
      }
      return { total: entry.total, facets: facets ? entry.facets : null };
    },
    passingBits(filters, today) {
      const entry = entryOf(filters, today);
      if (!entry.filter) return null;
      if (!entry.bits) {
        const bits = new Uint32Array((store.capacity + 31) >>> 5);
        const passing = passingSlots(filters, entry.filter);
        for (let i = 0; i < passing.length; i += 1) {
          const slot = passing[i] as number;
          bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
        }
        entry.bits = bits;
      }
      return entry.bits;
    },
    clear: () => entries.clear(),
  };
}
