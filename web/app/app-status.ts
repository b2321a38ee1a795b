// What the header shows and screens consult: online or not, how fresh the offline copy
// is, how many scans wait in the outbox. Kept current by background.ts.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

export interface RegistryState {
  version: number | null;
  syncedAt: string | null;
  generatedAt: string | null;
  products: number;
  persisted: boolean | null;
}

/** "Data as of": when a sync last found the copy current, else when its snapshot was made (sync moves only syncedAt). */
export const dataAsOf = (registry: RegistryState | null | undefined): string | null => registry?.syncedAt ?? registry?.generatedAt ?? null;

export interface AppStatus {
  online: boolean;
  syncing: boolean;
  registry: RegistryState | null;
  pending: number;
  /** Bumped when background work changed history entries (uploaded scans), so screens re-read. */
  historyRevision: number;
}

export const initialStatus = (): AppStatus => ({ online: navigator.onLine, syncing: false, registry: null, pending: 0, historyRevision: 0 });

export const StatusContext = createContext<AppStatus>({ online: true, syncing: false, registry: null, pending: 0, historyRevision: 0 });

export const useStatus = () => useContext(StatusContext);
