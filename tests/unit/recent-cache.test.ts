import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRecentCache } from '../../server/repositories/recent-cache';

describe('recent cache', () => {
  it('keeps what was used within the last capacity/2 insertions and never more than capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 20 }), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 30 })), { maxLength: 300 }), (capacity, ops) => {
        const cache = createRecentCache<number, string>(capacity);
        const model = new Map<number, string>();
        const lastUse = new Map<number, number>();
        let inserts = 0;
        for (const [write, key] of ops) {
          if (write) {
            cache.set(key, `v${key}-${inserts}`);
            model.set(key, `v${key}-${inserts}`);
            inserts++;
            lastUse.set(key, inserts);
          } else {
            const got = cache.get(key);
            // Never a wrong or stale value; a hit counts as a use.
            if (got !== undefined) {
              expect(got).toBe(model.get(key));
              inserts++;
              lastUse.set(key, inserts);
            }
          }
          let live = 0;
          for (const [k, v] of model) {
            const recent = inserts - lastUse.get(k)! < Math.ceil(capacity / 2);
            const present = cache.get(k);
            if (present !== undefined) {
              live++;
              expect(present).toBe(v);
            } else expect(recent).toBe(false);
            // Probing must not count as a use in this model.
            if (present !== undefined) lastUse.set(k, ++inserts);
          }
          expect(live).toBeLessThanOrEqual(capacity);
        }
      }),
    );
  });

  it('deletes from either generation, stores null, and clears', () => {
    const cache = createRecentCache<string, string | null>(6);
    cache.set('a', null);
    cache.set('b', 'B');
    cache.set('c', 'C'); // the young generation is full: a, b, c become the old one
    cache.set('d', 'D');
    expect(cache.get('a')).toBeNull(); // moves back to the young generation
    expect(cache.delete('b')).toBe(true);
    expect(cache.delete('b')).toBe(false);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.delete('d')).toBe(true);
    expect(cache.get('c')).toBe('C');
    cache.clear();
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBeUndefined();
  });
});
