// A small promise wrapper over IndexedDB: the only place that touches its event API.
// Transactions follow IndexedDB's rule that they stay open only while requests are
// pending, so callers issue requests and await them inside `transact`, never other I/O.

export type StoreMode = 'readonly' | 'readwrite';

/** Resolve with a request's result, reject with its error. */
export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolve when a transaction commits; reject when it errors or is aborted. */
export function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new DOMException('IndexedDB transaction aborted', 'AbortError'));
  });
}

/**
 * Run `work` in one transaction over `stores` and resolve with its value once the
 * transaction has committed, so a caller never sees a result that was rolled back.
 * A throw inside `work` aborts the transaction: nothing it wrote is kept.
 */
export async function transact<T>(db: IDBDatabase, stores: string[], mode: StoreMode, work: (tx: IDBTransaction) => T | Promise<T>): Promise<T> {
  const tx = db.transaction(stores, mode);
  const done = committed(tx);
  let value: T;
  try {
    value = await work(tx);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted: the original error is the one to report.
    }
    await done.catch(() => undefined);
    throw error;
  }
  await done;
  return value;
}

/** Open (and create or upgrade) a database; `upgrade` runs inside the version-change transaction. */
export function openDatabase(name: string, version: number, upgrade: (db: IDBDatabase, oldVersion: number, tx: IDBTransaction) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available in this browser'));
      return;
    }
    const req = indexedDB.open(name, version);
    req.onupgradeneeded = (event) => upgrade(req.result, event.oldVersion, req.transaction as IDBTransaction);
    req.onsuccess = () => {
      const db = req.result;
      // Another tab with a newer app wants to upgrade: step aside instead of blocking it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    // No onblocked handler: other tabs close on versionchange (above), then the open proceeds.
    req.onerror = () => reject(req.error ?? new Error(`Cannot open IndexedDB database ${name}`));
  });
}

/** Walk a cursor from its first position; `visit` returns false to stop early. */
export function walk<C extends IDBCursor>(req: IDBRequest<C | null>, visit: (cursor: C) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'));
    req.onsuccess = () => {
      const cursor = req.result;
      if (!cursor || !visit(cursor)) resolve();
      else cursor.continue();
    };
  });
}
