// Work the shopper never waits for: keep the offline registry copy current and upload
// queued scans and reports, at start, when the connection comes back, and every few
// minutes while the app is open.
import { api } from '../api/api';
import type { AppStatus } from './app-status';
import { offline } from './offline-access';

const PERIOD_MS = 5 * 60_000;

export interface Background {
  /** Sync the registry now (the About screen's button); resolves with the number of changes applied. */
  syncNow(): Promise<{ mode: 'snapshot' | 'changes' | 'up_to_date'; applied: number }>;
  /** Upload the outbox now (after a scan or report was queued). */
  flushNow(): Promise<void>;
  /** Re-read counts after a screen changed the store. */
  refresh(): Promise<void>;
}

export function startBackground(update: (patch: Partial<AppStatus> | ((s: AppStatus) => Partial<AppStatus>)) => void): Background {
  let syncing: Promise<{ mode: 'snapshot' | 'changes' | 'up_to_date'; applied: number }> | null = null;
  let flushing: Promise<void> | null = null;

  const refresh = async () => {
    const { mod, store } = await offline();
    const [registry, pending] = await Promise.all([mod.registryStatus(store), mod.pendingCount(store)]);
    update({ registry, pending });
  };

  const syncNow = () => {
    syncing ??= (async () => {
      update({ syncing: true });
      try {
        const { mod, store } = await offline();
        const r = await mod.syncRegistryInBackground(store, api);
        return { mode: r.mode, applied: r.applied };
      } finally {
        update({ syncing: false });
        syncing = null;
        await refresh().catch(() => {});
      }
    })();
    return syncing;
  };

  // A flush asked for while one runs (a scan queued after it read the outbox) runs once more
  // right after it, rather than joining a flush that will not see the new item.
  let flushAgain = false;
  const flushNow = (): Promise<void> => {
    if (flushing) {
      flushAgain = true;
      return flushing;
    }
    flushing = (async () => {
      try {
        const { mod, store } = await offline();
        if ((await mod.pendingCount(store)) === 0) return;
        const r = await mod.flushOutbox(store, api);
        for (const { clientEventId, result } of r.results) await mod.updateHistory(store, clientEventId, result);
        if (r.results.length) update((s) => ({ historyRevision: s.historyRevision + 1 }));
      } finally {
        flushing = null;
        await refresh().catch(() => {});
        if (flushAgain) {
          flushAgain = false;
          void flushNow().catch(() => {});
        }
      }
    })();
    return flushing;
  };

  const whenOnline = () => {
    if (!navigator.onLine) return;
    void flushNow().catch(() => {});
    void syncNow().catch(() => {});
  };

  window.addEventListener('online', () => {
    update({ online: true });
    whenOnline();
  });
  window.addEventListener('offline', () => update({ online: false }));
  setInterval(whenOnline, PERIOD_MS);
  void refresh()
    .catch(() => {})
    .then(whenOnline);

  return { syncNow, flushNow, refresh };
}
