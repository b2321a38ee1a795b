// The cache of verified stamp signatures.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../server/domain/base32';
import type { Stamp } from '../../server/domain/stamp-codec';
import { createVerifiedSignatureCache } from '../../server/services/verify/verified-signatures';

const serial = encodeBase32(new Uint8Array(10).fill(7));
const otherSerial = encodeBase32(new Uint8Array(10).fill(8));

describe('verified-signature cache', () => {
  const sig = (fill: number) => new Uint8Array(64).fill(fill);

  it('remembers exactly the (kid, serial, signature) that verified, under that key', () => {
    const cache = createVerifiedSignatureCache(10);
    const stamp: Stamp = { kid: 'K1', serial, signature: sig(1) };
    expect(cache.has(stamp, 'key-a')).toBe(false);
    cache.add(stamp, 'key-a');
    expect(cache.has({ ...stamp, signature: sig(1) }, 'key-a')).toBe(true);
    expect(cache.has(stamp, 'key-b')).toBe(false);
    expect(cache.has({ ...stamp, kid: 'K2' }, 'key-a')).toBe(false);
    expect(cache.has({ ...stamp, serial: otherSerial }, 'key-a')).toBe(false);
  });

  it('never accepts a different signature for a cached serial', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ minLength: 64, maxLength: 64 }), (a, b) => {
        const cache = createVerifiedSignatureCache(10);
        cache.add({ kid: 'K1', serial, signature: a }, 'key');
        const same = a.every((x, i) => x === b[i]);
        expect(cache.has({ kid: 'K1', serial, signature: b }, 'key')).toBe(same);
      }),
    );
  });

  it('compares only the signature bytes, not the buffer they sit in', () => {
    const cache = createVerifiedSignatureCache(10);
    const backing = new Uint8Array(80).fill(9);
    backing.set(sig(3), 8);
    cache.add({ kid: 'K1', serial, signature: backing.subarray(8, 72) }, 'key');
    expect(cache.has({ kid: 'K1', serial, signature: sig(3) }, 'key')).toBe(true);
  });

  it('forgets the least recently used entries beyond its capacity', () => {
    const cache = createVerifiedSignatureCache(4);
    const s = (n: number): Stamp => ({ kid: 'K1', serial, signature: sig(n) });
    cache.add(s(1), 'key');
    cache.add(s(2), 'key');
    expect(cache.has(s(1), 'key')).toBe(true);
    cache.add(s(3), 'key');
    expect(cache.has(s(2), 'key')).toBe(false);
    expect(cache.has(s(1), 'key')).toBe(true);
    expect(cache.has(s(3), 'key')).toBe(true);
  });
});

describe('rejected-signature list', () => {
  const sig = (fill: number) => new Uint8Array(64).fill(fill);

  it('remembers exactly the signature that failed, under that key, apart from the verified ones', () => {
    const cache = createVerifiedSignatureCache(10);
    const stamp: Stamp = { kid: 'K1', serial, signature: sig(1) };
    cache.reject(stamp, 'key-a');
    expect(cache.rejected({ ...stamp, signature: sig(1) }, 'key-a')).toBe(true);
    expect(cache.has(stamp, 'key-a')).toBe(false);
    expect(cache.rejected(stamp, 'key-b')).toBe(false);
    expect(cache.rejected({ ...stamp, signature: sig(2) }, 'key-a')).toBe(false);
    expect(cache.rejected({ ...stamp, serial: otherSerial }, 'key-a')).toBe(false);
  });

  it('an unknown kid checked against no key is verified afresh once the kid has a key', () => {
    const cache = createVerifiedSignatureCache(10);
    const stamp: Stamp = { kid: 'K9', serial, signature: sig(5) };
    cache.reject(stamp, '');
    expect(cache.rejected(stamp, '')).toBe(true);
    expect(cache.rejected(stamp, 'the-new-key')).toBe(false);
  });

  it('forgeries sent in bulk never push a verified signature out', () => {
    const cache = createVerifiedSignatureCache(8, 4);
    const genuine: Stamp = { kid: 'K1', serial, signature: sig(200) };
    cache.add(genuine, 'key');
    for (let n = 0; n < 100; n++) cache.reject({ kid: 'K1', serial: otherSerial, signature: sig(n) }, 'key');
    expect(cache.has(genuine, 'key')).toBe(true);
    expect(cache.rejected({ kid: 'K1', serial: otherSerial, signature: sig(99) }, 'key')).toBe(true);
    expect(cache.rejected({ kid: 'K1', serial: otherSerial, signature: sig(0) }, 'key')).toBe(false);
  });
});
