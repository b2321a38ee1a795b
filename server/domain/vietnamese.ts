// Vietnamese text folding shared by the server, both search engines and the PWA.
// FTS5 cannot fold Vietnamese itself (SEARCH.md): it keeps ồ/ế with remove_diacritics 1
// and never folds đ, so every indexed text and every query goes through this first.

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const D_LIKE = /[đĐðÐɖƉ]/g;

/** Fold Vietnamese text to lowercase ASCII-ish: NFKD, drop tone/vowel marks, đ→d. */
export function foldVietnamese(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').replace(D_LIKE, 'd').toLowerCase();
}

/** Split folded text into word tokens (letters and digits), the unit both engines index. */
export function tokenizeFolded(folded: string): string[] {
  return folded.match(/[a-z0-9]+/g) ?? [];
}

/** Fold then tokenize: the words of a name as the index sees them. */
export function foldedWords(text: string): string[] {
  return tokenizeFolded(foldVietnamese(text));
}

/** A URL/ID-safe slug from Vietnamese text ("Gà đồi Ba Vì" → "ga-doi-ba-vi"). */
export function slugify(text: string): string {
  return foldedWords(text).join('-');
}
