// The handle the UI holds: one open IndexedDB connection. Caches derived from the local
// copy hang off this object in WeakMaps (registry-copy.ts), so closing and dropping the
// handle frees them.
import { openDatabase, request, transact } from './idb';
import { DB_VERSION, DEFAULT_DB_NAME, META, upgradeSchema } from './schema';

export interface OfflineStore {
  readonly name: string;
  readonly db: IDBDatabase;
  close(): void;
}

/** Open the PWA's database (created on first use). */
export async function openOfflineStore(dbName: string = DEFAULT_DB_NAME): Promise<OfflineStore> {
  const db = await openDatabase(dbName, DB_VERSION, upgradeSchema);
  return { name: dbName, db, close: () => db.close() };
}

/** Read one value of the meta store, or null. */
export async function readMeta<T>(store: OfflineStore, key: string): Promise<T | null> {
  return transact(store.db, [META], 'readonly', async (tx) => ((await request(tx.objectStore(META).get(key))) as T | undefined) ?? null);
}

/** Write one value of the meta store. */
export async function writeMeta(store: OfflineStore, key: string, value: unknown): Promise<void> {
  await transact(store.db, [META], 'readwrite', (tx) => {
    tx.objectStore(META).put(value, key);
  });
}
