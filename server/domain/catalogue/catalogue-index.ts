// The public registry's read side in memory, built from typed rows by kind: the server
// builds it from SQLite, the PWA from IndexedDB, and every answer about products,
// producers, marks, awards and places is computed from it (product-card.ts, directory.ts),
// so online and offline answers are equal by construction.
import type { RegistryKind } from '../registry-kinds';
import { bestCertificate, compareText, orderCertificates, type BestCertificate } from './certificate-state';
import type { RegistryRows, RowOf } from './typed-rows';

/** The kinds the catalogue is built from. */
export const CATALOGUE_KINDS = ['places', 'place_aliases', 'producers', 'products', 'ocop_certifications', 'marks', 'mark_links', 'awards', 'award_programmes'] as const satisfies readonly RegistryKind[];

type Product = RowOf<'products'>;

export interface CatalogueIndex {
  products: readonly Product[];
  placeById: ReadonlyMap<string, RowOf<'places'>>;
  producerById: ReadonlyMap<string, RowOf<'producers'>>;
  productById: ReadonlyMap<string, Product>;
  /** Best certification per product (certificate-state.ts). */
  bestCertificate: ReadonlyMap<string, BestCertificate>;
  /** Current units each former unit merged into. */
  newPlacesOf: ReadonlyMap<string, readonly string[]>;
  /** Marks linked to the product itself, and marks linked to a producer (all its products). */
  markIdsOfProduct: ReadonlyMap<string, ReadonlySet<string>>;
  markIdsOfProducer: ReadonlyMap<string, ReadonlySet<string>>;
  /** Products linked to each mark by a link naming the product. */
  productIdsOfMark: ReadonlyMap<string, ReadonlySet<string>>;
  /** Newest year first. */
  awardsOfProduct: ReadonlyMap<string, readonly RowOf<'awards'>[]>;
  /** As a product page lists them (certificate-state.ts orderCertificates). */
  certificatesOfProduct: ReadonlyMap<string, readonly RowOf<'ocop_certifications'>[]>;
  /** A producer's products by name. */
  productIdsOfProducer: ReadonlyMap<string, readonly string[]>;
  productIdsByGtin: ReadonlyMap<string, readonly string[]>;
  /** The GTIN-14s each product lists, as listed. */
  gtinsOfProduct: ReadonlyMap<string, string[]>;
  marks: readonly RowOf<'marks'>[];
  markById: ReadonlyMap<string, RowOf<'marks'>>;
  awards: readonly RowOf<'awards'>[];
  awardProgrammes: readonly RowOf<'award_programmes'>[];
  /** By era, level and name, as the place list pages them. */
  places: readonly RowOf<'places'>[];
}

function groupBy<R, K extends keyof R>(rows: readonly R[], key: K): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const value = row[key];
    if (typeof value !== 'string') continue;
    const list = groups.get(value);
    if (list) list.push(row);
    else groups.set(value, [row]);
  }
  return groups;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

const byId = <R extends { id: string }>(rows: readonly R[]) => new Map(rows.map((row) => [row.id, row]));

/** The GTIN-14s a product lists (its gtins column is a JSON array of strings). */
export function gtinsOf(product: Pick<Product, 'gtins'>): string[] {
  if (product.gtins === '[]') return [];
  try {
    const list: unknown = JSON.parse(product.gtins);
    return Array.isArray(list) ? list.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

/** Products by the GTIN-14s they list, and each product's list. */
export function indexGtins(products: readonly Product[]): { productIdsByGtin: Map<string, string[]>; gtinsOfProduct: Map<string, string[]> } {
  const productIdsByGtin = new Map<string, string[]>();
  const gtinsOfProduct = new Map<string, string[]>();
  for (const product of products) {
    const gtins = gtinsOf(product);
    if (gtins.length) gtinsOfProduct.set(product.id, gtins);
    for (const gtin of new Set(gtins)) {
      const list = productIdsByGtin.get(gtin);
      if (list) list.push(product.id);
      else productIdsByGtin.set(gtin, [product.id]);
    }
  }
  return { productIdsByGtin, gtinsOfProduct };
}

/** Build the catalogue from rows of CATALOGUE_KINDS. */
export function buildCatalogueIndex(source: RegistryRows): CatalogueIndex {
  const products = source.rows('products');
  const certificatesOfProduct = new Map<string, RowOf<'ocop_certifications'>[]>();
  const best = new Map<string, BestCertificate>();
  for (const [productId, certificates] of groupBy(source.rows('ocop_certifications'), 'product_id')) {
    certificatesOfProduct.set(productId, orderCertificates(certificates));
    best.set(productId, bestCertificate(certificates)!);
  }
  const newPlacesOf = new Map<string, string[]>();
  for (const alias of source.rows('place_aliases')) {
    const list = newPlacesOf.get(alias.old_place_id);
    if (list) list.push(alias.new_place_id);
    else newPlacesOf.set(alias.old_place_id, [alias.new_place_id]);
  }
  const markIdsOfProduct = new Map<string, Set<string>>();
  const markIdsOfProducer = new Map<string, Set<string>>();
  const productIdsOfMark = new Map<string, Set<string>>();
  for (const link of source.rows('mark_links')) {
    if (link.product_id) {
      addTo(markIdsOfProduct, link.product_id, link.mark_id);
      addTo(productIdsOfMark, link.mark_id, link.product_id);
    } else if (link.producer_id) addTo(markIdsOfProducer, link.producer_id, link.mark_id);
  }
  const awardsOfProduct = groupBy(source.rows('awards'), 'product_id');
  for (const list of awardsOfProduct.values()) list.sort((a, b) => b.year - a.year || compareText(a.id, b.id));
  const productIdsOfProducer = new Map<string, string[]>();
  for (const [producerId, list] of groupBy(products, 'producer_id')) {
    productIdsOfProducer.set(producerId, list.sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id)).map((p) => p.id));
  }
  const { productIdsByGtin, gtinsOfProduct } = indexGtins(products);
  return {
    products,
    placeById: byId(source.rows('places')),
    producerById: byId(source.rows('producers')),
    productById: byId(products),
    bestCertificate: best,
    newPlacesOf,
    markIdsOfProduct,
    markIdsOfProducer,
    productIdsOfMark,
    awardsOfProduct,
    certificatesOfProduct,
    productIdsOfProducer,
    productIdsByGtin,
    gtinsOfProduct,
    marks: source.rows('marks'),
    markById: byId(source.rows('marks')),
    awards: source.rows('awards'),
    awardProgrammes: source.rows('award_programmes'),
    places: [...source.rows('places')].sort((a, b) => compareText(a.era, b.era) || compareText(a.level, b.level) || compareText(a.name, b.name) || compareText(a.id, b.id)),
  };
}

/** Marks that apply to a product: its own, and its producer's. */
export function markIdsFor(index: CatalogueIndex, product: Product): Set<string> {
  return new Set([...(index.markIdsOfProduct.get(product.id) ?? []), ...(product.producer_id ? (index.markIdsOfProducer.get(product.producer_id) ?? []) : [])]);
}
