// GET /api/products says when not every typed word matched, and why each result is there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

interface Page {
  total: number;
  query: { interpreted: string; corrections: string[]; matchedWords: string[]; unmatchedWords: string[] };
  items: { name: string; stars: number | null; match: { field: string; text: string }[] }[];
}
const search = async (q: string, extra = '') => (await (await t.app.request(`/api/products?q=${encodeURIComponent(q)}${extra}`)).json()) as Page;

describe('search explains its matches', () => {
  it('"nhan dai thanh" says that only "nhan" matched and "dai thanh" did not', async () => {
    const page = await search('nhan dai thanh');
    expect(page.total).toBeGreaterThan(0);
    expect(page.query.matchedWords).toEqual(['nhan']);
    expect(page.query.unmatchedWords).toEqual(['dai', 'thanh']);
  });

  it('a query whose every word matches reports no unmatched words', async () => {
    const page = await search('ga doi ba vi');
    expect(page.query.unmatchedWords).toEqual([]);
    expect(page.items[0]?.name).toBe('Gà đồi Ba Vì');
    expect(page.items[0]?.match).toEqual([]);
  });

  it('a result found by its former district says so', async () => {
    const page = await search('mat ong ba vi');
    const honey = page.items.find((i) => i.match.some((m) => m.field === 'former_place'));
    expect(honey?.name).toMatch(/^Mật ong/);
    expect(honey?.match).toContainEqual({ field: 'former_place', text: 'Ba Vì' });
  });

  it('for a broad one-word query, products with stars come before unrated ones that match as well', async () => {
    const page = await search('ga', '&limit=10');
    const exact = page.items.filter((i) => /(^|\s)gà(\s|$)/i.test(i.name));
    const firstUnrated = exact.findIndex((i) => i.stars === null);
    expect(firstUnrated).toBeGreaterThan(0);
    expect(exact.slice(firstUnrated).every((i) => i.stars === null)).toBe(true);
  });
});
