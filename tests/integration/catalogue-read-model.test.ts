// The server's catalogue answers from the shared read model, rebuilt when the change log's
// version moves: a registry change written with its change-log entry shows in the next answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

const detail = async (id: string) => (await (await t.app.request(`/api/products/${encodeURIComponent(id)}`)).json()) as { name: string; gtins: string[] };

describe('the catalogue read model on the server', () => {
  it('is built once per change-log version and rebuilt when it moves', async () => {
    const { registry, catalogue } = t.runtime.deps;
    const before = catalogue.readModel();
    expect(catalogue.readModel()).toBe(before);
    const id = [...before.catalogue().productById.keys()][0]!;
    const row = { ...registry.allRecords('products').get(id)!, name: 'Tên mới của sản phẩm', gtins: JSON.stringify(['08936045999995']) };
    registry.transaction(() => {
      registry.upsert('products', row, '2026-11-25T03:00:00Z');
      registry.appendChange('products', id, row, '2026-11-25T03:00:00Z');
    });
    const after = catalogue.readModel();
    expect(after).not.toBe(before);
    expect(after.version).toBe(before.version + 1);
    expect(await detail(id)).toMatchObject({ name: 'Tên mới của sản phẩm', gtins: ['08936045999995'] });
    expect(catalogue.productIdsByGtin('08936045999995')).toEqual([id]);
  });

  it('pages places by era, level and name, filtered by parent', () => {
    const { catalogue } = t.runtime.deps;
    const all = catalogue.places({ era: 'current', level: 'ward', parentId: 'vn:p01', limit: 1000, offset: 0 });
    expect(all.total).toBeGreaterThan(20);
    const names = all.items.map((p) => p.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const page = catalogue.places({ era: 'current', level: 'ward', parentId: 'vn:p01', limit: 5, offset: 5 });
    expect(page).toEqual({ items: all.items.slice(5, 10), total: all.total });
  });
});
