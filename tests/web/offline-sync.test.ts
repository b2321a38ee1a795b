// Registry sync against the real app: snapshot, change pages, 410 → fresh snapshot,
// resuming after an interruption. Small pages (2 changes) and a small delta limit (6)
// make every path reachable with a handful of registry edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryStatus, syncRegistry, type SyncProgress } from '../../web/offline';
import { readMeta } from '../../web/offline/store';
import { META_KEYS, type ClientConfig } from '../../web/offline/schema';
import { startTestServer, type TestServer } from './fixtures/offline-server';
import { freshStore, registryRows } from './fixtures/offline-stores';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ SYNC_PAGE_SIZE: '2', SYNC_MAX_DELTA: '6' });
});
afterAll(() => t.cleanup());

const AT = '2026-11-25T03:00:00Z';
/** Rename a product on the server the way an import does: row and change log in one transaction. */
function renameProduct(id: string, name: string) {
  const registry = t.runtime.deps.registry;
  const row = registry.allRecords('products').get(id)!;
  registry.transaction(() => {
    registry.upsert('products', { ...row, name }, AT);
    registry.appendChange('products', id, { ...row, name }, AT);
  });
}
function addProduct(id: string, name: string) {
  const registry = t.runtime.deps.registry;
  const template = [...registry.allRecords('products').values()][0]!;
  const row = { ...template, id, name, gtins: '[]' };
  registry.transaction(() => {
    registry.upsert('products', row, AT);
    registry.appendChange('products', id, row, AT);
  });
}
function deleteProduct(id: string) {
  const registry = t.runtime.deps.registry;
  registry.transaction(() => {
    registry.remove('products', id);
    registry.appendChange('products', id, null, AT);
  });
}
const productIds = () => [...t.runtime.deps.registry.allRecords('products').keys()].sort();
const serverVersion = () => t.runtime.deps.registry.currentVersion();

describe('syncRegistry', () => {
  it('first sync takes the snapshot: every record, the version, the client config', async () => {
    const store = await freshStore();
    const progress: SyncProgress[] = [];
    const started = performance.now();
    const outcome = await syncRegistry(store, t.api, { onProgress: (p) => progress.push(p) });
    const ms = performance.now() - started;
    console.log(`first sync (snapshot of ${outcome.applied} records): ${ms.toFixed(0)} ms`);
    expect(outcome).toEqual({ mode: 'snapshot', version: serverVersion(), applied: expect.any(Number) });
    const rows = await registryRows(store);
    expect(rows.size).toBe(outcome.applied);
    expect([...rows.keys()].filter((k) => k.startsWith('products/')).length).toBe(productIds().length);
    expect(rows.get('issuer_keys/D1')).toMatchObject({ issuer_id: 'demo-issuer', algorithm: 'Ed25519', status: 'active' });
    expect(progress[0]).toEqual({ phase: 'snapshot', done: 0, total: null });
    expect(progress.at(-1)).toEqual({ phase: 'snapshot', done: outcome.applied, total: outcome.applied });
    const status = await registryStatus(store);
    expect(status).toMatchObject({ version: serverVersion(), products: productIds().length, persisted: null });
    expect(status.syncedAt).not.toBeNull();
    expect(await readMeta<ClientConfig>(store, META_KEYS.clientConfig)).toEqual({
      publicUrl: 'https://nguonviet.vn',
      stampHosts: ['nguonviet.vn'],
      officialDomains: expect.arrayContaining(['nguonviet.vn']),
    });
    // A second sync finds nothing new, in one request for changes.
    t.requests.length = 0;
    expect(await syncRegistry(store, t.api)).toEqual({ mode: 'up_to_date', version: serverVersion(), applied: 0 });
    expect(t.requests.filter((r) => r.includes('/api/sync/'))).toEqual([`GET /api/sync/changes?since=${serverVersion()}`]);
    store.close();
  });

  it('later syncs fetch only the changes, page by page, and end with the same copy as a fresh snapshot', async () => {
    const store = await freshStore();
    await syncRegistry(store, t.api);
    const [first, second] = productIds();
    renameProduct(first!, 'Sản phẩm đổi tên');
    addProduct('p-test-new', 'Mật ong thử nghiệm');
    deleteProduct('p-test-new');
    renameProduct(second!, 'Tên mới thứ hai');
    const progress: SyncProgress[] = [];
    t.requests.length = 0;
    const outcome = await syncRegistry(store, t.api, { onProgress: (p) => progress.push(p) });
    expect(outcome).toEqual({ mode: 'changes', version: serverVersion(), applied: 4 });
    expect(t.requests.filter((r) => r.includes('/api/sync/snapshot'))).toEqual([]);
    expect(progress.map((p) => p.phase)).toEqual(['changes', 'changes']);
    expect(progress.at(-1)).toEqual({ phase: 'changes', done: 4, total: 4 });
    const rows = await registryRows(store);
    expect(rows.get(`products/${first}`)).toMatchObject({ name: 'Sản phẩm đổi tên' });
    expect(rows.has('products/p-test-new')).toBe(false);

    const fresh = await freshStore();
    await syncRegistry(fresh, t.api);
    expect(await registryRows(store)).toEqual(await registryRows(fresh));
    store.close();
    fresh.close();
  });

  it('an interrupted sync keeps every page it committed and resumes from there', async () => {
    const store = await freshStore();
    await syncRegistry(store, t.api);
    const start = serverVersion();
    for (const [i, id] of productIds().slice(2, 7).entries()) renameProduct(id, `Đổi tên lần ${i}`);
    const controller = new AbortController();
    const interrupted = syncRegistry(store, t.api, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(interrupted).rejects.toMatchObject({ name: 'AbortError' });
    // The first page (2 changes) was committed with its version; syncedAt did not move.
    const status = await registryStatus(store);
    expect(status.version).toBe(start + 2);

    t.requests.length = 0;
    const resumed = await syncRegistry(store, t.api);
    expect(resumed).toEqual({ mode: 'changes', version: serverVersion(), applied: 3 });
    expect(t.requests.find((r) => r.includes('/api/sync/changes'))).toBe(`GET /api/sync/changes?since=${start + 2}`);
    const fresh = await freshStore();
    await syncRegistry(fresh, t.api);
    expect(await registryRows(store)).toEqual(await registryRows(fresh));
    store.close();
    fresh.close();
  });

  it('an interrupted first snapshot leaves nothing half-written', async () => {
    const store = await freshStore();
    const controller = new AbortController();
    await expect(syncRegistry(store, t.api, { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(await registryStatus(store)).toMatchObject({ version: null, products: 0 });
    expect((await registryRows(store)).size).toBe(0);
    expect((await syncRegistry(store, t.api)).mode).toBe('snapshot');
    store.close();
  });

  it('410 snapshot_required (too many changes behind) replaces the copy with a fresh snapshot', async () => {
    const store = await freshStore();
    await syncRegistry(store, t.api);
    const ids = productIds().slice(10, 18);
    for (const id of ids) renameProduct(id, `Đổi nhiều lần ${id}`);
    expect((await t.app.request(`/api/sync/changes?since=${serverVersion() - ids.length}`)).status).toBe(410);
    t.requests.length = 0;
    const outcome = await syncRegistry(store, t.api);
    expect(outcome.mode).toBe('snapshot');
    expect(outcome.version).toBe(serverVersion());
    expect(t.requests.filter((r) => r.includes('/api/sync/'))).toEqual([`GET /api/sync/changes?since=${serverVersion() - ids.length}`, 'GET /api/sync/snapshot']);
    const fresh = await freshStore();
    await syncRegistry(fresh, t.api);
    expect(await registryRows(store)).toEqual(await registryRows(fresh));
    store.close();
    fresh.close();
  });

  it('410 for a copy from another database (version ahead of the server) also takes a fresh snapshot, dropping rows the server never had', async () => {
    const store = await freshStore();
    await syncRegistry(store, t.api);
    const { transact } = await import('../../web/offline/idb');
    const { META, RECORDS } = await import('../../web/offline/schema');
    await transact(store.db, [META, RECORDS], 'readwrite', (tx) => {
      tx.objectStore(META).put({ version: serverVersion() + 1000, generatedAt: AT, syncedAt: AT }, META_KEYS.registry);
      tx.objectStore(RECORDS).put({ kind: 'products', id: 'p-elsewhere', data: { id: 'p-elsewhere', name: 'Từ nơi khác' }, at: AT });
    });
    const outcome = await syncRegistry(store, t.api);
    expect(outcome).toMatchObject({ mode: 'snapshot', version: serverVersion() });
    expect((await registryRows(store)).has('products/p-elsewhere')).toBe(false);
    store.close();
  });

  it('asks for persistent storage where the browser offers it and records the answer', async () => {
    const store = await freshStore();
    const storage = { persisted: async () => false, persist: async () => true };
    Object.defineProperty(navigator, 'storage', { value: storage, configurable: true });
    try {
      await syncRegistry(store, t.api);
      expect((await registryStatus(store)).persisted).toBe(true);
    } finally {
      Reflect.deleteProperty(navigator, 'storage');
    }
    store.close();
  });
});
