import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';

/**
 * GET /api/client-config: what the PWA needs to read scans the way the server does when
 * it is offline — which hosts print our stamps and which domains lookalike warnings
 * compare against. The PWA stores it beside its registry copy.
 */
export const clientConfigRoutes = (deps: AppDeps) =>
  new Hono().get('/', (c) =>
    c.json({
      publicUrl: deps.config.publicUrl,
      stampHosts: deps.config.stampHosts,
      officialDomains: deps.config.officialDomains,
    }),
  );
