// The shape of a product inside the Meilisearch index. Meilisearch (≥ 1.7) folds
// Vietnamese itself (NFKD, marks removed, đ→d; README, "Search engines"), so the text fields go in
// as written — folded copies would only add duplicate words that skew attribute ranking.

import type { SearchDocument } from '../../domain/search-types';
import { isoDateToNumber } from './meili-filters';

export interface MeiliDocument extends SearchDocument {
  /** stars !== null; lets a filter tell "no rating" from "rating, date unknown". */
  hasStars: boolean;
  /** certValidUntil as YYYYMMDD, because filters compare only numbers with < and >=. */
  certValidUntilNum: number | null;
}

/** Map a search document to the document Meilisearch stores. */
export function toMeiliDocument(doc: SearchDocument): MeiliDocument {
  return {
    id: doc.id,
    name: doc.name,
    producer: doc.producer,
    places: doc.places,
    aliases: doc.aliases,
    category: doc.category,
    stars: doc.stars,
    potentialFive: doc.potentialFive,
    ocopGroup: doc.ocopGroup,
    placeIds: doc.placeIds,
    markIds: doc.markIds,
    awardYears: doc.awardYears,
    certValidUntil: doc.certValidUntil,
    isAggregate: doc.isAggregate,
    hasStars: doc.stars !== null,
    certValidUntilNum: doc.certValidUntil ? isoDateToNumber(doc.certValidUntil) : null,
  };
}
