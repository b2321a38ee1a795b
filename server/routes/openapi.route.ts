import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import { openApiDocument, type RouteEntry } from './openapi/openapi-document';

/**
 * GET /api/openapi.json, generated from `routes()` (the app's app.routes, read once all
 * routes are mounted: on the first request).
 */
export const openApiRoutes = (deps: AppDeps, routes: () => readonly RouteEntry[]) => {
  let doc: ReturnType<typeof openApiDocument> | null = null;
  return new Hono().get('/', (c) => c.json((doc ??= openApiDocument(deps.config.publicUrl, routes()))));
};
