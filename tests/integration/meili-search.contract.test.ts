// The Meilisearch engine against a real server: settings, version, Vietnamese matching,
// filters, facets, updates and the zero-hit retry. Runs only when MEILI_URL is set
// (MEILI_MASTER_KEY too if the server has one), on a throw-away index deleted afterwards.
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateState, type SearchDocument, type SearchEngine, type SearchRequest } from '../../server/domain/search-types';
import { createMeiliSearchEngine } from '../../server/repositories/search/meili-search.engine';
import { FILTERABLE_ATTRIBUTES, MAX_TOTAL_HITS } from '../../server/repositories/search/meili-settings';
import { isAtLeast, LOCALIZED_ATTRIBUTES_VERSION, requireSupportedVersion } from '../../server/repositories/search/meili-version';

const MEILI_URL = process.env.MEILI_URL;
const MEILI_KEY = process.env.MEILI_MASTER_KEY || undefined;

if (!MEILI_URL) {
  console.warn(
    '\n*** Meilisearch contract tests skipped: set MEILI_URL (and MEILI_MASTER_KEY) to run them against a real server ***\n',
  );
}

const TODAY = '2025-06-01';

/** Fixtures: realistic OCOP products written for this test (not registry data). */
const base = { potentialFive: false, markIds: [] as string[], awardYears: [] as number[], isAggregate: false };
const FIXTURES: SearchDocument[] = [
  {
    ...base,
    id: 'fx-ga-doi-ba-vi',
    name: 'Gà đồi Ba Vì',
    producer: 'HTX Chăn nuôi gà đồi Ba Vì',
    places: ['Xã Ba Vì, Thành phố Hà Nội'],
    aliases: ['Huyện Ba Vì', 'Xã Ba Trại'],
    category: 'Thực phẩm — Thịt và sản phẩm từ thịt',
    stars: 4,
    ocopGroup: 'Thực phẩm',
    placeIds: ['hn', 'hn-xa-ba-vi', 'hn-huyen-ba-vi'],
    awardYears: [2023],
    certValidUntil: '2026-05-10',
  },
  {
    ...base,
    id: 'fx-che-shan-tuyet',
    name: 'Chè Shan tuyết Suối Giàng',
    producer: 'HTX Chè Suối Giàng',
    places: ['Xã Suối Giàng, Tỉnh Lào Cai'],
    aliases: ['Huyện Văn Chấn', 'Tỉnh Yên Bái'],
    category: 'Đồ uống — Chè và sản phẩm từ chè',
    stars: 5,
    ocopGroup: 'Đồ uống',
    placeIds: ['lc', 'lc-xa-suoi-giang', 'yb-huyen-van-chan'],
    markIds: ['cddl-shan-tuyet'],
    certValidUntil: '2024-01-15',
  },
  {
    ...base,
    id: 'fx-dau-phong-rang',
    name: 'Đậu phộng rang muối Tây Ninh',
    producer: 'Cơ sở sản xuất Ba Hưng',
    places: ['Phường Tân Ninh, Tỉnh Tây Ninh'],
    aliases: ['Thành phố Tây Ninh'],
    category: 'Thực phẩm — Sản phẩm từ hạt',
    stars: 3,
    ocopGroup: 'Thực phẩm',
    placeIds: ['tn', 'tn-phuong-tan-ninh'],
    certValidUntil: null,
  },
  {
    ...base,
    id: 'fx-nuoc-mam-phu-quoc',
    name: 'Nước mắm Phú Quốc 40 độ đạm',
    producer: 'Công ty TNHH Nước mắm Thanh Hà',
    places: ['Đặc khu Phú Quốc, Tỉnh An Giang'],
    aliases: ['Thành phố Phú Quốc', 'Tỉnh Kiên Giang'],
    category: 'Thực phẩm — Gia vị',
    stars: null,
    ocopGroup: null,
    placeIds: ['ag', 'ag-dk-phu-quoc'],
    certValidUntil: null,
  },
  {
    ...base,
    id: 'fx-buoi-dien',
    name: 'Bưởi Diễn',
    producer: 'HTX Nông nghiệp Phú Diễn',
    places: ['Phường Tây Tựu, Thành phố Hà Nội'],
    aliases: ['Quận Bắc Từ Liêm'],
    category: 'Thực phẩm — Rau, củ, quả tươi',
    stars: 4,
    ocopGroup: 'Thực phẩm',
    placeIds: ['hn', 'hn-phuong-tay-tuu'],
    certValidUntil: '2027-03-01',
  },
  {
    ...base,
    id: 'fx-mat-ong-meo-vac',
    name: 'Mật ong bạc hà Mèo Vạc',
    producer: 'HTX Ong mật Mèo Vạc',
    places: ['Xã Mèo Vạc, Tỉnh Tuyên Quang'],
    aliases: ['Huyện Mèo Vạc', 'Tỉnh Hà Giang'],
    category: 'Thực phẩm — Mật ong',
    stars: 4,
    ocopGroup: 'Thực phẩm',
    placeIds: ['tq', 'tq-xa-meo-vac', 'hg-huyen-meo-vac'],
    certValidUntil: '2025-05-31',
  },
  {
    ...base,
    id: 'fx-gao-st25',
    name: 'Gạo ST25 Sóc Trăng',
    producer: 'Doanh nghiệp tư nhân Hồ Quang Trí',
    places: ['Xã Hồ Đắc Kiện, Thành phố Cần Thơ'],
    aliases: ['Huyện Châu Thành', 'Tỉnh Sóc Trăng'],
    category: 'Thực phẩm — Gạo',
    stars: 5,
    ocopGroup: 'Thực phẩm',
    placeIds: ['ct', 'ct-xa-ho-dac-kien', 'st-huyen-chau-thanh'],
    awardYears: [2019, 2023],
    certValidUntil: '2025-06-01',
  },
  {
    ...base,
    id: 'fx-ca-phe-buon-ma-thuot',
    name: 'Cà phê Buôn Ma Thuột rang xay',
    producer: 'Công ty TNHH Cà phê Ban Mê',
    places: ['Phường Buôn Ma Thuột, Tỉnh Đắk Lắk'],
    aliases: ['Thành phố Buôn Ma Thuột'],
    category: 'Đồ uống — Cà phê',
    stars: 3,
    ocopGroup: 'Đồ uống',
    placeIds: ['dl', 'dl-phuong-buon-ma-thuot'],
    certValidUntil: null,
  },
];

const request = (q: string, overrides: Partial<SearchRequest> = {}): SearchRequest => ({
  q,
  filters: {},
  limit: 20,
  offset: 0,
  facets: false,
  today: TODAY,
  ...overrides,
});

describe('Meilisearch engine without a server', () => {
  it('rejects quickly when the server is unreachable', async () => {
    const started = Date.now();
    await expect(createMeiliSearchEngine({ url: 'http://127.0.0.1:9', index: 'unreachable', timeoutMs: 1_000 })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});

describe.skipIf(!MEILI_URL)('Meilisearch engine contract (real server)', () => {
  const indexUid = `nguon_viet_contract_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  // Built in beforeAll: the describe body also runs when the suite is skipped.
  let admin: Meilisearch;
  let engine: SearchEngine;
  const progress: [number, number][] = [];

  const ids = async (q: string, overrides: Partial<SearchRequest> = {}) => (await engine.search(request(q, overrides))).hits.map((h) => h.id);

  beforeAll(async () => {
    admin = new Meilisearch({ host: MEILI_URL as string, apiKey: MEILI_KEY, timeout: 30_000 });
    engine = await createMeiliSearchEngine({ url: MEILI_URL as string, apiKey: MEILI_KEY, index: indexUid, batchSize: 3 });
    await engine.rebuild(FIXTURES, (done, total) => progress.push([done, total]));
  });

  afterAll(async () => {
    if (admin) await admin.deleteIndex(indexUid).waitTask({ timeout: 30_000 });
  });

  it('runs on a supported server version', async () => {
    const { pkgVersion } = await admin.getVersion();
    expect(() => requireSupportedVersion(pkgVersion)).not.toThrow();
  });

  it('applies the settings of SEARCH.md', async () => {
    const settings = await admin.index(indexUid).getSettings();
    expect(settings.searchableAttributes).toEqual(['name', 'producer', 'places', 'aliases', 'category']);
    expect(settings.rankingRules).toEqual(['words', 'typo', 'attribute', 'proximity', 'sort', 'exactness', 'stars:desc']);
    expect(settings.typoTolerance?.minWordSizeForTypos).toEqual({ oneTypo: 4, twoTypos: 8 });
    expect([...(settings.filterableAttributes ?? [])].map(String).sort()).toEqual([...FILTERABLE_ATTRIBUTES].sort());
    expect([...(settings.sortableAttributes ?? [])].sort()).toEqual(['name', 'stars']);
    expect(settings.synonyms?.['lac']).toEqual(expect.arrayContaining(['dau phong']));
    expect(settings.pagination?.maxTotalHits).toBe(MAX_TOTAL_HITS);
    const version = requireSupportedVersion((await admin.getVersion()).pkgVersion);
    if (isAtLeast(version, LOCALIZED_ATTRIBUTES_VERSION)) {
      expect(settings.localizedAttributes).toEqual([{ attributePatterns: ['*'], locales: ['vie'] }]);
    }
    expect((await admin.index(indexUid).fetchPrimaryKey())).toBe('id');
  });

  it('reported rebuild progress up to every document', () => {
    expect(progress.at(-1)).toEqual([FIXTURES.length, FIXTURES.length]);
    expect(progress.map(([done]) => done)).toEqual([3, 6, 8]);
  });

  it('finds a product typed without diacritics', async () => {
    expect((await ids('ga doi ba vi'))[0]).toBe('fx-ga-doi-ba-vi');
  });

  it('finds a product typed in capitals', async () => {
    expect((await ids('GÀ ĐỒI BA VÌ'))[0]).toBe('fx-ga-doi-ba-vi');
  });

  it('finds a product typed in Telex, and reports the rewrite', async () => {
    const result = await engine.search(request('gaf ddooif'));
    expect(result.hits[0]?.id).toBe('fx-ga-doi-ba-vi');
    expect(result.query.interpreted).toBe('ga doi');
    expect(result.engine).toBe('meilisearch');
  });

  it('forgives a typo in a word of 4+ letters', async () => {
    expect((await ids('ca phe buon ma thuoc'))[0]).toBe('fx-ca-phe-buon-ma-thuot');
  });

  it('matches regional synonyms', async () => {
    expect((await ids('lac rang muoi'))[0]).toBe('fx-dau-phong-rang');
  });

  it('filters by stars, place and certificate state', async () => {
    expect((await ids('', { filters: { stars: [5] } })).sort()).toEqual(['fx-che-shan-tuyet', 'fx-gao-st25']);
    expect((await ids('', { filters: { placeId: 'hn' } })).sort()).toEqual(['fx-buoi-dien', 'fx-ga-doi-ba-vi']);
    expect((await ids('', { filters: { placeId: 'yb-huyen-van-chan' } }))).toEqual(['fx-che-shan-tuyet']);
    for (const state of ['valid', 'expired', 'unknown', 'none'] as const) {
      const expected = FIXTURES.filter((doc) => certificateState(doc, TODAY) === state).map((doc) => doc.id).sort();
      expect((await ids('', { filters: { certificate: state } })).sort(), state).toEqual(expected);
    }
  });

  it('treats quotes and backslashes in filter values as data', async () => {
    expect(await ids('', { filters: { placeId: 'x" OR stars = 5 OR placeIds = "y' } })).toEqual([]);
    expect(await ids('', { filters: { ocopGroup: 'Thực phẩm\\' } })).toEqual([]);
  });

  it('counts facets over every match', async () => {
    const result = await engine.search(request('', { facets: true, limit: 2 }));
    expect(result.total).toBe(FIXTURES.length);
    expect(result.hits).toHaveLength(2);
    const tally = (values: (string | number | null)[]) => {
      const out: Record<string, number> = {};
      for (const v of values) if (v !== null) out[String(v)] = (out[String(v)] ?? 0) + 1;
      return out;
    };
    expect(result.facets).toEqual({
      stars: tally(FIXTURES.map((d) => d.stars)),
      ocopGroup: tally(FIXTURES.map((d) => d.ocopGroup)),
      placeId: tally(FIXTURES.flatMap((d) => d.placeIds)),
      markId: tally(FIXTURES.flatMap((d) => d.markIds)),
      awardYear: tally(FIXTURES.flatMap((d) => d.awardYears)),
      certificate: tally(FIXTURES.map((d) => certificateState(d, TODAY))),
    });
  });

  it('retries with matchingStrategy "last" when every word together matches nothing', async () => {
    const result = await engine.search(request('ga doi qwzxv'));
    expect(result.hits[0]?.id).toBe('fx-ga-doi-ba-vi');
  });

  it('applies upserts and deletes', async () => {
    const renamed = { ...FIXTURES[4]!, name: 'Bưởi Diễn Phú Diễn loại 1' };
    const added: SearchDocument = { ...FIXTURES[0]!, id: 'fx-mien-dong', name: 'Miến dong làng So', producer: 'HTX Miến dong làng So', stars: 4 };
    await engine.apply([renamed, added], ['fx-nuoc-mam-phu-quoc']);
    expect((await ids('buoi dien loai 1'))[0]).toBe('fx-buoi-dien');
    expect((await ids('mien dong lang so'))[0]).toBe('fx-mien-dong');
    expect(await ids('nuoc mam phu quoc')).not.toContain('fx-nuoc-mam-phu-quoc');
    const all = await engine.search(request('', { limit: 50 }));
    expect(all.total).toBe(FIXTURES.length);
  });
});
