// The flat search documents the server's engines index (server/repositories/
// search-documents.repository.ts builds them in SQL), built from the local catalogue:
// current and former place names, the best OCOP rating, marks and award years.
import type { SearchDocument } from '../../server/domain/search-types';
import { markIdsFor, type CatalogueIndex } from './catalogue-index';

/** One search document per product of the local copy. */
export function buildSearchDocuments(index: CatalogueIndex): SearchDocument[] {
  const awardYears = new Map<string, Set<number>>();
  for (const award of index.awards) {
    if (!award.product_id) continue;
    const years = awardYears.get(String(award.product_id)) ?? new Set<number>();
    years.add(Number(award.year));
    awardYears.set(String(award.product_id), years);
  }

  return index.products.map((p) => {
    const id = String(p.id);
    const placeIds = new Set<string>();
    const currentNames = new Set<string>();
    const formerNames = new Set<string>();
    const addCurrent = (placeId: string | null) => {
      for (let pid = placeId; pid; ) {
        const place = index.placeById.get(pid);
        if (!place) break;
        placeIds.add(pid);
        currentNames.add(String(place.full_name));
        pid = (place.parent_id as string | null) ?? null;
      }
    };
    addCurrent((p.place_id as string | null) ?? null);
    for (let pid = (p.old_place_id as string | null) ?? null; pid; ) {
      const place = index.placeById.get(pid);
      if (!place) break;
      placeIds.add(pid);
      // Ids under "vn:" are current units even when a product cites them as its former place.
      if (pid.startsWith('vn:')) currentNames.add(String(place.full_name));
      else formerNames.add(String(place.full_name));
      for (const newId of index.newPlacesOf.get(pid) ?? []) addCurrent(newId);
      pid = (place.parent_id as string | null) ?? null;
    }
    if (p.province) currentNames.add(String(p.province));
    if (p.commune) currentNames.add(String(p.commune));
    if (p.district_pre2025) formerNames.add(String(p.district_pre2025));
    if (p.commune_pre2025) formerNames.add(String(p.commune_pre2025));
    const best = index.bestCertificate.get(id);
    const stars = best?.stars ?? null;
    const producer = p.producer_id ? index.producerById.get(String(p.producer_id)) : undefined;
    return {
      id,
      name: String(p.name),
      producer: producer ? String(producer.name) : '',
      places: [...currentNames],
      aliases: [...formerNames],
      category: [p.ocop_group, p.category].filter(Boolean).join(' · '),
      stars,
      potentialFive: best?.potentialFive ?? false,
      ocopGroup: (p.ocop_group as string | null) ?? null,
      placeIds: [...placeIds],
      markIds: [...markIdsFor(index, p)],
      awardYears: [...(awardYears.get(id) ?? [])],
      certValidUntil: stars === null ? null : (best?.validUntil ?? null),
      isAggregate: Number(p.is_aggregate) === 1,
    };
  });
}
