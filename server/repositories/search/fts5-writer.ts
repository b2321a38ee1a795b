import type Database from 'better-sqlite3';
import type { SearchDocument } from '../../domain/search-types';
import type { DocStore } from './fts5-doc-store';
import type { StoreChange } from './fts5-match-sets';
import { filterTokens } from './fts5-filter-tokens';
import { createFoldCache, foldedFields, orderInBucket, rowidBucket, ROWID_BUCKET_SIZE, toDocRow, type DocRow } from './fts5-rows';
import { DOCS_ID_INDEX, DOCS_TABLE, FILTER_COLUMN, FTS_TABLE, HEAD_TABLE } from './fts5-schema';

// Writes the embedded index: the FTS5 rows, their stored copies, and the in-memory store.
// Each call is one transaction, so a crash leaves the previous index intact.

export interface Fts5Writer {
  rebuild(documents: readonly SearchDocument[], onProgress?: (done: number, total: number) => void): void;
  /** Returns the slots the in-memory store emptied and filled. */
  apply(upserts: readonly SearchDocument[], deletes: readonly string[]): StoreChange;
}

const PROGRESS_EVERY = 2000;

interface PendingRow {
  doc: SearchDocument;
  row: DocRow;
  bucket: number;
  /** Position within the bucket at a rebuild. */
  order: number;
  tokens: string;
}

/** Fold and map each document once (the last copy of a repeated id wins). */
function prepareRows(documents: readonly SearchDocument[]): PendingRow[] {
  const fold = createFoldCache();
  const unique = new Map(documents.map((doc) => [doc.id, doc]));
  return [...unique.values()].map((doc) => {
    const row = toDocRow(doc, fold);
    return { doc, row, bucket: rowidBucket(row), order: orderInBucket(row.id), tokens: filterTokens(doc) };
  });
}

/** Create the writer for the embedded index tables. */
export function createFts5Writer(db: Database.Database, store: DocStore): Fts5Writer {
  const insertTextRow = db.prepare(`INSERT INTO ${FTS_TABLE}(rowid, name, producer, places, aliases, category, ${FILTER_COLUMN}) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertHeadRow = db.prepare(`INSERT INTO ${HEAD_TABLE}(rowid, name, producer, ${FILTER_COLUMN}) VALUES (?, ?, ?, ?)`);
  const deleteText = db.prepare(`DELETE FROM ${FTS_TABLE} WHERE rowid = ?`);
  const deleteHead = db.prepare(`DELETE FROM ${HEAD_TABLE} WHERE rowid = ?`);
  const insertDocRow = db.prepare(`
    INSERT INTO ${DOCS_TABLE} (rowid, id, name, folded, stars, potential_five, ocop_group, cert_valid_until, is_aggregate, place_ids, mark_ids, award_years)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const deleteDoc = db.prepare(`DELETE FROM ${DOCS_TABLE} WHERE rowid = ?`);
  const rowidOfId = db.prepare(`SELECT rowid FROM ${DOCS_TABLE} WHERE id = ?`).pluck();
  const lastInBucket = db.prepare(`SELECT max(rowid) FROM ${DOCS_TABLE} WHERE rowid >= ? AND rowid < ?`).pluck();

  const insertText = ({ row, tokens }: PendingRow) => {
    const fields = foldedFields(row.folded);
    insertTextRow.run(row.rowid, ...fields, tokens);
    insertHeadRow.run(row.rowid, fields[0], fields[1], tokens);
  };
  const insertDoc = ({ row }: PendingRow) =>
    insertDocRow.run(
      row.rowid, row.id, row.name, row.folded,
      row.stars, row.potential_five, row.ocop_group, row.cert_valid_until, row.is_aggregate, row.place_ids, row.mark_ids, row.award_years,
    );
  const insertRow = (row: PendingRow) => {
    insertText(row);
    insertDoc(row);
  };
  const deleteRow = (rowid: number) => {
    deleteText.run(rowid);
    deleteHead.run(rowid);
    deleteDoc.run(rowid);
  };

  const rebuildTransaction = db.transaction((rows: PendingRow[], onProgress?: (done: number, total: number) => void) => {
    for (const table of [FTS_TABLE, HEAD_TABLE]) db.prepare(`INSERT INTO ${table}(${table}) VALUES ('delete-all')`).run();
    db.prepare(`DELETE FROM ${DOCS_TABLE}`).run();
    db.prepare(`DROP INDEX IF EXISTS ${DOCS_ID_INDEX}`).run();
    // Text index first, stored copies second: two sequential B-tree loads beat interleaving.
    rows.forEach((row, i) => {
      insertText(row);
      if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.(i + 1, rows.length);
    });
    rows.forEach(insertDoc);
    db.prepare(`CREATE UNIQUE INDEX ${DOCS_ID_INDEX} ON ${DOCS_TABLE}(id)`).run();
  });

  const applyTransaction = db.transaction((rows: PendingRow[], deletes: readonly string[]) => {
    const removed: number[] = [];
    for (const id of deletes) {
      const rowid = rowidOfId.get(id) as number | undefined;
      if (rowid === undefined) continue;
      deleteRow(rowid);
      removed.push(rowid);
    }
    for (const pending of rows) {
      const existing = rowidOfId.get(pending.row.id) as number | undefined;
      if (existing !== undefined) {
        deleteRow(existing);
        removed.push(existing);
      }
      // Keep the rowid when the order bucket is unchanged; otherwise append to the new bucket.
      const start = pending.bucket * ROWID_BUCKET_SIZE;
      pending.row.rowid =
        existing !== undefined && Math.floor(existing / ROWID_BUCKET_SIZE) === pending.bucket
          ? existing
          : ((lastInBucket.get(start, start + ROWID_BUCKET_SIZE) as number | null) ?? start) + 1;
      insertRow(pending);
    }
    return removed;
  });

  return {
    rebuild(documents, onProgress) {
      const rows = prepareRows(documents);
      rows.sort((a, b) => a.bucket - b.bucket || a.order - b.order || (a.row.id < b.row.id ? -1 : 1));
      const sequence = new Map<number, number>();
      for (const { row, bucket } of rows) {
        const next = (sequence.get(bucket) ?? 0) + 1;
        sequence.set(bucket, next);
        row.rowid = bucket * ROWID_BUCKET_SIZE + next;
      }
      rebuildTransaction(rows, onProgress);
      store.clear();
      for (const { row, doc } of rows) store.put(row, doc);
      onProgress?.(rows.length, rows.length);
    },
    apply(upserts, deletes) {
      const rows = prepareRows(upserts);
      const removed = applyTransaction(rows, deletes);
      const removedSlots = removed.map((rowid) => store.slotOf(rowid)).filter((slot) => slot >= 0);
      for (const rowid of removed) store.remove(rowid);
      const added = rows.map(({ row, doc }) => {
        store.put(row, doc);
        return { slot: store.slotOf(row.rowid), folded: row.folded };
      });
      return { removedSlots, added };
    },
  };
}
