// The flat search documents every engine indexes, built from registry records by kind: the
// server feeds it rows read from SQLite, the PWA rows read from IndexedDB, so both find a
// product by the same names (current and former places), stars, marks and award years.
import { bestCertificate, searchValidUntil, type BestCertificate } from '../catalogue/certificate-state';
import { toTypedRows, type RowOf, type WireRecord } from '../catalogue/typed-rows';
import { productPlaces } from '../product-places';
import type { SearchDocument } from '../search-types';

/** The kinds of registry record a search document is built from. */
export const SEARCH_RECORD_KINDS = ['places', 'place_aliases', 'producers', 'products', 'ocop_certifications', 'mark_links', 'awards'] as const;
export type SearchRecordKind = (typeof SEARCH_RECORD_KINDS)[number];

/** The typed rows of every kind a search document is built from. */
export type SearchRecords = { readonly [K in SearchRecordKind]: readonly RowOf<K>[] };

/** The records search documents need, read by kind from any store (SQLite rows, the PWA's copy) and typed once. */
export function readSearchRecords(rowsOf: (kind: SearchRecordKind) => readonly WireRecord[]): SearchRecords {
  return {
    places: toTypedRows('places', rowsOf('places')),
    place_aliases: toTypedRows('place_aliases', rowsOf('place_aliases')),
    producers: toTypedRows('producers', rowsOf('producers')),
    products: toTypedRows('products', rowsOf('products')),
    ocop_certifications: toTypedRows('ocop_certifications', rowsOf('ocop_certifications')),
    mark_links: toTypedRows('mark_links', rowsOf('mark_links')),
    awards: toTypedRows('awards', rowsOf('awards')),
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

type Certificate = RowOf<'ocop_certifications'>;

/** Each product's best certificate, by the catalogue's own rule (the product cards use the same). */
function bestCertificates(certificates: readonly Certificate[]): Map<string, BestCertificate> {
  const byProduct = new Map<string, Certificate[]>();
  for (const record of certificates) if (record.product_id) push(byProduct, record.product_id, record);
  const out = new Map<string, BestCertificate>();
  for (const [id, records] of byProduct) {
    const best = bestCertificate(records);
    if (best) out.set(id, best);
  }
  return out;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One search document per product (ordered by id, so every caller indexes the same
 * order), or only for `productIds`; `today` dates certificates known only by their year.
 */
export function buildSearchDocuments(records: SearchRecords, today: string, productIds?: ReadonlySet<string>): SearchDocument[] {
  const places = new Map(records.places.map((r) => [r.id, r]));
  const newPlacesOf = new Map<string, string[]>();
  for (const r of records.place_aliases) push(newPlacesOf, r.old_place_id, r.new_place_id);
  const producerName = new Map(records.producers.map((r) => [r.id, r.name]));
  const best = bestCertificates(records.ocop_certifications);
  const productMarks = new Map<string, string[]>();
  const producerMarks = new Map<string, string[]>();
  for (const r of records.mark_links) {
    if (r.product_id) push(productMarks, r.product_id, r.mark_id);
    else if (r.producer_id) push(producerMarks, r.producer_id, r.mark_id);
  }
  const awardYears = new Map<string, number[]>();
  for (const r of records.awards) if (r.product_id && r.year !== null) push(awardYears, r.product_id, r.year);

  const products = records.products.filter((p) => !productIds || productIds.has(p.id)).sort(byId);
  return products.map((p): SearchDocument => {
    const id = p.id;
    const producerId = p.producer_id || null;
    const located = productPlaces(p, (placeId) => places.get(placeId), (placeId) => newPlacesOf.get(placeId));
    const cert = best.get(id);
    const stars = cert?.stars ?? null;
    return {
      id,
      name: p.name,
      producer: producerId ? (producerName.get(producerId) ?? '') : '',
      places: located.places,
      aliases: located.aliases,
      category: [p.ocop_group || null, p.category || null].filter((part) => part !== null).join(' · '),
      stars,
      potentialFive: cert?.potentialFive ?? false,
      ocopGroup: p.ocop_group || null,
      placeIds: located.placeIds,
      markIds: [...new Set([...(productMarks.get(id) ?? []), ...(producerId ? (producerMarks.get(producerId) ?? []) : [])])],
      awardYears: [...new Set(awardYears.get(id) ?? [])],
      certValidUntil: stars === null ? null : searchValidUntil({ validUntil: cert?.validUntil ?? null, year: cert?.year ?? null }, today),
      isAggregate: p.is_aggregate === 1,
    };
  });
}
