import type { DocFilter, DocStore } from './fts5-doc-store';
import { estimateTotal } from './fts5-estimate';
import { scopeExpression, type MatchNode } from './fts5-expression';
import type { MatchSets } from './fts5-match-sets';
import { ftsQuery, type Fts5Reader, type FtsQuery } from './fts5-reader';

// Counts the matches and picks which of them reach the re-ranker, without scoring every
// match. Rowid order is already "shorter name, then more stars" (fts5-rows.ts), so taking
// matches in rowid order tier by tier — all words in the name, then in name or producer
// (both asked of the small search_fts_head table), then anywhere — yields the documents
// the re-ranker would put first, reading a few hundred rowids instead of ranking them all.

const TIERS: readonly (readonly string[] | null)[] = [['name'], ['name', 'producer'], null];

/**
 * Without facets, totals are counted exactly up to this many matches and estimated
 * beyond (fts5-estimate.ts; Meilisearch's estimatedTotalHits is an estimate too). FTS5
 * walks ~1–2 matches a microsecond when common words intersect: 8k matches of a place
 * name cost 7 ms at 200k products. With facets every match is listed, so totals are exact.
 */
export const EXACT_COUNT_LIMIT = 1_000;

export interface MatchPlan {
  /** The query words as an FTS5 expression. */
  words: string;
  /** The same words as a tree, for evaluating them over bitsets. */
  tree: MatchNode;
  /** Columns the words must be found in; null for every text column. */
  scope: readonly string[] | null;
  /** FTS5 clause over the filter tokens, or null. */
  filters: string | null;
  /** Filters checked in memory on each match (broad ones, valid/expired today), or null. */
  check: DocFilter | null;
  /** Documents passing every filter, as a bitset, for matches listed from bitsets; null when nothing is filtered. */
  passing: () => Uint32Array | null;
}

export interface Matches {
  total: number;
  /** True when total was extrapolated past EXACT_COUNT_LIMIT. */
  estimated: boolean;
  /** Store slots of every match in rowid order, when the caller needed them all (facets or a date check). */
  slots: ArrayLike<number> | null;
  /** Otherwise the first EXACT_COUNT_LIMIT matching rowids, read while counting. */
  firstRowids: number[] | null;
}

/** The words (in these columns) and the filters, on the smaller table when it holds those columns. */
function compose(plan: MatchPlan, columns: readonly string[] | null): FtsQuery {
  const words = scopeExpression(plan.words, columns);
  return ftsQuery(plan.filters === null ? words : `(${words}) AND ${plan.filters}`, columns);
}

/**
 * Count the matches; list them all when facets or a date check need every one, from
 * bitsets of broad words when that reads fewer rows from FTS5 (fts5-match-sets.ts).
 */
export function findMatches(reader: Fts5Reader, store: DocStore, sets: MatchSets, plan: MatchPlan, listAll: boolean): Matches {
  const query = compose(plan, plan.scope);
  if (!listAll && !plan.check) {
    // Counting and reading the first rowids walk the same posting lists: do it once.
    const firstRowids = reader.firstRowids(query, EXACT_COUNT_LIMIT);
    const count = firstRowids.length;
    if (count < EXACT_COUNT_LIMIT) return { total: count, estimated: false, slots: null, firstRowids };
    return { total: estimateTotal(store, firstRowids), estimated: true, slots: null, firstRowids };
  }
  if (sets.worthUsing(plan.tree, plan.scope)) {
    const bits = sets.evaluate(plan.tree, plan.scope);
    const passing = plan.passing();
    if (passing) for (let i = 0; i < bits.length; i += 1) bits[i] = (bits[i] as number) & (passing[i] ?? 0);
    const slots = store.collect(bits);
    return { total: slots.length, estimated: false, slots, firstRowids: null };
  }
  const slots: number[] = [];
  for (const rowid of reader.allRowids(query)) {
    const slot = store.slotOf(rowid);
    if (slot >= 0 && (!plan.check || plan.check(slot))) slots.push(slot);
  }
  return { total: slots.length, estimated: false, slots, firstRowids: null };
}

/** Store slots of the first `wanted` matches in tier order: all words in the name, in name or producer, anywhere. */
export function orderMatches(reader: Fts5Reader, store: DocStore, plan: MatchPlan, matches: Matches, wanted: number): number[] {
  // Everything fits in one re-ranked batch: tier order would not change the outcome.
  if (matches.slots && matches.total <= wanted) return Array.from(matches.slots);
  if (matches.firstRowids && !matches.estimated && matches.total <= wanted) {
    return matches.firstRowids.map((rowid) => store.slotOf(rowid)).filter((slot) => slot >= 0);
  }
  const picked: number[] = [];
  const seen = new Set<number>();
  const tiers = plan.scope ? [plan.scope] : TIERS;
  for (const columns of tiers) {
    if (picked.length >= wanted) break;
    const query = compose(plan, columns);
    // Unfiltered, the first `wanted` rowids of a tier hold every new pick it can add.
    const rowids: Iterable<number> =
      columns === plan.scope && matches.slots
        ? rowidsOf(store, matches.slots)
        : columns === plan.scope && matches.firstRowids && wanted <= matches.firstRowids.length
          ? matches.firstRowids
          : plan.check
            ? reader.iterateRowids(query)
            : reader.firstRowids(query, wanted);
    for (const rowid of rowids) {
      if (picked.length >= wanted) break;
      const slot = store.slotOf(rowid);
      if (slot < 0 || seen.has(slot) || (plan.check && !plan.check(slot))) continue;
      seen.add(slot);
      picked.push(slot);
    }
  }
  return picked;
}

function* rowidsOf(store: DocStore, slots: ArrayLike<number>): IterableIterator<number> {
  for (let i = 0; i < slots.length; i += 1) yield store.rowidAt(slots[i] as number);
}
