// The directory's other pages from the catalogue index: a producer with its products,
// marks with their product counts, awards and award programmes, places.
import type { Award, Mark, Place, ProductSummary, Producer } from '../registry-types';
import { compareText } from './certificate-state';
import type { CatalogueIndex } from './catalogue-index';
import { productSummaries } from './product-card';
import { toAward, toAwardProgramme, toMark, toPlace, toProducer, type AwardProgramme } from './records';

export interface MarkWithCount extends Mark {
  productCount: number;
}

export interface PlaceQuery {
  era?: 'current' | 'pre2025';
  level?: string;
  parentId?: string;
  /** Only these places (the directory names the place ids its facets count). */
  ids?: readonly string[];
  limit: number;
  offset: number;
}

/** A producer, or null. */
export function producer(index: CatalogueIndex, id: string): Producer | null {
  const row = index.producerById.get(id);
  return row ? toProducer(row) : null;
}

/** A producer's products, by name. */
export function productIdsOfProducer(index: CatalogueIndex, id: string): string[] {
  return [...(index.productIdsOfProducer.get(id) ?? [])];
}

/** A producer with its products (by name), as GET /api/producers/:id answers; or null. */
export function producerWithProducts(index: CatalogueIndex, id: string, today: string): (Producer & { products: ProductSummary[] }) | null {
  const found = producer(index, id);
  return found ? { ...found, products: productSummaries(index, productIdsOfProducer(index, id), today) } : null;
}

/** Every mark with how many products are linked to it, by kind then name (GET /api/marks). */
export function marksWithCounts(index: CatalogueIndex): MarkWithCount[] {
  return [...index.marks]
    .sort((a, b) => compareText(a.kind, b.kind) || compareText(a.name, b.name) || compareText(a.id, b.id))
    .map((row) => ({ ...toMark(row), productCount: index.productIdsOfMark.get(row.id)?.size ?? 0 }));
}

/** A mark, or null. */
export function mark(index: CatalogueIndex, id: string): Mark | null {
  const row = index.markById.get(id);
  return row ? toMark(row) : null;
}

/** Awards (of one year, or all): newest year first, ranked before unranked, then rank and enterprise (GET /api/awards). */
export function awards(index: CatalogueIndex, year?: number): Award[] {
  return index.awards
    .filter((a) => year === undefined || a.year === year)
    .sort((a, b) => b.year - a.year || (a.rank === null ? 1 : 0) - (b.rank === null ? 1 : 0) || compareText(a.rank, b.rank) || compareText(a.enterprise, b.enterprise) || compareText(a.id, b.id))
    .map(toAward);
}

/** Award programmes, newest year first. */
export function awardProgrammes(index: CatalogueIndex): AwardProgramme[] {
  return [...index.awardProgrammes].sort((a, b) => b.year - a.year || compareText(a.id, b.id)).map(toAwardProgramme);
}

/** Places matching a query in the index's order (era, level, name), one page of them with the total. */
export function places(index: CatalogueIndex, query: PlaceQuery): { items: Place[]; total: number } {
  const ids = query.ids ? new Set(query.ids) : null;
  const matching = index.places.filter(
    (p) => (!ids || ids.has(p.id)) && (query.era === undefined || p.era === query.era) && (query.level === undefined || p.level === query.level) && (query.parentId === undefined || p.parent_id === query.parentId),
  );
  return { items: matching.slice(query.offset, query.offset + query.limit).map(toPlace), total: matching.length };
}

/** A place, or null. */
export function place(index: CatalogueIndex, id: string): Place | null {
  const row = index.placeById.get(id);
  return row ? toPlace(row) : null;
}

/** A coarse place as scan rules use it: its full name and its province's id. */
export function coarsePlace(index: CatalogueIndex, id: string): { name: string; provinceId: string | null } | null {
  const row = index.placeById.get(id);
  if (!row) return null;
  return { name: row.full_name, provinceId: row.level === 'province' ? row.id : row.parent_id };
}

/** The places among these ids, each once, unknown ids left out (GET /api/places?ids=… from the phone's copy). */
export function placesByIds(index: CatalogueIndex, ids: readonly string[]): Place[] {
  return [...new Set(ids)].flatMap((id) => {
    const row = index.placeById.get(id);
    return row ? [toPlace(row)] : [];
  });
}
