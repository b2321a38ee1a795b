// Query mixes for the search benchmark, drawn from the SYNTHETIC catalogue with a seeded
// PRNG: each kind imitates one way shoppers type (folded, accented, Telex, typos, prefixes).

import type { SearchDocument, SearchFilters } from '../../server/domain/search-types';
import { foldedWords } from '../../server/domain/vietnamese';
import { createRandom, pick, type Random } from './synthetic-catalogue';

export interface BenchQuery {
  q: string;
  filters: SearchFilters;
  facets: boolean;
}

export interface QueryKind {
  name: string;
  queries: BenchQuery[];
}

// Telex keys for each combining mark left after NFD.
const TONE_KEYS: Record<string, string> = { '\u0300': 'f', '\u0301': 's', '\u0309': 'r', '\u0303': 'x', '\u0323': 'j' };

/** Type a Vietnamese word the way Telex would with the input method switched off ("đồi" → "ddooif"). */
export function toTelex(word: string): string {
  let letters = '';
  let tone = '';
  for (const char of word.toLowerCase().normalize('NFD')) {
    if (char === 'đ') letters += 'dd';
    else if (TONE_KEYS[char]) tone = TONE_KEYS[char] as string;
    else if (char === '\u0302') letters += letters.slice(-1); // â ê ô → aa ee oo
    else if (char === '\u0306' || char === '\u031b') letters += 'w'; // ă ơ ư → aw ow uw
    else letters += char;
  }
  return letters + tone;
}

function withTypo(random: Random, words: string[]): string[] {
  const long = words.map((word, i) => [word, i] as const).filter(([word]) => word.length >= 5);
  if (long.length === 0) return words;
  const [word, index] = pick(random, long);
  // Swap two inner letters or drop one: the first letter stays, as it mostly does in real typos.
  const at = 1 + Math.floor(random() * (word.length - 2));
  const typo = random() < 0.5 ? word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2) : word.slice(0, at) + word.slice(at + 1);
  return words.map((w, i) => (i === index ? typo : w));
}

/** Build `count` queries of every kind from the documents. */
export function buildQueryKinds(documents: readonly SearchDocument[], count: number, seed = 7): QueryKind[] {
  const random = createRandom(seed);
  const doc = () => pick(random, documents);
  const times = (make: () => BenchQuery): BenchQuery[] => Array.from({ length: count }, make);
  const plain = (q: string): BenchQuery => ({ q, filters: {}, facets: false });
  const provinceIds = [...new Set(documents.slice(0, 5000).map((d) => d.placeIds[1] as string))];
  const filterChoices: (() => SearchFilters)[] = [
    () => ({ stars: [4, 5] }),
    () => ({ placeId: pick(random, provinceIds) }),
    () => ({ certificate: 'valid' }),
    () => ({ ocopGroup: 'thuc-pham', stars: [3] }),
  ];
  const productWords = ['mat ong', 'tra', 'ga', 'nuoc mam', 'gao', 'banh', 'ca phe', 'mien dong', 'keo', 'ruou'];
  return [
    { name: 'exact folded name', queries: times(() => plain(foldedWords(doc().name).join(' '))) },
    { name: 'diacritics', queries: times(() => plain(random() < 0.3 ? doc().name.toUpperCase() : doc().name)) },
    { name: 'Telex', queries: times(() => plain(doc().name.split(' ').map(toTelex).join(' '))) },
    { name: 'typo', queries: times(() => plain(withTypo(random, foldedWords(doc().name)).join(' '))) },
    { name: 'prefix 1–2 letters', queries: times(() => plain((foldedWords(doc().name)[0] ?? 'g').slice(0, 1 + Math.floor(random() * 2)))) },
    {
      name: 'typing (multi-word prefix)',
      queries: times(() => {
        const words = foldedWords(doc().name);
        const keep = Math.max(1, Math.min(words.length, 2 + Math.floor(random() * 2)));
        const last = words[keep - 1] ?? '';
        return plain([...words.slice(0, keep - 1), last.slice(0, 1 + Math.floor(random() * last.length))].join(' '));
      }),
    },
    { name: 'producer name', queries: times(() => plain(foldedWords(doc().producer).slice(-3).join(' '))) },
    { name: 'place name', queries: times(() => plain(pick(random, [...doc().places, ...doc().aliases]).replace(/^(Xã|Tỉnh|Huyện) /, ''))) },
    { name: 'filters + facets', queries: times(() => ({ q: pick(random, productWords), filters: pick(random, filterChoices)(), facets: true })) },
    { name: 'browse: filter + facets', queries: times(() => ({ q: '', filters: pick(random, filterChoices)(), facets: true })) },
    { name: 'no match', queries: times(() => plain(`${pick(random, ['qzx', 'blorf', 'xkcd', 'wqv'])}${Math.floor(random() * 1000)} ${pick(random, ['zzy', 'vvk', 'pqj'])}`)) },
  ];
}
