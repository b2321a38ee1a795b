// The three reads the sync needs, through the typed client: client config, snapshot, and
// a page of changes. Responses are checked at this edge (the snapshot is served as text,
// so it has no static type) and turned into values or a thrown SyncError.
import type { ApiClient } from '../api/client';
import type { ChangesPage } from './merge-changes';
import type { ClientConfig, RegistryRecord } from './schema';

/** An HTTP answer the sync cannot use (not a network failure: those throw TypeError). */
export class SyncError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export interface Snapshot {
  version: number;
  generatedAt: string;
  records: Record<string, RegistryRecord[]>;
}

export type ChangesAnswer = { ok: true; page: ChangesPage & { current: number; hasMore: boolean } } | { ok: false; snapshotRequired: true };

const options = (signal?: AbortSignal) => (signal ? { init: { signal } } : undefined);

async function failure(res: Response, what: string): Promise<SyncError> {
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new SyncError(res.status, body?.error?.code ?? `http_${res.status}`, `${what}: HTTP ${res.status}${body?.error?.message ? ` (${body.error.message})` : ''}`);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** GET /api/client-config. */
export async function fetchClientConfig(api: ApiClient, signal?: AbortSignal): Promise<ClientConfig> {
  const res = await api.api['client-config'].$get(undefined, options(signal));
  if (!res.ok) throw await failure(res, 'client config');
  const body: unknown = await res.json();
  if (!isObject(body) || typeof body.publicUrl !== 'string' || !isStringList(body.stampHosts) || !isStringList(body.officialDomains)) {
    throw new SyncError(res.status, 'bad_client_config', 'client config: unexpected shape');
  }
  return { publicUrl: body.publicUrl, stampHosts: body.stampHosts, officialDomains: body.officialDomains };
}

/** GET /api/sync/snapshot: the whole public registry at one version. */
export async function fetchSnapshot(api: ApiClient, signal?: AbortSignal): Promise<Snapshot> {
  const res = await api.api.sync.snapshot.$get(undefined, options(signal));
  if (!res.ok) throw await failure(res, 'snapshot');
  const body: unknown = await res.json();
  if (!isObject(body) || typeof body.version !== 'number' || typeof body.generatedAt !== 'string' || !isObject(body.records)) {
    throw new SyncError(res.status, 'bad_snapshot', 'snapshot: unexpected shape');
  }
  const records: Record<string, RegistryRecord[]> = {};
  for (const [kind, rows] of Object.entries(body.records)) {
    if (!Array.isArray(rows) || !rows.every((row) => isObject(row) && typeof row.id === 'string')) {
      throw new SyncError(res.status, 'bad_snapshot', `snapshot: rows of ${kind} have no id`);
    }
    records[kind] = rows as RegistryRecord[];
  }
  return { version: body.version, generatedAt: body.generatedAt, records };
}

/** GET /api/sync/changes?since=V; a 410 says the copy must be replaced by a snapshot. */
export async function fetchChanges(api: ApiClient, since: number, signal?: AbortSignal): Promise<ChangesAnswer> {
  const res = await api.api.sync.changes.$get({ query: { since: String(since) } }, options(signal));
  if (res.status === 410) return { ok: false, snapshotRequired: true };
  if (!res.ok) throw await failure(res, 'changes');
  const body: unknown = await res.json();
  if (
    !isObject(body) ||
    typeof body.since !== 'number' ||
    typeof body.to !== 'number' ||
    typeof body.current !== 'number' ||
    typeof body.hasMore !== 'boolean' ||
    !Array.isArray(body.changes)
  ) {
    throw new SyncError(res.status, 'bad_changes', 'changes: unexpected shape');
  }
  return { ok: true, page: body as unknown as ChangesPage & { current: number; hasMore: boolean } };
}
