import { IntColumn, IntLists } from './int-columns';

// Each slot's filter and facet fields in one 64-byte record: stars, group, certificate
// date, and the place, mark and award-year codes inline. Counting facets over matches
// scattered through 200k slots ("mật ong" valid today: 5k of them) was bound by cache
// misses, one per column and list read (~12 a document, 5–10 ms); a record is one or two
// cache lines. Lists longer than their inline room live in overflow lists.

const STRIDE = 16;
const STAR = 0;
const GROUP = 1;
const DATE = 2;
/** List lengths packed as places | marks << 8 | years << 16; OVERFLOW in a byte: see the overflow list. */
const LENGTHS = 3;
const OVERFLOW = 255;
/** Where each list starts in the record, and how many values fit inline. */
const LIST_START = [4, 10, 13] as const;
const LIST_ROOM = [6, 3, 3] as const;

/** The three list-valued fields. */
export const PLACES = 0;
export const MARKS = 1;
export const YEARS = 2;
export type ListField = typeof PLACES | typeof MARKS | typeof YEARS;

export class DocRecords {
  private readonly records = new IntColumn(1024 * STRIDE);
  private readonly overflow = [new IntLists(), new IntLists(), new IntLists()] as const;

  /** Store a slot's fields; lists hold dictionary codes. */
  set(slot: number, star: number, group: number, date: number, lists: readonly [readonly number[], readonly number[], readonly number[]]): void {
    this.records.ensure((slot + 1) * STRIDE);
    const data = this.records.data;
    const base = slot * STRIDE;
    data[base + STAR] = star;
    data[base + GROUP] = group;
    data[base + DATE] = date;
    let lengths = 0;
    for (const field of [PLACES, MARKS, YEARS] as const) {
      const values = lists[field];
      let length = values.length;
      if (length > LIST_ROOM[field]) {
        this.overflow[field].set(slot, values);
        length = OVERFLOW;
      } else {
        for (let k = 0; k < values.length; k += 1) data[base + LIST_START[field] + k] = values[k] as number;
      }
      lengths |= length << (8 * field);
    }
    data[base + LENGTHS] = lengths;
  }

  star(slot: number): number {
    return this.records.data[slot * STRIDE + STAR] as number;
  }
  group(slot: number): number {
    return this.records.data[slot * STRIDE + GROUP] as number;
  }
  date(slot: number): number {
    return this.records.data[slot * STRIDE + DATE] as number;
  }

  /** True when the slot's list holds this code. */
  has(slot: number, field: ListField, value: number): boolean {
    const data = this.records.data;
    const base = slot * STRIDE;
    const length = ((data[base + LENGTHS] as number) >>> (8 * field)) & 255;
    if (length === OVERFLOW) return this.overflow[field].has(slot, value);
    for (let k = base + LIST_START[field], end = k + length; k < end; k += 1) if (data[k] === value) return true;
    return false;
  }

  /**
   * Count, over these slots, stars (index 0–5), certificate states (valid, expired,
   * unknown, none on `day`), groups and every list code.
   */
  count(
    slots: ArrayLike<number>,
    day: number,
    noStars: number,
    noDate: number,
    counts: { stars: Int32Array; certificates: Int32Array; groups: Int32Array; lists: readonly [Int32Array, Int32Array, Int32Array] },
  ): void {
    const data = this.records.data;
    const { stars, certificates, groups } = counts;
    const [places, marks, years] = counts.lists;
    for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i] as number;
      const base = slot * STRIDE;
      const star = data[base + STAR] as number;
      if (star === noStars) certificates[3] = (certificates[3] as number) + 1;
      else {
        if (star >= 0 && star < stars.length) stars[star] = (stars[star] as number) + 1;
        const date = data[base + DATE] as number;
        const state = date === noDate ? 2 : date >= day ? 0 : 1;
        certificates[state] = (certificates[state] as number) + 1;
      }
      const group = data[base + GROUP] as number;
      if (group >= 0) groups[group] = (groups[group] as number) + 1;
      const lengths = data[base + LENGTHS] as number;
      const placeCount = lengths & 255;
      if (placeCount === OVERFLOW) this.overflow[PLACES].countOne(slot, places);
      else for (let k = base + LIST_START[PLACES], end = k + placeCount; k < end; k += 1) places[data[k] as number] = (places[data[k] as number] as number) + 1;
      if (lengths >>> 8 === 0) continue;
      const markCount = (lengths >>> 8) & 255;
      if (markCount === OVERFLOW) this.overflow[MARKS].countOne(slot, marks);
      else for (let k = base + LIST_START[MARKS], end = k + markCount; k < end; k += 1) marks[data[k] as number] = (marks[data[k] as number] as number) + 1;
      const yearCount = lengths >>> 16;
      if (yearCount === OVERFLOW) this.overflow[YEARS].countOne(slot, years);
      else for (let k = base + LIST_START[YEARS], end = k + yearCount; k < end; k += 1) years[data[k] as number] = (years[data[k] as number] as number) + 1;
    }
  }

  clear(): void {
    for (const lists of this.overflow) lists.clear();
  }
}
