// Offline search over a copy synced from the real app, compared with the server's own
// answers (GET /api/products) for the same data and the same day. Directory pages and
// verdicts are guarded by online-offline-agreement.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacetCounts } from '../../server/domain/search-types';
import type { ProductSummary } from '../../server/domain/registry-types';
import { marksOffline, productOffline, searchOffline, syncRegistry, type OfflineSearchQuery, type OfflineStore } from '../../web/offline';
import { startTestServer, type TestServer } from './fixtures/offline-server';
import { freshStore } from './fixtures/offline-stores';

const TODAY = '2026-11-25';
let t: TestServer;
let store: OfflineStore;
beforeAll(async () => {
  t = await startTestServer();
  store = await freshStore();
  await syncRegistry(store, t.api);
});
afterAll(() => {
  store.close();
  t.cleanup();
});

interface ServerPage {
  items: ProductSummary[];
  total: number;
  facets: FacetCounts;
  query: { interpreted: string; corrections: string[] };
}

async function serverSearch(query: OfflineSearchQuery): Promise<ServerPage> {
  const params = new URLSearchParams({ q: query.q, limit: String(query.limit), offset: String(query.offset) });
  if (query.stars) params.set('stars', query.stars.join(','));
  if (query.group) params.set('group', query.group);
  if (query.place) params.set('place', query.place);
  if (query.mark) params.set('mark', query.mark);
  if (query.awardYear) params.set('awardYear', String(query.awardYear));
  if (query.cert) params.set('cert', query.cert);
  return (await (await t.app.request(`/api/products?${params}`)).json()) as ServerPage;
}
const q = (text: string, extra: Partial<OfflineSearchQuery> = {}): OfflineSearchQuery => ({ q: text, limit: 20, offset: 0, ...extra });
const names = (items: ProductSummary[]) => items.map((p) => p.name);

describe('searchOffline', () => {
  it('"ga doi ba vi" finds Gà đồi Ba Vì first, as does every spelling a shopper types', async () => {
    for (const text of ['ga doi ba vi', 'Gà đồi Ba Vì', 'GA DOI BA VI', 'gaf ddooif ba vi', 'ga doi ba v']) {
      const result = await searchOffline(store, q(text), TODAY);
      expect(result.items[0]?.name, text).toBe('Gà đồi Ba Vì');
    }
  });

  it('answers like GET /api/products: same order, total, facets and corrections', async () => {
    const group = (await serverSearch(q(''))).items.find((p) => p.ocopGroup)?.ocopGroup ?? undefined;
    const queries: OfflineSearchQuery[] = [
      q('ga doi ba vi'),
      q('gà'),
      q('che'),
      q('chè'),
      q('tra shan tuyet'),
      q('mat ong'),
      q('banh'),
      q('bat trang'),
      q('hanoi'),
      q('gom su'),
      q('nuoc mam'),
      q('bánh chưng'),
      q('ga'),
      q('g'),
      q('xyz'),
      q('ga xyzq'),
      q(''),
      q('', { stars: [5] }),
      q('', { stars: [3, 4], cert: 'valid' }),
      q('', { cert: 'expired' }),
      q('', { cert: 'none' }),
      q('ga', { stars: [4] }),
      q('', { group }),
      q('', { awardYear: 2023 }),
      q('', { place: 'nowhere' }),
      q('', { offset: 20 }),
      q('banh', { limit: 5, offset: 5 }),
    ];
    for (const query of queries) {
      const label = JSON.stringify(query);
      const offline = await searchOffline(store, query, TODAY);
      const online = await serverSearch(query);
      expect(offline.total, label).toBe(online.total);
      expect(names(offline.items), label).toEqual(names(online.items));
      expect(offline.items, label).toEqual(online.items);
      expect(offline.facets, label).toEqual(online.facets);
      expect(offline.query.corrections, label).toEqual(online.query.corrections);
    }
  });

  it('filters by place through former units, and by mark', async () => {
    const browse = await searchOffline(store, q(''), TODAY);
    const place = Object.entries(browse.facets.placeId).sort((a, b) => a[1] - b[1])[0]!;
    const mark = Object.keys(browse.facets.markId)[0];
    for (const query of [q('', { place: place[0] }), ...(mark ? [q('', { mark })] : [])]) {
      const offline = await searchOffline(store, query, TODAY);
      const online = await serverSearch(query);
      expect(offline.total).toBeGreaterThan(0);
      expect(names(offline.items)).toEqual(names(online.items));
      expect(offline.facets).toEqual(online.facets);
    }
  });

  it('is fast: index built once per copy version, then a few ms a query', async () => {
    const fresh = await freshStore();
    await syncRegistry(fresh, t.api);
    let started = performance.now();
    await searchOffline(fresh, q('ga doi ba vi'), TODAY);
    const first = performance.now() - started;
    const texts = ['ga doi ba vi', 'che thai nguyen', 'mat ong', 'banh', 'gaf', 'nuoc mam phu quoc', 'b', 'hanoi', 'gom su bat trang', 'tra'];
    started = performance.now();
    const rounds = 5;
    for (let i = 0; i < rounds; i++) for (const text of texts) await searchOffline(fresh, q(text), TODAY);
    const perQuery = (performance.now() - started) / (rounds * texts.length);
    console.log(`offline search: first query ${first.toFixed(1)} ms (loads the copy and builds the index), then ${perQuery.toFixed(2)} ms a query`);
    expect(perQuery).toBeLessThan(50);
    fresh.close();
  });

  it('an empty copy answers with nothing rather than failing', async () => {
    const empty = await freshStore();
    expect(await searchOffline(empty, q('ga'), TODAY)).toMatchObject({ items: [], total: 0 });
    expect(await productOffline(empty, 'x', TODAY)).toBeNull();
    expect(await marksOffline(empty)).toEqual([]);
    empty.close();
  });

  it('a change synced from the server shows in the next search', async () => {
    const registry = t.runtime.deps.registry;
    const id = (await serverSearch(q('ga doi ba vi'))).items[0]!.id;
    const row = { ...registry.allRecords('products').get(id)!, name: 'Gà đồi Ba Vì thả vườn' };
    registry.transaction(() => {
      registry.upsert('products', row, '2026-11-25T03:00:00Z');
      registry.appendChange('products', id, row, '2026-11-25T03:00:00Z');
    });
    expect((await searchOffline(store, q('tha vuon'), TODAY)).total).toBe(0);
    await syncRegistry(store, t.api);
    expect(names((await searchOffline(store, q('tha vuon'), TODAY)).items)).toEqual(['Gà đồi Ba Vì thả vườn']);
  });
});
