// The flat search documents the server's engines index (server/repositories/
// search-documents.repository.ts builds them in SQL), built from the local catalogue:
// current and former place names, the best OCOP rating, marks and award years.
import { searchValidUntil } from '../../server/domain/certificate-term';
import { productPlaces } from '../../server/domain/product-places';
import type { SearchDocument } from '../../server/domain/search-types';
import { markIdsFor, type CatalogueIndex } from './catalogue-index';

/** One search document per product of the local copy; `today` dates certificates known only by their year. */
export function buildSearchDocuments(index: CatalogueIndex, today: string): SearchDocument[] {
  const awardYears = new Map<string, Set<number>>();
  for (const award of index.awards) {
    if (!award.product_id) continue;
    const years = awardYears.get(String(award.product_id)) ?? new Set<number>();
    years.add(Number(award.year));
    awardYears.set(String(award.product_id), years);
  }

  return index.products.map((p) => {
    const id = String(p.id);
    const located = productPlaces(p, (pid) => index.placeById.get(pid), (pid) => index.newPlacesOf.get(pid));
    const best = index.bestCertificate.get(id);
    const stars = best?.stars ?? null;
    const producer = p.producer_id ? index.producerById.get(String(p.producer_id)) : undefined;
    return {
      id,
      name: String(p.name),
      producer: producer ? String(producer.name) : '',
      places: located.places,
      aliases: located.aliases,
      category: [p.ocop_group, p.category].filter(Boolean).join(' · '),
      stars,
      potentialFive: best?.potentialFive ?? false,
      ocopGroup: (p.ocop_group as string | null) ?? null,
      placeIds: located.placeIds,
      markIds: [...markIdsFor(index, p)],
      awardYears: [...(awardYears.get(id) ?? [])],
      certValidUntil: stars === null ? null : searchValidUntil({ validUntil: best?.validUntil ?? null, year: best?.year ?? null }, today),
      isAggregate: Number(p.is_aggregate) === 1,
    };
  });
}
