// The PWA's offline module (CONVENTIONS: the only IndexedDB code): the registry copy and
// its sync, offline verification and search, the upload queue, and the phone's history.
//
// Importing this file stays cheap for the first screen: store, sync, queue and history are
// small, while the offline verifier (Ed25519, scan parsing) and the catalogue/search code
// (query analyser, re-ranker) load on first use through the lazy wrappers below, each in
// its own chunk.
import type { Award, Mark, Place, ProductDetail, ProductSummary, Producer } from '../../server/domain/registry-types';
import type { VerifyResult } from '../../server/domain/verify-result';
import type { OfflineSearchQuery, OfflineSearchResult } from './search-offline';
import type { OfflineStore } from './store';

export { openOfflineStore, type OfflineStore } from './store';
export { syncRegistry, type SyncOptions, type SyncOutcome, type SyncProgress } from './sync';
export { syncRegistryInBackground } from './sync-in-worker';
export { SyncError } from './sync-feed';
export { registryStatus, type RegistryStatus } from './status';
export { getDeviceId, isServerDeviceId, randomId, setDeviceId } from './device';
export { enqueueScan, flushOutbox, pendingCount, submitReport, uploadFailures, uploadState, MAX_ATTEMPTS, type FlushOutcome, type ReportOutcome, type ScanToQueue } from './outbox';
export { addHistory, clearHistory, getHistoryEntry, listHistory, updateHistory, HISTORY_LIMIT, type HistoryEntry } from './history';
export type { ReportToSend, UploadFailure } from './schema';
export type { OfflineSearchQuery, OfflineSearchResult } from './search-offline';

/** Check a scanned payload against the local copy: authentic_offline, unverified or not_a_stamp. */
export async function verifyOffline(store: OfflineStore, payload: string, now: Date): Promise<VerifyResult> {
  return (await import('./verify-offline')).verifyOffline(store, payload, now);
}

/**
 * Load the offline verifier, its keys and the Ed25519 backend ahead of the first scan, so
 * a verdict after decode costs only the signature check (the e2e budget is 150 ms).
 */
export async function prepareVerifyOffline(store: OfflineStore): Promise<void> {
  const [{ verifyOffline: verify }, { detectEd25519Backend }] = await Promise.all([import('./verify-offline'), import('../../server/domain/stamp-signature')]);
  await Promise.all([verify(store, '', new Date()), detectEd25519Backend()]);
}

/** GET /api/products answered from the local copy (same query reading, filters, facets). */
export async function searchOffline(store: OfflineStore, query: OfflineSearchQuery, today: string): Promise<OfflineSearchResult> {
  return (await import('./search-offline')).searchOffline(store, query, today);
}

/** GET /api/products/:id from the local copy; null when unknown. */
export async function productOffline(store: OfflineStore, id: string, today: string): Promise<ProductDetail | null> {
  return (await import('./catalogue-offline')).productOffline(store, id, today);
}

/** GET /api/producers/:id from the local copy (the producer with its products, same shape); null when unknown. */
export async function producerOffline(store: OfflineStore, id: string, today: string): Promise<(Producer & { products: ProductSummary[] }) | null> {
  return (await import('./catalogue-offline')).producerOffline(store, id, today);
}

/** GET /api/marks items from the local copy. */
export async function marksOffline(store: OfflineStore): Promise<(Mark & { productCount: number })[]> {
  return (await import('./catalogue-offline')).marksOffline(store);
}

/** GET /api/places?ids=… items from the local copy. */
export async function placesOffline(store: OfflineStore, ids: readonly string[]): Promise<Place[]> {
  return (await import('./catalogue-offline')).placesOffline(store, ids);
}

/** GET /api/awards items from the local copy. */
export async function awardsOffline(store: OfflineStore): Promise<Award[]> {
  return (await import('./catalogue-offline')).awardsOffline(store);
}
