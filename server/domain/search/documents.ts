// The flat search documents every engine indexes, built from registry records by kind: the
// server feeds it rows read from SQLite, the PWA rows read from IndexedDB, so both find a
// product by the same names (current and former places), stars, marks and award years.
import { bestCertificate, searchValidUntil, type BestCertificate } from '../catalogue/certificate-state';
import { toTypedRows, type WireRecord } from '../catalogue/typed-rows';
import { productPlaces } from '../product-places';
import type { SearchDocument } from '../search-types';

/** The kinds of registry record a search document is built from. */
export const SEARCH_RECORD_KINDS = ['places', 'place_aliases', 'producers', 'products', 'ocop_certifications', 'mark_links', 'awards'] as const;
export type SearchRecordKind = (typeof SEARCH_RECORD_KINDS)[number];

/** A registry record as stored (snake_case columns, as in the table and the sync feed). */
export type SearchRecord = Readonly<WireRecord>;
export type SearchRecords = Readonly<Record<SearchRecordKind, readonly SearchRecord[]>>;

/** The records search documents need, read by kind from any store (SQLite rows, the PWA's copy). */
export function readSearchRecords(rowsOf: (kind: SearchRecordKind) => readonly SearchRecord[]): SearchRecords {
  return {
    places: rowsOf('places'),
    place_aliases: rowsOf('place_aliases'),
    producers: rowsOf('producers'),
    products: rowsOf('products'),
    ocop_certifications: rowsOf('ocop_certifications'),
    mark_links: rowsOf('mark_links'),
    awards: rowsOf('awards'),
  };
}

const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Each product's best certificate, by the catalogue's own rule (the product cards use the same). */
function bestCertificates(certificates: readonly SearchRecord[]): Map<string, BestCertificate> {
  const byProduct = new Map<string, SearchRecord[]>();
  for (const record of certificates) {
    const productId = text(record.product_id);
    if (productId !== null) push(byProduct, productId, record);
  }
  const out = new Map<string, BestCertificate>();
  for (const [id, records] of byProduct) {
    const best = bestCertificate(toTypedRows('ocop_certifications', records));
    if (best) out.set(id, best);
  }
  return out;
}

const byId = (a: SearchRecord, b: SearchRecord) => {
  const x = String(a.id);
  const y = String(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * One search document per product (ordered by id, so every caller indexes the same
 * order), or only for `productIds`; `today` dates certificates known only by their year.
 */
export function buildSearchDocuments(records: SearchRecords, today: string, productIds?: ReadonlySet<string>): SearchDocument[] {
  const places = new Map(records.places.map((r) => [String(r.id), r]));
  const newPlacesOf = new Map<string, string[]>();
  for (const r of records.place_aliases) push(newPlacesOf, String(r.old_place_id), String(r.new_place_id));
  const producerName = new Map(records.producers.map((r) => [String(r.id), text(r.name) ?? '']));
  const best = bestCertificates(records.ocop_certifications);
  const productMarks = new Map<string, string[]>();
  const producerMarks = new Map<string, string[]>();
  for (const r of records.mark_links) {
    if (text(r.product_id)) push(productMarks, String(r.product_id), String(r.mark_id));
    else if (text(r.producer_id)) push(producerMarks, String(r.producer_id), String(r.mark_id));
  }
  const awardYears = new Map<string, number[]>();
  for (const r of records.awards) if (text(r.product_id)) push(awardYears, String(r.product_id), Number(r.year));

  const products = records.products.filter((p) => !productIds || productIds.has(String(p.id))).sort(byId);
  return products.map((p): SearchDocument => {
    const id = String(p.id);
    const producerId = text(p.producer_id);
    const located = productPlaces(p, (placeId) => places.get(placeId), (placeId) => newPlacesOf.get(placeId));
    const cert = best.get(id);
    const stars = cert?.stars ?? null;
    return {
      id,
      name: String(p.name),
      producer: producerId ? (producerName.get(producerId) ?? '') : '',
      places: located.places,
      aliases: located.aliases,
      category: [text(p.ocop_group), text(p.category)].filter((part) => part !== null).join(' · '),
      stars,
      potentialFive: cert?.potentialFive ?? false,
      ocopGroup: text(p.ocop_group),
      placeIds: located.placeIds,
      markIds: [...new Set([...(productMarks.get(id) ?? []), ...(producerId ? (producerMarks.get(producerId) ?? []) : [])])],
      awardYears: [...new Set(awardYears.get(id) ?? [])],
      certValidUntil: stars === null ? null : searchValidUntil({ validUntil: cert?.validUntil ?? null, year: cert?.year ?? null }, today),
      isAggregate: Number(p.is_aggregate) === 1,
    };
  });
}
