// The registry sync feed on the wire (GET /api/sync/snapshot and /api/sync/changes): the
// shapes the server sends and the checks the PWA applies to what it receives, in one place.
import type { RegistryKind } from '../registry-kinds';
import type { WireRecord } from './typed-rows';

export type { WireRecord } from './typed-rows';

/** The whole public registry at one version. The server sends every kind; a reader keys by text (a newer server may add kinds). */
export interface SyncSnapshot<K extends string = RegistryKind> {
  version: number;
  generatedAt: string;
  records: Record<K, WireRecord[]>;
}

/** One change of the log; `data` is the whole row after an upsert, null for a delete. */
export interface SyncChange<K extends string = RegistryKind> {
  v: number;
  kind: K;
  id: string;
  op: 'upsert' | 'delete';
  data: WireRecord | null;
}

/** One page of changes after `since`. */
export interface SyncChangesPage<K extends string = RegistryKind> {
  since: number;
  /** Version of the last change in this page (== since when there are none). */
  to: number;
  current: number;
  hasMore: boolean;
  changes: SyncChange<K>[];
}

export type WireCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A snapshot body as received, checked: version, time, and rows that each have a text id. */
export function checkSnapshot(body: unknown): WireCheck<SyncSnapshot<string>> {
  if (!isObject(body) || typeof body.version !== 'number' || typeof body.generatedAt !== 'string' || !isObject(body.records)) {
    return { ok: false, reason: 'snapshot: unexpected shape' };
  }
  const records: Record<string, WireRecord[]> = {};
  for (const [kind, rows] of Object.entries(body.records)) {
    if (!Array.isArray(rows) || !rows.every((row) => isObject(row) && typeof row.id === 'string')) return { ok: false, reason: `snapshot: rows of ${kind} have no id` };
    records[kind] = rows as WireRecord[];
  }
  return { ok: true, value: { version: body.version, generatedAt: body.generatedAt, records } };
}

/** A changes page as received, checked at the page level (merging skips malformed changes one by one). */
export function checkChangesPage(body: unknown): WireCheck<SyncChangesPage<string>> {
  if (
    !isObject(body) ||
    typeof body.since !== 'number' ||
    typeof body.to !== 'number' ||
    typeof body.current !== 'number' ||
    typeof body.hasMore !== 'boolean' ||
    !Array.isArray(body.changes)
  ) {
    return { ok: false, reason: 'changes: unexpected shape' };
  }
  return { ok: true, value: body as unknown as SyncChangesPage<string> };
}
