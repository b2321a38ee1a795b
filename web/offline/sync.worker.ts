// Registry sync off the main thread: downloading, parsing and storing the snapshot
// (~2,000 rows, structured-cloned into IndexedDB) took ~1.5 s of main-thread time on a
// throttled phone profile and froze the first screen. The worker has its own connection
// to the same database; the page reads the new version on its next query.
import { createApiClient } from '../api/client';
import { openOfflineStore, type OfflineStore } from './store';
import { syncRegistry } from './sync';

interface WorkerScope {
  location: Location;
  onmessage: ((e: MessageEvent<{ id: number }>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;
const api = createApiClient(scope.location.origin);
let store: Promise<OfflineStore> | null = null;

scope.onmessage = async ({ data: { id } }) => {
  try {
    store ??= openOfflineStore();
    const outcome = await syncRegistry(await store, api, { onProgress: (progress) => scope.postMessage({ id, progress }) });
    scope.postMessage({ id, outcome });
  } catch (e) {
    store = null;
    scope.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
};
