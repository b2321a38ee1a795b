// Keeps the local registry copy in step with the server (PRODUCT.md §5): a snapshot the
// first time, then pages of changes since the stored version. Each page is applied in one
// IndexedDB transaction together with its version, so a sync cut short (tab closed,
// network gone, aborted) resumes from the last committed page. A 410 from the change feed
// means the copy is too old or from another database: a fresh snapshot replaces it in
// one transaction, so readers see either the old copy or the new one, never a mix.
import type { ApiClient } from '../api/client';
import { request, transact } from './idb';
import { isKnownKind } from './known-kinds';
import { planMerge, type ChangesPage } from './merge-changes';
import { requestPersistence } from './persistence';
import { META, META_KEYS, RECORDS, type ClientConfig, type LocalRecord, type RegistryMeta } from './schema';
import { readMeta, type OfflineStore } from './store';
import { fetchChanges, fetchClientConfig, fetchSnapshot } from './sync-feed';

export interface SyncProgress {
  phase: 'snapshot' | 'changes';
  done: number;
  total: number | null;
}

export interface SyncOptions {
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
}

export interface SyncOutcome {
  mode: 'snapshot' | 'changes' | 'up_to_date';
  version: number;
  /** Rows written or deleted. */
  applied: number;
}

const SNAPSHOT_PROGRESS_EVERY = 250;

/** Bring the local registry copy up to the server's version. */
export async function syncRegistry(store: OfflineStore, api: ApiClient, opts: SyncOptions = {}): Promise<SyncOutcome> {
  opts.signal?.throwIfAborted();
  const config = await fetchClientConfig(api, opts.signal);
  const meta = await readMeta<RegistryMeta>(store, META_KEYS.registry);
  const outcome = meta ? await catchUp(store, api, meta.version, config, opts) : await replaceWithSnapshot(store, api, config, opts);
  await requestPersistence(store);
  return outcome;
}

async function catchUp(store: OfflineStore, api: ApiClient, start: number, config: ClientConfig, opts: SyncOptions): Promise<SyncOutcome> {
  const { signal, onProgress } = opts;
  let version = start;
  let applied = 0;
  let total: number | null = null;
  for (;;) {
    signal?.throwIfAborted();
    const answer = await fetchChanges(api, version, signal);
    if (!answer.ok) return replaceWithSnapshot(store, api, config, opts);
    const { page } = answer;
    signal?.throwIfAborted();
    total ??= Math.max(0, page.current - start);
    const result = await applyPage(store, page, new Date().toISOString());
    applied += result.applied;
    version = result.version;
    onProgress?.({ phase: 'changes', done: Math.min(total, Math.max(0, version - start)), total });
    // A page that does not move forward would repeat forever.
    if (!page.hasMore || page.to <= page.since) break;
  }
  await markCurrent(store, config);
  return { mode: version > start ? 'changes' : 'up_to_date', version, applied };
}

/** Apply one page and store the version it reaches, in one transaction. */
function applyPage(store: OfflineStore, page: ChangesPage, at: string): Promise<{ version: number; applied: number }> {
  return transact(store.db, [RECORDS, META], 'readwrite', async (tx) => {
    const metaStore = tx.objectStore(META);
    // Read inside the transaction: another tab may have synced since this one started.
    const meta = (await request(metaStore.get(META_KEYS.registry))) as RegistryMeta | undefined;
    if (!meta) throw new Error('The local registry copy was removed during the sync');
    const plan = planMerge(meta.version, page);
    const records = tx.objectStore(RECORDS);
    for (const { kind, id } of plan.deletes) records.delete([kind, id]);
    for (const { kind, id, data } of plan.upserts) records.put({ kind, id, data, at } satisfies LocalRecord);
    if (plan.version !== meta.version) metaStore.put({ ...meta, version: plan.version } satisfies RegistryMeta, META_KEYS.registry);
    return { version: plan.version, applied: plan.upserts.length + plan.deletes.length };
  });
}

/** The copy is confirmed current: note when, with the client config fetched alongside. */
function markCurrent(store: OfflineStore, config: ClientConfig): Promise<void> {
  return transact(store.db, [META], 'readwrite', async (tx) => {
    const metaStore = tx.objectStore(META);
    const meta = (await request(metaStore.get(META_KEYS.registry))) as RegistryMeta | undefined;
    if (meta) metaStore.put({ ...meta, syncedAt: new Date().toISOString() } satisfies RegistryMeta, META_KEYS.registry);
    metaStore.put(config, META_KEYS.clientConfig);
  });
}

async function replaceWithSnapshot(store: OfflineStore, api: ApiClient, config: ClientConfig, opts: SyncOptions): Promise<SyncOutcome> {
  const { signal, onProgress } = opts;
  onProgress?.({ phase: 'snapshot', done: 0, total: null });
  const snapshot = await fetchSnapshot(api, signal);
  signal?.throwIfAborted();
  const rows: LocalRecord[] = [];
  for (const [kind, list] of Object.entries(snapshot.records)) {
    if (!isKnownKind(kind)) continue;
    for (const data of list) rows.push({ kind, id: String(data.id), data, at: snapshot.generatedAt });
  }
  await transact(store.db, [RECORDS, META], 'readwrite', (tx) => {
    const records = tx.objectStore(RECORDS);
    records.clear();
    rows.forEach((row, i) => {
      const req = records.put(row);
      const done = i + 1;
      if (onProgress && (done % SNAPSHOT_PROGRESS_EVERY === 0 || done === rows.length)) {
        req.onsuccess = () => onProgress({ phase: 'snapshot', done, total: rows.length });
      }
    });
    const meta: RegistryMeta = { version: snapshot.version, generatedAt: snapshot.generatedAt, syncedAt: new Date().toISOString() };
    tx.objectStore(META).put(meta, META_KEYS.registry);
    tx.objectStore(META).put(config, META_KEYS.clientConfig);
  });
  return { mode: 'snapshot', version: snapshot.version, applied: rows.length };
}
