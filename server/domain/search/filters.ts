// Filters and facet counts over the index's typed columns. Certificates are valid or
// expired on the day asked about, so that state is worked out per query, never stored.
import type { CertificateState, FacetCounts, SearchFilters } from '../search-types';
import type { ListColumn, SearchIndex } from './search-index';

export interface CompiledFilters {
  /** Null when nothing is filtered. */
  test: ((slot: number) => boolean) | null;
  /** A filter value no document has: nothing can match. */
  impossible: boolean;
}

const CERTIFICATE_STATES: readonly CertificateState[] = ['valid', 'expired', 'unknown', 'none'];

/** YYYY-MM-DD as the number YYYYMMDD. */
export const dayNumber = (date: string): number => Number(date.slice(0, 10).replace(/-/g, '')) || 0;

/** 0 valid, 1 expired, 2 unknown, 3 none (CERTIFICATE_STATES order). */
function certificateCode(index: SearchIndex, slot: number, today: number): number {
  if (index.stars[slot] === 0) return 3;
  const until = index.validUntil[slot] as number;
  return until === 0 ? 2 : until >= today ? 0 : 1;
}

function hasValue(column: ListColumn, slot: number, code: number): boolean {
  for (let i = column.start[slot] as number, end = column.start[slot + 1] as number; i < end; i += 1) if (column.values[i] === code) return true;
  return false;
}

/** One predicate for the filters that are set. */
export function compileFilters(index: SearchIndex, filters: SearchFilters, today: string): CompiledFilters {
  const tests: ((slot: number) => boolean)[] = [];
  let impossible = false;
  if (filters.stars && filters.stars.length > 0) {
    const allowed = filters.stars.reduce((bits, n) => (Number.isInteger(n) && n > 0 && n < 31 ? bits | (1 << n) : bits), 0);
    impossible ||= (allowed & index.starsPresent) === 0;
    tests.push((slot) => (allowed & (1 << (index.stars[slot] as number))) !== 0);
  }
  if (filters.ocopGroup !== undefined) {
    const code = index.groups.find(filters.ocopGroup);
    impossible ||= code < 0;
    tests.push((slot) => index.group[slot] === code);
  }
  const listFilter = (column: ListColumn, value: string | undefined) => {
    if (value === undefined) return;
    const code = column.dictionary.find(value);
    impossible ||= code < 0;
    tests.push((slot) => hasValue(column, slot, code));
  };
  listFilter(index.places, filters.placeId);
  listFilter(index.marks, filters.markId);
  listFilter(index.years, filters.awardYear === undefined ? undefined : String(filters.awardYear));
  if (filters.certificate !== undefined) {
    const wanted = CERTIFICATE_STATES.indexOf(filters.certificate);
    const day = dayNumber(today);
    tests.push((slot) => certificateCode(index, slot, day) === wanted);
  }
  const [first, second] = tests;
  const test = tests.length === 0 ? null : tests.length === 1 ? (first as (slot: number) => boolean) : tests.length === 2 ? (slot: number) => first!(slot) && second!(slot) : (slot: number) => tests.every((t) => t(slot));
  return { test, impossible };
}

/** Facet counts over these slots, keyed as FacetCounts (values in the order the index first saw them). */
export function countFacets(index: SearchIndex, slots: ArrayLike<number>, today: string): FacetCounts {
  const day = dayNumber(today);
  const stars = new Int32Array(32);
  const certificates = new Int32Array(4);
  const groups = new Int32Array(index.groups.values.length);
  const lists = [index.places, index.marks, index.years].map((column) => ({ column, counts: new Int32Array(column.dictionary.values.length) }));
  for (let i = 0; i < slots.length; i += 1) {
    const slot = slots[i] as number;
    stars[index.stars[slot] as number]! += 1;
    certificates[certificateCode(index, slot, day)]! += 1;
    const group = index.group[slot] as number;
    if (group >= 0) groups[group]! += 1;
    for (const { column, counts } of lists) {
      for (let k = column.start[slot] as number, end = column.start[slot + 1] as number; k < end; k += 1) counts[column.values[k] as number]! += 1;
    }
  }
  const record = (counts: Int32Array, keyOf: (code: number) => string) => {
    const out: Record<string, number> = {};
    counts.forEach((count, code) => {
      if (count > 0) out[keyOf(code)] = count;
    });
    return out;
  };
  stars[0] = 0; // unrated products have no star facet
  const [places, marks, years] = lists.map(({ column, counts }) => record(counts, (code) => column.dictionary.values[code] as string)) as [Record<string, number>, Record<string, number>, Record<string, number>];
  return {
    stars: record(stars, String),
    ocopGroup: record(groups, (code) => index.groups.values[code] as string),
    placeId: places,
    markId: marks,
    awardYear: years,
    certificate: record(certificates, (code) => CERTIFICATE_STATES[code] as string),
  };
}
