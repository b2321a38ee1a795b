import type { SyncChangesPage, SyncSnapshot } from '../domain/catalogue/sync-wire';
import { REGISTRY_KINDS, type RegistryKind } from '../domain/registry-kinds';
import type { StoredRecord } from './import/normalise-record';
import type { RegistryRepository } from '../repositories/registry.repository';

export type ChangesPage = SyncChangesPage;

export type ChangesResult =
  | { ok: true; page: ChangesPage }
  | { ok: false; code: 'snapshot_required'; reason: string; current: number };

export interface SyncService {
  /** The whole public registry at the current version, as JSON text (cached per version). */
  snapshot(): { version: number; body: string };
  changesSince(since: number, limit: number): ChangesResult;
  currentVersion(): number;
}

/** Snapshot and change feed over the append-only change log (PRODUCT.md §5). */
export function createSyncService(registry: RegistryRepository, now: () => Date, maxDelta: number): SyncService {
  let cached: { version: number; body: string } | null = null;
  return {
    currentVersion: () => registry.currentVersion(),
    snapshot() {
      const version = registry.currentVersion();
      if (cached?.version === version) return cached;
      const records = {} as Record<RegistryKind, StoredRecord[]>;
      for (const kind of REGISTRY_KINDS) records[kind] = [...registry.allRecords(kind).values()];
      const snapshot: SyncSnapshot = { version, generatedAt: now().toISOString(), records };
      cached = { version, body: JSON.stringify(snapshot) };
      return cached;
    },
    changesSince(since, limit) {
      const current = registry.currentVersion();
      if (since > current) {
        return { ok: false, code: 'snapshot_required', reason: `version ${since} is newer than this registry (${current}): it comes from another database`, current };
      }
      const oldest = registry.oldestVersion();
      if (oldest > 0 && since < oldest - 1) {
        return { ok: false, code: 'snapshot_required', reason: `changes before version ${oldest} are no longer kept`, current };
      }
      if (current - since > maxDelta) {
        return { ok: false, code: 'snapshot_required', reason: `${current - since} changes are pending; a fresh snapshot is smaller`, current };
      }
      const entries = registry.changesSince(since, limit + 1);
      const hasMore = entries.length > limit;
      const page = entries.slice(0, limit);
      return {
        ok: true,
        page: {
          since,
          to: page.length ? page[page.length - 1]!.version : since,
          current,
          hasMore,
          changes: page.map((e) => ({ v: e.version, kind: e.entity, id: e.entityId, op: e.op, data: e.data })),
        },
      };
    },
  };
}
