/** A small least-recently-used map (Map keeps insertion order; re-insert on hit). */
export function createLru<K, V>(capacity: number) {
  const map = new Map<K, V>();
  return {
    get(key: K): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: K, value: V) {
      map.delete(key);
      map.set(key, value);
      if (map.size > capacity) map.delete(map.keys().next().value!);
    },
    delete: (key: K) => map.delete(key),
    clear: () => map.clear(),
  };
}
