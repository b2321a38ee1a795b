// "Show more" on the directory: one request per click however fast the taps, never mixed
// into the results of a newer query, and a failure said instead of swallowed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProductSummary } from '../../server/domain/registry-types';
import type { ProductPage, ProductQuery, Sourced } from '../../web/app/data-source';
import { navigate } from '../../web/app/router';
import { DirectoryScreen } from '../../web/features/directory/DirectoryScreen';
import { vi as vietnamese } from '../../web/i18n/vi';
import { mount } from './fixtures/screen';

interface Call {
  query: ProductQuery;
  resolve(): void;
  reject(): void;
}
const calls: Call[] = [];
const TOTAL = 60;
/** Whether searches answer from the phone's copy (which ranks differently: names start with "off "). */
let offlineCopy = false;

const product = (q: string, n: number): ProductSummary => ({
  id: `${q || 'all'}-${n}`,
  name: `${q || 'all'} ${n}`,
  producerId: null,
  producerName: null,
  province: null,
  placeName: null,
  formerPlaceName: null,
  ocopGroup: null,
  stars: 3,
  potentialFive: false,
  certificateStatus: 'valid',
  isAggregate: false,
  aggregateCount: 0,
});

// Each search waits until the test answers it, so the test decides the order of answers.
vi.mock('../../web/app/data-source', () => ({
  searchProducts: (query: ProductQuery) =>
    new Promise<Sourced<ProductPage>>((resolve, reject) => {
      const offline = offlineCopy;
      const items = Array.from({ length: Math.min(query.limit, TOTAL - query.offset) }, (_, i) => product(offline ? `off ${query.q}` : query.q, query.offset + i));
      calls.push({ query, resolve: () => resolve({ data: { items, total: TOTAL, facets: null }, offline }), reject: () => reject(new Error('no answer')) });
    }),
  getMarks: async () => ({ data: [], offline: false }),
  getPlaces: async () => ({ data: [], offline: false }),
}));

const names = (el: HTMLElement) => [...el.querySelectorAll('.product-item strong')].map((s) => s.textContent);
const moreButton = (el: HTMLElement) => [...el.querySelectorAll('button')].find((b) => b.textContent === vietnamese.dirMore || b.textContent === vietnamese.loading);

let el: HTMLElement;
let unmount = () => {};
beforeEach(async () => {
  calls.length = 0;
  offlineCopy = false;
  history.replaceState(null, '', '/directory?q=che');
  ({ el, unmount } = mount(<DirectoryScreen />));
  await expect.poll(() => calls.length).toBe(1);
  calls[0]!.resolve();
  await expect.poll(() => names(el)).toHaveLength(20);
});
afterEach(() => unmount());

describe('DirectoryScreen, show more', () => {
  it('two quick taps load the next page once', async () => {
    moreButton(el)!.click();
    moreButton(el)!.click();
    await expect.poll(() => calls.length).toBe(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(2);
    calls[1]!.resolve();
    await expect.poll(() => names(el)).toHaveLength(40);
    expect(new Set(names(el)).size).toBe(40);
  });

  it('a page that arrives after the query changed is not added to the new results', async () => {
    moreButton(el)!.click();
    await expect.poll(() => calls.length).toBe(2);
    navigate('/directory?q=gao', { replace: true });
    await expect.poll(() => calls.length).toBe(3);
    calls[2]!.resolve();
    await expect.poll(() => names(el)[0]).toBe('gao 0');
    calls[1]!.resolve();
    await new Promise((r) => setTimeout(r, 20));
    expect(names(el)).toHaveLength(20);
    expect(names(el).every((n) => n?.startsWith('gao '))).toBe(true);
  });

  it('says so when the next page fails, and can try again', async () => {
    moreButton(el)!.click();
    await expect.poll(() => calls.length).toBe(2);
    calls[1]!.reject();
    await expect.poll(() => el.querySelector('[role="alert"]')?.textContent).toBe(vietnamese.error);
    moreButton(el)!.click();
    await expect.poll(() => calls.length).toBe(3);
    calls[2]!.resolve();
    await expect.poll(() => names(el)).toHaveLength(40);
    expect(el.querySelector('[role="alert"]')).toBeNull();
  });

  it('when the signal went since the first page, the whole list is read again from the phone rather than mixing two rankings', async () => {
    offlineCopy = true;
    moreButton(el)!.click();
    await expect.poll(() => calls.length).toBe(2);
    calls[1]!.resolve();
    await expect.poll(() => calls.length).toBe(3);
    expect(calls[2]!.query).toMatchObject({ offset: 0, limit: 40 });
    calls[2]!.resolve();
    await expect.poll(() => names(el)).toHaveLength(40);
    expect(names(el).every((n) => n?.startsWith('off che '))).toBe(true);
    expect(new Set(names(el)).size).toBe(40);
    expect(el.querySelector('[data-offline]')?.getAttribute('data-offline')).toBe('true');
  });

  it('keeps the focus on "show more" while it loads', async () => {
    moreButton(el)!.focus();
    moreButton(el)!.click();
    await expect.poll(() => moreButton(el)?.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(moreButton(el));
    calls[1]!.resolve();
    await expect.poll(() => names(el)).toHaveLength(40);
  });
});
