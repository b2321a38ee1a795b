import type Database from 'better-sqlite3';
import type { DocStore, StoreRow } from './fts5-doc-store';
import { foldedFields } from './fts5-rows';
import { DOCS_TABLE, FTS_TABLE, HEAD_COLUMNS, HEAD_TABLE } from './fts5-schema';
import type { RerankCandidate } from '../../domain/search-rerank';

// The read queries of the embedded index. Matching rowids come back as one JSON array:
// better-sqlite3 spends ~0.2 µs per returned row, json_group_array plus JSON.parse ~0.12.
// The texts of re-ranked candidates (~3 µs a row to read) are remembered for the most
// recent TEXT_CACHE_SIZE documents: popular products are candidates again and again.

const TEXT_CACHE_SIZE = 20_000;

/** A MATCH expression and the FTS5 table it runs on: every column, or name and producer only. */
export interface FtsQuery {
  table: 'full' | 'head';
  expression: string;
}

/** An expression over these columns (null: all), on the smaller table when it holds them all. */
export function ftsQuery(expression: string, columns: readonly string[] | null): FtsQuery {
  const inHead = columns !== null && columns.every((column) => (HEAD_COLUMNS as readonly string[]).includes(column));
  return { table: inHead ? 'head' : 'full', expression };
}

export interface Fts5Reader {
  /** Every matching rowid, in rowid order. */
  allRowids(query: FtsQuery): number[];
  /** The first matching rowids in rowid order. */
  firstRowids(query: FtsQuery, limit: number): number[];
  /** Matching rowids one by one in rowid order, for scans that stop early. */
  iterateRowids(query: FtsQuery): IterableIterator<number>;

  /** Stored text of these documents, for the re-ranker. */
  candidates(rowids: readonly number[]): RerankCandidate[];
  /** Forget remembered texts after the index changed. */
  forgetTexts(): void;
  /** Fill the in-memory store from the stored documents, in rowid order. */
  loadStore(store: DocStore): void;
}

function prepareMatches(db: Database.Database, table: string) {
  return {
    all: db.prepare(`SELECT json_group_array(rowid) FROM (SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid)`).pluck(),
    first: db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid LIMIT ?`).pluck(),
  };
}

/** Prepare the read statements of the embedded index. */
export function createFts5Reader(db: Database.Database): Fts5Reader {
  const tables = { full: prepareMatches(db, FTS_TABLE), head: prepareMatches(db, HEAD_TABLE) };
  const texts = db.prepare(`SELECT rowid, name, folded, stars FROM ${DOCS_TABLE} WHERE rowid IN (SELECT value FROM json_each(?))`).raw();
  const textCache = new Map<number, RerankCandidate>();
  // Only the first line of `folded` (the folded name) is needed in memory.
  const everything = db.prepare(
    `SELECT rowid, id, name, substr(folded, 1, instr(folded || char(10), char(10)) - 1) AS folded,
       stars, ocop_group, cert_valid_until, place_ids, mark_ids, award_years FROM ${DOCS_TABLE} ORDER BY rowid`,
  );

  return {
    allRowids: ({ table, expression }) => JSON.parse(tables[table].all.get(expression) as string) as number[],
    firstRowids: ({ table, expression }, limit) => tables[table].first.all(expression, limit) as number[],
    iterateRowids: ({ table, expression }) => tables[table].first.iterate(expression, -1) as IterableIterator<number>,
    candidates(rowids) {
      const missing = rowids.filter((rowid) => !textCache.has(rowid));
      if (missing.length > 0) {
        for (const [rowid, name, folded, stars] of texts.all(JSON.stringify(missing)) as [number, string, string, number | null][]) {
          textCache.set(rowid, { rowid, name, fields: foldedFields(folded), stars });
        }
        // Map iteration follows insertion order: drop the oldest entries first.
        for (const rowid of textCache.keys()) {
          if (textCache.size <= TEXT_CACHE_SIZE) break;
          textCache.delete(rowid);
        }
      }
      return rowids.flatMap((rowid) => textCache.get(rowid) ?? []);
    },
    forgetTexts: () => textCache.clear(),
    loadStore(store) {
      store.clear();
      for (const row of everything.iterate() as IterableIterator<StoreRow>) store.put(row);
    },
  };
}
