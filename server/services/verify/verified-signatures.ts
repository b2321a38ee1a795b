// Repeat scans skip the curve math (an Ed25519 verification is ~130 µs of CPU on the 2-core
// reference box), for genuine stamps and for forgeries alike: a counterfeiter who cannot sign
// prints one forged code on every fake, and the same label gets scanned again and again.
// Entries are keyed by the exact kid, serial and signature bytes and tied to the public key
// they were checked against, so:
// - a different signature for a real serial never hits: it costs one verification, the same
//   as a made-up serial or an unknown key, so timing cannot tell which serials exist (and a
//   repeated forgery of a real serial and a repeated made-up one are both answered from the
//   rejected list, in the same time);
// - genuine and rejected signatures live in separate lists, so forgeries sent to fill the
//   cache only churn the rejected list, and each of them costs the sender a verification;
// - a replaced key for a kid invalidates its entries (an unknown kid is checked against no
//   key: once the kid is known, its stamps are verified afresh).
import { createRecentCache } from '../../repositories/recent-cache';
import type { Stamp } from '../../domain/stamp-codec';

export interface VerifiedSignatureCache {
  /** True only if exactly this (kid, serial, signature) verified before under `publicKeyId`. */
  has(stamp: Stamp, publicKeyId: string): boolean;
  /** Remember a signature that has just verified under `publicKeyId`. */
  add(stamp: Stamp, publicKeyId: string): void;
  /** True only if exactly this (kid, serial, signature) failed before under `publicKeyId` ('' for an unknown kid). */
  rejected(stamp: Stamp, publicKeyId: string): boolean;
  /** Remember a signature that has just failed under `publicKeyId` ('' for an unknown kid). */
  reject(stamp: Stamp, publicKeyId: string): void;
}

/** LRUs of verified and of rejected (kid, serial, signature) triples, at most `capacity` and `rejectedCapacity` of them. */
export function createVerifiedSignatureCache(capacity: number, rejectedCapacity = Math.ceil(capacity / 5)): VerifiedSignatureCache {
  const verified = createRecentCache<string, string>(capacity);
  const failed = createRecentCache<string, string>(rejectedCapacity);
  const keyOf = (s: Stamp) => `${s.kid}|${s.serial}|${Buffer.from(s.signature.buffer, s.signature.byteOffset, s.signature.byteLength).toString('base64')}`;
  return {
    has: (stamp, publicKeyId) => verified.get(keyOf(stamp)) === publicKeyId,
    add: (stamp, publicKeyId) => verified.set(keyOf(stamp), publicKeyId),
    rejected: (stamp, publicKeyId) => failed.get(keyOf(stamp)) === publicKeyId,
    reject: (stamp, publicKeyId) => failed.set(keyOf(stamp), publicKeyId),
  };
}
