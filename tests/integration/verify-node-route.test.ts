// POST /api/verify has two ways in: the real server answers it from node:http in front of
// Hono (routes/verify-node.route.ts), app.request() reaches the Hono route. Both must answer
// every kind of request alike: status, error shape, headers, body. Each case below is sent
// both ways and compared.
import type { ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../server/http-server';
import { addNodeRoute } from '../../server/routes/http/node-routes';
import { createVerifyNodeRoute } from '../../server/routes/verify-node.route';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
let server: ServerType;
let base: string;
let stampUrl: string;
beforeAll(async () => {
  t = await createTestRuntime({ TRUST_PROXY: '1' });
  const started = await startHttpServer(t.app, { port: 0, hostname: '127.0.0.1' });
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  const products = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  const batch = await t.runtime.issuing.issueBatch({ productId: products.hits[0]!.id, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
  stampUrl = batch.stamps[0]!.url;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

interface Sent {
  body?: string | Blob;
  headers?: Record<string, string>;
  path?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: unknown;
}

// Headers both paths must agree on (Date, Keep-Alive and the like are Node's own).
const COMPARED = ['content-type', 'cache-control', 'x-content-type-options', 'referrer-policy', 'strict-transport-security', 'retry-after', 'set-cookie'];
// Fresh per answer: the device id handed out, and the stamp's history (each request is a check).
const masked = (body: unknown) =>
  JSON.parse(
    JSON.stringify(body)
      .replace(/d1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{16}/g, '<device>')
      .replace(/"checks":\d+/g, '"checks":0')
      .replace(/"firstCheckedAt":("[^"]*"|null)/g, '"firstCheckedAt":null'),
  ) as unknown;

async function read(res: Response): Promise<Answer> {
  const text = await res.text();
  const headers = Object.fromEntries(COMPARED.map((h) => [h, h === 'set-cookie' ? (res.headers.get(h)?.replace(/d1\.[^;]+/, '<device>') ?? null) : res.headers.get(h)]));
  return { status: res.status, headers, body: masked(text ? JSON.parse(text) : null) };
}

/** The same request over real HTTP (node route) and through app.request (Hono route). */
async function bothWays(sent: Sent, forwardedFor = '203.0.113.5'): Promise<{ node: Answer; hono: Answer }> {
  const init = { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor, ...sent.headers }, body: sent.body };
  const node = await read(await fetch(`${base}${sent.path ?? '/api/verify'}`, init));
  const hono = await read(await t.app.request(sent.path ?? '/api/verify', init));
  return { node, hono };
}

describe('POST /api/verify: node route and Hono route answer alike', () => {
  it.each<[string, () => Sent]>([
    ['a product barcode', () => ({ body: JSON.stringify({ payload: '8935049501234' }) })],
    ['a genuine stamp, no device id yet', () => ({ body: JSON.stringify({ payload: stampUrl }) })],
    ['a forged stamp', () => ({ body: JSON.stringify({ payload: `${stampUrl.slice(0, -3)}AAA` }) })],
    ['a query string on the path', () => ({ path: '/api/verify?lang=en', body: JSON.stringify({ payload: '8935049501234' }) })],
    ['a body with a byte-order mark', () => ({ body: new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), JSON.stringify({ payload: '8935049501234' })]) })],
    ['a JSON media type with parameters', () => ({ headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ payload: '8935049501234' }) })],
    ['malformed JSON', () => ({ body: '{"payload": ' })],
    ['an empty body', () => ({ body: '' })],
    ['a body that is not JSON by its type', () => ({ headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ payload: '8935049501234' }) })],
    ['a missing payload', () => ({ body: JSON.stringify({ pin: '12' }) })],
    ['a bad client event id', () => ({ body: JSON.stringify({ payload: stampUrl, clientEventId: 'has spaces in it' }) })],
    ['a place that is not a current ward', () => ({ body: JSON.stringify({ payload: stampUrl, place: 'vn:99999' }) })],
    ['a body over the 8 KB limit', () => ({ body: JSON.stringify({ payload: 'x'.repeat(9000) }) })],
  ])('%s', async (_, request) => {
    const { node, hono } = await bothWays(request());
    expect(node).toEqual(hono);
    expect(node.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a device cookie the server issued is read the same way, and answered without a new one', async () => {
    const first = await fetch(`${base}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: stampUrl }) });
    const cookie = first.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^nv_device=d1\./);
    const { node, hono } = await bothWays({ headers: { cookie: `other=1; ${cookie}` }, body: JSON.stringify({ payload: stampUrl }) });
    expect(node).toEqual(hono);
    expect(node.headers['set-cookie']).toBeNull();
    expect(node.body).not.toHaveProperty('deviceToken');
  });

  it('429 with Retry-After in the error shape past the burst, from the address the proxy saw', async () => {
    const flood = async (send: () => Response | Promise<Response>) => {
      let last: Response | null = null;
      for (let i = 0; i < 400 && last?.status !== 429; i++) {
        last = await send();
        if (last.status !== 429) await last.arrayBuffer();
      }
      return read(last!);
    };
    const body = JSON.stringify({ payload: '8935049501234' });
    const init = (ip: string) => ({ method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip }, body });
    const node = await flood(() => fetch(`${base}/api/verify`, init('198.51.100.7')));
    const hono = await flood(() => t.app.request('/api/verify', init('192.0.2.7')));
    expect(node.status).toBe(429);
    expect(node).toEqual(hono);
    expect(node.body).toMatchObject({ error: { code: 'rate_limited' } });
  });
});

describe('the node route stands on its own', () => {
  it('answers POST /api/verify with no Hono app behind it, and leaves every other request to the app', async () => {
    const app = { fetch: () => new Response('the app', { status: 418 }) };
    addNodeRoute(app, createVerifyNodeRoute(t.runtime.deps));
    const started = await startHttpServer(app, { port: 0, hostname: '127.0.0.1' });
    try {
      const at = `http://127.0.0.1:${started.port}`;
      const verify = await fetch(`${at}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: stampUrl }) });
      expect(verify.status).toBe(200);
      expect(((await verify.json()) as { verdict: string }).verdict).toBe('authentic');
      for (const [method, path] of [['GET', '/api/verify'], ['POST', '/api/verify/'], ['POST', '/api/verify/x'], ['POST', '/api/verifying']]) {
        expect((await fetch(`${at}${path}`, { method, ...(method === 'POST' ? { body: '{}' } : {}) })).status).toBe(418);
      }
    } finally {
      await new Promise((r) => started.server.close(r));
    }
  });
});
