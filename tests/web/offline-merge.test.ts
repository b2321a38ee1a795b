// The pure merge of server changes into the local copy (no IndexedDB).
import { describe, expect, it } from 'vitest';
import { mergeChanges, planMerge, type ChangesPage, type RegistryChange, type RegistryCopy } from '../../web/offline/merge-changes';

const product = (id: string, name: string) => ({ id, name, producer_id: null });
const upsert = (v: number, id: string, name: string, kind = 'products'): RegistryChange => ({ v, kind, id, op: 'upsert', data: product(id, name) });
const remove = (v: number, id: string, kind = 'products'): RegistryChange => ({ v, kind, id, op: 'delete', data: null });
const page = (since: number, changes: RegistryChange[]): ChangesPage => ({ since, to: changes.length ? Math.max(...changes.map((c) => c.v)) : since, changes });

const copyAt = (version: number, products: Record<string, string>): RegistryCopy => ({
  version,
  records: new Map([['products', new Map(Object.entries(products).map(([id, name]) => [id, product(id, name)]))]]),
});
const names = (copy: RegistryCopy) => Object.fromEntries([...(copy.records.get('products') ?? new Map()).entries()].map(([id, row]) => [id, row.name]));

describe('mergeChanges', () => {
  it('applies upserts and deletes and moves the version to the end of the page', () => {
    const before = copyAt(10, { a: 'Gà đồi', b: 'Chè' });
    const after = mergeChanges(before, page(10, [upsert(11, 'a', 'Gà đồi Ba Vì'), upsert(12, 'c', 'Mật ong'), remove(13, 'b')]));
    expect(after.version).toBe(13);
    expect(names(after)).toEqual({ a: 'Gà đồi Ba Vì', c: 'Mật ong' });
    // The input copy is left as it was.
    expect(names(before)).toEqual({ a: 'Gà đồi', b: 'Chè' });
  });

  it('ignores a duplicate page and an out-of-order older page', () => {
    const first = page(10, [upsert(11, 'a', 'new'), remove(12, 'b')]);
    const once = mergeChanges(copyAt(10, { a: 'old', b: 'x' }), first);
    expect(mergeChanges(once, first)).toEqual(once);
    // An older page arriving late must not undo newer changes.
    const late = page(8, [upsert(9, 'a', 'older'), upsert(10, 'b', 'older b')]);
    expect(mergeChanges(once, late)).toEqual(once);
  });

  it('applies only the part of an overlapping page that is newer than the copy', () => {
    const after = mergeChanges(copyAt(11, { a: 'v11' }), page(9, [upsert(10, 'a', 'v10'), upsert(11, 'a', 'v11 again'), upsert(12, 'a', 'v12')]));
    expect(after.version).toBe(12);
    expect(names(after)).toEqual({ a: 'v12' });
  });

  it('refuses a page that starts after the copy: the changes in between would be lost', () => {
    const before = copyAt(10, { a: 'x' });
    const plan = planMerge(10, page(12, [upsert(13, 'a', 'y')]));
    expect(plan).toMatchObject({ gap: true, version: 10, upserts: [], deletes: [] });
    expect(mergeChanges(before, page(12, [upsert(13, 'a', 'y')]))).toBe(before);
  });

  it('skips kinds this app does not know, but still moves past them', () => {
    const after = mergeChanges(copyAt(1, {}), page(1, [upsert(2, 'z', 'alien', 'flying_saucers'), upsert(3, 'a', 'Gà')]));
    expect(after.version).toBe(3);
    expect([...after.records.keys()]).toEqual(['products']);
    expect(planMerge(1, page(1, [upsert(2, 'z', 'alien', 'flying_saucers')]))).toMatchObject({ version: 2, upserts: [], skipped: 1 });
  });

  it('keeps the last change of a row within a page, whatever order the page lists them in', () => {
    const shuffled = page(0, [remove(3, 'a'), upsert(1, 'a', 'first'), upsert(2, 'a', 'second')]);
    const plan = planMerge(0, shuffled);
    expect(plan.upserts).toEqual([]);
    expect(plan.deletes).toEqual([{ kind: 'products', id: 'a' }]);
    expect(plan.skipped).toBe(2);
    const revived = planMerge(0, page(0, [remove(1, 'a'), upsert(2, 'a', 'back')]));
    expect(revived.upserts.map((u) => u.data.name)).toEqual(['back']);
    expect(revived.deletes).toEqual([]);
  });

  it('an empty page (nothing new) changes nothing', () => {
    const before = copyAt(5, { a: 'x' });
    expect(mergeChanges(before, page(5, []))).toEqual(before);
  });

  it('skips malformed changes (an upsert without data)', () => {
    const plan = planMerge(0, page(0, [{ v: 1, kind: 'products', id: 'a', op: 'upsert', data: null }]));
    expect(plan).toMatchObject({ version: 1, upserts: [], skipped: 1 });
  });
});
