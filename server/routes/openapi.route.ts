import { Hono } from 'hono';
import type { AppDeps } from '../app-deps';
import { openApiDocument } from './openapi-document';

/** GET /api/openapi.json */
export const openApiRoutes = (deps: AppDeps) => {
  const doc = openApiDocument(deps.config.publicUrl);
  return new Hono().get('/', (c) => c.json(doc));
};
