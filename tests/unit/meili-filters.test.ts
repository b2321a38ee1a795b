// The parts of the Meilisearch engine that need no server: filter expressions and their
// escaping, document mapping, settings, query plans and response mapping.
import { describe, expect, it } from 'vitest';
import type { Task } from 'meilisearch';
import { analyseQuery } from '../../server/domain/query-analysis';
import { certificateState, type SearchDocument, type SearchRequest } from '../../server/domain/search-types';
import { createVocabulary } from '../../server/domain/vocabulary';
import { toMeiliDocument } from '../../server/repositories/search/meili-documents';
import {
  buildCertificateFilter,
  buildMeiliFilter,
  isoDateToNumber,
  joinFilterConditions,
  quoteFilterValue,
} from '../../server/repositories/search/meili-filters';
import { buildMeiliQueryText, describeCorrections, planMeiliSearch } from '../../server/repositories/search/meili-query';
import { mapFacetCounts, mapHits, readTotal, toSearchResult, type MeiliResponse } from '../../server/repositories/search/meili-results';
import { buildMeiliSettings, FILTERABLE_ATTRIBUTES, RANKING_RULES, SEARCHABLE_ATTRIBUTES } from '../../server/repositories/search/meili-settings';
import { buildMeiliSynonyms, REGIONAL_SYNONYM_GROUPS } from '../../server/repositories/search/meili-synonyms';
import { MeiliTaskError, requireSucceeded } from '../../server/repositories/search/meili-tasks';
import { MeiliVersionError, parseMeiliVersion, requireSupportedVersion } from '../../server/repositories/search/meili-version';
import { createLearnedVocabulary, wordsOfDocument } from '../../server/repositories/search/meili-vocabulary';

/**
 * Reads one double-quoted value the way Meilisearch's filter parser does (filter-parser
 * value.rs: a backslash takes the next character literally, an unescaped quote ends the
 * value) and returns the value and what follows it.
 */
function readQuotedValue(text: string): { value: string; rest: string } {
  if (text[0] !== '"') throw new Error(`not a quoted value: ${text}`);
  let value = '';
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i] as string;
    if (c === '\\') {
      i += 1;
      value += text[i] ?? '';
    } else if (c === '"') {
      return { value, rest: text.slice(i + 1) };
    } else {
      value += c;
    }
  }
  throw new Error(`unterminated quoted value: ${text}`);
}

// Fixture: a product in the shape services/search-documents builds.
const GA_DOI: SearchDocument = {
  id: 'fx-ga-doi-ba-vi',
  name: 'Gà đồi Ba Vì',
  producer: 'HTX Chăn nuôi gà đồi Ba Vì',
  places: ['Xã Ba Vì, Thành phố Hà Nội'],
  aliases: ['Huyện Ba Vì', 'Xã Ba Trại'],
  category: 'Thực phẩm — Thịt và sản phẩm từ thịt',
  stars: 4,
  potentialFive: false,
  ocopGroup: 'Thực phẩm',
  placeIds: ['hn', 'hn-xa-ba-vi', 'hn-huyen-ba-vi'],
  markIds: [],
  awardYears: [2023],
  certValidUntil: '2026-05-10',
  isAggregate: false,
};

const request = (overrides: Partial<SearchRequest> = {}): SearchRequest => ({
  q: '',
  filters: {},
  limit: 20,
  offset: 0,
  facets: true,
  today: '2025-06-01',
  ...overrides,
});

describe('quoteFilterValue', () => {
  it('quotes plain values', () => {
    expect(quoteFilterValue('hn-ba-vi')).toBe('"hn-ba-vi"');
    expect(quoteFilterValue('Thực phẩm')).toBe('"Thực phẩm"');
  });

  it('escapes quotes and backslashes', () => {
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('a\\b')).toBe('"a\\\\b"');
    expect(quoteFilterValue('ends with \\')).toBe('"ends with \\\\"');
  });

  it.each([
    'x" OR stars = 5 OR placeIds = "y',
    'trailing backslash \\',
    '\\" OR 1 = 1',
    "single ' quote",
    'Rượu "Sâm Báo" \\ 40°',
    '',
  ])('reads back as exactly one value: %j', (input) => {
    const { value, rest } = readQuotedValue(quoteFilterValue(input));
    expect(value).toBe(input);
    expect(rest).toBe('');
  });
});

describe('isoDateToNumber', () => {
  it('turns an ISO date into YYYYMMDD, which orders like the date', () => {
    expect(isoDateToNumber('2025-06-01')).toBe(20250601);
    expect(isoDateToNumber('2024-12-31')).toBeLessThan(isoDateToNumber('2025-01-01'));
  });

  it('rejects anything else', () => {
    expect(() => isoDateToNumber('1/6/2025')).toThrow(RangeError);
    expect(() => isoDateToNumber('2025-06-01T00:00:00Z')).toThrow(RangeError);
  });
});

describe('buildMeiliFilter', () => {
  const today = '2025-06-01';

  it('returns undefined when nothing is filtered', () => {
    expect(buildMeiliFilter({}, today)).toBeUndefined();
    expect(buildMeiliFilter({ stars: [] }, today)).toBeUndefined();
  });

  it('writes one condition without parentheses', () => {
    expect(buildMeiliFilter({ stars: [3, 5] }, today)).toBe('stars IN [3, 5]');
    expect(buildMeiliFilter({ placeId: 'hn' }, today)).toBe('placeIds = "hn"');
    expect(buildMeiliFilter({ awardYear: 2023 }, today)).toBe('awardYears = 2023');
  });

  it('ANDs several conditions, each in parentheses', () => {
    expect(
      buildMeiliFilter({ stars: [4], ocopGroup: 'Thực phẩm', placeId: 'hn', markId: 'cdđl-ba-vi', awardYear: 2023, certificate: 'valid' }, today),
    ).toBe(
      '(stars IN [4]) AND (ocopGroup = "Thực phẩm") AND (placeIds = "hn") AND (markIds = "cdđl-ba-vi") AND (awardYears = 2023) AND (hasStars = true AND certValidUntilNum >= 20250601)',
    );
  });

  it('keeps an injection attempt inside its quoted value', () => {
    const filter = buildMeiliFilter({ placeId: 'x" OR stars = 5 OR placeIds = "y', stars: [3] }, today) as string;
    expect(filter.startsWith('(stars IN [3]) AND (placeIds = ')).toBe(true);
    const quoted = filter.slice('(stars IN [3]) AND (placeIds = '.length);
    expect(readQuotedValue(quoted)).toEqual({ value: 'x" OR stars = 5 OR placeIds = "y', rest: ')' });
  });

  it('rejects non-finite numbers', () => {
    expect(() => buildMeiliFilter({ stars: [Number.NaN] }, today)).toThrow(RangeError);
    expect(() => buildMeiliFilter({ awardYear: Number.POSITIVE_INFINITY }, today)).toThrow(RangeError);
  });
});

describe('buildCertificateFilter', () => {
  it('spells each state the way certificateState decides it', () => {
    expect(buildCertificateFilter('none', '2025-06-01')).toBe('hasStars = false');
    expect(buildCertificateFilter('unknown', '2025-06-01')).toBe('hasStars = true AND certValidUntilNum IS NULL');
    expect(buildCertificateFilter('valid', '2025-06-01')).toBe('hasStars = true AND certValidUntilNum >= 20250601');
    expect(buildCertificateFilter('expired', '2025-06-01')).toBe('hasStars = true AND certValidUntilNum < 20250601');
  });

  it('agrees with certificateState on the boundary days', () => {
    // Evaluate the date comparison each filter spells against the indexed document.
    const holds = (filter: string, certValidUntilNum: number) => {
      const [, op, day] = /certValidUntilNum (>=|<) (\d+)$/.exec(filter) as RegExpExecArray;
      return op === '>=' ? certValidUntilNum >= Number(day) : certValidUntilNum < Number(day);
    };
    for (const until of ['2025-05-31', '2025-06-01', '2025-06-02']) {
      const doc = toMeiliDocument({ ...GA_DOI, certValidUntil: until });
      const states = (['valid', 'expired'] as const).filter((state) => holds(buildCertificateFilter(state, '2025-06-01'), doc.certValidUntilNum as number));
      expect(states).toEqual([certificateState(doc, '2025-06-01')]);
    }
  });
});

describe('joinFilterConditions', () => {
  it('drops missing parts', () => {
    expect(joinFilterConditions([undefined, 'a = 1', ''])).toBe('a = 1');
    expect(joinFilterConditions([])).toBeUndefined();
    expect(joinFilterConditions(['a = 1 OR b = 2', 'c = 3'])).toBe('(a = 1 OR b = 2) AND (c = 3)');
  });
});

describe('toMeiliDocument', () => {
  it('adds hasStars and the certificate date as a number', () => {
    const doc = toMeiliDocument(GA_DOI);
    expect(doc).toEqual({ ...GA_DOI, hasStars: true, certValidUntilNum: 20260510 });
  });

  it('marks unrated products and unknown dates', () => {
    expect(toMeiliDocument({ ...GA_DOI, stars: null, certValidUntil: null })).toMatchObject({ hasStars: false, certValidUntilNum: null });
    expect(toMeiliDocument({ ...GA_DOI, certValidUntil: null })).toMatchObject({ hasStars: true, certValidUntilNum: null });
  });
});

describe('Meilisearch versions', () => {
  it('reads server version strings', () => {
    expect(parseMeiliVersion('1.12.3')).toEqual({ major: 1, minor: 12, patch: 3, raw: '1.12.3' });
    expect(parseMeiliVersion('1.13.0-rc.1')).toMatchObject({ major: 1, minor: 13, patch: 0 });
    expect(parseMeiliVersion('nightly')).toBeNull();
  });

  it('accepts 1.7 and later, refuses older or unreadable versions', () => {
    expect(requireSupportedVersion('1.7.0').minor).toBe(7);
    expect(requireSupportedVersion('1.10.2').minor).toBe(10);
    expect(requireSupportedVersion('2.0.0').major).toBe(2);
    expect(() => requireSupportedVersion('1.6.2')).toThrow(MeiliVersionError);
    expect(() => requireSupportedVersion('0.30.5')).toThrow(/1\.7 or later is required/);
    expect(() => requireSupportedVersion('')).toThrow(MeiliVersionError);
  });
});

describe('buildMeiliSettings', () => {
  const v1_12 = requireSupportedVersion('1.12.0');

  it('applies the ranking of SEARCH.md', () => {
    const settings = buildMeiliSettings(v1_12);
    expect(settings.searchableAttributes).toEqual(['name', 'producer', 'places', 'aliases', 'category']);
    expect(settings.rankingRules).toEqual(['words', 'typo', 'attribute', 'proximity', 'sort', 'exactness', 'stars:desc']);
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } });
    expect(settings.sortableAttributes).toEqual(['stars', 'name']);
    expect(settings.filterableAttributes).toEqual([...FILTERABLE_ATTRIBUTES]);
    expect(settings.searchableAttributes).toEqual([...SEARCHABLE_ATTRIBUTES]);
    expect(settings.rankingRules).toEqual([...RANKING_RULES]);
  });

  it('makes every field the filters use filterable', () => {
    const filter = buildMeiliFilter(
      { stars: [4], ocopGroup: 'g', placeId: 'p', markId: 'm', awardYear: 2020, certificate: 'unknown' },
      '2025-06-01',
    ) as string;
    const used = new Set(filter.match(/\b(?:[a-z]+[A-Z][A-Za-z]*|stars)\b(?= (?:IN|=|>=|<|IS))/g));
    for (const field of used) expect(FILTERABLE_ATTRIBUTES as readonly string[]).toContain(field);
    expect(used.size).toBe(7);
  });

  it('sends localizedAttributes only to servers that know it (1.10+)', () => {
    expect(buildMeiliSettings(v1_12).localizedAttributes).toEqual([{ attributePatterns: ['*'], locales: ['vie'] }]);
    expect(buildMeiliSettings(requireSupportedVersion('1.9.0'))).not.toHaveProperty('localizedAttributes');
  });

  it('includes the regional synonyms', () => {
    expect(buildMeiliSettings(v1_12).synonyms).toEqual(buildMeiliSynonyms(REGIONAL_SYNONYM_GROUPS));
  });
});

describe('buildMeiliSynonyms', () => {
  const synonyms = buildMeiliSynonyms(REGIONAL_SYNONYM_GROUPS);

  it('maps accented and folded spellings both ways', () => {
    expect(synonyms['lạc']).toEqual(expect.arrayContaining(['đậu phộng', 'dau phong']));
    expect(synonyms['lac']).toEqual(expect.arrayContaining(['đậu phộng', 'dau phong']));
    expect(synonyms['dau phong']).toEqual(expect.arrayContaining(['lạc', 'lac']));
    expect(synonyms['heo']).toEqual(expect.arrayContaining(['lợn', 'lon']));
    expect(synonyms['thom']).toEqual(expect.arrayContaining(['dứa', 'dua', 'khóm', 'khom']));
  });

  it('never lists a spelling as its own synonym', () => {
    for (const [key, targets] of Object.entries(synonyms)) expect(targets).not.toContain(key);
    expect(synonyms['bắp']).toEqual(['ngo', 'ngô']);
  });

  it('merges groups whose folded spellings meet ("mỳ" and "mỹ" both fold to "my")', () => {
    expect(synonyms['my']).toEqual(expect.arrayContaining(['mì', 'mĩ', 'mi']));
  });
});

describe('query text and plan', () => {
  const vocabulary = createVocabulary([...wordsOfDocument(GA_DOI)].map((word) => [word, 1] as const));

  it('sends the analyser’s folded reading; a finished last word gets a trailing space', () => {
    expect(buildMeiliQueryText(analyseQuery('Gà đồi Ba Vì', vocabulary))).toBe('ga doi ba vi');
    expect(buildMeiliQueryText(analyseQuery('GÀ ĐỒI ', vocabulary))).toBe('ga doi ');
    expect(buildMeiliQueryText(analyseQuery('  ', vocabulary))).toBe('');
  });

  it('undoes Telex keystrokes and reports them', () => {
    const analysed = analyseQuery('gaf ddooif', vocabulary);
    expect(buildMeiliQueryText(analysed)).toBe('ga doi');
    expect(describeCorrections(analysed)).toEqual(['gaf → ga', 'ddooif → doi']);
  });

  it('asks for the page, its facets and one count per certificate state', () => {
    const plan = planMeiliSearch(request({ filters: { placeId: 'hn' }, limit: 10, offset: 20 }), {
      indexUid: 'products',
      queryText: 'ga doi',
      matchingStrategy: 'all',
      locales: ['vie'],
    });
    expect(plan.certificateStates).toEqual(['valid', 'expired', 'unknown', 'none']);
    expect(plan.queries[0]).toEqual({
      indexUid: 'products',
      q: 'ga doi',
      matchingStrategy: 'all',
      locales: ['vie'],
      filter: 'placeIds = "hn"',
      offset: 20,
      limit: 10,
      attributesToRetrieve: ['id'],
      showRankingScore: true,
      facets: ['stars', 'ocopGroup', 'placeIds', 'markIds', 'awardYears'],
    });
    expect(plan.queries.slice(1).map((q) => [q.filter, q.limit])).toEqual([
      ['(placeIds = "hn") AND (hasStars = true AND certValidUntilNum >= 20250601)', 0],
      ['(placeIds = "hn") AND (hasStars = true AND certValidUntilNum < 20250601)', 0],
      ['(placeIds = "hn") AND (hasStars = true AND certValidUntilNum IS NULL)', 0],
      ['(placeIds = "hn") AND (hasStars = false)', 0],
    ]);
  });

  it('asks for the page alone when facets are off, without locales for old servers', () => {
    const plan = planMeiliSearch(request({ facets: false }), { indexUid: 'products', queryText: '', matchingStrategy: 'last' });
    expect(plan.queries).toHaveLength(1);
    expect(plan.queries[0]).not.toHaveProperty('facets');
    expect(plan.queries[0]).not.toHaveProperty('locales');
    expect(plan.queries[0]).not.toHaveProperty('filter');
    expect(plan.certificateStates).toEqual([]);
  });
});

describe('response mapping', () => {
  // Responses in the shape documented for POST /multi-search (one result per query).
  const page: MeiliResponse = {
    hits: [
      { id: 'fx-ga-doi-ba-vi', _rankingScore: 0.9861 },
      { id: 'fx-buoi-dien', _rankingScore: 0.7412 },
    ],
    estimatedTotalHits: 2,
    facetDistribution: {
      stars: { '4': 2 },
      ocopGroup: { 'Thực phẩm': 2 },
      placeIds: { hn: 2, 'hn-xa-ba-vi': 1 },
      markIds: {},
      awardYears: { '2023': 1 },
    },
  };
  const count = (n: number): MeiliResponse => ({ hits: [], estimatedTotalHits: n });

  it('maps hits with their ranking score', () => {
    expect(mapHits(page.hits)).toEqual([
      { id: 'fx-ga-doi-ba-vi', score: 0.9861 },
      { id: 'fx-buoi-dien', score: 0.7412 },
    ]);
    expect(mapHits([{ id: 42 }])).toEqual([{ id: '42', score: 0 }]);
  });

  it('reads the total from either pagination mode', () => {
    expect(readTotal(page)).toBe(2);
    expect(readTotal({ hits: [], totalHits: 7 })).toBe(7);
  });

  it('renames facet fields to FacetCounts keys and drops zero counts', () => {
    expect(mapFacetCounts(page.facetDistribution, { valid: 2, expired: 0, unknown: 0, none: 0 })).toEqual({
      stars: { '4': 2 },
      ocopGroup: { 'Thực phẩm': 2 },
      placeId: { hn: 2, 'hn-xa-ba-vi': 1 },
      markId: {},
      awardYear: { '2023': 1 },
      certificate: { valid: 2 },
    });
    expect(mapFacetCounts(undefined, {})).toEqual({ stars: {}, ocopGroup: {}, placeId: {}, markId: {}, awardYear: {}, certificate: {} });
  });

  it('assembles a SearchResult from one multi-search answer', () => {
    const analysed = analyseQuery('ga doi', createVocabulary([['ga', 1], ['doi', 1]]));
    const result = toSearchResult([page, count(1), count(1), count(0), count(0)], ['valid', 'expired', 'unknown', 'none'], analysed);
    expect(result).toEqual({
      hits: [
        { id: 'fx-ga-doi-ba-vi', score: 0.9861 },
        { id: 'fx-buoi-dien', score: 0.7412 },
      ],
      total: 2,
      facets: {
        stars: { '4': 2 },
        ocopGroup: { 'Thực phẩm': 2 },
        placeId: { hn: 2, 'hn-xa-ba-vi': 1 },
        markId: {},
        awardYear: { '2023': 1 },
        certificate: { valid: 1, expired: 1 },
      },
      query: { raw: 'ga doi', interpreted: 'ga doi', corrections: [] },
      engine: 'meilisearch',
    });
  });

  it('leaves facets null when they were not asked for, and refuses mismatched answers', () => {
    const analysed = analyseQuery('', createVocabulary([]));
    expect(toSearchResult([page], [], analysed).facets).toBeNull();
    expect(() => toSearchResult([page, count(1)], ['valid', 'expired'], analysed)).toThrow(/1 certificate counts for 2 states/);
    expect(() => toSearchResult([], [], analysed)).toThrow();
  });
});

describe('requireSucceeded', () => {
  const task = (status: Task['status'], error: Task['error'] = null) =>
    ({ uid: 7, type: 'documentAdditionOrUpdate', status, error }) as Task;

  it('passes succeeded tasks and turns failed or canceled ones into errors', () => {
    expect(requireSucceeded(task('succeeded')).uid).toBe(7);
    expect(() => requireSucceeded(task('failed', { code: 'invalid_document_id', message: 'bad id', type: 'invalid_request', link: '' }))).toThrow(
      /task 7 \(documentAdditionOrUpdate\) failed: invalid_document_id — bad id/,
    );
    expect(() => requireSucceeded(task('canceled'))).toThrow(MeiliTaskError);
  });
});

describe('learned vocabulary', () => {
  it('counts the folded words of each document once', () => {
    const learned = createLearnedVocabulary();
    learned.replace([GA_DOI, { name: 'Bưởi Diễn', places: ['Phường Tây Tựu, Thành phố Hà Nội'] }]);
    const vocabulary = learned.current();
    expect(vocabulary.frequency('ga')).toBe(1);
    expect(vocabulary.frequency('ha')).toBe(2);
    expect(vocabulary.frequency('buoi')).toBe(1);
    expect(vocabulary.hasPrefix('die')).toBe(true);
  });

  it('adds documents and forgets everything on replace', () => {
    const learned = createLearnedVocabulary();
    learned.add([{ name: 'Chè Shan tuyết' }]);
    expect(learned.current().frequency('shan')).toBe(1);
    learned.replace([{ name: 'Gạo ST25' }]);
    expect(learned.current().frequency('shan')).toBe(0);
    expect(learned.current().frequency('st25')).toBe(1);
  });
});
