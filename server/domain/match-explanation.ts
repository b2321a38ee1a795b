// Why a search result is there, said to the shopper: which typed words matched at all (the
// engines drop trailing words that match nothing, reporting each as "word → ∅"), and for
// each product the field other than its name that a word matched (a former district, the
// producer, the place). Shared by GET /api/products and the PWA's offline search.
import { foldedWords } from './vietnamese';

export interface QueryCoverage {
  /** Typed words the results match. */
  matchedWords: string[];
  /** Typed words no result matches (dropped by the engine); empty when every word matched. */
  unmatchedWords: string[];
}

/** Which typed words the results match, from the engine's query report. */
export function queryCoverage(query: { raw: string; corrections: readonly string[] }): QueryCoverage {
  const dropped = new Set(
    query.corrections.flatMap((c) => {
      const m = /^(.*) → ∅$/.exec(c);
      return m ? foldedWords(m[1] as string) : [];
    }),
  );
  const typed = query.raw.trim().split(/\s+/).filter(Boolean);
  if (dropped.size === 0) return { matchedWords: typed, unmatchedWords: [] };
  const isDropped = (word: string) => {
    const folded = foldedWords(word);
    return folded.length > 0 && folded.every((w) => dropped.has(w));
  };
  return { matchedWords: typed.filter((w) => !isDropped(w)), unmatchedWords: typed.filter(isDropped) };
}

export type MatchField = 'producer' | 'place' | 'former_place' | 'province';

export interface MatchReason {
  field: MatchField;
  /** The value that matched, as stored ("Ba Vì", "HTX Tam Hưng"). */
  text: string;
}

/** The fields of a product summary a query word can match besides its name. */
export interface MatchableProduct {
  name: string;
  producerName: string | null;
  placeName: string | null;
  province: string | null;
  formerPlaceName: string | null;
  formerDistrict?: string | null;
}

const hasWord = (text: string | null | undefined, word: string): boolean =>
  !!text && foldedWords(text).some((w) => w === word || (word.length >= 2 && w.startsWith(word)));

/**
 * The fields other than the name that the (folded, interpreted) query words matched, in
 * the order a shopper weighs them; empty when the name explains the match.
 */
export function explainMatch(interpreted: string, product: MatchableProduct): MatchReason[] {
  const reasons: MatchReason[] = [];
  const add = (field: MatchField, text: string) => {
    if (!reasons.some((r) => r.field === field)) reasons.push({ field, text });
  };
  for (const word of foldedWords(interpreted)) {
    if (hasWord(product.name, word)) continue;
    if (hasWord(product.formerDistrict, word)) add('former_place', product.formerDistrict as string);
    else if (hasWord(product.formerPlaceName, word)) add('former_place', product.formerPlaceName as string);
    else if (hasWord(product.placeName, word)) add('place', product.placeName as string);
    else if (hasWord(product.producerName, word)) add('producer', product.producerName as string);
    else if (hasWord(product.province, word)) add('province', product.province as string);
  }
  return reasons;
}
