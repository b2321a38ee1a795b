import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../web/api/client';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });
const json = async (path: string) => {
  const res = await get(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; message: string; message_vi: string } } };
};

describe('API over the real registry', () => {
  it('reports health with the registry version and search engine', async () => {
    const { status, body } = await json('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', search: { primary: 'embedded', fallback: null } });
    expect(body.registryVersion).toBeGreaterThan(2000);
  });

  it.each([
    ['ga doi ba vi', 'Gà đồi Ba Vì'],
    ['GÀ ĐỒI BA VÌ', 'Gà đồi Ba Vì'],
    ['mieen dong lang so', 'Miến dong làng So'],
  ])('search %j puts %j first', async (q, name) => {
    const { status, body } = await json(`/api/products?q=${encodeURIComponent(q)}`);
    expect(status).toBe(200);
    const items = body.items as { name: string }[];
    expect(items[0]?.name).toBe(name);
  });

  it('filters by stars and returns facets', async () => {
    const { body } = await json('/api/products?stars=5&limit=100');
    const items = body.items as { stars: number }[];
    expect(items.length).toBeGreaterThanOrEqual(9);
    expect(items.every((p) => p.stars === 5)).toBe(true);
    const facets = body.facets as { stars: Record<string, number> };
    expect(facets.stars['5']).toBe(body.total);
  });

  it('finds products by a former district name and by the current province filter', async () => {
    const { body } = await json(`/api/products?q=${encodeURIComponent('chương mỹ')}&limit=50`);
    expect((body.items as { name: string }[]).map((p) => p.name)).toContain('Trà Phúc');
    const hanoi = await json('/api/products?place=vn:p01&limit=100&facets=0');
    expect(hanoi.body.total).toBe(83);
    expect(hanoi.body.facets).toBeNull();
  });

  it('shows a product with its decision, valid-until and source', async () => {
    const search = await json(`/api/products?q=${encodeURIComponent('Trà tôm nõn hương quê')}`);
    const id = (search.body.items as { id: string }[])[0]!.id;
    const { status, body } = await json(`/api/products/${encodeURIComponent(id)}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      name: 'Trà tôm nõn hương quê',
      stars: 5,
      certificateStatus: 'valid',
      producer: { name: 'Hợp tác xã Nông sản Phú Lương', type: 'cooperative' },
      certifications: [
        {
          stars: 5,
          decisionNumber: '2361/QĐ-BNNMT',
          decisionDate: '2025-06-26',
          validUntil: '2028-06-26',
          status: 'valid',
          issuingBody: 'Bộ NN&MT',
        },
      ],
    });
    expect((body.provenance as { sourceUrl: string }).sourceUrl).toMatch(/^https?:\/\//);
    expect((body.provenance as { sourceDocument: string }).sourceDocument).toMatch(/registry\/ocop_products\.csv line \d+/);
  });

  it('shows an expired certificate as expired and an undated one as unknown', async () => {
    const expired = await json('/api/products?cert=expired&limit=100');
    expect((expired.body.items as { certificateStatus: string }[]).every((p) => p.certificateStatus === 'expired')).toBe(true);
    expect(expired.body.total).toBeGreaterThan(0);
    const unknown = await json('/api/products?cert=unknown&limit=1');
    expect((unknown.body.items as { certificateStatus: string }[])[0]?.certificateStatus).toBe('unknown');
  });

  it('links a product to its collective mark', async () => {
    const search = await json(`/api/products?q=${encodeURIComponent('gạo nếp cái hoa vàng')}`);
    const id = (search.body.items as { id: string }[])[0]!.id;
    const { body } = await json(`/api/products/${encodeURIComponent(id)}`);
    expect((body.marks as { name: string }[]).map((m) => m.name)).toEqual(['Gạo thơm Bối Khê']);
    const marks = await json('/api/marks');
    expect((marks.body.items as unknown[]).length).toBe(49);
  });

  it('serves producers, awards and places', async () => {
    const search = await json(`/api/products?q=${encodeURIComponent('sữa chua trắng trang viên')}`);
    const detail = await json(`/api/products/${encodeURIComponent((search.body.items as { id: string }[])[0]!.id)}`);
    const producerId = (detail.body.producer as { id: string }).id;
    const producer = await json(`/api/producers/${encodeURIComponent(producerId)}`);
    expect((producer.body.products as unknown[]).length).toBe(6);
    const awards = await json('/api/awards?year=2025');
    expect((awards.body.items as { enterprise: string }[]).map((a) => a.enterprise)).toEqual(['Saigon Co.op', 'Saigon Co.op']);
    const wards = await json('/api/places?era=current&level=ward&parent=vn:p01&limit=1000');
    expect(wards.body.total).toBe(126);
    // The directory names the place ids its facets count, old and new, in one request.
    const named = await json('/api/places?ids=vn:p01,hn2024:d271,vn:p01,no-such-place');
    expect((named.body.items as { id: string; name: string }[]).map((p) => p.id).sort()).toEqual(['hn2024:d271', 'vn:p01']);
  });

  it.each([
    ['/api/products?stars=6', 400, 'invalid_request'],
    ['/api/products?limit=0', 400, 'invalid_request'],
    ['/api/products?limit=abc', 400, 'invalid_request'],
    [`/api/products?q=${'a'.repeat(201)}`, 400, 'invalid_request'],
    ['/api/products?cert=maybe', 400, 'invalid_request'],
    ['/api/products/p-no-such-product', 404, 'not_found'],
    ['/api/producers/nobody', 404, 'not_found'],
    ['/api/awards?year=twenty', 400, 'invalid_request'],
    ['/api/places?level=galaxy', 400, 'invalid_request'],
    [`/api/places?ids=${Array.from({ length: 1001 }, (_, i) => `x${i}`).join(',')}`, 400, 'invalid_request'],
    ['/api/sync/changes', 400, 'invalid_request'],
    ['/api/sync/changes?since=-1', 400, 'invalid_request'],
    ['/api/nothing-here', 404, 'not_found'],
  ])('%s → %i %s with a message in both languages', async (path, status, code) => {
    const res = await json(path);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code });
    expect(res.body.error!.message.length).toBeGreaterThan(5);
    expect(res.body.error!.message_vi.length).toBeGreaterThan(5);
  });

  it('describes every route in OpenAPI, and every documented GET answers without a 5xx', async () => {
    const { status, body } = await json('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const paths = body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/api/products', '/api/products/{id}', '/api/sync/changes', '/api/verify']));
    for (const [path, ops] of Object.entries(paths)) {
      if (!ops.get) continue;
      const res = await get(path.replace('{id}', 'x').replace('/api/sync/changes', '/api/sync/changes?since=0'));
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it('never answers search junk with a 5xx', async () => {
    for (const q of ['"', '*', 'NEAR(', ')', 'a OR', '-', ':', "'; DROP TABLE products;--", '\u0000', '🙂', 'ＡＢＣ']) {
      const res = await get(`/api/products?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });

  it('types the API for the web client', async () => {
    const client = createApiClient('http://test', { fetch: ((input: RequestInfo | URL, init?: RequestInit) => t.app.request(input, init)) as typeof fetch });
    const res = await client.api.products.$get({ query: { q: 'trà', limit: '5' } });
    expect(res.status).toBe(200);
    const body = await res.json();
    if ('items' in body) expect(body.items.length).toBeGreaterThan(0);
    else throw new Error('expected a page of products');
  });
});

describe('sync feed', () => {
  it('serves the snapshot with an ETag, 304 on a repeat, gzip within 500 KB', async () => {
    const res = await get('/api/sync/snapshot', { 'Accept-Encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const gz = Buffer.from(await res.arrayBuffer());
    expect(gz.length).toBeLessThanOrEqual(500 * 1024);
    const snapshot = JSON.parse(gunzipSync(gz).toString('utf8')) as { version: number; records: Record<string, unknown[]> };
    expect(snapshot.records.products).toHaveLength(381);
    expect(snapshot.records.gs1_prefixes).toHaveLength(149);
    const etag = res.headers.get('etag')!;
    // compress() weakens the ETag of a gzipped body (W/); If-None-Match compares weakly.
    expect(etag).toMatch(new RegExp(`^(W/)?"registry-v${snapshot.version}"$`));
    const again = await get('/api/sync/snapshot', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
  });

  it('pages changes since a version and refuses unknown versions with 410', async () => {
    const current = (await json('/api/health')).body.registryVersion as number;
    const none = await json(`/api/sync/changes?since=${current}`);
    expect(none.body).toMatchObject({ since: current, to: current, current, hasMore: false, changes: [] });
    const page = await json(`/api/sync/changes?since=${current - 5}&limit=2`);
    expect(page.body).toMatchObject({ since: current - 5, to: current - 3, hasMore: true });
    expect((page.body.changes as { v: number }[]).map((c) => c.v)).toEqual([current - 4, current - 3]);
    const ahead = await json(`/api/sync/changes?since=${current + 1}`);
    expect(ahead.status).toBe(410);
    expect(ahead.body).toMatchObject({ error: { code: 'snapshot_required' }, snapshot: '/api/sync/snapshot' });
    const fromStart = await json('/api/sync/changes?since=0');
    expect(fromStart.body).toMatchObject({ since: 0, to: 1000, hasMore: true });
  });

  it('sends a client far behind to the snapshot', async () => {
    const small = await createTestRuntime({ SYNC_MAX_DELTA: '100' });
    try {
      const res = await small.app.request('/api/sync/changes?since=0');
      expect(res.status).toBe(410);
      expect(await res.json()).toMatchObject({ error: { code: 'snapshot_required' } });
    } finally {
      small.cleanup();
    }
  });

  it('keeps a 10-change delta small and carries an import to clients and search', async () => {
    const before = t.runtime.deps.registry.currentVersion();
    const rows = Array.from({ length: 10 }, (_, i) => `mk-delta-${i},Nhãn thử ${i},collective,https://example.org/${i}`);
    const { applyImport, planImport } = await import('../../server/services/import/import.service');
    const plan = planImport([{ file: 'marks.csv', text: ['id,name,kind,source_url', ...rows].join('\n') }], t.runtime.deps.registry);
    applyImport(plan, t.runtime.deps.registry, () => new Date());
    const res = await get(`/api/sync/changes?since=${before}`, { 'Accept-Encoding': 'gzip' });
    const body = Buffer.from(await res.arrayBuffer());
    const page = JSON.parse((res.headers.get('content-encoding') === 'gzip' ? gunzipSync(body) : body).toString('utf8')) as { changes: unknown[] };
    expect(page.changes).toHaveLength(10);
    expect(body.length).toBeLessThanOrEqual(5 * 1024);
  });

  it('finds a product imported while the server runs (index follows the change log)', async () => {
    const { applyImport, planImport } = await import('../../server/services/import/import.service');
    const missing = await json('/api/products?q=xoi%20vo%20phu%20thuong');
    expect((missing.body.items as { name: string }[])[0]?.name).not.toBe('Xôi vò Phú Thượng');
    const text = 'id,name,province,source_url\np-test-xoi-vo,Xôi vò Phú Thượng,Hà Nội,https://example.org/xoi\n';
    applyImport(planImport([{ file: 'products.csv', text }], t.runtime.deps.registry), t.runtime.deps.registry, () => new Date());
    const found = await json('/api/products?q=xoi%20vo%20phu%20thuong');
    expect((found.body.items as { name: string }[])[0]?.name).toBe('Xôi vò Phú Thượng');
  });
});
