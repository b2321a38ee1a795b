// Token buckets per key, in memory and bounded: the keys are caller-chosen (addresses,
// networks), so the map holds at most `maxKeys` of them and forgets the least recent.
import { createRecentCache } from '../../repositories/recent-cache';

export interface BucketRule {
  /** Requests allowed at once. */
  burst: number;
  /** Requests added back per second. */
  perSecond: number;
}

export interface TokenBuckets {
  /** Take one token for `key`; 0 when allowed, else the milliseconds until one is back. */
  take(key: string, nowMs: number): number;
}

/** Buckets of one rule, at most `maxKeys` keys (default 100,000: ~10 MB). */
export function createTokenBuckets(rule: BucketRule, maxKeys = 100_000): TokenBuckets {
  const buckets = createRecentCache<string, { tokens: number; at: number }>(maxKeys);
  return {
    take(key, nowMs) {
      let b = buckets.get(key);
      if (!b) {
        b = { tokens: rule.burst, at: nowMs };
        buckets.set(key, b);
      } else {
        b.tokens = Math.min(rule.burst, b.tokens + ((nowMs - b.at) / 1000) * rule.perSecond);
        b.at = nowMs;
      }
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return rule.perSecond > 0 ? Math.ceil(((1 - b.tokens) / rule.perSecond) * 1000) : 3600_000;
    },
  };
}
