/** A fixed-window counter per key, in memory: enough for PIN-guess limits on one server. */
export interface RateLimiter {
  /** Count one attempt; false when the key is over its limit for the current window. */
  take(key: string, nowMs: number): boolean;
}

/** Allow `limit` attempts per key per `windowMs`; forgets old windows as it goes. */
export function createRateLimiter(limit: number, windowMs: number, maxKeys = 100_000): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    take(key, nowMs) {
      let w = windows.get(key);
      if (!w || nowMs - w.start >= windowMs) {
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (nowMs - v.start >= windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        }
        w = { start: nowMs, count: 0 };
        windows.set(key, w);
      }
      w.count++;
      return w.count <= limit;
    },
  };
}
