// A random device id, made once and kept in IndexedDB. The server only ever stores a keyed
// hash of it, to tell "this phone re-checking its own stamp" from "another phone"; it is
// never derived from hardware, so clearing site data gives the phone a new one.
import { request, transact } from './idb';
import { META, META_KEYS } from './schema';
import type { OfflineStore } from './store';

/** A random RFC 4122 version 4 id (crypto.randomUUID where the browser has it). */
export function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older Safari: same format from getRandomValues.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** This phone's device id, created on first use. */
export function getDeviceId(store: OfflineStore): Promise<string> {
  // Read and create in one transaction, so two tabs asking at once agree on one id.
  return transact(store.db, [META], 'readwrite', async (tx) => {
    const meta = tx.objectStore(META);
    const existing = (await request(meta.get(META_KEYS.deviceId))) as string | undefined;
    if (existing) return existing;
    const id = randomId();
    meta.put(id, META_KEYS.deviceId);
    return id;
  });
}

/** True for an id the server issued (`d1.…`): only those count as another phone's check. */
export const isServerDeviceId = (id: string): boolean => id.startsWith('d1.');

/** Keep the id the server issued to this phone in place of the one made here. */
export function setDeviceId(store: OfflineStore, id: string): Promise<void> {
  return transact(store.db, [META], 'readwrite', async (tx) => {
    tx.objectStore(META).put(id, META_KEYS.deviceId);
  });
}
