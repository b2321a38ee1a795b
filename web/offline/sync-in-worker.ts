// Run syncRegistry in a dedicated worker (sync.worker.ts) where the browser allows module
// workers, else on this thread. Persistent storage is requested from the page: the
// StorageManager.persist() call exists only on windows.
import type { ApiClient } from '../api/client';
import { requestPersistence } from './persistence';
import type { OfflineStore } from './store';
import { syncRegistry, type SyncOutcome, type SyncProgress } from './sync';

let worker: Worker | null | undefined;
let nextId = 0;

function syncWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./sync.worker.ts', import.meta.url), { type: 'module', name: 'registry-sync' });
  } catch {
    worker = null;
  }
  return worker;
}

function runInWorker(w: Worker, onProgress?: (p: SyncProgress) => void): Promise<SyncOutcome> {
  const id = ++nextId;
  return new Promise((resolve, reject) => {
    const onMessage = (e: MessageEvent<{ id: number; progress?: SyncProgress; outcome?: SyncOutcome; error?: string }>) => {
      if (e.data.id !== id) return;
      if (e.data.progress) return onProgress?.(e.data.progress);
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      if (e.data.outcome) resolve(e.data.outcome);
      else reject(new Error(e.data.error ?? 'sync failed'));
    };
    const onError = (e: ErrorEvent) => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      reject(new Error(e.message || 'sync worker failed'));
    };
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage({ id });
  });
}

/** Bring the local copy up to date without blocking the page; falls back to this thread. */
export async function syncRegistryInBackground(store: OfflineStore, api: ApiClient, opts: { onProgress?: (p: SyncProgress) => void } = {}): Promise<SyncOutcome> {
  const w = syncWorker();
  let outcome: SyncOutcome;
  if (w) {
    try {
      outcome = await runInWorker(w, opts.onProgress);
    } catch (e) {
      // A worker that cannot even start (blocked, unsupported) is replaced by this thread.
      if (!(e instanceof Error) || !/worker/i.test(e.message)) throw e;
      worker = null;
      outcome = await syncRegistry(store, api, opts);
    }
  } else {
    outcome = await syncRegistry(store, api, opts);
  }
  await requestPersistence(store);
  return outcome;
}
