import type { AnalysedQuery, QueryAlternative } from '../query-analysis';

// Orders the ≤200 candidates the index returned by the rules Meilisearch users expect,
// in this order (README, "Search engines"): words matched, typos, attribute (name before producer before
// places/aliases before category), proximity, exactness (exact words, accents typed as in
// the name, whole name covered, name starts with the query, shorter name), then stars.
// For a broad one-word query ("gà", "trà") a product with OCOP stars comes before an
// unrated one once words, typos, attribute and exactness tie: a shopper browsing wants the
// certified products first.

export interface RerankCandidate {
  rowid: number;
  /** The product name as written, for accent exactness. */
  name: string;
  /** Folded text per attribute, in ranking order: name, producer, places, aliases, category. */
  fields: readonly string[];
  stars: number | null;
}

export interface RankedCandidate {
  rowid: number;
  /** Relevance in (0, 1], never increasing down the list. */
  score: number;
}

const MAX_PROXIMITY = 7;
const OTHER_ATTRIBUTE_PROXIMITY = 8;
// Gap between the values of a multi-valued field, so "Ba" ending one place and "Vì"
// starting the next are not adjacent.
const VALUE_GAP = 4;

interface Match {
  cost: number;
  attribute: number;
  positions: number[];
  width: number;
  terms: number;
  exact: boolean;
  accentExact: number;
}

interface Ranking {
  rowid: number;
  name: string;
  wordsMatched: number;
  typos: number;
  attribute: number;
  proximity: number;
  exactWords: number;
  accentExact: number;
  wholeName: number;
  startsName: number;
  nameWords: number;
  /** 1 when the query is broad (one word) and the product has stars. */
  ratedInBroad: number;
  stars: number;
}

/** Order candidates best first and give each a relevance score. */
export function rerankCandidates(query: AnalysedQuery, candidates: readonly RerankCandidate[]): RankedCandidate[] {
  const wantsAccents = query.terms.some((term) => term.typed !== null);
  const rankings = candidates.map((candidate) => rankCandidate(query, candidate, wantsAccents));
  rankings.sort(compareRankings);
  const termCount = Math.max(1, query.terms.length);
  let ceiling = 1;
  return rankings.map((r) => {
    const raw =
      (r.wordsMatched / termCount) *
      (1 / (1 + r.typos)) *
      (1 - r.attribute / (termCount * 10)) *
      (1 - r.proximity / (termCount * OTHER_ATTRIBUTE_PROXIMITY + 10)) *
      (0.95 + (0.05 * r.exactWords) / termCount);
    ceiling = Math.min(ceiling, Math.max(raw, 1e-6));
    return { rowid: r.rowid, score: ceiling };
  });
}

function compareRankings(a: Ranking, b: Ranking): number {
  return (
    b.wordsMatched - a.wordsMatched ||
    a.typos - b.typos ||
    a.attribute - b.attribute ||
    a.proximity - b.proximity ||
    b.exactWords - a.exactWords ||
    b.accentExact - a.accentExact ||
    b.ratedInBroad - a.ratedInBroad ||
    b.wholeName - a.wholeName ||
    b.startsName - a.startsName ||
    a.nameWords - b.nameWords ||
    b.stars - a.stars ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : a.rowid - b.rowid)
  );
}

/** Words of a folded field, each value boundary (" ; ") turned into a gap of empty words. */
function fieldWords(field: string): string[] {
  if (field === '') return [];
  const words = field.split(' ');
  if (!field.includes(';')) return words;
  const spaced: string[] = [];
  for (const word of words) {
    if (word === ';') for (let gap = 0; gap < VALUE_GAP; gap += 1) spaced.push('');
    else spaced.push(word);
  }
  return spaced;
}

const WORD_PIECES = /[\p{L}\p{M}\p{N}]+/gu;

/** A candidate's fields, split into words only when a phrase could be in them. */
class Fields {
  private readonly words: (string[] | undefined)[] = [];
  constructor(readonly texts: readonly string[]) {}
  wordsOf(attribute: number): string[] {
    return (this.words[attribute] ??= fieldWords(this.texts[attribute] ?? ''));
  }
}

function rankCandidate(query: AnalysedQuery, candidate: RerankCandidate, wantsAccents: boolean): Ranking {
  const fields = new Fields(candidate.fields);
  const nameWords = fields.wordsOf(0);
  // Accents are compared only when the user typed some; splitting the name costs ~2 µs.
  const accented = wantsAccents ? (candidate.name.normalize('NFC').toLowerCase().match(WORD_PIECES) ?? []) : [];
  const accentedName = accented.length === nameWords.length ? accented : null;

  const units: Match[] = [];
  for (let i = 0; i < query.terms.length; ) {
    const span = query.spans.find((s) => s.start === i);
    const length = span?.length ?? 1;
    const separate = query.terms.slice(i, i + length).map((term) => bestMatch(term.alternatives, fields, term.typed, accentedName));
    const together = span ? bestMatch(span.alternatives, fields, null, null) : null;
    if (together) together.terms = length;
    const allSeparate = separate.every((m) => m !== null);
    const separateCost = separate.reduce((sum, m) => sum + (m?.cost ?? 0), 0);
    if (together && (!allSeparate || together.cost < separateCost)) units.push(together);
    else for (const m of separate) if (m) units.push(m);
    i += length;
  }

  let proximity = 0;
  let previousAttribute = -1;
  let previousEnd = 0;
  const covered = new Uint8Array(nameWords.length);
  for (const unit of units) {
    let position = unit.positions[0] as number;
    if (previousAttribute === unit.attribute) {
      let best = MAX_PROXIMITY;
      for (const candidatePosition of unit.positions) {
        const distance = distanceBetween(previousEnd, candidatePosition);
        if (distance < best) {
          best = distance;
          position = candidatePosition;
        }
      }
      proximity += best;
    } else if (previousAttribute >= 0) {
      proximity += OTHER_ATTRIBUTE_PROXIMITY;
    }
    if (unit.attribute === 0) for (let k = 0; k < unit.width; k += 1) covered[position + k] = 1;
    previousAttribute = unit.attribute;
    previousEnd = position + unit.width;
  }

  const first = units[0];
  return {
    rowid: candidate.rowid,
    name: candidate.name,
    wordsMatched: units.reduce((sum, unit) => sum + unit.terms, 0),
    typos: units.reduce((sum, unit) => sum + unit.cost, 0),
    attribute: units.reduce((sum, unit) => sum + unit.attribute * unit.terms, 0),
    proximity,
    exactWords: units.reduce((sum, unit) => sum + (unit.exact ? unit.terms : 0), 0),
    accentExact: units.reduce((sum, unit) => sum + unit.accentExact, 0),
    wholeName: nameWords.length > 0 && covered.every((flag) => flag === 1) ? 1 : 0,
    startsName: first && first.attribute === 0 && first.positions.includes(0) ? 1 : 0,
    nameWords: nameWords.length,
    ratedInBroad: query.terms.length === 1 && candidate.stars ? 1 : 0,
    stars: candidate.stars ?? 0,
  };
}

/** Words between the end of one match and the start of the next; reversed order costs one more. */
function distanceBetween(previousEnd: number, start: number): number {
  const gap = start >= previousEnd ? start - previousEnd : previousEnd - start + 1;
  return Math.min(gap, MAX_PROXIMITY);
}

/** The cheapest reading found in the earliest attribute, with where it occurs there. */
function bestMatch(alternatives: readonly QueryAlternative[], fields: Fields, typed: string | null, accentedName: string[] | null): Match | null {
  let best: Match | null = null;
  for (const alternative of alternatives) {
    for (let attribute = 0; attribute < fields.texts.length; attribute += 1) {
      if (best && (alternative.cost > best.cost || (alternative.cost === best.cost && attribute > best.attribute))) break;
      // A substring test rules most fields out before any splitting.
      if (!(fields.texts[attribute] as string).includes(alternative.words[0] as string)) continue;
      const found = findPhrase(alternative, fields.wordsOf(attribute));
      if (!found) continue;
      const exact = (alternative.kind === 'exact' || alternative.kind === 'telex' || alternative.kind === 'join') && found.whole;
      const accentExact = attribute === 0 && typed !== null && accentedName !== null && found.positions.some((p) => accentedName[p] === typed) ? 1 : 0;
      const match: Match = { cost: alternative.cost, attribute, positions: found.positions, width: alternative.words.length, terms: 1, exact, accentExact };
      if (!best || isBetter(match, best)) best = match;
      break;
    }
  }
  return best;
}

function isBetter(a: Match, b: Match): boolean {
  return (
    a.cost < b.cost ||
    (a.cost === b.cost && (a.attribute < b.attribute || (a.attribute === b.attribute && (Number(a.exact) - Number(b.exact) || a.accentExact - b.accentExact) > 0)))
  );
}

/** Start positions of a reading in a field; `whole` when the last word matched entirely. */
function findPhrase(alternative: QueryAlternative, words: string[]): { positions: number[]; whole: boolean } | null {
  const phrase = alternative.words;
  const last = phrase.length - 1;
  const positions: number[] = [];
  let whole = false;
  for (let start = 0; start + last < words.length; start += 1) {
    let ok = true;
    for (let k = 0; k < last && ok; k += 1) ok = words[start + k] === phrase[k];
    if (!ok) continue;
    const word = words[start + last] as string;
    const target = phrase[last] as string;
    if (word === target) whole = true;
    else if (!(alternative.prefix && word.startsWith(target))) continue;
    positions.push(start);
  }
  return positions.length > 0 ? { positions, whole } : null;
}
