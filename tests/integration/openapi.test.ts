// GET /api/openapi.json is generated from the app's routes and their zod schemas: every
// route is in it, with its parameters, body, security and the API's error shape, and the
// hand-written words (route-docs.ts) name no route that does not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDocumentedRoute, openApiPath } from '../../server/routes/openapi/openapi-document';
import { ROUTE_DOCS } from '../../server/routes/openapi/route-docs';
import { createTestRuntime } from '../helpers/test-runtime';

interface Operation {
  summary: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: { properties: Record<string, Record<string, unknown>>; required?: string[] } }> };
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
interface Doc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: { Error: { required: string[]; properties: Record<string, unknown> } } };
}

let t: Awaited<ReturnType<typeof createTestRuntime>>;
let doc: Doc;
beforeAll(async () => {
  t = await createTestRuntime();
  const res = await t.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});
afterAll(() => t.cleanup());

const op = (method: string, path: string): Operation => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`${method} ${path} is not in the document`);
  return found;
};

describe('OpenAPI document', () => {
  it('has every route of the app, and words for every route and no other', () => {
    const routes = [...new Set(t.app.routes.filter(isDocumentedRoute).map((r) => `${r.method} ${openApiPath(r.path)}`))];
    expect(routes.length).toBeGreaterThan(40);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !routes.includes(r))).toEqual([]);
    expect(routes.filter((r) => !(r in ROUTE_DOCS))).toEqual([]);
    expect(Object.keys(ROUTE_DOCS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it("takes query and path parameters from the validators' schemas", () => {
    const search = op('get', '/api/products');
    expect(search.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'stars', 'group', 'place', 'mark', 'awardYear', 'cert', 'limit', 'offset', 'facets']));
    expect(search.parameters.find((p) => p.name === 'q')).toMatchObject({ in: 'query', required: false, schema: { maxLength: 200 } });
    expect(search.parameters.find((p) => p.name === 'cert')?.schema).toMatchObject({ enum: ['valid', 'expired', 'unknown', 'none'] });
    expect(op('get', '/api/sync/changes').parameters.find((p) => p.name === 'since')).toMatchObject({ required: true });
    expect(op('get', '/api/products/{id}').parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(op('get', '/api/products/{id}').responses['404']).toBeDefined();
  });

  it('takes request bodies from the same schemas the routes check', () => {
    const verify = op('post', '/api/verify').requestBody!.content['application/json']!.schema;
    expect(verify.required).toEqual(['payload']);
    expect(verify.properties.payload).toMatchObject({ type: 'string', maxLength: 4096 });
    expect(verify.properties.pin).toMatchObject({ pattern: '^\\d{4,8}$' });
    const report = op('post', '/api/reports').requestBody!.content['application/json']!.schema;
    expect(report.required).toEqual(['clientReportId']);
    expect(report.properties.note).toMatchObject({ maxLength: 2000 });
    expect(op('post', '/api/verify').responses['400']).toBeDefined();
  });

  it('says which routes need a session, and a CSRF token to change anything', () => {
    expect(op('get', '/api/reports/{id}').security).toEqual([{ session: [] }]);
    expect(op('patch', '/api/reports/{id}').security).toEqual([{ session: [], csrf: [] }]);
    expect(op('get', '/api/reports/{id}').responses['401']).toBeDefined();
    expect(op('get', '/api/products').security).toBeUndefined();
  });

  it('describes every error with the one error shape', () => {
    expect(doc.components.schemas.Error.required).toEqual(['code', 'message', 'message_vi']);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, o] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(o.responses)) {
          if (Number(status) < 400) continue;
          expect(JSON.stringify(response.content), `${method} ${path} ${status}`).toContain('#/components/schemas/Error');
        }
      }
    }
  });
});
