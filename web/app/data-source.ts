// Directory reads: the server when there is a connection (fresh data, the full search
// engine), else the offline copy on the phone with the same Vietnamese folding. Each
// answer says where it came from so the screen can say "searching offline data".
import type { FacetCounts } from '../../server/domain/search-types';
import type { Award, Mark, Place, Producer, ProductDetail, ProductSummary } from '../../server/domain/registry-types';
import { api, timeout } from '../api/api';
import type { OfflineSearchQuery } from '../offline';
import { offline } from './offline-access';
import { vietnamToday } from './vietnam-time';

const ONLINE_TIMEOUT_MS = 5000;

/** The directory's query: the same for the server (GET /api/products) and the offline copy. */
export type ProductQuery = OfflineSearchQuery;

export interface Sourced<T> {
  data: T;
  offline: boolean;
}

async function online<T>(call: (signal: AbortSignal) => Promise<Response>): Promise<T | null> {
  if (!navigator.onLine) return null;
  try {
    const res = await call(timeout(ONLINE_TIMEOUT_MS));
    if (res.status === 404) throw new NotFound();
    if (!res.ok) return null;
    return (await res.json()) as T;
  } catch (e) {
    if (e instanceof NotFound) throw e;
    return null; // network trouble: use the offline copy
  }
}

export class NotFound extends Error {}

export interface ProductPage {
  items: ProductSummary[];
  total: number;
  facets: FacetCounts | null;
  query?: { raw: string; interpreted: string; corrections: string[]; matchedWords?: string[]; unmatchedWords?: string[] };
}

export async function searchProducts(q: ProductQuery): Promise<Sourced<ProductPage>> {
  const query: Record<string, string> = { q: q.q, limit: String(q.limit), offset: String(q.offset) };
  if (q.stars?.length) query.stars = q.stars.join(',');
  if (q.group) query.group = q.group;
  if (q.place) query.place = q.place;
  if (q.mark) query.mark = q.mark;
  if (q.awardYear) query.awardYear = String(q.awardYear);
  if (q.cert) query.cert = q.cert;
  const remote = await online<ProductPage>((signal) => api.api.products.$get({ query }, { init: { signal } }));
  if (remote) return { data: remote, offline: false };
  const { mod, store } = await offline();
  return { data: await mod.searchOffline(store, q, vietnamToday()), offline: true };
}

export async function getProduct(id: string): Promise<Sourced<ProductDetail | null>> {
  try {
    const remote = await online<ProductDetail>((signal) => api.api.products[':id'].$get({ param: { id } }, { init: { signal } }));
    if (remote) return { data: remote, offline: false };
  } catch (e) {
    if (e instanceof NotFound) return { data: null, offline: false };
  }
  const { mod, store } = await offline();
  return { data: await mod.productOffline(store, id, vietnamToday()), offline: true };
}

export type ProducerPage = Producer & { products: ProductSummary[] };

export async function getProducer(id: string): Promise<Sourced<ProducerPage | null>> {
  try {
    const remote = await online<ProducerPage>((signal) => api.api.producers[':id'].$get({ param: { id } }, { init: { signal } }));
    if (remote) return { data: remote, offline: false };
  } catch (e) {
    if (e instanceof NotFound) return { data: null, offline: false };
  }
  const { mod, store } = await offline();
  return { data: await mod.producerOffline(store, id, vietnamToday()), offline: true };
}

export async function getMarks(): Promise<Sourced<(Mark & { productCount: number })[]>> {
  const remote = await online<{ items: (Mark & { productCount: number })[] }>((signal) => api.api.marks.$get(undefined, { init: { signal } }));
  if (remote) return { data: remote.items, offline: false };
  const { mod, store } = await offline();
  return { data: await mod.marksOffline(store), offline: true };
}

export async function getAwards(): Promise<Sourced<Award[]>> {
  const remote = await online<{ items: Award[] }>((signal) => api.api.awards.$get({ query: {} }, { init: { signal } }));
  if (remote) return { data: remote.items, offline: false };
  const { mod, store } = await offline();
  return { data: await mod.awardsOffline(store), offline: true };
}

/** At most this many ids per request (the API takes 1000; a URL of 500 ids stays well under 16 KB). */
const PLACE_IDS_PER_REQUEST = 500;

/** The places among these ids (the directory's facets count place ids; the filter shows their names). */
export async function getPlaces(ids: readonly string[]): Promise<Sourced<Place[]>> {
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += PLACE_IDS_PER_REQUEST) chunks.push(ids.slice(i, i + PLACE_IDS_PER_REQUEST));
  const answers = await Promise.all(
    chunks.map((chunk) => online<{ items: Place[] }>((signal) => api.api.places.$get({ query: { ids: chunk.join(','), limit: '1000' } }, { init: { signal } }))),
  );
  if (answers.every((a) => a !== null)) return { data: answers.flatMap((a) => a!.items), offline: false };
  const { mod, store } = await offline();
  return { data: await mod.placesOffline(store, ids), offline: true };
}
