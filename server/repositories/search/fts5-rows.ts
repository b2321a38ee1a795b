import type { SearchDocument } from '../../domain/search-types';
import { foldVietnamese, tokenizeFolded } from '../../domain/vietnamese';

// Row mapping for the embedded index, and the rowid order that stands in for bm25.
//
// Rowids are assigned so that FTS5's natural rowid order is already close to the
// re-ranker's order after proximity: shorter product names first (exactness), then more
// stars. A query can then take its first 200 matches in rowid order instead of scoring
// every match with bm25, which costs ~2 µs a row here (14 ms for 8k matches at 200k).
// rowid = bucket · 2^24 + sequence, bucket = min(name words, 7) · 4 + star rank; the
// largest rowid stays below 2^29, a small integer for V8 and SQLite alike.

export const ROWID_BUCKET_SIZE = 2 ** 24;
const MAX_NAME_WORDS = 7;

/** Separates the values of a multi-valued field so phrases and proximity stop at it. */
export const VALUE_SEPARATOR = ' ; ';
/** Separates the folded fields in the stored copy (folded text never holds a newline). */
export const FIELD_SEPARATOR = '\n';

export type Fold = (text: string) => string;

/**
 * A folding function that remembers what it folded: places, producers and categories
 * repeat as whole strings, and product names at least repeat their words. NFKD
 * normalisation costs ~3 µs a call; folding never crosses whitespace, so folding word by
 * word gives the same tokens as folding the whole text.
 */
export function createFoldCache(): Fold {
  const texts = new Map<string, string>();
  const words = new Map<string, string>();
  const foldWord = (word: string) => {
    let folded = words.get(word);
    if (folded === undefined) {
      folded = tokenizeFolded(foldVietnamese(word)).join(' ');
      words.set(word, folded);
    }
    return folded;
  };
  return (text) => {
    let folded = texts.get(text);
    if (folded === undefined) {
      folded = text.split(/\s+/).map(foldWord).filter((word) => word !== '').join(' ');
      texts.set(text, folded);
    }
    return folded;
  };
}

export interface DocRow {
  rowid: number;
  id: string;
  name: string;
  /** Folded name, producer, places, aliases and category, one per line (FIELD_SEPARATOR). */
  folded: string;
  stars: number | null;
  potential_five: number;
  ocop_group: string | null;
  cert_valid_until: string | null;
  is_aggregate: number;
  place_ids: string;
  mark_ids: string;
  award_years: string;
}

/** Map a search document to its stored row (rowid still to be assigned). */
export function toDocRow(doc: SearchDocument, fold: Fold): DocRow {
  const join = (values: string[]) => values.map(fold).filter((value) => value !== '').join(VALUE_SEPARATOR);
  return {
    rowid: 0,
    id: doc.id,
    name: doc.name,
    folded: [fold(doc.name), fold(doc.producer), join(doc.places), join(doc.aliases), fold(doc.category)].join(FIELD_SEPARATOR),
    stars: doc.stars,
    potential_five: doc.potentialFive ? 1 : 0,
    ocop_group: doc.ocopGroup,
    cert_valid_until: doc.certValidUntil,
    is_aggregate: doc.isAggregate ? 1 : 0,
    place_ids: JSON.stringify(doc.placeIds),
    mark_ids: JSON.stringify(doc.markIds),
    award_years: JSON.stringify(doc.awardYears),
  };
}

/** The folded text of each indexed column, in FTS_COLUMNS order. */
export function foldedFields(folded: string): string[] {
  return folded.split(FIELD_SEPARATOR);
}

/** The folded product name: the first of the folded fields. */
export function foldedName(folded: string): string {
  const end = folded.indexOf(FIELD_SEPARATOR);
  return end < 0 ? folded : folded.slice(0, end);
}

/** The rowid bucket of a row: shorter names first, then 5, 4, 3 stars, then unrated. */
export function rowidBucket(row: Pick<DocRow, 'folded' | 'stars'>): number {
  const name = foldedName(row.folded);
  const words = name === '' ? 0 : name.split(' ').length;
  const starRank = row.stars === null ? 3 : Math.max(0, Math.min(2, 5 - row.stars));
  return Math.min(words, MAX_NAME_WORDS) * 4 + starRank;
}

/**
 * Rebuild order within a bucket: a hash of the id, i.e. no order at all. Any run of
 * rowids is then a fair sample of its bucket, which the total estimate relies on;
 * alphabetical order would put every "bánh" at the start of its bucket. (FNV-1a.)
 */
export function orderInBucket(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}
