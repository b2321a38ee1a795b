// The three reads the sync needs, through the typed client: client config, snapshot, and
// a page of changes. Responses are checked at this edge (the snapshot is served as text,
// so it has no static type) and turned into values or a thrown SyncError.
import type { ApiClient } from '../api/client';
import { checkChangesPage, checkSnapshot, type SyncChangesPage, type SyncSnapshot } from '../../server/domain/catalogue/sync-wire';
import type { ClientConfig } from './schema';

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

export type Snapshot = SyncSnapshot<string>;

export type ChangesAnswer = { ok: true; page: SyncChangesPage<string> } | { ok: false; snapshotRequired: true };

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
  const checked = checkSnapshot(await res.json());
  if (!checked.ok) throw new SyncError(res.status, 'bad_snapshot', checked.reason);
  return checked.value;
}

/** GET /api/sync/changes?since=V; a 410 says the copy must be replaced by a snapshot. */
export async function fetchChanges(api: ApiClient, since: number, signal?: AbortSignal): Promise<ChangesAnswer> {
  const res = await api.api.sync.changes.$get({ query: { since: String(since) } }, options(signal));
  if (res.status === 410) return { ok: false, snapshotRequired: true };
  if (!res.ok) throw await failure(res, 'changes');
  const checked = checkChangesPage(await res.json());
  if (!checked.ok) throw new SyncError(res.status, 'bad_changes', checked.reason);
  return { ok: true, page: checked.value };
}
