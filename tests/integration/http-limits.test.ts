// Limits and headers over real HTTP: the app served by the same start function as
// server/main.ts, on port 0, over a real SQLite file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';
import type { ServerType } from '@hono/node-server';
import { startHttpServer } from '../../server/http-server';
import { createApp } from '../../server/app';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
let server: ServerType;
let base: string;
let stampPath: string;
beforeAll(async () => {
  t = await createTestRuntime();
  const started = await startHttpServer(t.app, { port: 0, hostname: '127.0.0.1' });
  server = started.server;
  base = `http://127.0.0.1:${started.port}`;
  const products = await t.runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: '2026-11-25' });
  const batch = await t.runtime.issuing.issueBatch({ productId: products.hits[0]!.id, count: 1, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
  stampPath = new URL(batch.stamps[0]!.url).pathname;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

/** Stands for the issued stamp's page path, known only once beforeAll has run. */
const STAMP = '<stamp page>';

interface ErrorBody {
  error: { code: string; message: string; message_vi: string };
}

/** Stream `total` bytes of a JSON-looking body (declared or chunked) and stop when the server answers. */
function streamBody(path: string, total: number, declareLength: boolean): Promise<{ status: number; body: ErrorBody; sent: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(total) } : {}) },
    });
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as ErrorBody, sent }));
    });
    req.on('error', (e) => (answered ? undefined : reject(e)));
    const chunk = Buffer.alloc(64 * 1024, 'a');
    chunk.write('{"payload":"');
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** A raw request with a long head, since fetch() refuses or rewrites some of these. */
function rawRequest(head: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [headers = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(headers)?.[1]), headers, body });
    });
    socket.write(head);
  });
}

describe('body limits', () => {
  it('refuses a declared 100 MB verify body with 413 before reading it, without growing memory', async () => {
    const before = process.memoryUsage().rss;
    const { status, body, sent } = await streamBody('/api/verify', 100 * 1024 * 1024, true);
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('8 KB') });
    expect(body.error.message_vi).toMatch(/vượt quá/);
    expect(sent).toBeLessThan(100 * 1024 * 1024);
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses a chunked (undeclared) oversized body at the limit', async () => {
    const { status, body } = await streamBody('/api/verify', 4 * 1024 * 1024, false);
    expect(status).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
  });

  it('gives reports their own, larger limit', async () => {
    const note = 'x'.repeat(20 * 1024); // over verify's limit, under the report limit: reaches validation
    const ok = await fetch(`${base}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientReportId: 'limits-0001', note }) });
    expect(ok.status).toBe(400);
    expect(((await ok.json()) as ErrorBody).error.code).toBe('invalid_request');
    const big = await fetch(`${base}/api/reports`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ clientReportId: 'limits-0002', note: 'x'.repeat(70 * 1024) }) });
    expect(big.status).toBe(413);
    expect(((await big.json()) as ErrorBody).error).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('64 KB') });
  });

  it('still answers a normal verify', async () => {
    const res = await fetch(`${base}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payload: '8935049501234' }) });
    expect(res.status).toBe(200);
  });
});

describe('oversized headers and wrong methods', () => {
  it('answers a 17 KB /api/places?ids= with 431 in the error shape', async () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `vn:${String(i).padStart(5, '0')}`).join(',');
    const res = await rawRequest(`GET /api/places?ids=${ids} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(res.status).toBe(431);
    expect(res.headers).toMatch(/content-type: application\/json/i);
    expect(res.headers).toMatch(/x-content-type-options: nosniff/i);
    expect((JSON.parse(res.body) as ErrorBody).error).toMatchObject({ code: 'headers_too_large', message_vi: expect.stringMatching(/quá lớn/) });
  });

  it('answers huge cookies with 431 too', async () => {
    const res = await rawRequest(`GET /api/health HTTP/1.1\r\nHost: localhost\r\nCookie: a=${'b'.repeat(20_000)}\r\n\r\n`);
    expect(res.status).toBe(431);
    expect((JSON.parse(res.body) as ErrorBody).error.code).toBe('headers_too_large');
  });

  it('answers a malformed request line with 400 in the error shape', async () => {
    const res = await rawRequest('GET /api/health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n');
    expect(res.status).toBe(400);
    expect((JSON.parse(res.body) as ErrorBody).error.code).toBe('bad_request');
  });

  it.each([
    ['GET', '/api/verify', 'POST'],
    ['DELETE', '/api/verify', 'POST'],
    ['PUT', '/api/reports', 'GET, HEAD, POST'],
    ['POST', '/api/products', 'GET, HEAD'],
    ['DELETE', '/api/products/some-id', 'GET, HEAD'],
    ['POST', '/api/places', 'GET, HEAD'],
    ['POST', '/api/sync/changes', 'GET, HEAD'],
    ['POST', STAMP, 'GET, HEAD'],
  ])('%s %s is 405 with Allow: %s', async (method, path, allow) => {
    const res = await fetch(`${base}${path === STAMP ? stampPath : path}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    const body = (await res.json()) as ErrorBody;
    expect(body.error).toMatchObject({ code: 'method_not_allowed' });
    expect(body.error.message_vi).toBeTruthy();
  });

  it('an unknown record is 404 without echoing the id from the path', async () => {
    const res = await fetch(`${base}/api/products/%3Cb%3Eunknown-product-x%3C%2Fb%3E`);
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toMatch(/unknown-product-x|<b>/);
    expect((JSON.parse(text) as ErrorBody).error).toMatchObject({ code: 'not_found', message_vi: 'Không tìm thấy sản phẩm có mã này' });
  });

  it('an unknown path is 404 and the answer does not echo the path', async () => {
    const res = await fetch(`${base}/api/%3Cscript%3Ealert(1)%3C/script%3E-nothing-here`, { method: 'POST' });
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toMatch(/script|nothing-here/);
    expect((JSON.parse(text) as ErrorBody).error.code).toBe('not_found');
  });
});

describe('security headers', () => {
  it('puts nosniff, a referrer policy and HSTS (https PUBLIC_URL) on API answers, errors included', async () => {
    const verify = (init: RequestInit) => fetch(`${base}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, ...init });
    for (const res of [
      await verify({ body: JSON.stringify({ payload: '8935049501234' }) }),
      await verify({ body: JSON.stringify({ payload: '8935049501234', deviceId: 'app-device-id-0001' }) }), // sets the device cookie
      await verify({ body: '{"payload":' }),
      await fetch(`${base}/api/health`), await fetch(`${base}/api/nothing`), await fetch(`${base}/api/verify`, { method: 'POST', body: 'x'.repeat(9000) })]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000');
      expect(res.headers.get('x-frame-options')).toBeNull();
    }
  });

  it('forbids framing the stamp page, keeps its own CSP and sends no referrer', async () => {
    const res = await fetch(`${base}${stampPath}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/form-action 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends no HSTS when PUBLIC_URL is plain http', async () => {
    const plain = await createTestRuntime({ PUBLIC_URL: 'http://localhost:8787' });
    try {
      const res = await createApp(plain.runtime.deps).request('/api/health');
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    } finally {
      plain.cleanup();
    }
  });
});

describe('the PWA shell', () => {
  it('is not framable, keeps its own CSP once, sends no referrer', async () => {
    const webDir = mkdtempSync(join(tmpdir(), 'nguon-viet-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Nguồn Việt</title>');
    const shell = await createTestRuntime({ WEB_DIR: webDir });
    try {
      const res = await createApp(shell.runtime.deps).request('/directory');
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
      expect(csp.match(/frame-ancestors/g)).toHaveLength(1);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    } finally {
      shell.cleanup();
      rmSync(webDir, { recursive: true, force: true });
    }
  });
});
