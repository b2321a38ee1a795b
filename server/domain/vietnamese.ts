// Vietnamese text folding shared by the server, both search engines and the PWA. Every
// indexed text and every query goes through it: đ→d and every mark removed, the same way
// for the in-memory index and for the documents sent to Meilisearch.

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
