// Which documents a query matches, read from the posting lists. A query is a list of
// groups (a term, or a span of terms that can also be read together, "st 25" → "st25"); a
// group matches when every term matches through one of its readings, or when one reading
// of the whole span does; a document matches when every group does. Each match keeps the
// field bits that say where all the words are (name, name or producer, anywhere).
import type { AnalysedQuery, QueryAlternative } from '../query-analysis';
import type { Vocabulary } from '../vocabulary';
import { lowerBound } from '../vocabulary';
import { FIELD_BITS, FIELD_COUNT, type Postings, type SearchIndex, type WordIndex } from './search-index';

/** Slots with their field bits; `mask` is a scratch array by slot, nonzero exactly at `slots`. */
export interface SlotBits {
  mask: Uint8Array;
  slots: number[];
}

/** Checking one document's fields costs about as much as reading this many postings. */
const VERIFY_RATIO = 64;

interface MatchGroup {
  /** Matchable readings of each term; null when some term has none. */
  terms: QueryAlternative[][] | null;
  spanReadings: QueryAlternative[];
}

function acquire(index: SearchIndex): SlotBits {
  return { mask: index.scratch.pop() ?? new Uint8Array(index.size), slots: [] };
}

/** Give a set's scratch array back, zeroed. */
export function releaseSlots(index: SearchIndex, set: SlotBits): void {
  for (const slot of set.slots) set.mask[slot] = 0;
  (index.scratch as Uint8Array[]).push(set.mask);
}

function add(set: SlotBits, slot: number, bits: number): void {
  if (set.mask[slot] === 0) set.slots.push(slot);
  set.mask[slot]! |= bits;
}

function addPostings(set: SlotBits, postings: Postings | undefined): void {
  if (!postings) return;
  const { slots, bits } = postings;
  for (let i = 0; i < slots.length; i += 1) add(set, slots[i] as number, bits[i] as number);
}

/** True when the words of `phrase` stand consecutively in the folded field (the last may be a prefix). */
function hasPhrase(field: string, phrase: string, prefix: boolean): boolean {
  for (let at = field.indexOf(phrase); at >= 0; at = field.indexOf(phrase, at + 1)) {
    if (at > 0 && field.charCodeAt(at - 1) !== 32) continue;
    const end = at + phrase.length;
    if (prefix || end === field.length || field.charCodeAt(end) === 32) return true;
  }
  return false;
}

/** Add the documents one reading matches: a word, a prefix (from `source`), or a phrase. */
function addReading(index: SearchIndex, source: WordIndex, reading: QueryAlternative, set: SlotBits): void {
  const { words } = reading;
  const last = words.length - 1;
  if (last === 0) {
    const word = words[0] as string;
    if (!reading.prefix) return addPostings(set, source.postings.get(word));
    for (let i = lowerBound(source.words, word); i < source.words.length && (source.words[i] as string).startsWith(word); i += 1) {
      addPostings(set, source.postings.get(source.words[i] as string));
    }
    return;
  }
  // A phrase: the documents holding its two rarest whole words, then a look at their fields.
  const whole: Postings[] = [];
  for (let k = 0; k <= last; k += 1) {
    if (k === last && reading.prefix) continue;
    const postings = index.postings.get(words[k] as string);
    if (!postings) return;
    whole.push(postings);
  }
  whole.sort((a, b) => a.slots.length - b.slots.length);
  let candidates: Int32Array = whole[0]?.slots ?? new Int32Array(0);
  if (whole.length > 1) {
    const second = acquire(index);
    addPostings(second, whole[1]);
    candidates = candidates.filter((slot) => second.mask[slot] !== 0);
    releaseSlots(index, second);
  }
  const phrase = words.join(' ');
  for (let i = 0; i < candidates.length; i += 1) {
    const slot = candidates[i] as number;
    const fields = index.fields[slot] as readonly string[];
    let bits = 0;
    for (let f = 0; f < FIELD_COUNT; f += 1) if (hasPhrase(fields[f] as string, phrase, reading.prefix)) bits |= FIELD_BITS[f] as number;
    if (bits !== 0) add(set, slot, bits);
  }
}

/** The slots in both sets, with the bits both have; the other set is released. */
function intersect(index: SearchIndex, a: SlotBits, b: SlotBits): SlotBits {
  const [small, large] = a.slots.length <= b.slots.length ? [a, b] : [b, a];
  const kept: number[] = [];
  for (const slot of small.slots) {
    const bits = (small.mask[slot] as number) & (large.mask[slot] as number);
    small.mask[slot] = bits;
    if (bits !== 0) kept.push(slot);
  }
  small.slots = kept;
  releaseSlots(index, large);
  return small;
}

/** True when every word of the reading exists in the index (the last as a prefix if it is one). */
function canMatch(reading: QueryAlternative, vocabulary: Vocabulary): boolean {
  const last = reading.words.length - 1;
  return reading.words.every((word, i) => (i === last && reading.prefix ? vocabulary.hasPrefix(word) : vocabulary.frequency(word) > 0));
}

/** The groups of a query, or null when some group cannot match anything in the index. */
function matchGroups(query: AnalysedQuery, vocabulary: Vocabulary): MatchGroup[] | null {
  const groups: MatchGroup[] = [];
  for (let i = 0; i < query.terms.length; ) {
    const span = query.spans.find((candidate) => candidate.start === i);
    const length = span?.length ?? 1;
    const terms = query.terms.slice(i, i + length).map((term) => term.alternatives.filter((a) => canMatch(a, vocabulary)));
    const group: MatchGroup = {
      terms: terms.every((readings) => readings.length > 0) ? terms : null,
      spanReadings: span ? span.alternatives.filter((a) => canMatch(a, vocabulary)) : [],
    };
    if (group.terms === null && group.spanReadings.length === 0) return null;
    groups.push(group);
    i += length;
  }
  return groups.length === 0 ? null : groups;
}

function matchGroup(index: SearchIndex, source: WordIndex, group: MatchGroup): SlotBits {
  let result: SlotBits | null = null;
  for (const readings of group.terms ?? []) {
    const term = acquire(index);
    for (const reading of readings) addReading(index, source, reading, term);
    result = result ? intersect(index, result, term) : term;
    if (result.slots.length === 0) break;
  }
  result ??= acquire(index);
  for (const reading of group.spanReadings) addReading(index, source, reading, result);
  return result;
}

/** Postings a reading would read: the phrase check looks at its rarest word's documents at most. */
function readingCost(source: WordIndex, reading: QueryAlternative): number {
  const { words } = reading;
  const last = words.length - 1;
  if (last === 0 && reading.prefix) {
    let cost = 0;
    for (let i = lowerBound(source.words, words[0] as string); i < source.words.length && (source.words[i] as string).startsWith(words[0] as string); i += 1) {
      cost += source.postings.get(source.words[i] as string)?.slots.length ?? 0;
    }
    return cost;
  }
  return Math.min(...words.filter((_, k) => !(k === last && reading.prefix)).map((word) => source.postings.get(word)?.slots.length ?? 0));
}

function groupCost(source: WordIndex, group: MatchGroup): number {
  const readings = [...(group.terms ?? []).flat(), ...group.spanReadings];
  return readings.reduce((sum, reading) => sum + readingCost(source, reading), 0);
}

/** The fields of one document a reading is in, as field bits (0 when none). */
function readingBits(index: SearchIndex, reading: QueryAlternative, slot: number): number {
  const fields = index.fields[slot] as readonly string[];
  const phrase = reading.words.join(' ');
  let bits = 0;
  for (let f = 0; f < FIELD_COUNT; f += 1) if (hasPhrase(fields[f] as string, phrase, reading.prefix)) bits |= FIELD_BITS[f] as number;
  return bits;
}

/** The field bits with which one document matches a group, read from its fields (0 when it does not). */
function groupBits(index: SearchIndex, group: MatchGroup, slot: number): number {
  let bits = 0;
  if (group.terms) {
    bits = 0xff;
    for (const readings of group.terms) {
      let term = 0;
      for (const reading of readings) term |= readingBits(index, reading, slot);
      bits &= term;
      if (bits === 0) break;
    }
  }
  for (const reading of group.spanReadings) bits |= readingBits(index, reading, slot);
  return bits;
}

/**
 * Every document the query matches, with its field bits; null when none can. The cheapest
 * group is read from the posting lists; a group whose postings outnumber the documents
 * left many times over (a common word, "h" while typing) is checked in those documents'
 * fields instead. With `namesOnly`, single words are read from the names' postings (a
 * phrase still looks at every field: keep only the matches in the name). Release the
 * result after use.
 */
export function matchQuery(index: SearchIndex, query: AnalysedQuery, namesOnly = false): SlotBits | null {
  const groups = matchGroups(query, index.vocabulary);
  if (!groups) return null;
  const source: WordIndex = namesOnly ? index.names : index;
  const costed = groups.map((group) => ({ group, cost: groupCost(source, group) })).sort((a, b) => a.cost - b.cost);
  let result: SlotBits | null = null;
  for (const { group, cost } of costed) {
    if (result && cost > VERIFY_RATIO * result.slots.length) {
      const kept: number[] = [];
      for (const slot of result.slots) {
        const bits = (result.mask[slot] as number) & groupBits(index, group, slot);
        result.mask[slot] = bits;
        if (bits !== 0) kept.push(slot);
      }
      result.slots = kept;
    } else {
      const matched = matchGroup(index, source, group);
      result = result ? intersect(index, result, matched) : matched;
    }
    if (result.slots.length === 0) break;
  }
  return result;
}
