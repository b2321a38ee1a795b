import type { CertificateState, FacetCounts, SearchDocument, SearchFilters } from '../../domain/search-types';
import { foldedName, ROWID_BUCKET_SIZE, type DocRow } from './fts5-rows';
import { DocRecords, MARKS, PLACES, YEARS } from './doc-records';
import { IntColumn, RowidSlots } from './int-columns';

// An in-memory, column-wise copy of each document's filter and facet fields. Facets and
// browsing visit every match (100k+ at 200k products), so the fields live in typed arrays
// indexed by a dense slot (RowidSlots maps rowid → slot). Loaded from search_fts_docs at
// start-up and kept in step by apply()/rebuild().

/** A predicate over slots. */
export type DocFilter = (slot: number) => boolean;

export type DocLists = Pick<SearchDocument, 'placeIds' | 'markIds' | 'awardYears'>;

/** The stored columns the in-memory store keeps. */
export type StoreRow = Pick<DocRow, 'rowid' | 'id' | 'name' | 'folded' | 'stars' | 'ocop_group' | 'cert_valid_until' | 'place_ids' | 'mark_ids' | 'award_years'>;

export interface DocStore {
  readonly size: number;
  /** One more than the highest slot ever used: the length a set of slots needs. */
  readonly capacity: number;
  /** The slot of a rowid, or -1. */
  slotOf(rowid: number): number;
  rowidAt(slot: number): number;
  idAt(slot: number): string;
  nameAt(slot: number): string;
  /** Add or replace a document; `lists` spares parsing the JSON columns when the caller has them. */
  put(row: StoreRow, lists?: DocLists): void;
  remove(rowid: number): void;
  clear(): void;
  /** A predicate for these filters, null when nothing is filtered. */
  compileFilter(filters: SearchFilters, today: string): DocFilter | null;
  /** Facet counts over these slots. */
  countFacets(slots: ArrayLike<number>, today: string): FacetCounts;
  /** Every live slot in browsing order: stars (highest first), then name. */
  browsingOrder(): Int32Array;
  /** How many documents have a rowid up to this one, for estimating totals. */
  countUpTo(rowid: number): number;
  /** Live slots that pass, in slot order; the array is reused by the next call. */
  liveSlots(pass: DocFilter): Int32Array;
  /** Sort for browsing and for rowid order now, after a change, rather than in the next request. */
  prepare(): void;
  /** The slots in a bitset (bit `slot` of word `slot >> 5`), in rowid order; the array is reused by the next call. */
  collect(bits: Uint32Array): Int32Array;
}

class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];
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

const CERTIFICATE_STATES: CertificateState[] = ['valid', 'expired', 'unknown', 'none'];
const NO_STARS = -1;
const NO_DATE = 0;
const SLOT_KEY_SPAN = 2 ** 22;

/** YYYY-MM-DD → YYYYMMDD, so dates compare as integers; 0 when not an ISO date. */
function dateNumber(date: string | null): number {
  return date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? Number(date.replaceAll('-', '')) : NO_DATE;
}

/** Create an empty in-memory store of filter and facet fields. */
export function createDocStore(): DocStore {
  const slots = new RowidSlots(ROWID_BUCKET_SIZE);
  const slotById = new Map<string, number>();
  const freeSlots: number[] = [];
  let slotCount = 0;
  let live = 0;
  const rowids = new IntColumn();
  const records = new DocRecords();
  const ids: string[] = [];
  const names: string[] = [];
  const foldedNames: string[] = [];
  const groupCodes = new Dictionary();
  const placeCodes = new Dictionary();
  const markCodes = new Dictionary();
  const yearCodes = new Dictionary();
  let ordered: Int32Array | null = null;
  let sortedRowids: Float64Array | null = null;
  /** Live slots by rowid; null while slot order is rowid order (after a rebuild or a load). */
  let byRowid: Int32Array | null = null;
  let byRowidKnown = false;
  let scratch = new Int32Array(0);
  let collected = new Int32Array(0);

  function allocate(id: string): number {
    const existing = slotById.get(id);
    if (existing !== undefined) {
      slots.delete(rowids.data[existing] as number);
      return existing;
    }
    const slot = freeSlots.pop() ?? slotCount++;
    rowids.ensure(slot + 1);
    slotById.set(id, slot);
    live += 1;
    return slot;
  }

  function rowidOrder(): Int32Array | null {
    if (!byRowidKnown) {
      byRowid = slotsByRowid();
      byRowidKnown = true;
    }
    return byRowid;
  }

  /** Live slots sorted by rowid, or null when slot order already is rowid order. */
  function slotsByRowid(): Int32Array | null {
    const data = rowids.data;
    let previous = 0;
    let inOrder = true;
    let count = 0;
    for (let slot = 0; slot < slotCount; slot += 1) {
      const rowid = data[slot] as number;
      if (rowid === 0) continue;
      count += 1;
      if (rowid < previous) inOrder = false;
      previous = rowid;
    }
    if (inOrder) return null;
    // rowid · 2^22 + slot stays below 2^53, so one numeric sort orders slots by rowid.
    const keys = new Float64Array(count);
    for (let slot = 0, i = 0; slot < slotCount; slot += 1) {
      const rowid = data[slot] as number;
      if (rowid !== 0) keys[i++] = rowid * SLOT_KEY_SPAN + slot;
    }
    keys.sort();
    return Int32Array.from(keys, (key) => key % SLOT_KEY_SPAN);
  }

  return {
    get size() {
      return live;
    },
    get capacity() {
      return slotCount;
    },
    slotOf: (rowid) => slots.get(rowid),
    rowidAt: (slot) => rowids.data[slot] as number,
    idAt: (slot) => ids[slot] as string,
    nameAt: (slot) => names[slot] as string,
    put(row, lists) {
      const parsed = lists ?? {
        placeIds: JSON.parse(row.place_ids) as string[],
        markIds: JSON.parse(row.mark_ids) as string[],
        awardYears: JSON.parse(row.award_years) as number[],
      };
      const slot = allocate(row.id);
      slots.set(row.rowid, slot);
      rowids.data[slot] = row.rowid;
      records.set(slot, row.stars ?? NO_STARS, row.ocop_group === null ? -1 : groupCodes.code(row.ocop_group), dateNumber(row.cert_valid_until), [
        parsed.placeIds.map((id) => placeCodes.code(id)),
        parsed.markIds.map((id) => markCodes.code(id)),
        parsed.awardYears.map((year) => yearCodes.code(String(year))),
      ]);
      ids[slot] = row.id;
      names[slot] = row.name;
      foldedNames[slot] = foldedName(row.folded);
      ordered = null;
      sortedRowids = null;
      byRowidKnown = false;
    },
    remove(rowid) {
      const slot = slots.get(rowid);
      if (slot < 0) return;
      slots.delete(rowid);
      slotById.delete(ids[slot] as string);
      rowids.data[slot] = 0;
      freeSlots.push(slot);
      live -= 1;
      ordered = null;
      sortedRowids = null;
      byRowidKnown = false;
    },
    clear() {
      slots.clear();
      slotById.clear();
      freeSlots.length = 0;
      slotCount = 0;
      live = 0;
      records.clear();
      ordered = null;
      sortedRowids = null;
      byRowidKnown = false;
    },
    compileFilter(filters, today) {
      const tests: DocFilter[] = [];
      if (filters.stars && filters.stars.length > 0) {
        const allowed = new Uint8Array(6);
        for (const value of filters.stars) if (Number.isInteger(value) && value >= 0 && value < allowed.length) allowed[value] = 1;
        tests.push((slot) => allowed[records.star(slot)] === 1);
      }
      if (filters.ocopGroup !== undefined) {
        const code = groupCodes.find(filters.ocopGroup);
        tests.push((slot) => records.group(slot) === code);
      }
      if (filters.placeId !== undefined) {
        const code = placeCodes.find(filters.placeId);
        tests.push((slot) => records.has(slot, PLACES, code));
      }
      if (filters.markId !== undefined) {
        const code = markCodes.find(filters.markId);
        tests.push((slot) => records.has(slot, MARKS, code));
      }
      if (filters.awardYear !== undefined) {
        const code = yearCodes.find(String(filters.awardYear));
        tests.push((slot) => records.has(slot, YEARS, code));
      }
      if (filters.certificate !== undefined) {
        const state = CERTIFICATE_STATES.indexOf(filters.certificate);
        const day = dateNumber(today);
        tests.push((slot) => {
          const date = records.date(slot);
          return (records.star(slot) === NO_STARS ? 3 : date === NO_DATE ? 2 : date >= day ? 0 : 1) === state;
        });
      }
      if (tests.length === 0) return null;
      if (tests.length === 1) return tests[0] as DocFilter;
      return (slot) => {
        for (const test of tests) if (!test(slot)) return false;
        return true;
      };
    },
    countFacets(selected, today) {
      const starCounts = new Int32Array(6);
      const groupCounts = new Int32Array(groupCodes.values.length);
      const placeCounts = new Int32Array(placeCodes.values.length);
      const markCounts = new Int32Array(markCodes.values.length);
      const yearCounts = new Int32Array(yearCodes.values.length);
      const certificates = new Int32Array(CERTIFICATE_STATES.length);
      const day = dateNumber(today);
      records.count(selected, day, NO_STARS, NO_DATE, { stars: starCounts, certificates, groups: groupCounts, lists: [placeCounts, markCounts, yearCounts] });
      return {
        stars: fromCounts(starCounts, ['0', '1', '2', '3', '4', '5']),
        ocopGroup: fromCounts(groupCounts, groupCodes.values),
        placeId: fromCounts(placeCounts, placeCodes.values),
        markId: fromCounts(markCounts, markCodes.values),
        awardYear: fromCounts(yearCounts, yearCodes.values),
        certificate: fromCounts(certificates, CERTIFICATE_STATES),
      };
    },
    browsingOrder() {
      if (!ordered) {
        const live: number[] = [];
        for (let slot = 0; slot < slotCount; slot += 1) if ((rowids.data[slot] as number) !== 0) live.push(slot);
        const byName = (a: number, b: number) => {
          const x = foldedNames[a] as string;
          const y = foldedNames[b] as string;
          return x < y ? -1 : x > y ? 1 : (names[a] as string) < (names[b] as string) ? -1 : (names[a] as string) > (names[b] as string) ? 1 : 0;
        };
        live.sort((a, b) => records.star(b) - records.star(a) || byName(a, b));
        ordered = Int32Array.from(live);
      }
      return ordered;
    },
    liveSlots(pass) {
      // One reused buffer: a fresh 100k-element array per browse is what makes GC pause.
      if (scratch.length < slotCount) scratch = new Int32Array(slotCount);
      let count = 0;
      const rowidData = rowids.data;
      for (let slot = 0; slot < slotCount; slot += 1) if ((rowidData[slot] as number) !== 0 && pass(slot)) scratch[count++] = slot;
      return scratch.subarray(0, count);
    },
    prepare() {
      this.browsingOrder();
      rowidOrder();
    },
    collect(bits) {
      const byRowid = rowidOrder();
      if (collected.length < slotCount) collected = new Int32Array(slotCount);
      const found = collected;
      let count = 0;
      if (byRowid) {
        for (let i = 0; i < byRowid.length; i += 1) {
          const slot = byRowid[i] as number;
          if (((bits[slot >>> 5] as number) >>> (slot & 31)) & 1) found[count++] = slot;
        }
        return found.subarray(0, count);
      }
      // Slot order is rowid order: visit only the set bits, lowest first.
      const words = Math.min(bits.length, (slotCount + 31) >>> 5);
      for (let word = 0; word < words; word += 1) {
        let rest = bits[word] as number;
        while (rest !== 0) {
          const lowest = rest & -rest;
          const slot = (word << 5) | (31 - Math.clz32(lowest));
          rest ^= lowest;
          found[count++] = slot;
        }
      }
      return found.subarray(0, count);
    },
    countUpTo(rowid) {
      if (!sortedRowids) {
        const all: number[] = [];
        for (let slot = 0; slot < slotCount; slot += 1) if ((rowids.data[slot] as number) !== 0) all.push(rowids.data[slot] as number);
        sortedRowids = Float64Array.from(all).sort();
      }
      let low = 0;
      let high = sortedRowids.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((sortedRowids[middle] as number) <= rowid) low = middle + 1;
        else high = middle;
      }
      return low;
    },
  };
}

function fromCounts(counts: Int32Array, values: readonly string[]): Record<string, number> {
  const record: Record<string, number> = {};
  for (let code = 0; code < counts.length; code += 1) {
    const count = counts[code] as number;
    if (count > 0) record[values[code] as string] = count;
  }
  return record;
}
