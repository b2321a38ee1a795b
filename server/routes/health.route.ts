import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';

const started = Date.now();

/** GET /api/health: liveness plus the registry version and search engines in use. */
export const healthRoutes = (deps: AppDeps) =>
  new Hono().get('/', (c) =>
    c.json({
      status: 'ok' as const,
      registryVersion: deps.registry.currentVersion(),
      search: deps.search.engines(),
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      time: deps.clock.now().toISOString(),
    }),
  );
