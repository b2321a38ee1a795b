// Merging the server's change feed into the local copy, as pure functions (CONVENTIONS 8,
// Excalidraw's reconcile): the IndexedDB code applies the plan, tests check the rules.
//   - a change at or below the local version is already in the copy: skipped, so a
//     duplicate or out-of-order page changes nothing;
//   - a page that starts after the local version would skip changes: refused whole;
//   - kinds this app does not know are skipped; within a page the last change of a row wins.
import type { SyncChange, SyncChangesPage } from '../../server/domain/catalogue/sync-wire';
import type { RegistryKind } from '../../server/domain/registry-kinds';
import { isKnownKind } from './known-kinds';
import type { RegistryRecord } from './schema';

/** One change as received: its kind is text, since a newer server may send kinds this app does not know. */
export type RegistryChange = SyncChange<string>;

/** One page of GET /api/sync/changes (the fields merging needs). */
export type ChangesPage = Pick<SyncChangesPage<string>, 'since' | 'to'> & { changes: readonly RegistryChange[] };

export interface RowKey {
  kind: RegistryKind;
  id: string;
}

export interface MergePlan {
  /** Version of the local copy once the plan is applied. */
  version: number;
  upserts: (RowKey & { data: RegistryRecord })[];
  deletes: RowKey[];
  /** Changes not applied: already in the copy, of an unknown kind, malformed, or superseded in the page. */
  skipped: number;
  /** The page starts after the local version; nothing was planned and the version stays. */
  gap: boolean;
}

/** Plan how a page of changes updates a local copy at `localVersion`. */
export function planMerge(localVersion: number, page: ChangesPage): MergePlan {
  if (page.since > localVersion) return { version: localVersion, upserts: [], deletes: [], skipped: page.changes.length, gap: true };
  const latest = new Map<string, RegistryChange & { kind: RegistryKind }>();
  let skipped = 0;
  let version = Math.max(localVersion, page.to);
  // Sorted by version so "last change wins" holds even if a page arrives shuffled.
  for (const change of [...page.changes].sort((a, b) => a.v - b.v)) {
    version = Math.max(version, change.v);
    const malformed = typeof change.id !== 'string' || (change.op === 'upsert' && (change.data === null || typeof change.data !== 'object'));
    if (change.v <= localVersion || malformed || !isKnownKind(change.kind)) {
      skipped += 1;
      continue;
    }
    const key = `${change.kind}\u0000${change.id}`;
    if (latest.has(key)) skipped += 1;
    latest.delete(key);
    latest.set(key, change as RegistryChange & { kind: RegistryKind });
  }
  const plan: MergePlan = { version, upserts: [], deletes: [], skipped, gap: false };
  for (const change of latest.values()) {
    if (change.op === 'upsert') plan.upserts.push({ kind: change.kind, id: change.id, data: change.data as RegistryRecord });
    else plan.deletes.push({ kind: change.kind, id: change.id });
  }
  return plan;
}

/** A registry copy held in memory: kind → id → row. */
export interface RegistryCopy {
  version: number;
  records: ReadonlyMap<string, ReadonlyMap<string, RegistryRecord>>;
}

/** The copy after a page of changes; the input is not modified (untouched kinds are shared). */
export function mergeChanges(copy: RegistryCopy, page: ChangesPage): RegistryCopy {
  const plan = planMerge(copy.version, page);
  if (plan.gap) return copy;
  const records = new Map(copy.records);
  const editable = (kind: string) => {
    const rows = new Map(records.get(kind) ?? []);
    records.set(kind, rows);
    return rows;
  };
  const touched = new Map<string, Map<string, RegistryRecord>>();
  const rowsOf = (kind: string) => touched.get(kind) ?? touched.set(kind, editable(kind)).get(kind)!;
  for (const { kind, id } of plan.deletes) rowsOf(kind).delete(id);
  for (const { kind, id, data } of plan.upserts) rowsOf(kind).set(id, data);
  return { version: plan.version, records };
}
