import type { DocStore } from './fts5-doc-store';

// Estimates how many documents match once counting stopped early. Within a rowid bucket
// documents are in no particular order (fts5-rows.ts), so the matches counted so far are
// a fair sample of the documents read so far; the estimate carries that share over to the
// documents not read. Buckets differ (a product word is rarer in short names), so it is an
// estimate: within ±30% on the synthetic 200k catalogue. Sampling each later bucket with a
// rowid-range count would be closer, but FTS5 seeks a prefix query's rowid range slowly
// (~3 ms a bucket).

/** Total matches, extrapolated from the first matches in rowid order. */
export function estimateTotal(store: DocStore, firstRowids: readonly number[]): number {
  const counted = firstRowids.length;
  const read = Math.max(1, store.countUpTo(firstRowids[counted - 1] as number));
  return Math.max(counted, Math.round((counted / read) * store.size));
}
