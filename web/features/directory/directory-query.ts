import type { ProductQuery } from '../../app/data-source';

export const PAGE_SIZE = 20;

const CERTS = ['valid', 'expired', 'unknown', 'none'] as const;
// GET /api/products refuses longer searches and other years (server/routes/products.route.ts),
// and data-source.ts reads a refusal as "no connection": keep the address inside them.
const MAX_Q_CHARS = 200;
const LAST_AWARD_YEAR = 2100;

/** The search cut to what the API takes, never ending in half an emoji. */
const boundedSearch = (q: string) => (q.length > MAX_Q_CHARS ? q.slice(0, MAX_Q_CHARS).replace(/[\uD800-\uDBFF]$/, '') : q);

/** The directory's state lives in the URL (shareable, and the back button works). */
export function queryFromUrl(params: URLSearchParams): Omit<ProductQuery, 'limit' | 'offset'> {
  const stars = (params.get('stars') ?? '')
    .split(',')
    .map(Number)
    .filter((n) => n === 3 || n === 4 || n === 5);
  const cert = params.get('cert');
  const awardYear = Number(params.get('awardYear'));
  return {
    q: boundedSearch(params.get('q') ?? ''),
    ...(stars.length ? { stars } : {}),
    ...(params.get('group') ? { group: params.get('group')! } : {}),
    ...(params.get('mark') ? { mark: params.get('mark')! } : {}),
    ...(params.get('place') ? { place: params.get('place')! } : {}),
    ...(Number.isInteger(awardYear) && awardYear > 1990 && awardYear <= LAST_AWARD_YEAR ? { awardYear } : {}),
    ...((CERTS as readonly string[]).includes(cert ?? '') ? { cert: cert as ProductQuery['cert'] } : {}),
  };
}

export function urlFromQuery(q: Omit<ProductQuery, 'limit' | 'offset'>): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.stars?.length) p.set('stars', q.stars.join(','));
  if (q.group) p.set('group', q.group);
  if (q.mark) p.set('mark', q.mark);
  if (q.place) p.set('place', q.place);
  if (q.awardYear) p.set('awardYear', String(q.awardYear));
  if (q.cert) p.set('cert', q.cert);
  const s = p.toString();
  return `/directory${s ? `?${s}` : ''}`;
}
