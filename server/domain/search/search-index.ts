// The in-memory search index, built once per registry version from the search documents
// (the server rebuilds it when the change log moves; the PWA once per synced copy). Words
// map to posting lists (slot, which fields hold the word); filter and facet fields live in
// typed arrays by slot. At the registry's size (~20,000 products) a build takes a fraction
// of a second and a query reads a few thousand postings.
import type { FacetCounts, SearchDocument } from '../search-types';
import { foldVietnamese, tokenizeFolded } from '../vietnamese';
import { sortedVocabulary, type Vocabulary } from '../vocabulary';

/** Folded fields, in the re-ranker's attribute order. */
export const FIELD_COUNT = 5;
/** Separates the values of a multi-valued field, so a phrase never runs from one place name into the next. */
const VALUE_SEPARATOR = ' ; ';

// Postings carry cumulative field bits: a word in the name is also "in name or producer"
// and "anywhere". ANDing the bits of every query word then says where all of them are.
export const IN_NAME = 1;
export const IN_HEAD = 2;
export const ANYWHERE = 4;
export const FIELD_BITS = [IN_NAME | IN_HEAD | ANYWHERE, IN_HEAD | ANYWHERE, ANYWHERE, ANYWHERE, ANYWHERE] as const;

/** Strings numbered in the order first seen (place ids, marks, groups, years). */
export class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }
  find(value: string): number {
    return this.codes.get(value) ?? -1;
  }
}

/** Several values per slot: values[start[slot] … start[slot + 1]). */
export interface ListColumn {
  start: Int32Array;
  values: Int32Array;
  dictionary: Dictionary;
}

export interface Postings {
  slots: Int32Array;
  bits: Uint8Array;
}

/** Posting lists with their words sorted, for prefix ranges. */
export interface WordIndex {
  readonly postings: ReadonlyMap<string, Postings>;
  readonly words: readonly string[];
}

export interface SearchIndex {
  readonly size: number;
  readonly documents: readonly SearchDocument[];
  /** Folded name, producer, places, aliases, category per slot; values of a field joined by " ; ". */
  readonly fields: readonly (readonly string[])[];
  /** 0 when unrated. */
  readonly stars: Uint8Array;
  /** Bit n set when some document has n stars. */
  readonly starsPresent: number;
  /** The certificate's end as YYYYMMDD, 0 when unknown. */
  readonly validUntil: Int32Array;
  /** -1 without a group. */
  readonly group: Int32Array;
  readonly groups: Dictionary;
  readonly places: ListColumn;
  readonly marks: ListColumn;
  readonly years: ListColumn;
  readonly postings: ReadonlyMap<string, Postings>;
  /** Every known word, sorted, for prefix ranges. */
  readonly words: readonly string[];
  /** The same for product names alone: one or two letters typed alone look at names only. */
  readonly names: WordIndex;
  readonly vocabulary: Vocabulary;
  /** Slots by stars (highest first), folded name, name: the order of an empty query. */
  readonly browsingOrder: Int32Array;
  /** Slots by name length (in words, up to 7), stars, folded name: which of many matches reach the re-ranker. */
  readonly candidateOrder: Int32Array;
  /** Scratch masks by slot, reused by every query (searches run one at a time). */
  readonly scratch: Uint8Array[];
  /** Recent empty-query answers by filters and day (the index never changes, so they never go stale). */
  readonly browsed: Map<string, { passing: Int32Array; facets: FacetCounts | null }>;
}

/** A folding function that remembers whole texts and words: places and producers repeat. */
function createFolder(): (text: string) => string {
  const texts = new Map<string, string>();
  const words = new Map<string, string>();
  const foldWord = (word: string) => {
    let folded = words.get(word);
    if (folded === undefined) words.set(word, (folded = tokenizeFolded(foldVietnamese(word)).join(' ')));
    return folded;
  };
  return (text) => {
    let folded = texts.get(text);
    if (folded === undefined) texts.set(text, (folded = text.split(/\s+/).map(foldWord).filter((word) => word !== '').join(' ')));
    return folded;
  };
}

// Folded fields of each document object: a rebuild after a registry change re-folds only
// the documents that changed (the server hands the unchanged objects back).
const foldedFieldsOf = new WeakMap<SearchDocument, readonly string[]>();

function foldFields(doc: SearchDocument, fold: (text: string) => string): readonly string[] {
  let fields = foldedFieldsOf.get(doc);
  if (!fields) {
    const join = (values: readonly string[]) => values.map(fold).filter((value) => value !== '').join(VALUE_SEPARATOR);
    fields = [fold(doc.name), fold(doc.producer), join(doc.places), join(doc.aliases), fold(doc.category)];
    foldedFieldsOf.set(doc, fields);
  }
  return fields;
}

function listColumn(documents: readonly SearchDocument[], valuesOf: (doc: SearchDocument) => readonly (string | number)[]): ListColumn {
  const dictionary = new Dictionary();
  const start = new Int32Array(documents.length + 1);
  const values: number[] = [];
  documents.forEach((doc, slot) => {
    for (const value of new Set(valuesOf(doc).map(String))) values.push(dictionary.code(value));
    start[slot + 1] = values.length;
  });
  return { start, values: Int32Array.from(values), dictionary };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const isoToNumber = (date: string | null): number => (date ? Number(date.slice(0, 10).replace(/-/g, '')) || 0 : 0);

/** Index search documents (the last copy of a repeated id wins). */
export function buildSearchIndex(input: readonly SearchDocument[]): SearchIndex {
  const documents = [...new Map(input.map((doc) => [doc.id, doc])).values()];
  const size = documents.length;
  const fold = createFolder();
  const fields = documents.map((doc) => foldFields(doc, fold));

  const postings = buildPostings(fields);
  const words = [...postings.keys()].sort();
  const namePostings = inNames(postings);

  const stars = Uint8Array.from(documents, (doc) => doc.stars ?? 0);
  const groups = new Dictionary();
  const group = Int32Array.from(documents, (doc) => (doc.ocopGroup === null ? -1 : groups.code(doc.ocopGroup)));
  // One comparator sort by name; the two orders are then sorts of integer keys.
  const byName = Int32Array.from({ length: size }, (_, slot) => slot).sort(
    (a, b) => compare(fields[a]![0]!, fields[b]![0]!) || compare(documents[a]!.name, documents[b]!.name) || a - b,
  );
  const nameRank = new Int32Array(size);
  byName.forEach((slot, rank) => (nameRank[slot] = rank));
  const orderBy = (major: (slot: number) => number) => {
    const keys = Float64Array.from({ length: size }, (_, slot) => major(slot) * size + (nameRank[slot] as number)).sort();
    return Int32Array.from(keys, (key) => byName[key % size] as number);
  };
  // Name length in words (up to 7), then stars: 5, 4, 3, unrated.
  const bucket = (slot: number) => Math.min(7, fields[slot]![0] === '' ? 0 : fields[slot]![0]!.split(' ').length) * 8 + (stars[slot] === 0 ? 7 : Math.max(0, 5 - (stars[slot] as number)));
  return {
    size,
    documents,
    fields,
    stars,
    starsPresent: stars.reduce((present, n) => present | (1 << n), 0),
    validUntil: Int32Array.from(documents, (doc) => isoToNumber(doc.certValidUntil)),
    group,
    groups,
    places: listColumn(documents, (doc) => doc.placeIds),
    marks: listColumn(documents, (doc) => doc.markIds),
    years: listColumn(documents, (doc) => doc.awardYears),
    postings,
    words,
    names: { postings: namePostings, words: [...namePostings.keys()].sort() },
    vocabulary: sortedVocabulary(words, (word) => postings.get(word)?.slots.length ?? 0),
    browsingOrder: orderBy((slot) => 255 - (stars[slot] as number)),
    candidateOrder: orderBy(bucket),
    scratch: [],
    browsed: new Map(),
  };
}

/**
 * Posting lists of every folded word: the slots holding it, in slot order, with the field
 * bits of each. Built in two passes over one stream of (word, bits) per document, so the
 * lists are views of two shared arrays rather than thousands of growing ones.
 */
function buildPostings(fields: readonly (readonly string[])[]): Map<string, Postings> {
  const ids = new Map<string, number>();
  const wordsById: string[] = [];
  const lastSlot: number[] = [];
  const bitsNow: number[] = [];
  const counts: number[] = [];
  const stream: number[] = [];
  const streamBits: number[] = [];
  const starts = new Int32Array(fields.length + 1);
  const inDocument: number[] = [];
  fields.forEach((docFields, slot) => {
    inDocument.length = 0;
    docFields.forEach((field, f) => {
      for (const word of field.split(' ')) {
        if (word === '' || word === ';') continue;
        let id = ids.get(word);
        if (id === undefined) {
          ids.set(word, (id = wordsById.length));
          wordsById.push(word);
          lastSlot.push(-1);
          bitsNow.push(0);
          counts.push(0);
        }
        if (lastSlot[id] !== slot) {
          lastSlot[id] = slot;
          bitsNow[id] = 0;
          inDocument.push(id);
        }
        bitsNow[id]! |= FIELD_BITS[f] as number;
      }
    });
    for (const id of inDocument) {
      stream.push(id);
      streamBits.push(bitsNow[id] as number);
      counts[id]! += 1;
    }
    starts[slot + 1] = stream.length;
  });
  const offsets = new Int32Array(wordsById.length + 1);
  counts.forEach((count, id) => (offsets[id + 1] = (offsets[id] as number) + count));
  const fill = offsets.slice(0, wordsById.length);
  const slots = new Int32Array(stream.length);
  const bits = new Uint8Array(stream.length);
  for (let slot = 0; slot < fields.length; slot += 1) {
    for (let i = starts[slot] as number, end = starts[slot + 1] as number; i < end; i += 1) {
      const id = stream[i] as number;
      const at = fill[id] as number;
      slots[at] = slot;
      bits[at] = streamBits[i] as number;
      fill[id] = at + 1;
    }
  }
  const postings = new Map<string, Postings>();
  wordsById.forEach((word, id) => {
    const from = offsets[id] as number;
    const to = offsets[id + 1] as number;
    postings.set(word, { slots: slots.subarray(from, to), bits: bits.subarray(from, to) });
  });
  return postings;
}

/** The postings of the words in product names: the entries whose bits include the name. */
function inNames(postings: ReadonlyMap<string, Postings>): Map<string, Postings> {
  const names = new Map<string, Postings>();
  for (const [word, { slots, bits }] of postings) {
    let count = 0;
    for (let i = 0; i < bits.length; i += 1) if ((bits[i] as number) & IN_NAME) count += 1;
    if (count === 0) continue;
    if (count === bits.length) {
      names.set(word, { slots, bits });
      continue;
    }
    const named = { slots: new Int32Array(count), bits: new Uint8Array(count).fill(FIELD_BITS[0]) };
    for (let i = 0, k = 0; i < bits.length; i += 1) if ((bits[i] as number) & IN_NAME) named.slots[k++] = slots[i] as number;
    names.set(word, named);
  }
  return names;
}

