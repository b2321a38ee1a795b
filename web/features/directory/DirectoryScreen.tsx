// Browse and search local OCOP products (PRODUCT.md §2 "local-product browser"): search
// as you type, with or without diacritics; filters with counts; works offline on the
// phone's copy of the registry.
import type { Place } from '../../../server/domain/registry-types';
import { useEffect, useRef, useState } from 'preact/hooks';
import { getMarks, getPlaces, searchProducts, type ProductPage, type ProductQuery, type Sourced } from '../../app/data-source';
import { navigate, useLocation } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { FilterBar } from './FilterBar';
import { PAGE_SIZE, queryFromUrl, urlFromQuery } from './directory-query';
import { ProductListItem } from './ProductListItem';

const TYPING_DELAY_MS = 250;
/** GET /api/products answers at most this many per request. */
const MAX_PER_REQUEST = 100;

/** The first `count` results, all from the one source that answers the first request. */
async function firstResults(query: Omit<ProductQuery, 'limit' | 'offset'>, count: number): Promise<Sourced<ProductPage>> {
  const first = await searchProducts({ ...query, offset: 0, limit: Math.min(count, MAX_PER_REQUEST) });
  const items = [...first.data.items];
  while (items.length < Math.min(count, first.data.total)) {
    const more = await searchProducts({ ...query, offset: items.length, limit: Math.min(count - items.length, MAX_PER_REQUEST) });
    if (more.offline !== first.offline || !more.data.items.length) break;
    items.push(...more.data.items);
  }
  return { data: { ...first.data, items }, offline: first.offline };
}

export function DirectoryScreen() {
  const { t } = useI18n();
  const { query: params } = useLocation();
  const query = queryFromUrl(params);
  const key = urlFromQuery(query);
  const [text, setText] = useState(query.q);
  const [page, setPage] = useState<{ key: string; data: ProductPage; offline: boolean } | null>(null);
  const [failed, setFailed] = useState(false);
  // "Show more" for the query it was asked for; a ref guards against a second click before the re-render.
  const [more, setMore] = useState<{ key: string; state: 'loading' | 'failed' } | null>(null);
  const loadingMore = useRef<string | null>(null);
  const [markNames, setMarkNames] = useState(new Map<string, string>());
  // The filters open themselves when the address carries one; closed, the page loads no
  // mark or place names (on a throttled phone those requests and their drawing cost the
  // first screen about 200 ms of blocking time).
  const hasFilters = Object.keys(query).some((k) => k !== 'q');
  const [filtersOpen, setFiltersOpen] = useState(hasFilters);
  useEffect(() => {
    if (hasFilters) setFiltersOpen(true); // a link into the directory with a filter (a mark's page, a place)
  }, [key]);
  // Names of the places the facets count, fetched once per id as new ones appear.
  const [places, setPlaces] = useState<ReadonlyMap<string, Place>>(new Map());
  const askedPlaces = useRef(new Set<string>());
  const typing = useRef<number | undefined>(undefined);

  useEffect(() => {
    let live = true;
    setFailed(false);
    searchProducts({ ...query, limit: PAGE_SIZE, offset: 0 })
      .then((r) => live && setPage({ key, data: r.data, offline: r.offline }))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [key]);

  const marksAsked = useRef(false);
  useEffect(() => {
    if (!filtersOpen || marksAsked.current) return;
    marksAsked.current = true;
    getMarks()
      .then((r) => setMarkNames(new Map(r.data.map((m) => [m.id, m.name]))))
      .catch(() => {
        marksAsked.current = false;
      });
  }, [filtersOpen]);

  const facetPlaceIds = Object.keys(page?.data.facets?.placeId ?? {});
  useEffect(() => {
    if (!filtersOpen) return;
    const wanted = [...facetPlaceIds, ...(query.place ? [query.place] : [])].filter((id) => !askedPlaces.current.has(id));
    if (!wanted.length) return;
    for (const id of wanted) askedPlaces.current.add(id);
    getPlaces(wanted)
      .then((r) => {
        // The phone's copy may not know a place the server counts yet: ask again with the next answer.
        if (r.offline) for (const id of wanted) if (!r.data.some((p) => p.id === id)) askedPlaces.current.delete(id);
        setPlaces((known) => new Map([...known, ...r.data.map((p) => [p.id, p] as const)]));
      })
      .catch(() => {
        for (const id of wanted) askedPlaces.current.delete(id); // ask again with the next answer
      });
  }, [filtersOpen, facetPlaceIds.join(','), query.place]);

  const onType = (value: string) => {
    setText(value);
    clearTimeout(typing.current);
    typing.current = window.setTimeout(() => navigate(urlFromQuery({ ...query, q: value.trim() }), { replace: true }), TYPING_DELAY_MS);
  };
  const loadMore = async () => {
    if (!page || page.key !== key || loadingMore.current === key) return;
    const offset = page.data.items.length;
    loadingMore.current = key;
    setMore({ key, state: 'loading' });
    try {
      const r = await searchProducts({ ...query, limit: PAGE_SIZE, offset });
      // The signal came or went since the last page: the server and the offline copy rank
      // differently, so appending would repeat some products and skip others. The whole
      // list is read again from the source answering now.
      const whole = r.offline === page.offline ? null : await firstResults(query, offset + PAGE_SIZE);
      const next = whole ? whole.data : { ...page.data, items: [...page.data.items, ...r.data.items] };
      const offline = whole ? whole.offline : page.offline;
      // Only onto the page it continues: the query may have changed while it loaded.
      setPage((p) => (p && p.key === key && p.data.items.length === offset ? { key, data: next, offline } : p));
      setMore((m) => (m?.key === key ? null : m));
    } catch {
      setMore({ key, state: 'failed' });
    } finally {
      if (loadingMore.current === key) loadingMore.current = null;
    }
  };
  const moreState = more?.key === key ? more.state : null;
  const { q: _q, ...filters } = query;
  const data = page?.data;
  // Rewrites ("hoongf → hồng") are said as such; dropped words ("dai → ∅") as a partial match.
  const rewrites = (data?.query?.corrections ?? []).filter((c) => !c.endsWith('→ ∅'));
  const corrected = rewrites.length ? rewrites.join(', ') : null;
  const unmatched = data?.query?.unmatchedWords ?? [];
  const partial = unmatched.length > 0;

  return (
    <div class="screen directory">
      <h1>{t.dirTitle}</h1>
      <form
        role="search"
        class="search"
        onSubmit={(e) => {
          e.preventDefault();
          clearTimeout(typing.current);
          navigate(urlFromQuery({ ...query, q: text.trim() }), { replace: true });
        }}
      >
        <label for="dir-q" class="visually-hidden">
          {t.dirSearchLabel}
        </label>
        <input id="dir-q" type="search" enterKeyHint="search" autoComplete="off" placeholder={t.dirSearchPlaceholder} value={text} onInput={(e) => onType(e.currentTarget.value)} />
        <button class="btn" type="submit">
          {t.dirSearch}
        </button>
      </form>
      <p class="browse-links">
        <a href="/marks">{t.browseMarks}</a> · <a href="/awards">{t.browseAwards}</a>
      </p>
      <FilterBar filters={filters} facets={data?.facets ?? null} markNames={markNames} places={places} open={filtersOpen} onToggle={setFiltersOpen} onChange={(f) => navigate(urlFromQuery({ q: query.q, ...f }), { replace: true })} />
      {failed ? (
        <p class="error" role="alert">
          {t.error}
        </p>
      ) : !data ? (
        <p class="loading">{t.loading}</p>
      ) : (
        <section aria-live="polite">
          <p class="muted" data-offline={page.offline ? 'true' : 'false'}>
            {t.dirResults(data.total)}
            {page.offline ? ` · ${t.dirOfflineNote}` : ''}
            {corrected ? ` · ${t.dirDidYouMean(corrected)}` : ''}
          </p>
          {partial ? (
            <p class="notice partial-match" data-unmatched={unmatched.join(' ')}>
              {data.items.length ? t.dirPartialMatch((data.query?.matchedWords ?? []).join(' '), unmatched.join(' ')) : t.dirNoneMatch(unmatched.join(' '))}
            </p>
          ) : null}
          {data.items.length ? (
            <ul class="plain product-list">
              {data.items.map((p) => (
                <ProductListItem key={p.id} product={p} partial={partial} />
              ))}
            </ul>
          ) : (
            <p>{t.dirNoResults}</p>
          )}
          {moreState === 'failed' ? (
            <p class="error" role="alert">
              {t.error}
            </p>
          ) : null}
          {data.items.length < data.total ? (
            // aria-disabled, not disabled: a disabled button drops the focus of whoever just pressed it
            // (keyboard, screen reader); loadMore already ignores a second press.
            <button type="button" class="btn secondary" aria-disabled={moreState === 'loading'} onClick={() => void loadMore()}>
              {moreState === 'loading' ? t.loading : t.dirMore}
            </button>
          ) : null}
        </section>
      )}
    </div>
  );
}
