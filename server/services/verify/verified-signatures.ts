// Repeat scans of a genuine stamp skip the curve math (an Ed25519 verification is ~130 µs
// of CPU on the 2-core reference box). Only successes are remembered, keyed by the exact
// kid, serial and signature bytes and tied to the public key that verified them, so:
// - a different signature for a real serial never hits: it costs one verification, the same
//   as a made-up serial or an unknown key, so timing cannot tell which serials exist;
// - forgeries cannot fill the cache (they never verify) and evict genuine entries;
// - a replaced key for a kid invalidates its entries.
import { createRecentCache } from '../../repositories/recent-cache';
import type { Stamp } from '../../domain/stamp-codec';

export interface VerifiedSignatureCache {
  /** True only if exactly this (kid, serial, signature) verified before under `publicKeyId`. */
  has(stamp: Stamp, publicKeyId: string): boolean;
  /** Remember a signature that has just verified under `publicKeyId`. */
  add(stamp: Stamp, publicKeyId: string): void;
}

/** An LRU of verified (kid, serial, signature) triples, at most `capacity` of them. */
export function createVerifiedSignatureCache(capacity: number): VerifiedSignatureCache {
  const verified = createRecentCache<string, string>(capacity);
  const keyOf = (s: Stamp) => `${s.kid}|${s.serial}|${Buffer.from(s.signature.buffer, s.signature.byteOffset, s.signature.byteLength).toString('base64')}`;
  return {
    has: (stamp, publicKeyId) => verified.get(keyOf(stamp)) === publicKeyId,
    add: (stamp, publicKeyId) => verified.set(keyOf(stamp), publicKeyId),
  };
}
