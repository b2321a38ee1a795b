// Read side of the local copy. Rows are read from IndexedDB once per copy version and kind
// and kept in memory with whatever is built from them (catalogue maps, search index):
// the registry is small (~2,000 rows) and every offline screen asks the same questions.
// A sync in this tab or another moves the stored version, and the next read starts afresh.
import type { RegistryKind } from '../../server/domain/registry-kinds';
import { request, transact } from './idb';
import { META, META_KEYS, RECORDS, type ClientConfig, type LocalRecord, type RegistryMeta, type RegistryRecord } from './schema';
import type { OfflineStore } from './store';

export interface RegistryView {
  readonly version: number;
  readonly generatedAt: string;
  readonly syncedAt: string | null;
  readonly config: ClientConfig | null;
  /** Rows of a kind loaded by loadRegistry, each with `imported_at` set (for provenance). */
  rows(kind: RegistryKind): readonly RegistryRecord[];
  /** A value built once from this version of the copy. */
  derived<T>(name: string, build: () => T): T;
}

interface CacheEntry {
  view: RegistryView;
  rowsByKind: Map<RegistryKind, RegistryRecord[]>;
  /** Refreshed on every read: a sync that finds nothing new still moves syncedAt. */
  meta: RegistryMeta;
  config: ClientConfig | null;
}

const cache = new WeakMap<OfflineStore, CacheEntry>();

/** The local copy with these kinds loaded, or null before the first sync. */
export async function loadRegistry(store: OfflineStore, kinds: readonly RegistryKind[]): Promise<RegistryView | null> {
  // Meta and rows come from one transaction, so they always describe the same version.
  return transact(store.db, [META, RECORDS], 'readonly', async (tx) => {
    const meta = tx.objectStore(META);
    const [registry, config] = await Promise.all([
      request(meta.get(META_KEYS.registry)) as Promise<RegistryMeta | undefined>,
      request(meta.get(META_KEYS.clientConfig)) as Promise<ClientConfig | undefined>,
    ]);
    if (!registry) return null;
    let entry = cache.get(store);
    if (!entry || entry.view.version !== registry.version) {
      entry = createEntry(registry);
      cache.set(store, entry);
    }
    entry.meta = registry;
    entry.config = config ?? null;
    const rowsByKind = entry.rowsByKind;
    const missing = kinds.filter((kind) => !rowsByKind.has(kind));
    const index = tx.objectStore(RECORDS).index('kind');
    const loaded = await Promise.all(missing.map((kind) => request(index.getAll(kind)) as Promise<LocalRecord[]>));
    // The feed does not carry the server's imported_at yet; until it does, provenance says
    // when this copy learnt the row (snapshot time or page fetch time).
    missing.forEach((kind, i) => rowsByKind.set(kind, (loaded[i] ?? []).map((row) => ({ ...row.data, imported_at: row.data.imported_at ?? row.at }))));
    return entry.view;
  });
}

function createEntry(meta: RegistryMeta): CacheEntry {
  const rowsByKind = new Map<RegistryKind, RegistryRecord[]>();
  const built = new Map<string, unknown>();
  const view: RegistryView = {
    version: meta.version,
    get generatedAt() {
      return entry.meta.generatedAt;
    },
    get syncedAt() {
      return entry.meta.syncedAt;
    },
    get config() {
      return entry.config;
    },
    rows(kind) {
      const rows = rowsByKind.get(kind);
      if (!rows) throw new Error(`registry kind ${kind} was not loaded`);
      return rows;
    },
    derived<T>(name: string, build: () => T): T {
      if (!built.has(name)) built.set(name, build());
      return built.get(name) as T;
    },
  };
  const entry: CacheEntry = { view, rowsByKind, meta, config: null };
  return entry;
}
