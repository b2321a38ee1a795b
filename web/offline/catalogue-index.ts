// The catalogue as the server's catalogue repository answers it, built in memory from the
// local copy's rows (server/repositories/catalogue/catalogue.repository.ts does the same in
// SQL): product summaries with the best OCOP rating, product detail, producers, marks and
// awards. Orders mirror the SQL ORDER BY clauses; text compares like SQLite's BINARY
// collation (code units), never with locale rules.
import type { RegistryKind } from '../../server/domain/registry-kinds';
import { summaryTerm } from '../../server/domain/certificate-term';
import { type Award, type Mark, type Place, type ProductDetail, type ProductSummary, type Producer } from '../../server/domain/registry-types';
// Pure row → domain mappers shared with the server, so both sides map rows identically.
import { toAward, toCertification, toMark, toPlace, toProducer, toProvenance } from '../../server/domain/registry-records';
import type { RegistryRecord } from './schema';
import type { RegistryView } from './registry-copy';

export const CATALOGUE_KINDS: readonly RegistryKind[] = [
  'places',
  'place_aliases',
  'producers',
  'products',
  'ocop_certifications',
  'marks',
  'mark_links',
  'awards',
];

type Row = RegistryRecord;

export interface BestCertificate {
  stars: number | null;
  validUntil: string | null;
  year: string | null;
  potentialFive: boolean;
}

export interface CatalogueIndex {
  products: readonly Row[];
  placeById: ReadonlyMap<string, Row>;
  producerById: ReadonlyMap<string, Row>;
  productById: ReadonlyMap<string, Row>;
  /** Best certification per product: most stars, then the latest valid-until. */
  bestCertificate: ReadonlyMap<string, BestCertificate>;
  newPlacesOf: ReadonlyMap<string, readonly string[]>;
  /** Marks linked to the product itself, and marks linked to a producer (all its products). */
  markIdsOfProduct: ReadonlyMap<string, ReadonlySet<string>>;
  markIdsOfProducer: ReadonlyMap<string, ReadonlySet<string>>;
  awardsOfProduct: ReadonlyMap<string, readonly Row[]>;
  certificatesOfProduct: ReadonlyMap<string, readonly Row[]>;
  marks: readonly Row[];
  markById: ReadonlyMap<string, Row>;
  awards: readonly Row[];
  markLinks: readonly Row[];
}

const str = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));

/** Compare like SQLite's BINARY collation with NULLs first (ascending). */
export function compareText(a: unknown, b: unknown): number {
  const x = str(a);
  const y = str(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : 1;
}

const starsOf = (row: Row): number | null => (row.stars === null || row.stars === undefined ? null : Number(row.stars));

/** ORDER BY stars IS NULL, stars DESC, <date> DESC (SQLite puts NULLs last in DESC). */
const byStarsThen = (date: string) => (a: Row, b: Row) => {
  const sa = starsOf(a);
  const sb = starsOf(b);
  if ((sa === null) !== (sb === null)) return sa === null ? 1 : -1;
  if (sa !== null && sb !== null && sa !== sb) return sb - sa;
  return compareText(b[date], a[date]);
};

function groupBy(rows: readonly Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const value = str(row[key]);
    if (value === null) continue;
    const list = groups.get(value);
    if (list) list.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key) ?? new Set<string>();
  set.add(value);
  map.set(key, set);
}

/** Build the in-memory catalogue from a registry view holding CATALOGUE_KINDS. */
export function buildCatalogueIndex(view: RegistryView): CatalogueIndex {
  const byId = (kind: RegistryKind) => new Map(view.rows(kind).map((row) => [String(row.id), row]));
  const certificatesOfProduct = groupBy(view.rows('ocop_certifications'), 'product_id');
  const bestCertificate = new Map<string, BestCertificate>();
  for (const [productId, certificates] of certificatesOfProduct) {
    certificates.sort(byStarsThen('decision_date'));
    const best = [...certificates].sort(byStarsThen('valid_until'))[0] as Row;
    bestCertificate.set(productId, {
      stars: starsOf(best),
      validUntil: str(best.valid_until),
      year: str(best.year),
      potentialFive: certificates.some((c) => Number(c.potential_five) === 1),
    });
  }
  const newPlacesOf = new Map<string, string[]>();
  for (const alias of view.rows('place_aliases')) {
    const list = newPlacesOf.get(String(alias.old_place_id)) ?? [];
    list.push(String(alias.new_place_id));
    newPlacesOf.set(String(alias.old_place_id), list);
  }
  const markIdsOfProduct = new Map<string, Set<string>>();
  const markIdsOfProducer = new Map<string, Set<string>>();
  for (const link of view.rows('mark_links')) {
    if (link.product_id) addTo(markIdsOfProduct, String(link.product_id), String(link.mark_id));
    else if (link.producer_id) addTo(markIdsOfProducer, String(link.producer_id), String(link.mark_id));
  }
  const awardsOfProduct = groupBy(view.rows('awards'), 'product_id');
  for (const list of awardsOfProduct.values()) list.sort((a, b) => Number(b.year) - Number(a.year));
  return {
    products: view.rows('products'),
    placeById: byId('places'),
    producerById: byId('producers'),
    productById: byId('products'),
    bestCertificate,
    newPlacesOf,
    markIdsOfProduct,
    markIdsOfProducer,
    awardsOfProduct,
    certificatesOfProduct,
    marks: view.rows('marks'),
    markById: byId('marks'),
    awards: view.rows('awards'),
    markLinks: view.rows('mark_links'),
  };
}

/** A product's summary as GET /api/products lists it, or null. */
export function productSummary(index: CatalogueIndex, id: string, today: string): ProductSummary | null {
  const p = index.productById.get(id);
  if (!p) return null;
  const best = index.bestCertificate.get(id);
  const stars = best?.stars ?? null;
  const producer = p.producer_id ? index.producerById.get(String(p.producer_id)) : undefined;
  const place = p.place_id ? index.placeById.get(String(p.place_id)) : undefined;
  const formerPlace = p.old_place_id ? index.placeById.get(String(p.old_place_id)) : undefined;
  return {
    id: String(p.id),
    name: String(p.name),
    producerId: str(p.producer_id),
    producerName: producer ? String(producer.name) : null,
    province: str(p.province),
    placeName: place ? String(place.name) : null,
    formerPlaceName: formerPlace ? String(formerPlace.full_name) : null,
    formerDistrict: str(p.district_pre2025),
    ocopGroup: str(p.ocop_group),
    stars,
    potentialFive: best?.potentialFive ?? false,
    ...summaryTerm(stars, best?.validUntil ?? null, best?.year ?? null, today),
    isAggregate: Number(p.is_aggregate) === 1,
    aggregateCount: Number(p.aggregate_count),
  };
}

/** Summaries of these products in this order, skipping unknown ids. */
export function productSummaries(index: CatalogueIndex, ids: readonly string[], today: string): ProductSummary[] {
  return ids.flatMap((id) => productSummary(index, id, today) ?? []);
}

/** Marks that apply to a product: its own, and its producer's. */
export function markIdsFor(index: CatalogueIndex, product: Row): Set<string> {
  return new Set([...(index.markIdsOfProduct.get(String(product.id)) ?? []), ...(product.producer_id ? (index.markIdsOfProducer.get(String(product.producer_id)) ?? []) : [])]);
}

/** A product's detail as GET /api/products/:id answers it, or null. */
export function productDetail(index: CatalogueIndex, id: string, today: string): ProductDetail | null {
  const p = index.productById.get(id);
  const summary = productSummary(index, id, today);
  if (!p || !summary) return null;
  const producer = p.producer_id ? index.producerById.get(String(p.producer_id)) : undefined;
  const place = p.place_id ? index.placeById.get(String(p.place_id)) : undefined;
  const formerPlace = p.old_place_id ? index.placeById.get(String(p.old_place_id)) : undefined;
  const currentPlaces = p.old_place_id
    ? (index.newPlacesOf.get(String(p.old_place_id)) ?? []).flatMap<Row>((placeId) => index.placeById.get(placeId) ?? []).sort((a, b) => compareText(a.name, b.name))
    : [];
  const marks = [...markIdsFor(index, p)].flatMap<Row>((markId) => index.markById.get(markId) ?? []).sort((a, b) => compareText(a.name, b.name));
  return {
    ...summary,
    ocopGroupBasis: (str(p.ocop_group_basis) as ProductDetail['ocopGroupBasis']) ?? null,
    commune: str(p.commune),
    districtPre2025: str(p.district_pre2025),
    communePre2025: str(p.commune_pre2025),
    gtins: JSON.parse(String(p.gtins ?? '[]')) as string[],
    whereToBuy: str(p.where_to_buy),
    notes: str(p.notes),
    producer: producer ? toProducer(producer) : null,
    place: place ? toPlace(place) : null,
    formerPlace: formerPlace ? toPlace(formerPlace) : null,
    currentPlaces: currentPlaces.map(toPlace),
    certifications: (index.certificatesOfProduct.get(id) ?? []).map((row) => toCertification(row, today)),
    marks: marks.map(toMark),
    awards: (index.awardsOfProduct.get(id) ?? []).map(toAward),
    provenance: toProvenance(p),
  };
}

/** A producer with its products (by name), as GET /api/producers/:id answers; or null. */
export function producerWithProducts(index: CatalogueIndex, id: string, today: string): (Producer & { products: ProductSummary[] }) | null {
  const row = index.producerById.get(id);
  if (!row) return null;
  const ids = index.products
    .filter((p) => p.producer_id === id)
    .sort((a, b) => compareText(a.name, b.name))
    .map((p) => String(p.id));
  return { ...toProducer(row), products: productSummaries(index, ids, today) };
}

/** Every mark with how many products are linked to it, by kind then name (GET /api/marks). */
export function marksWithCounts(index: CatalogueIndex): (Mark & { productCount: number })[] {
  const productsOfMark = new Map<string, Set<string>>();
  for (const link of index.markLinks) if (link.product_id) addTo(productsOfMark, String(link.mark_id), String(link.product_id));
  return [...index.marks]
    .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.name, b.name))
    .map((row) => ({ ...toMark(row), productCount: productsOfMark.get(String(row.id))?.size ?? 0 }));
}

/** Every award: newest year first, ranked before unranked, then enterprise (GET /api/awards). */
export function allAwards(index: CatalogueIndex): Award[] {
  return [...index.awards]
    .sort((a, b) => Number(b.year) - Number(a.year) || (str(a.rank) === null ? 1 : 0) - (str(b.rank) === null ? 1 : 0) || compareText(a.rank, b.rank) || compareText(a.enterprise, b.enterprise))
    .map(toAward);
}

/** Products listing this GTIN-14 (for the not-a-stamp card). */
export function productIdsByGtin(products: readonly Row[], gtin14: string): string[] {
  return products.filter((p) => typeof p.gtins === 'string' && p.gtins !== '[]' && (JSON.parse(p.gtins) as unknown[]).includes(gtin14)).map((p) => String(p.id));
}

/** GET /api/places?ids=… from the local copy: the places among these ids, unknown ids left out. */
export function placesByIds(index: CatalogueIndex, ids: readonly string[]): Place[] {
  return [...new Set(ids)].flatMap((id) => {
    const row = index.placeById.get(id);
    return row ? [toPlace(row)] : [];
  });
}
