// Regional names for the same thing (North / Centre / South) and the old i/y spellings.
// Only true synonyms: "miến" is not "mì", "mận" differs by region, so neither is here.
// Folding merges some of these words with others ("dứa" pineapple and "dừa" coconut both
// fold to "dua"), so a synonym counts as an alternative, never as an exact match, and when
// the user typed diacritics the expansion applies only to the word as accented.

import { foldVietnamese, tokenizeFolded } from './vietnamese';

/** Names for the same thing, lowercase and accented; the Meilisearch engine reuses them. */
export const REGIONAL_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['lạc', 'đậu phộng'],
  ['ngô', 'bắp'],
  ['chè', 'trà'],
  ['lợn', 'heo'],
  ['vừng', 'mè'],
  ['dứa', 'thơm', 'khóm'],
  ['sắn', 'khoai mì'],
  ['quả', 'trái'],
  ['ngan', 'vịt xiêm'],
  ['na', 'mãng cầu'],
  ['đậu phụ', 'đậu hũ', 'tàu hũ'],
  ['dưa chuột', 'dưa leo'],
  ['mướp đắng', 'khổ qua'],
  ['cá lóc', 'cá quả', 'cá chuối'],
  ['hạt điều', 'đào lộn hột'],
  ['mì', 'mỳ'],
  ['lý', 'lí'],
  ['kỹ', 'kĩ'],
  ['mỹ', 'mĩ'],
  ['quý', 'quí'],
];

export interface Synonym {
  /** Folded words of the other name, consecutive in a document. */
  words: string[];
}

interface Entry {
  /** Lowercase accented spellings (word by word) of the names this entry stands for. */
  accented: string[][];
  synonyms: Synonym[];
}

const ENTRIES = buildEntries();

function buildEntries(): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const group of REGIONAL_SYNONYM_GROUPS) {
    for (const name of group) {
      const key = tokenizeFolded(foldVietnamese(name)).join(' ');
      const entry = entries.get(key) ?? { accented: [], synonyms: [] };
      entry.accented.push(name.normalize('NFC').split(' '));
      for (const other of group) {
        const words = tokenizeFolded(foldVietnamese(other));
        if (other !== name && words.join(' ') !== key && !entry.synonyms.some((s) => s.words.join(' ') === words.join(' '))) {
          entry.synonyms.push({ words });
        }
      }
      entries.set(key, entry);
    }
  }
  return entries;
}

/** Longest synonym phrase, in words, so the analyser knows how far to look ahead. */
export const LONGEST_SYNONYM_PHRASE = Math.max(...[...ENTRIES.keys()].map((key) => key.split(' ').length));

/**
 * Other names for a phrase of folded words. `typed` holds each word as the user typed it
 * (lowercase NFC) when it carried diacritics, else null; marked words must match exactly.
 */
export function findSynonyms(words: readonly string[], typed: readonly (string | null)[]): Synonym[] {
  const entry = ENTRIES.get(words.join(' '));
  if (!entry) return [];
  const fits = entry.accented.some((accented) => typed.every((word, i) => word === null || word === accented[i]));
  return fits ? entry.synonyms : [];
}
