// Relevance over the real registry in data/: what shoppers type, with or without
// diacritics, in capitals, in Telex/VNI, with typos, while typing, by producer or place
// (current and pre-2025 names). Each query names what must come first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../server/domain/search-types';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

type Expect = string | ((top: { name: string; producerName: string | null }) => boolean);

const CASES: [kind: string, query: string, first: Expect][] = [
  ['no diacritics', 'ga doi ba vi', 'Gà đồi Ba Vì'],
  ['capitals', 'GÀ ĐỒI BA VÌ', 'Gà đồi Ba Vì'],
  ['telex', 'gaf ddooif ba vif', 'Gà đồi Ba Vì'],
  ['telex doubled vowel', 'mieen dong lang so', 'Miến dong làng So'],
  ['vni', 'mie6n5 dong la2ng so', 'Miến dong làng So'],
  ['typo (transposition)', 'mien dong lnag so', 'Miến dong làng So'],
  ['typo (substitution)', 'sua chua nep cap', 'Sữa chua nếp cẩm Trang Viên'],
  ['exact short name', 'bun', 'Bún'],
  ['no diacritics', 'banh cuon', 'Bánh cuốn'],
  ['no diacritics', 'mien dong xua', 'Miến dong xưa'],
  ['diacritics', 'Trà Phúc', 'Trà Phúc'],
  ['shorter exact name first', 'tinh bot nghe', 'Tinh bột nghệ'],
  ['whole name covered', 'dua luoi', 'Dưa lưới'],
  ['prefix while typing', 'khoai kho', (p) => p.name.startsWith('Khoai Khoái sấy giòn')],
  ['prefix while typing', 'nuoc mam khai hoan 4', (p) => p.name.startsWith('Nước mắm Phú Quốc Khải Hoàn 4')],
  ['number in name', 'nuoc mam khai hoan 43', 'Nước mắm Phú Quốc Khải Hoàn 43 độ đạm'],
  ['word join', 'gao st 25', 'Gạo sạch Bắc Ruộng ST25'],
  ['word split', 'macca mo nong', 'Hạt Mắc ca Mơ Nông'],
  ['synonym lạc/đậu phộng', 'keo dau phong', 'Kẹo lạc Đức Giang'],
  ['synonym chè/trà', 'tra sach ba trai', 'Chè sạch Ba Trại'],
  ['producer name', 'gom su quang vinh', (p) => p.producerName === 'Công ty TNHH Gốm sứ Quang Vinh'],
  ['producer name, capitals', 'PHÌN HỒ', (p) => p.producerName === 'Hợp tác xã chế biến chè Phìn Hồ'],
  ['brand in name', 'trang vien', (p) => p.name.endsWith('Trang Viên')],
  ['former commune', 'bat trang', (p) => p.producerName === 'Công ty TNHH Gốm sứ Quang Vinh' || p.producerName === 'Hợp tác xã Sản xuất kinh doanh gốm sứ Tân Thịnh'],
  ['former district', 'hoai duc', 'Miến dong xưa'],
  ['former district + product', 'mien quoc oai', 'Miến dong làng So'],
  ['current commune (after 2025)', 'mien dong duong hoa', 'Miến dong xưa'],
  ['current commune + product', 'dau phu thien loc', (p) => p.name.startsWith('Đậu phụ')],
  ['no diacritics', 'ruou sam bao', 'Rượu Sâm Báo'],
  ['mixed accents', 'Nước mam phu quoc thanh quoc 40', 'Nước mắm Thanh Quốc 40 độ đạm'],
  ['typo, long word', 'curcumim', (p) => p.name.includes('Curcumin')],
];

describe('search relevance on the real registry', () => {
  const results: { query: string; ok: boolean; got: string }[] = [];
  afterAll(() => {
    const passed = results.filter((r) => r.ok).length;
    console.log(`relevance: ${passed}/${results.length} queries put the right product first`);
  });

  it.each(CASES)('%s: %j', async (_kind, query, first) => {
    const result: SearchResult = await t.runtime.deps.search.search({ q: query, filters: {}, limit: 5, offset: 0, facets: false, today: '2026-11-25' });
    const top = t.runtime.deps.catalogue.productSummaries(result.hits.map((h) => h.id), '2026-11-25');
    const ok = top[0] !== undefined && (typeof first === 'string' ? top[0].name === first : first(top[0]));
    results.push({ query, ok, got: top[0]?.name ?? '(nothing)' });
    expect(ok, `${query} → ${top.map((p) => p.name).join(' | ')}`).toBe(true);
  });
});
