// What the OpenAPI document is generated from, attached to the route handlers themselves:
// validate() marks its middleware with the zod schema it checks, requireRole() marks its
// middleware with the role it needs. Hono's app.routes lists every handler of every route,
// so the document walks them instead of restating paths, parameters and bodies by hand.
import type { ZodType } from 'zod';

export type SchemaTarget = 'json' | 'query' | 'param' | 'form' | 'header' | 'cookie';
export interface RouteSchema {
  target: SchemaTarget;
  schema: ZodType;
}

const SCHEMA = Symbol.for('nguon-viet.openapi.schema');
const ROLE = Symbol.for('nguon-viet.openapi.role');

/** Mark `handler` as validating `target` with `schema`; returns the same function. */
export function withSchema<F extends object>(handler: F, target: SchemaTarget, schema: ZodType): F {
  Object.defineProperty(handler, SCHEMA, { value: { target, schema } satisfies RouteSchema });
  return handler;
}

/** Mark `handler` as admitting only signed-in staff of `role` or above; returns the same function. */
export function withRole<F extends object>(handler: F, role: string): F {
  Object.defineProperty(handler, ROLE, { value: role });
  return handler;
}

export const schemaOf = (handler: unknown): RouteSchema | undefined => (handler as { [SCHEMA]?: RouteSchema })[SCHEMA];
export const roleOf = (handler: unknown): string | undefined => (handler as { [ROLE]?: string })[ROLE];
