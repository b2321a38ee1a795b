// The server's signature check (node:crypto, in place) and the cache of verified stamps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../server/domain/base32';
import type { Stamp } from '../../server/domain/stamp-codec';
import { generateKeyPair, signStamp, verifyStampSignature } from '../../server/domain/stamp-signature';
import { verifyStampSignatureHere } from '../../server/services/verify/node-ed25519';
import { createVerifiedSignatureCache } from '../../server/services/verify/verified-signatures';

const serial = encodeBase32(new Uint8Array(10).fill(7));
const otherSerial = encodeBase32(new Uint8Array(10).fill(8));

describe('verifyStampSignatureHere (node:crypto)', () => {
  it('agrees with the WebCrypto and noble paths on genuine, tampered and malformed input', async () => {
    const { privateKey, publicKey } = await generateKeyPair();
    const other = await generateKeyPair();
    const signature = await signStamp(privateKey, 'K1', serial);
    const stamp: Stamp = { kid: 'K1', serial, signature };
    const flipped = signature.slice();
    flipped[10]! ^= 1;
    const cases: [Uint8Array, Stamp][] = [
      [publicKey, stamp],
      [publicKey, { ...stamp, kid: 'K2' }],
      [publicKey, { ...stamp, serial: otherSerial }],
      [other.publicKey, stamp],
      [publicKey, { ...stamp, signature: flipped }],
      [publicKey.slice(0, 31), stamp],
      [new Uint8Array(32).fill(0xff), stamp],
      [publicKey, { ...stamp, signature: signature.slice(0, 63) }],
      [publicKey, { ...stamp, signature: new Uint8Array(64).fill(0xff) }],
      [publicKey, { ...stamp, kid: 'k1' }],
      [publicKey, { ...stamp, serial: 'not-a-serial' }],
    ];
    for (const [key, s] of cases) {
      const expected = await verifyStampSignature(key, s, 'webcrypto');
      expect(await verifyStampSignature(key, s, 'noble')).toBe(expected);
      expect(verifyStampSignatureHere(key, s)).toBe(expected);
    }
    expect(verifyStampSignatureHere(publicKey, stamp)).toBe(true);
  });

  it('rejects every single-bit change of a genuine signature', async () => {
    const { privateKey, publicKey } = await generateKeyPair();
    const signature = await signStamp(privateKey, 'K1', serial);
    for (let bit = 0; bit < 512; bit++) {
      const s = signature.slice();
      s[bit >> 3]! ^= 1 << (bit & 7);
      expect(verifyStampSignatureHere(publicKey, { kid: 'K1', serial, signature: s })).toBe(false);
    }
  });
});

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
    const cache = createVerifiedSignatureCache(2);
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
