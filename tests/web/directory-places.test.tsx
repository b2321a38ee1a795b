// The directory's place filter: the places the facets count, named once the filters are
// opened (new and pre-2025 units kept apart, a former commune with its district), and
// choosing one searches within it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Place } from '../../server/domain/registry-types';
import type { ProductPage, ProductQuery, Sourced } from '../../web/app/data-source';
import { DirectoryScreen } from '../../web/features/directory/DirectoryScreen';
import { placeChoices } from '../../web/features/directory/place-choices';
import { vi as vietnamese } from '../../web/i18n/vi';
import { mount } from './fixtures/screen';

const place = (id: string, era: Place['era'], level: string, name: string, fullName: string, parentId: string | null = null): Place => ({
  id,
  era,
  level,
  code: id.split(':')[1]!,
  name,
  fullName,
  nameEn: null,
  parentId,
  validFrom: null,
  validUntil: null,
  provenance: { sourceUrl: 'https://example.org/admin-units', sourceDocument: null, importedAt: '2026-11-25T00:00:00Z' },
});
const PLACES = [
  place('vn:p01', 'current', 'province', 'Hà Nội', 'Thành phố Hà Nội'),
  place('vn:p68', 'current', 'province', 'Lâm Đồng', 'Tỉnh Lâm Đồng'),
  place('vn:p86', 'current', 'province', 'Vĩnh Long', 'Tỉnh Vĩnh Long'),
  place('vn2024:p84', 'pre2025', 'province', 'Trà Vinh', 'Tỉnh Trà Vinh'),
  place('vn2024:p91', 'pre2025', 'province', 'Kiên Giang', 'Tỉnh Kiên Giang'),
  place('vn:00433', 'current', 'commune', 'Đa Phúc', 'Xã Đa Phúc', 'vn:p01'),
  place('hn2024:d016', 'pre2025', 'district', 'Sóc Sơn', 'Huyện Sóc Sơn', 'vn:p01'),
  place('hn2024:d271', 'pre2025', 'district', 'Ba Vì', 'Huyện Ba Vì', 'vn:p01'),
  place('hn2024:00433', 'pre2025', 'ward', 'Thanh Xuân', 'Xã Thanh Xuân', 'hn2024:d016'),
];
const COUNTS = { 'vn:p01': 83, 'vn:p68': 60, 'vn:p86': 13, 'vn2024:p84': 12, 'vn2024:p91': 5, 'vn:00433': 6, 'hn2024:d016': 13, 'hn2024:d271': 16, 'hn2024:00433': 6, 'unnamed:1': 2 };

const searches: ProductQuery[] = [];
const askedPlaces: string[][] = [];
vi.mock('../../web/app/data-source', () => ({
  searchProducts: async (query: ProductQuery): Promise<Sourced<ProductPage>> => {
    searches.push(query);
    const facets = { stars: {}, ocopGroup: {}, placeId: COUNTS, markId: {}, awardYear: {}, certificate: {} };
    return { data: { items: [], total: 0, facets }, offline: false };
  },
  getMarks: async () => ({ data: [], offline: false }),
  getPlaces: async (ids: string[]) => {
    askedPlaces.push(ids);
    return { data: PLACES.filter((p) => ids.includes(p.id)), offline: false };
  },
}));

describe('placeChoices', () => {
  it('groups provinces, current units, former provinces, former districts and former communes, sorted by name', () => {
    const groups = placeChoices(COUNTS, new Map(PLACES.map((p) => [p.id, p])));
    expect(groups.map((g) => [g.group, g.choices.map((c) => `${c.label} (${c.count})`)])).toEqual([
      ['province', ['Thành phố Hà Nội (83)', 'Tỉnh Lâm Đồng (60)', 'Tỉnh Vĩnh Long (13)']],
      ['current', ['Xã Đa Phúc (6)']],
      ['oldProvince', ['Tỉnh Kiên Giang (5)', 'Tỉnh Trà Vinh (12)']],
      ['oldDistrict', ['Huyện Ba Vì (16)', 'Huyện Sóc Sơn (13)']],
      ['oldLocal', ['Xã Thanh Xuân — Huyện Sóc Sơn (6)']],
    ]);
  });

  it('offers no choice for a place it has no name for', () => {
    expect(placeChoices({ 'unnamed:1': 2 }, new Map())).toEqual([]);
  });
});

describe('DirectoryScreen, place filter', () => {
  let el: HTMLElement;
  let unmount = () => {};
  beforeEach(() => {
    searches.length = 0;
    askedPlaces.length = 0;
    history.replaceState(null, '', '/directory');
    ({ el, unmount } = mount(<DirectoryScreen />));
  });
  afterEach(() => unmount());

  const select = () => el.querySelector<HTMLSelectElement>('#f-place')!;

  const openFilters = () => {
    const details = el.querySelector<HTMLDetailsElement>('details.filters')!;
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
  };

  it('asks for no names while the filters are closed', async () => {
    await expect.poll(() => searches.length).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(askedPlaces).toEqual([]);
    expect(select()).toBeNull();
  });

  it('names the counted places in labelled groups and searches within the one chosen', async () => {
    await expect.poll(() => searches.length).toBe(1);
    openFilters();
    await expect.poll(() => select()?.querySelectorAll('optgroup').length).toBe(5);
    expect(el.querySelector('label[for="f-place"]')?.textContent).toBe(vietnamese.filterPlace);
    expect([...select().querySelectorAll('optgroup')].map((g) => g.label)).toEqual([
      vietnamese.placeGroupProvince,
      vietnamese.placeGroupCurrent,
      vietnamese.placeGroupOldProvince,
      vietnamese.placeGroupOldDistrict,
      vietnamese.placeGroupOldLocal,
    ]);
    expect(askedPlaces).toEqual([Object.keys(COUNTS)]);

    select().value = 'hn2024:d271';
    select().dispatchEvent(new Event('change', { bubbles: true }));
    await expect.poll(() => searches.at(-1)?.place).toBe('hn2024:d271');
    expect(new URLSearchParams(location.search).get('place')).toBe('hn2024:d271');
    expect(select().value).toBe('hn2024:d271');
    // Names already known are not asked for again.
    await new Promise((r) => setTimeout(r, 20));
    expect(askedPlaces).toHaveLength(1);
  });

  it('narrows the place list by a name typed with or without diacritics', async () => {
    await expect.poll(() => searches.length).toBe(1);
    openFilters();
    await expect.poll(() => select()?.querySelectorAll('optgroup').length).toBe(5);
    const box = el.querySelector<HTMLInputElement>('#f-place-search')!;
    box.value = 'soc son';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await expect.poll(() => [...select().querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      vietnamese.filterAny,
      'Huyện Sóc Sơn (13)',
      'Xã Thanh Xuân — Huyện Sóc Sơn (6)',
    ]);
  });

  it('finds a former province by its name without diacritics', async () => {
    await expect.poll(() => searches.length).toBe(1);
    openFilters();
    await expect.poll(() => select()?.querySelectorAll('optgroup').length).toBe(5);
    const box = el.querySelector<HTMLInputElement>('#f-place-search')!;
    box.value = 'kien giang';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await expect.poll(() => [...select().querySelectorAll('optgroup')].map((g) => [g.label, [...g.querySelectorAll('option')].map((o) => o.textContent)])).toEqual([
      [vietnamese.placeGroupOldProvince, ['Tỉnh Kiên Giang (5)']],
    ]);
  });
});
