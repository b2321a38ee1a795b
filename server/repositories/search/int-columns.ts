// Small typed-array building blocks for the in-memory document store. Filters and facets
// visit every match of a query (100k+ at 200k products); plain JS objects cost a cache
// miss each, typed arrays a few nanoseconds.

/**
 * Rowid → slot. Rowids are bucket · 2^24 + a sequence that is dense within its bucket
 * (fts5-rows.ts), so one array per bucket indexed by sequence answers in two loads.
 */
export class RowidSlots {
  private readonly buckets: IntColumn[] = [];
  constructor(private readonly bucketSize: number) {}

  get(rowid: number): number {
    const column = this.buckets[Math.floor(rowid / this.bucketSize)];
    const sequence = rowid % this.bucketSize;
    return column && sequence < column.data.length ? (column.data[sequence] as number) - 1 : -1;
  }

  set(rowid: number, slot: number): void {
    const bucket = Math.floor(rowid / this.bucketSize);
    const sequence = rowid % this.bucketSize;
    const column = (this.buckets[bucket] ??= new IntColumn(64));
    column.ensure(sequence + 1);
    column.data[sequence] = slot + 1;
  }

  delete(rowid: number): void {
    const column = this.buckets[Math.floor(rowid / this.bucketSize)];
    const sequence = rowid % this.bucketSize;
    if (column && sequence < column.data.length) column.data[sequence] = 0;
  }

  clear(): void {
    this.buckets.length = 0;
  }
}

/** A growable int32 column. */
export class IntColumn {
  data: Int32Array;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  ensure(length: number): void {
    if (length <= this.data.length) return;
    const grown = new Int32Array(Math.max(length, this.data.length * 2));
    grown.set(this.data);
    this.data = grown;
  }
}

/** Variable-length int lists per slot, appended to one pool (replaced lists are left behind until clear). */
export class IntLists {
  private readonly pool = new IntColumn(4096);
  private readonly start = new IntColumn();
  private readonly length = new IntColumn();
  private poolSize = 0;

  set(slot: number, values: readonly number[]): void {
    this.start.ensure(slot + 1);
    this.length.ensure(slot + 1);
    this.pool.ensure(this.poolSize + values.length);
    this.start.data[slot] = this.poolSize;
    this.length.data[slot] = values.length;
    for (const value of values) this.pool.data[this.poolSize++] = value;
  }

  /** True when the slot's list holds this value. */
  has(slot: number, value: number): boolean {
    const from = this.start.data[slot] as number;
    const to = from + (this.length.data[slot] as number);
    const pool = this.pool.data;
    for (let i = from; i < to; i += 1) if (pool[i] === value) return true;
    return false;
  }

  /** Add 1 to counts[value] for every value in the slot's list. */
  countOne(slot: number, counts: Int32Array): void {
    const from = this.start.data[slot] as number;
    const to = from + (this.length.data[slot] as number);
    const pool = this.pool.data;
    for (let i = from; i < to; i += 1) {
      const value = pool[i] as number;
      counts[value] = (counts[value] as number) + 1;
    }
  }

  clear(): void {
    this.poolSize = 0;
  }
}
