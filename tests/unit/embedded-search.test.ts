// The embedded engine (the in-memory index of server/domain/search/, also the PWA's
// offline search), over the TEST FIXTURES in tests/fixtures/search-documents.ts: what
// shoppers type, filters, facets, pagination, hostile input, keeping results right through
// apply(), and the posting lists against a plain scan of every document.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SearchDocument, SearchEngine, SearchRequest, SearchResult } from '../../server/domain/search-types';
import { queryCoverage } from '../../server/domain/match-explanation';
import { createEmbeddedSearchEngine } from '../../server/repositories/search/embedded-search.engine';
import { FIXTURE_TODAY, SEARCH_FIXTURES } from '../fixtures/search-documents';
import { scanForMatches } from './search-scan';

let engine: SearchEngine;

beforeEach(async () => {
  engine = createEmbeddedSearchEngine();
  await engine.rebuild(SEARCH_FIXTURES);
});

const search = (q: string, request: Partial<SearchRequest> = {}): Promise<SearchResult> =>
  engine.search({ q, filters: {}, limit: 10, offset: 0, facets: false, today: FIXTURE_TODAY, ...request });
const ids = (result: SearchResult) => result.hits.map((hit) => hit.id);
const first = async (q: string) => ids(await search(q))[0];
const fixture = (id: string) => SEARCH_FIXTURES.find((doc) => doc.id === id) as SearchDocument;

describe('what shoppers type', () => {
  it.each([
    ['no diacritics', 'ga doi ba vi', 'fx-ga-doi-ba-vi'],
    ['capitals', 'GÀ ĐỒI BA VÌ', 'fx-ga-doi-ba-vi'],
    ['diacritics', 'Gà đồi Ba Vì', 'fx-ga-doi-ba-vi'],
    ['Telex', 'gaf ddooif ba vif', 'fx-ga-doi-ba-vi'],
    ['Telex doubled vowel', 'mieen dong lang so', 'fx-mien-dong-lang-so'],
    ['VNI', 'mie6n5 dong la2ng so', 'fx-mien-dong-lang-so'],
    ['typo (transposition)', 'mien dong lnag so', 'fx-mien-dong-lang-so'],
    ['typo (two edits, long word)', 'nuoc mam khai hona', 'fx-nuoc-mam'],
    ['prefix while typing', 'ga do', 'fx-ga-do'],
    ['prefix while typing, longer', 'nuoc mam khai hoan 4', 'fx-nuoc-mam'],
    ['word split', 'bavi', 'fx-ga-doi-ba-vi'],
    ['word split (Hà Nội)', 'bun kho hanoi', 'fx-bun-ha-noi'],
    ['word split of a known spelling', 'macca mo nong', 'fx-mac-ca'],
    ['word join', 'gao st 25', 'fx-gao-st25'],
    ['synonym lạc / đậu phộng', 'keo dau phong', 'fx-keo-lac'],
    ['synonym heo / lợn', 'thit heo gac bep', 'fx-thit-lon'],
    ['synonym bắp / ngô', 'ruou bap', 'fx-ruou-ngo'],
    ['synonym chè / trà', 'che hoa vang', 'fx-tra-hoa-vang'],
    ['producer name', 'trang vien', 'fx-sua-chua-trang-vien'],
    ['producer name, accented', 'Hồ Quang Trí', 'fx-gao-st25'],
    ['former district', 'mien quoc oai', 'fx-mien-dong-lang-so'],
    ['current commune', 'duong hoa', 'fx-mien-dong-xua'],
  ])('%s: %j', async (_kind, q, expected) => {
    expect(await first(q)).toBe(expected);
  });

  it('finds every product of a former district, old and new names alike', async () => {
    expect(new Set(ids(await search('hoai duc')))).toEqual(new Set(['fx-mien-dong-xua', 'fx-sua-chua-trang-vien']));
    expect(new Set(ids(await search('Hoài Đức')))).toEqual(new Set(['fx-mien-dong-xua', 'fx-sua-chua-trang-vien']));
  });

  it('ranks a name match before a producer match before a place match', async () => {
    const hits = ids(await search('hoa '));
    expect(new Set(hits.slice(0, 2))).toEqual(new Set(['fx-mat-ong', 'fx-tra-hoa-vang']));
    expect(hits.indexOf('fx-ga-do')).toBeLessThan(hits.indexOf('fx-dau-phong-rang'));
  });

  it('puts the exact regional word before its synonym', async () => {
    expect(ids(await search('dau phong'))).toEqual(['fx-dau-phong-rang', 'fx-keo-lac']);
  });

  it('matches one or two letters against product names only', async () => {
    const result = await search('ga', { limit: 50 });
    expect(result.hits.length).toBeGreaterThan(3);
    for (const id of ids(result)) expect(fixture(id).name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd')).toMatch(/(^|\s)ga/);
    expect(ids(result)).not.toContain('fx-cac-san-pham-lang-nghe');
  });

  it('explains its rewrites with the accents of the best hits', async () => {
    const result = await search('gaf ddooif');
    expect(result.query.interpreted).toBe('ga doi');
    expect(result.query.corrections).toEqual(['gaf → gà', 'ddooif → đồi']);
  });

  it('drops trailing words only when nothing matches them all', async () => {
    const result = await search('gao st25 xyzkq');
    expect(ids(result)).toEqual(['fx-gao-st25']);
    expect(result.query.corrections).toContain('xyzkq → ∅');
    expect((await search('xyzkq blorf')).total).toBe(0);
  });

  it('when nothing matches even the first word, says every word unmatched, not the ones that match alone', async () => {
    expect((await search('ga')).total).toBeGreaterThan(0);
    const result = await search('xyzkq ga');
    expect(result.total).toBe(0);
    // The directory reads this as "no product matches …": naming "ga" alone would be false.
    expect(queryCoverage({ raw: 'xyzkq ga', corrections: result.query.corrections })).toEqual({ matchedWords: [], unmatchedWords: ['xyzkq', 'ga'] });
  });
});

describe('filters', () => {
  it.each([
    ['stars', { stars: [5] }, ['fx-che-shan-tuyet', 'fx-ga-dong-tao', 'fx-gao-st25', 'fx-nuoc-mam']],
    ['OCOP group', { ocopGroup: 'do-uong' }, ['fx-che-shan-tuyet', 'fx-ruou-ngo', 'fx-tra-hoa-vang']],
    ['mark', { markId: 'mark-ga-dong-tao' }, ['fx-ga-dong-tao']],
    ['award year', { awardYear: 2024 }, ['fx-mat-ong', 'fx-sua-chua-trang-vien']],
    ['certificate expired', { certificate: 'expired' as const }, ['fx-ga-do', 'fx-mien-dong-lang-so']],
    ['certificate unknown', { certificate: 'unknown' as const }, ['fx-dau-phong-rang']],
    ['certificate none', { certificate: 'none' as const }, ['fx-tinh-dau-sa']],
    ['place', { placeId: 'vn:15' }, ['fx-che-shan-tuyet', 'fx-ruou-ngo']],
    ['unknown value', { placeId: 'vn:nowhere' }, []],
  ])('%s', async (_name, filters, expected) => {
    const result = await search('', { filters, limit: 100 });
    expect(ids(result).sort()).toEqual(expected);
    expect(result.total).toBe(expected.length);
  });

  it('treats valid as "rated, with a date on or after today"', async () => {
    const valid = ids(await search('', { filters: { certificate: 'valid' }, limit: 100 }));
    expect(valid).toHaveLength(SEARCH_FIXTURES.length - 4);
    expect(valid).not.toContain('fx-mien-dong-lang-so');
    // The same product is valid on the day its certificate ends, expired the day after.
    expect(ids(await search('mien dong lang so', { filters: { certificate: 'valid' }, today: '2025-06-30' }))).toEqual(['fx-mien-dong-lang-so']);
    expect(ids(await search('mien dong lang so', { filters: { certificate: 'valid' }, today: '2025-07-01' }))).not.toContain('fx-mien-dong-lang-so');
  });

  it('filters on rare values and on common ones alike', async () => {
    // Few fixtures carry these values…
    expect(ids(await search('ga', { filters: { markId: 'mark-ga-dong-tao' } }))).toEqual(['fx-ga-dong-tao']);
    expect(ids(await search('hoa ', { filters: { awardYear: 2024 } }))).toEqual(['fx-mat-ong']);
    expect(ids(await search('ruou', { filters: { ocopGroup: 'do-uong' } }))).toEqual(['fx-ruou-ngo']);
    const narrow = await search('mien', { facets: true, filters: { placeId: 'vn:01:duong-hoa' } });
    expect(ids(narrow)).toEqual(['fx-mien-dong-xua']);
    expect(narrow.facets?.certificate).toEqual({ valid: 1 });
    // …while most fixtures are in Hà Nội or rated 3 stars.
    expect(ids(await search('mien', { filters: { placeId: 'vn:01', stars: [3] } }))).toEqual(['fx-mien-dong-xua']);
  });

  it('combines filters with a query and with each other', async () => {
    expect(ids(await search('ga', { filters: { certificate: 'expired' } }))).toEqual(['fx-ga-do']);
    expect(ids(await search('mien', { filters: { placeId: 'vn:01', stars: [3] } }))).toEqual(['fx-mien-dong-xua']);
    expect(ids(await search('mien', { filters: { stars: [4, 5] } }))).toEqual(['fx-mien-dong-lang-so']);
  });
});

describe('facets and pagination', () => {
  it('counts facets over every match, not just the page', async () => {
    const result = await search('', { facets: true, limit: 1 });
    expect(result.hits).toHaveLength(1);
    expect(result.total).toBe(SEARCH_FIXTURES.length);
    expect(result.facets?.stars).toEqual({ '3': 11, '4': 7, '5': 4 });
    expect(result.facets?.certificate).toEqual({ valid: SEARCH_FIXTURES.length - 4, expired: 2, unknown: 1, none: 1 });
    expect(result.facets?.ocopGroup).toEqual({ 'thuc-pham': 18, 'do-uong': 3, 'thao-duoc': 1, 'luu-niem': 1 });
    expect(result.facets?.markId).toEqual({ 'mark-ga-ba-vi': 1, 'mark-che-suoi-giang': 1, 'mark-ga-dong-tao': 1 });
    expect(result.facets?.awardYear).toEqual({ '2019': 1, '2022': 1, '2023': 1, '2024': 2 });
    expect(result.facets?.placeId['vn:01']).toBe(7);
  });

  it('counts facets of a query after its filters', async () => {
    const result = await search('mien', { facets: true, limit: 1, filters: { placeId: 'vn:01' } });
    expect(result.total).toBe(2);
    expect(result.facets?.stars).toEqual({ '3': 1, '4': 1 });
    expect(result.facets?.certificate).toEqual({ valid: 1, expired: 1 });
    expect(result.facets?.placeId).toMatchObject({ 'vn:01': 2, 'vn:01:quoc-oai': 1, 'vn:01:duong-hoa': 1 });
  });

  it('lists everything by stars then name when the query is empty', async () => {
    const all = ids(await search('', { limit: 100 }));
    const expected = [...SEARCH_FIXTURES]
      .sort((a, b) => (b.stars ?? 0) - (a.stars ?? 0) || a.name.localeCompare(b.name, 'vi'))
      .map((doc) => doc.id);
    expect(all.slice(0, 4)).toEqual(expected.slice(0, 4));
    expect(all[all.length - 1]).toBe('fx-tinh-dau-sa');
    expect(new Set(all).size).toBe(SEARCH_FIXTURES.length);
  });

  it.each(['', 'ha noi', 'xa'])('pages through %j without gaps or repeats', async (q) => {
    const whole = await search(q, { limit: 100 });
    const pages: string[] = [];
    for (let offset = 0; offset < whole.total; offset += 3) {
      const page = await search(q, { limit: 3, offset });
      expect(page.total).toBe(whole.total);
      pages.push(...ids(page));
    }
    expect(pages).toEqual(ids(whole));
    expect((await search(q, { offset: whole.total + 5 })).hits).toEqual([]);
  });
});

describe('hostile input', () => {
  it.each([
    '"', '""', '*', '-', ':', '(', ')', '^ga', 'ga*', '"ga', 'ga -doi', 'name:ga', '{name}: ga', 'NEAR(ga doi)', 'ga NEAR doi',
    'ga AND', 'OR', 'NOT ga', "'; DROP TABLE search_fts; --", '\u0000', '🐔 gà', 'ǵà', 'g\u0300a\u0300', 'a'.repeat(5000),
  ])('%j never throws', async (q) => {
    const result = await search(q, { facets: true });
    expect(result.total).toBeGreaterThanOrEqual(0);
    expect(result.hits.length).toBeLessThanOrEqual(10);
  });

  it('survives any string, filters and paging', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.nat(30), fc.nat(30), async (q, limit, offset) => {
        const result = await search(q, { limit, offset, facets: true, filters: { stars: [3, 4] } });
        return result.hits.length <= limit && result.total >= 0;
      }),
      { numRuns: 300 },
    );
    expect((await search('ga doi ba vi')).total).toBe(1);
  });
});

describe('keeping the index in step', () => {
  it('applies upserts and deletes', async () => {
    await engine.apply(
      [
        { ...fixture('fx-ga-do'), name: 'Gà mía Sơn Tây', stars: 5 },
        { ...fixture('fx-mat-ong'), id: 'fx-banh-cuon', name: 'Bánh cuốn Thanh Trì', producer: 'Hộ kinh doanh Bà Hoành', stars: 4 },
      ],
      ['fx-mat-ong'],
    );
    expect(await first('ga mia son tay')).toBe('fx-ga-do');
    // Nothing holds both words any more, so "do" is dropped.
    expect((await search('ga do ')).query.corrections).toContain('do → ∅');
    expect(await first('banh cuon')).toBe('fx-banh-cuon');
    expect(ids(await search('mat ong hoa nhan'))).not.toContain('fx-mat-ong');
    // The vocabulary follows: a new word is known to the typo and prefix logic at once.
    expect(await first('banh cuonn')).toBe('fx-banh-cuon');
    // Filters and facets follow too: the renamed product moved from 3 to 5 stars.
    const five = await search('', { filters: { stars: [5] }, facets: true, limit: 100 });
    expect(ids(five)).toContain('fx-ga-do');
    expect(five.facets?.stars).toEqual({ '5': 5 });
    expect((await search('', { limit: 100 })).total).toBe(SEARCH_FIXTURES.length);
  });

  it('replaces a document in place without duplicating it', async () => {
    for (let i = 0; i < 3; i += 1) await engine.apply([{ ...fixture('fx-gao-st25'), producer: `Công ty TNHH Gạo ${i}` }], []);
    const result = await search('gao st25');
    expect(ids(result)).toEqual(['fx-gao-st25']);
    expect(ids(await search('ho quang tri'))).not.toContain('fx-gao-st25');
  });

  it('ignores deletes of unknown ids', async () => {
    await engine.apply([], ['nope']);
    expect((await search('', { limit: 1 })).total).toBe(SEARCH_FIXTURES.length);
  });

  it('rebuilds from scratch, reporting progress', async () => {
    const progress: [number, number][] = [];
    await engine.rebuild(SEARCH_FIXTURES.slice(0, 5), (done, total) => progress.push([done, total]));
    expect(progress[progress.length - 1]).toEqual([5, 5]);
    expect((await search('', { limit: 100 })).total).toBe(5);
    expect((await search('trang vien')).total).toBe(1);
    expect(ids(await search('nuoc mam'))).not.toContain('fx-nuoc-mam');
  });

  it('refreshes browsing totals and facets after a write', async () => {
    const browseThree = () => search('', { filters: { stars: [3] }, facets: true, limit: 100 });
    const before = await browseThree();
    expect(before.facets?.stars).toEqual({ '3': 11 });
    await engine.apply([{ ...fixture('fx-ga-do'), stars: 5 }], ['fx-tinh-dau-sa']);
    const after = await browseThree();
    expect(after.total).toBe(before.total - 1);
    expect(after.facets?.stars).toEqual({ '3': 10 });
    expect(ids(after)).not.toContain('fx-ga-do');
    // Valid or expired depends on the day asked about, not on the day first counted.
    const late = await search('', { filters: { stars: [3] }, facets: true, today: '2030-01-01' });
    expect(late.facets?.certificate).toEqual({ expired: 9, unknown: 1 });
  });

  it('answers after apply() exactly as a rebuild from the same documents', async () => {
    const upserts = [{ ...fixture('fx-ga-do'), name: 'Vịt cỏ Vân Đình', stars: 4, placeIds: ['vn:15'] }, { ...fixture('fx-mat-ong'), id: 'fx-ga-moi', name: 'Gà mía Sơn Tây' }];
    await engine.apply(upserts, ['fx-ga-doi-ba-vi']);
    const rebuilt = createEmbeddedSearchEngine();
    await rebuilt.rebuild([...SEARCH_FIXTURES.filter((doc) => doc.id !== 'fx-ga-doi-ba-vi' && doc.id !== 'fx-ga-do'), ...upserts]);
    for (const q of ['', 'ga', 'vit van dinh', 'gaf ddooif', 'ha noi', 'mien', 'xyzq ga']) {
      const request: SearchRequest = { q, filters: {}, facets: true, limit: 30, offset: 0, today: FIXTURE_TODAY };
      expect(await engine.search(request), q).toEqual(await rebuilt.search(request));
    }
  });
});

describe('posting lists', () => {
  // Each query's matches, read from the index, against a scan of every fixture's fields.
  const words = [...new Set(SEARCH_FIXTURES.flatMap((doc) => [doc.name, doc.producer, ...doc.places, ...doc.aliases].join(' ').split(/\s+/)))];
  const queries = ['ga', 'g', 'ng', 'mien dong', 'hoa vang', 'ha noi', 'hanoi', 'thit heo', 'dau phong', 'gao st 25', 'ba vi', 'khoa', 'xa', 'xyzq'];

  it('match what a scan of every document matches', async () => {
    const check = async (q: string) => {
      const result = await search(q, { limit: 100 });
      const expected = scanForMatches(SEARCH_FIXTURES, q);
      // Where the scan drops a word, the engine does too, with the same matches.
      expect(new Set(ids(result)), q).toEqual(new Set(expected.ids));
      expect(result.total, q).toBe(expected.ids.length);
    };
    for (const q of queries) await check(q);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), fc.boolean(), async (picked, typing) => {
        await check(picked.join(' ') + (typing ? '' : ' '));
      }),
      { numRuns: 200 },
    );
  });
});

describe('prefixes longer than the prefix index', () => {
  it('match every word they start, as a prefix query would', async () => {
    // "khoa" starts both "khoa" (Y Khoa) and "khoai" (Khoái Châu).
    expect(new Set(ids(await search('khoa', { limit: 20 })))).toEqual(new Set(['fx-bap-nep', 'fx-mat-ong', 'fx-ga-dong-tao']));
    expect(ids(await search('khoai', { limit: 20 })).sort()).toEqual(['fx-ga-dong-tao', 'fx-mat-ong']);
  });
});
