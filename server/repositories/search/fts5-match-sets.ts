import type { DocStore } from './fts5-doc-store';
import { renderPhrase, scopeExpression, type MatchNode } from './fts5-expression';
import { ftsQuery, type Fts5Reader } from './fts5-reader';
import { foldedFields } from './fts5-rows';
import { FTS_COLUMNS } from './fts5-schema';

// Which documents match a query, as bitsets over store slots, for queries that must list
// every match (facets, date filters). FTS5 hands out matching rowids at ~0.1–0.2 µs each:
// a broad word ("trà", with its synonym "chè", in 105k of 200k products) costs 20 ms
// before a single facet is counted. So a word (or prefix) that many documents hold keeps
// its documents as a bitset (slots/8 bytes: 25 KB at 200k products), read from FTS5 by
// the first query for which that costs no more than listing its own matches would; AND
// and OR of bitsets then cost microseconds. Phrases of several words are always asked of
// FTS5. The sets stay exact through apply(): removed slots are cleared and each upserted
// document is tested against every remembered word, with the tokens FTS5 indexed (folded
// [a-z0-9]+ words).

/** One remembered word or prefix, and the columns it was asked in. */
interface CachedSet {
  word: string;
  prefix: boolean;
  /** Indexes into FTS_COLUMNS, or null for every text column. */
  fields: number[] | null;
  bits: Uint32Array;
}

/** What a write did to the store: slots emptied, and the documents now in their slots. */
export interface StoreChange {
  removedSlots: readonly number[];
  added: readonly { slot: number; folded: string }[];
}

export interface MatchSetOptions {
  /** A word or prefix held by at least this many documents is worth a remembered bitset. */
  minDocuments: number;
  /** Most bitsets remembered (least recently used go first). */
  maxSets: number;
}

export interface MatchSets {
  /** True when bitsets read no more rows from FTS5 than listing the tree's matches would. */
  worthUsing(tree: MatchNode, scope: readonly string[] | null): boolean;
  /** The slots matching the tree in these columns (null: every text column), as a fresh bitset. */
  evaluate(tree: MatchNode, scope: readonly string[] | null): Uint32Array;
  /** Keep remembered sets exact after a write. */
  update(change: StoreChange): void;
  /** Forget every set (after a rebuild). */
  clear(): void;
}

/** A broad word asked for this many times is read even when that costs more than a listing… */
const ASKS_BEFORE_READING = 2;
/** …up to this many times what FTS5 listing the query's matches would. */
const READING_COST_RATIO = 2;
/** Broad words asked for but not read yet that are counted. */
const MAX_ASKED = 10_000;
/** Upserts beyond this share of the catalogue: forgetting is cheaper than testing each. */
const FORGET_SHARE = 0.25;

/** Bitsets for broad words over `store`, read through `reader`; `documentsOf` estimates a phrase's documents. */
export function createMatchSets(
  reader: Fts5Reader,
  store: DocStore,
  documentsOf: (words: readonly string[], prefix: boolean) => number,
  options: MatchSetOptions,
): MatchSets {
  // Map iteration order is insertion order: re-inserting on use keeps it least recent first.
  const cache = new Map<string, CachedSet>();
  const wordCount = () => (store.capacity + 31) >>> 5;

  const isBroad = (node: Extract<MatchNode, { kind: 'phrase' }>) =>
    node.words.length === 1 && documentsOf(node.words, node.prefix) >= options.minDocuments;
  const keyOf = (node: Extract<MatchNode, { kind: 'phrase' }>, scope: readonly string[] | null) =>
    `${scope?.join(' ') ?? '*'}:${node.words.join(' ')}${node.prefix ? '*' : ''}`;

  /** Matching slots of one phrase straight from FTS5. */
  function fetch(words: readonly string[], prefix: boolean, scope: readonly string[] | null): Uint32Array {
    const bits = new Uint32Array(wordCount());
    for (const rowid of reader.allRowids(ftsQuery(scopeExpression(renderPhrase(words, prefix), scope), scope))) {
      const slot = store.slotOf(rowid);
      if (slot >= 0) bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
    }
    return bits;
  }

  /** The phrase's set; broad ones are remembered. The result must not be written to. */
  function phraseSet(node: Extract<MatchNode, { kind: 'phrase' }>, scope: readonly string[] | null): Uint32Array {
    if (options.maxSets <= 0 || !isBroad(node)) return fetch(node.words, node.prefix, scope);
    const word = node.words[0] as string;
    const key = keyOf(node, scope);
    let entry = cache.get(key);
    if (entry) cache.delete(key);
    else {
      const fields = scope ? scope.map((column) => (FTS_COLUMNS as readonly string[]).indexOf(column)) : null;
      entry = { word, prefix: node.prefix, fields, bits: fetch(node.words, node.prefix, scope) };
      if (cache.size >= options.maxSets) cache.delete(cache.keys().next().value as string);
    }
    cache.set(key, entry);
    return entry.bits;
  }

  function evaluate(node: MatchNode, scope: readonly string[] | null): Uint32Array {
    if (node.kind === 'phrase') {
      // A copy: callers combine into it, and remembered sets must stay as they are.
      const source = phraseSet(node, scope);
      const bits = new Uint32Array(wordCount());
      bits.set(source.length > bits.length ? source.subarray(0, bits.length) : source);
      return bits;
    }
    const [head, ...rest] = node.children as [MatchNode, ...MatchNode[]];
    const bits = evaluate(head, scope);
    for (const child of rest) {
      if (node.kind === 'and' && bits.every((word) => word === 0)) break;
      const other = child.kind === 'phrase' ? phraseSet(child, scope) : evaluate(child, scope);
      if (node.kind === 'and') for (let i = 0; i < bits.length; i += 1) bits[i] = (bits[i] as number) & (other[i] ?? 0);
      else for (let i = 0; i < bits.length && i < other.length; i += 1) bits[i] = (bits[i] as number) | (other[i] as number);
    }
    return bits;
  }

  function matchesDocument(entry: CachedSet, tokens: readonly (readonly string[])[]): boolean {
    const fields = entry.fields ?? tokens.map((_, i) => i);
    for (const field of fields) {
      for (const token of tokens[field] ?? []) {
        if (entry.prefix ? token.startsWith(entry.word) : token === entry.word) return true;
      }
    }
    return false;
  }

  /** At most how many documents match: the fewest of an AND, the sum of an OR. */
  const estimate = (node: MatchNode): number =>
    node.kind === 'phrase'
      ? documentsOf(node.words, node.prefix)
      : node.kind === 'and'
        ? Math.min(...node.children.map(estimate))
        : node.children.reduce((sum, child) => sum + estimate(child), 0);

  /** How often queries needed each broad word not remembered yet. */
  const asked = new Map<string, number>();

  return {
    // Listing matches from FTS5 costs about as much a row as reading a word's documents
    // does. So bitsets are used when the rows still to read (rare words, broad words not
    // remembered yet) are no more than the query may match: at once for "trà" alone. A
    // query of several broad words ("mật ong") matches fewer documents than each word
    // holds: reading its words costs more than FTS5 listing its matches, so that waits
    // until the words have been asked for a few times and costs at most a few listings
    // (one slow query, not a slow tail); from then on such queries cost microseconds.
    worthUsing(tree, scope) {
      if (options.maxSets <= 0) return false;
      let rows = 0;
      let broad = false;
      let popular = true;
      const missing: string[] = [];
      const visited = new Set<string>();
      const visit = (node: MatchNode) => {
        if (node.kind !== 'phrase') return node.children.forEach(visit);
        const key = keyOf(node, scope);
        if (visited.has(key)) return;
        visited.add(key);
        const documents = documentsOf(node.words, node.prefix);
        if (!isBroad(node)) rows += documents;
        else {
          broad = true;
          if (cache.has(key)) return;
          rows += documents;
          missing.push(key);
          if ((asked.get(key) ?? 0) < ASKS_BEFORE_READING) popular = false;
        }
      };
      visit(tree);
      if (!broad) return false;
      const matches = estimate(tree);
      if (rows <= matches || (popular && rows <= READING_COST_RATIO * matches)) return true;
      if (asked.size >= MAX_ASKED) asked.clear();
      for (const key of missing) asked.set(key, (asked.get(key) ?? 0) + 1);
      return false;
    },
    evaluate,
    update({ removedSlots, added }) {
      if (cache.size === 0) return;
      if (added.length > FORGET_SHARE * Math.max(1, store.size)) {
        cache.clear();
        return;
      }
      const length = wordCount();
      const tokenized = added.map(({ slot, folded }) => ({ slot, tokens: foldedFields(folded).map((field) => field.match(/[a-z0-9]+/g) ?? []) }));
      for (const entry of cache.values()) {
        if (entry.bits.length < length) {
          const grown = new Uint32Array(length);
          grown.set(entry.bits);
          entry.bits = grown;
        }
        const bits = entry.bits;
        for (const slot of removedSlots) bits[slot >>> 5] = (bits[slot >>> 5] as number) & ~(1 << (slot & 31));
        for (const { slot, tokens } of tokenized) {
          if (matchesDocument(entry, tokens)) bits[slot >>> 5] = (bits[slot >>> 5] as number) | (1 << (slot & 31));
        }
      }
    },
    clear() {
      cache.clear();
      asked.clear();
    },
  };
}
