// The phone's own scan history: kept only in IndexedDB, never uploaded as a list. A scan
// queued with enqueueScan uses its clientEventId as the history id, so the upload's
// answer replaces the offline verdict (flushOutbox calls updateHistory's logic).
import type { VerifyResult } from '../../server/domain/verify-result';
import { request, transact, walk } from './idb';
import { HISTORY, UPLOAD_FAILURES, type HistoryEntry } from './schema';
import type { OfflineStore } from './store';

export type { HistoryEntry };

/** Older entries beyond this many are dropped: a phone's history, not an archive. */
export const HISTORY_LIMIT = 500;
const DEFAULT_LIST = 50;

/** Add (or replace) a history entry, dropping the oldest beyond HISTORY_LIMIT. */
export async function addHistory(store: OfflineStore, entry: HistoryEntry): Promise<void> {
  await transact(store.db, [HISTORY], 'readwrite', async (tx) => {
    const history = tx.objectStore(HISTORY);
    history.put(entry);
    let excess = (await request(history.count())) - HISTORY_LIMIT;
    if (excess <= 0) return;
    await walk(history.index('scannedAt').openCursor(), (cursor) => {
      cursor.delete();
      excess -= 1;
      return excess > 0;
    });
  });
}

/** The newest entries first. */
export function listHistory(store: OfflineStore, limit = DEFAULT_LIST): Promise<HistoryEntry[]> {
  return transact(store.db, [HISTORY], 'readonly', async (tx) => {
    const entries: HistoryEntry[] = [];
    if (limit <= 0) return entries;
    await walk(tx.objectStore(HISTORY).index('scannedAt').openCursor(null, 'prev'), (cursor) => {
      entries.push(cursor.value as HistoryEntry);
      return entries.length < limit;
    });
    return entries;
  });
}

/** One entry by id, however old (listHistory gives only the newest); null when not kept. */
export function getHistoryEntry(store: OfflineStore, id: string): Promise<HistoryEntry | null> {
  return transact(store.db, [HISTORY], 'readonly', async (tx) => ((await request(tx.objectStore(HISTORY).get(id))) as HistoryEntry | undefined) ?? null);
}

/** The entry once the server's result replaces the offline one. */
export function withServerResult(entry: HistoryEntry, result: VerifyResult): HistoryEntry {
  return { ...entry, result, verdict: result.verdict, productName: result.product?.name ?? entry.productName, online: true };
}

/** Replace an entry's result with the server's (no-op when the entry was cleared). */
export async function updateHistory(store: OfflineStore, id: string, result: VerifyResult): Promise<void> {
  await transact(store.db, [HISTORY], 'readwrite', async (tx) => {
    const history = tx.objectStore(HISTORY);
    const entry = (await request(history.get(id))) as HistoryEntry | undefined;
    if (entry) history.put(withServerResult(entry, result));
  });
}

/**
 * Forget every history entry, and the refused uploads, which keep the scanned codes too.
 * Queued uploads are kept: they are scans the server has yet to count.
 */
export async function clearHistory(store: OfflineStore): Promise<void> {
  await transact(store.db, [HISTORY, UPLOAD_FAILURES], 'readwrite', (tx) => {
    tx.objectStore(HISTORY).clear();
    tx.objectStore(UPLOAD_FAILURES).clear();
  });
}
