// The typed API client: the only module of web/ that talks to the server (CONVENTIONS).
// Types come straight from the server's route chain (AppType), no code generation.
import { hc } from 'hono/client';
import type { AppType } from '../../server/app';

/** Create a client for the API at `baseUrl` ('' = same origin as the page). */
export function createApiClient(baseUrl = '', init?: { fetch?: typeof fetch }) {
  return hc<AppType>(baseUrl, init?.fetch ? { fetch: init.fetch } : undefined);
}

export type ApiClient = ReturnType<typeof createApiClient>;
