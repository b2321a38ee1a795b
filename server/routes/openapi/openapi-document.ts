// The OpenAPI 3.1 document, generated from the app's own routes: every method and path in
// Hono's app.routes, its path/query parameters and request body from the zod schemas its
// validators check (z.toJSONSchema), its security from requireRole, the error shape from
// apiErrorSchema; only the words (summaries, success bodies) come from route-docs.ts.
import { z, type ZodType } from 'zod';
import { apiErrorSchema } from '../errors';
import { ROUTE_DOCS, type RouteDoc } from './route-docs';
import { roleOf, schemaOf, type RouteSchema } from './route-schema';

/** One handler of one route, as Hono lists them in app.routes. */
export interface RouteEntry {
  method: string;
  path: string;
  handler: unknown;
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

/** The routes a client calls: the API and the stamp pages (not middleware, not the PWA's catch-all). */
export const isDocumentedRoute = (r: { method: string; path: string }) => r.method !== 'ALL' && !r.path.includes('*') && /^\/(api|S|s)\//.test(r.path);

/** Hono's /a/:id → OpenAPI's /a/{id}. */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}');

function jsonSchemaOf(schema: ZodType): JsonSchema {
  // io: 'input' — what a client sends, before coercions and defaults.
  const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { type: 'object', required: ['error'], properties: { error: { $ref: '#/components/schemas/Error' } } } } },
});

function parameters(path: string, schemas: RouteSchema[]) {
  const params: Record<string, unknown>[] = [];
  const where = { param: 'path', query: 'query', header: 'header', cookie: 'cookie' } as const;
  for (const s of schemas) {
    if (!(s.target in where)) continue;
    const schema = jsonSchemaOf(s.schema);
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const { description, ...rest } = property;
      const location = where[s.target as keyof typeof where];
      params.push({ name, in: location, required: location === 'path' || (schema.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest });
    }
  }
  // A path parameter no validator checks is still a parameter.
  for (const [, name] of openApiPath(path).matchAll(/\{([^}]+)\}/g)) {
    if (!params.some((p) => p.in === 'path' && p.name === name)) params.push({ name, in: 'path', required: true, schema: { type: 'string' } });
  }
  return params;
}

function operation(method: string, path: string, handlers: unknown[], doc: RouteDoc | undefined) {
  const schemas = handlers.map(schemaOf).filter((s): s is RouteSchema => Boolean(s));
  const role = handlers.map(roleOf).find(Boolean);
  const body = schemas.find((s) => s.target === 'json' || s.target === 'form');
  const ok = doc?.ok ?? { status: 200, description: 'OK' };
  const responses: Record<string, unknown> = {
    [ok.status]: { description: ok.description, content: { [doc?.contentType ?? 'application/json']: { schema: doc?.contentType?.startsWith('text/') ? { type: 'string' } : {} } } },
  };
  if (schemas.length) responses[400] = errorResponse('Invalid input (invalid_request): error.details names each bad field');
  if (role) {
    responses[401] = errorResponse('Not signed in (unauthenticated)');
    responses[403] = errorResponse(`Not allowed: the role is below ${role}, the CSRF token is missing or wrong (csrf_failed), or the one-time password must be replaced first`);
  }
  if (path.includes('{')) responses[404] = errorResponse('No such record (not_found)');
  for (const [status, description] of Object.entries(doc?.errors ?? {})) responses[status] = errorResponse(description);
  const safe = method === 'GET' || method === 'HEAD';
  return {
    summary: doc?.summary ?? `${method} ${path}`,
    operationId: `${method.toLowerCase()} ${path}`,
    parameters: parameters(path, schemas),
    ...(body
      ? { requestBody: { required: true, content: { [body.target === 'form' ? 'multipart/form-data' : 'application/json']: { schema: jsonSchemaOf(body.schema) } } } }
      : {}),
    ...(role ? { security: [safe ? { session: [] } : { session: [], csrf: [] }], 'x-required-role': role } : {}),
    responses,
  };
}

/** Build the OpenAPI document of `routes` (app.routes) for a server reachable at `serverUrl`. */
export function openApiDocument(serverUrl: string, routes: readonly RouteEntry[]) {
  const handlersByRoute = new Map<string, unknown[]>();
  for (const r of routes.filter(isDocumentedRoute)) {
    const key = `${r.method} ${openApiPath(r.path)}`;
    handlersByRoute.set(key, [...(handlersByRoute.get(key) ?? []), r.handler]);
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, handlers] of handlersByRoute) {
    const [method, path] = key.split(' ') as [string, string];
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation(method, path, handlers, ROUTE_DOCS[key]) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Nguồn Việt API',
      version: '0.1.0',
      description:
        'Registry of Vietnamese OCOP products, producers, protected marks and HVNCL awards; stamp verification, reports, search and offline sync. Errors are {error: {code, message, message_vi}} with a 4xx status. Generated from the routes and their zod schemas.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: '__Host-nv_session', description: 'nv_session over plain HTTP; from POST /api/auth/login' },
        csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token', description: 'the csrfToken of the session, on every change' },
      },
      schemas: { Error: jsonSchemaOf(apiErrorSchema) },
    },
  };
}
