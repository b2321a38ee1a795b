// Provinces merged away on 1 July 2025 (Trà Vinh, Kiên Giang, Bắc Kạn, Hà Giang…) over the
// real registry in data/: a product whose source names one is found by that name, counted
// under it in the place facets, filterable by it, and also sits in the current province.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

type Page = { total: number; items: { id: string; province: string | null }[]; facets?: { placeId: Record<string, number> } };
const json = async <T>(path: string): Promise<T> => {
  const res = await t.app.request(path);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
};
const products = (query: string) => json<Page>(`/api/products?${query}&limit=100`);

describe('former provinces', () => {
  it('are places of before 1 July 2025, each with the current province it went into', async () => {
    const former = await json<{ total: number; items: { id: string; era: string; fullName: string }[] }>('/api/places?era=pre2025&level=province&limit=1000');
    // 63 provinces on 30 June 2025, 11 unchanged; plus Thừa Thiên Huế, renamed on 1 January 2025.
    expect(former.total).toBe(53);
    expect(former.items.map((p) => p.fullName)).toEqual(expect.arrayContaining(['Tỉnh Trà Vinh', 'Tỉnh Kiên Giang', 'Tỉnh Bắc Kạn', 'Tỉnh Hà Giang', 'Tỉnh Thừa Thiên Huế']));
    expect(former.items.map((p) => p.fullName)).not.toContain('Tỉnh Cao Bằng');
    const aliases = t.runtime.db.prepare("SELECT new_place_id FROM place_aliases WHERE old_place_id = 'vn2024:p84'").pluck().all();
    expect(aliases).toEqual(['vn:p86']); // Trà Vinh → Vĩnh Long
  });

  it('find the products of a former province by its name, with or without diacritics', async () => {
    for (const q of ['kien giang', 'Kiên Giang']) {
      const page = await products(`q=${encodeURIComponent(q)}`);
      const kienGiang = page.items.filter((p) => p.province === 'Kiên Giang');
      expect(kienGiang.length, q).toBe(5);
    }
  });

  it('count and filter products under the former province and under the current one', async () => {
    const all = await products('facets=1');
    expect(all.facets!.placeId['vn2024:p84']).toBe(12);
    expect(all.facets!.placeId['vn2024:p06']).toBe(5); // Bắc Kạn
    const traVinh = await products('place=vn2024:p84');
    expect(traVinh.total).toBe(12);
    expect(new Set(traVinh.items.map((p) => p.province))).toEqual(new Set(['Trà Vinh']));
    const vinhLong = await products('place=vn:p86');
    expect(vinhLong.items.filter((p) => p.province === 'Trà Vinh')).toHaveLength(12);
    expect(vinhLong.total).toBe(13);
  });

  it("show the former province as a product's place before 1 July 2025", async () => {
    const [first] = (await products('place=vn2024:p91')).items;
    const detail = await json<{ place: { fullName: string } | null; formerPlace: { fullName: string; era: string } | null }>(`/api/products/${encodeURIComponent(first!.id)}`);
    expect(detail.formerPlace).toMatchObject({ fullName: 'Tỉnh Kiên Giang', era: 'pre2025' });
    expect(detail.place?.fullName).toBe('Tỉnh An Giang');
  });
});
