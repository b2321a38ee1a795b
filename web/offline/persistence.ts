// Ask the browser not to evict the registry copy and the queued scans under storage
// pressure (navigator.storage.persist). Browsers answer silently from site engagement;
// the answer is stored so the UI can show it. Where the API is missing it stays null.
import { META_KEYS } from './schema';
import { writeMeta, type OfflineStore } from './store';

/** Request persistent storage when available and remember the answer. */
export async function requestPersistence(store: OfflineStore): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage || typeof storage.persist !== 'function') return null;
  try {
    const persisted = (typeof storage.persisted === 'function' && (await storage.persisted())) || (await storage.persist());
    await writeMeta(store, META_KEYS.persisted, persisted);
    return persisted;
  } catch {
    // Some browsers throw in private mode: the copy still works, just without the guarantee.
    return null;
  }
}

