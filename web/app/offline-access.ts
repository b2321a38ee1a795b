// The offline module (IndexedDB copy, offline verify and search, outbox) is loaded after
// first paint, so it never weighs on the initial bundle; every screen shares one store.
import type * as Offline from '../offline';

export type OfflineModule = typeof Offline;

let loading: Promise<{ mod: OfflineModule; store: Offline.OfflineStore }> | null = null;

/** The offline module and the opened store (opened once per page). */
export function offline(): Promise<{ mod: OfflineModule; store: Offline.OfflineStore }> {
  loading ??= import('../offline').then(async (mod) => ({ mod, store: await mod.openOfflineStore() }));
  // A failed open (private mode without IndexedDB) may succeed on a later try.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
