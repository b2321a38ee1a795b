import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../server/domain/base32';
import { stampSigningMessage, type Stamp } from '../../server/domain/stamp-codec';
import { derivePublicKey, detectEd25519Backend, generateKeyPair, signStamp, verifyStampSignature, type Ed25519Backend } from '../../server/domain/stamp-signature';
import * as ed from '@noble/ed25519';

const serial = encodeBase32(new Uint8Array(10).fill(7));
const backends: Ed25519Backend[] = ['webcrypto', 'noble'];

describe('Ed25519 backend', () => {
  it('uses WebCrypto Ed25519 on Node 20', async () => {
    expect(await detectEd25519Backend()).toBe('webcrypto');
  });
});

describe.each(backends)('stamp signatures (%s)', (backend) => {
  it('signs NV1|kid|serial and verifies it', async () => {
    const { privateKey, publicKey } = await generateKeyPair();
    expect(privateKey).toHaveLength(32);
    expect(await derivePublicKey(privateKey)).toEqual(publicKey);
    const signature = await signStamp(privateKey, 'K1', serial, backend);
    expect(signature).toHaveLength(64);
    // Independent check: noble over the documented message bytes.
    expect(await ed.verifyAsync(signature, stampSigningMessage('K1', serial), publicKey)).toBe(true);
    expect(await verifyStampSignature(publicKey, { kid: 'K1', serial, signature }, backend)).toBe(true);
  });

  it('rejects a signature over another kid or serial, by another key, or tampered', async () => {
    const { privateKey, publicKey } = await generateKeyPair();
    const other = await generateKeyPair();
    const signature = await signStamp(privateKey, 'K1', serial, backend);
    const stamp: Stamp = { kid: 'K1', serial, signature };
    const flipped = signature.slice();
    flipped[10]! ^= 1;
    expect(await verifyStampSignature(publicKey, { ...stamp, kid: 'K2' }, backend)).toBe(false);
    expect(await verifyStampSignature(publicKey, { ...stamp, serial: encodeBase32(new Uint8Array(10).fill(8)) }, backend)).toBe(false);
    expect(await verifyStampSignature(other.publicKey, stamp, backend)).toBe(false);
    expect(await verifyStampSignature(publicKey, { ...stamp, signature: flipped }, backend)).toBe(false);
  });

  it('returns false, never throws, on malformed keys, signatures, kids and serials', async () => {
    const { privateKey, publicKey } = await generateKeyPair();
    const signature = await signStamp(privateKey, 'K1', serial, backend);
    const stamp: Stamp = { kid: 'K1', serial, signature };
    const notAPoint = new Uint8Array(32).fill(0xff);
    for (const [key, s] of [
      [publicKey.slice(0, 31), stamp],
      [new Uint8Array(0), stamp],
      [notAPoint, stamp],
      [publicKey, { ...stamp, signature: signature.slice(0, 63) }],
      [publicKey, { ...stamp, signature: new Uint8Array(64).fill(0xff) }],
      [publicKey, { ...stamp, kid: 'k1' }],
      [publicKey, { ...stamp, serial: 'not-a-serial' }],
    ] as [Uint8Array, Stamp][]) {
      await expect(verifyStampSignature(key, s, backend)).resolves.toBe(false);
    }
  });
});

describe('both backends agree', () => {
  it('produces identical (deterministic) signatures and cross-verifies', async () => {
    const { privateKey, publicKey } = await generateKeyPair();
    const viaWebCrypto = await signStamp(privateKey, 'ABC', serial, 'webcrypto');
    const viaNoble = await signStamp(privateKey, 'ABC', serial, 'noble');
    expect(viaWebCrypto).toEqual(viaNoble);
    expect(await verifyStampSignature(publicKey, { kid: 'ABC', serial, signature: viaNoble }, 'webcrypto')).toBe(true);
  });

  it('derives the RFC 8032 §7.1 TEST 2 public key', async () => {
    const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));
    const secret = hex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
    expect(await derivePublicKey(secret)).toEqual(hex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c'));
  });
});
