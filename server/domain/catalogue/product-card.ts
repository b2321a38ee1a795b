// Product summaries (cards in lists and search results) and product detail (the product
// page, the verdict's product card), computed from the catalogue index with every
// certificate rule of certificate-state.ts.
import type { ProductDetail, ProductSummary } from '../registry-types';
import { compareText, summaryTerm } from './certificate-state';
import { markIdsFor, type CatalogueIndex } from './catalogue-index';
import { toAward, toCertification, toMark, toPlace, toProducer, toProvenance } from './records';

/** A product's summary as GET /api/products lists it, or null for an unknown id. */
export function productSummary(index: CatalogueIndex, id: string, today: string): ProductSummary | null {
  const p = index.productById.get(id);
  if (!p) return null;
  const best = index.bestCertificate.get(id);
  const stars = best?.stars ?? null;
  const producer = p.producer_id ? index.producerById.get(p.producer_id) : undefined;
  const place = p.place_id ? index.placeById.get(p.place_id) : undefined;
  const formerPlace = p.old_place_id ? index.placeById.get(p.old_place_id) : undefined;
  return {
    id: p.id,
    name: p.name,
    producerId: p.producer_id,
    producerName: producer?.name ?? null,
    province: p.province,
    placeName: place?.name ?? null,
    formerPlaceName: formerPlace?.full_name ?? null,
    formerDistrict: p.district_pre2025,
    ocopGroup: p.ocop_group,
    stars,
    potentialFive: best?.potentialFive ?? false,
    ...summaryTerm(stars, best?.validUntil ?? null, best?.year ?? null, today),
    isAggregate: p.is_aggregate === 1,
    aggregateCount: p.aggregate_count ?? 1,
  };
}

/** Summaries of these products in this order, skipping unknown ids. */
export function productSummaries(index: CatalogueIndex, ids: readonly string[], today: string): ProductSummary[] {
  return ids.flatMap((id) => productSummary(index, id, today) ?? []);
}

/** A product's detail as GET /api/products/:id answers it, or null. */
export function productDetail(index: CatalogueIndex, id: string, today: string): ProductDetail | null {
  const p = index.productById.get(id);
  const summary = productSummary(index, id, today);
  if (!p || !summary) return null;
  const producer = p.producer_id ? index.producerById.get(p.producer_id) : undefined;
  const place = p.place_id ? index.placeById.get(p.place_id) : undefined;
  const formerPlace = p.old_place_id ? index.placeById.get(p.old_place_id) : undefined;
  const currentPlaces = p.old_place_id
    ? (index.newPlacesOf.get(p.old_place_id) ?? []).flatMap((placeId) => index.placeById.get(placeId) ?? []).sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))
    : [];
  const marks = [...markIdsFor(index, p)].flatMap((markId) => index.markById.get(markId) ?? []).sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  return {
    ...summary,
    ocopGroupBasis: p.ocop_group_basis,
    commune: p.commune,
    districtPre2025: p.district_pre2025,
    communePre2025: p.commune_pre2025,
    gtins: [...(index.gtinsOfProduct.get(id) ?? [])],
    whereToBuy: p.where_to_buy,
    notes: p.notes,
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
