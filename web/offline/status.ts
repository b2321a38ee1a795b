// What the UI shows about the offline copy: how current it is and how big.
import { request, transact } from './idb';
import { META, META_KEYS, RECORDS, type RegistryMeta } from './schema';
import type { OfflineStore } from './store';

export interface RegistryStatus {
  /** Change-log version of the local copy; null before the first sync. */
  version: number | null;
  /** When a sync last finished with the copy current. */
  syncedAt: string | null;
  /** Server time of the snapshot the copy started from. */
  generatedAt: string | null;
  products: number;
  /** Answer to navigator.storage.persist(); null when not supported or not asked yet. */
  persisted: boolean | null;
}

/** Version, dates and size of the local registry copy. */
export function registryStatus(store: OfflineStore): Promise<RegistryStatus> {
  return transact(store.db, [META, RECORDS], 'readonly', async (tx) => {
    const meta = tx.objectStore(META);
    const [registry, persisted, products] = await Promise.all([
      request(meta.get(META_KEYS.registry)) as Promise<RegistryMeta | undefined>,
      request(meta.get(META_KEYS.persisted)) as Promise<boolean | undefined>,
      request(tx.objectStore(RECORDS).index('kind').count('products')),
    ]);
    return {
      version: registry?.version ?? null,
      syncedAt: registry?.syncedAt ?? null,
      generatedAt: registry?.generatedAt ?? null,
      products,
      persisted: persisted ?? null,
    };
  });
}
