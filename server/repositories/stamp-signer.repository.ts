// Signs stamp messages with an issuer's private key using Node's OpenSSL Ed25519 (about
// 50 µs a signature here), spread over worker threads for big batches: a million stamps
// is a minute of one core's work, half that on two.
import { createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { stampSigningMessage } from '../domain/stamp-codec';
import { startWorker } from './worker-entry';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A KeyObject for a 32-byte Ed25519 seed. */
export function privateKeyObject(seed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(seed)]), format: 'der', type: 'pkcs8' });
}

/** Sign each serial's `NV1|kid|serial` message on this thread; 64-byte signatures, concatenated. */
export function signSerialsHere(seed: Uint8Array, kid: string, serials: string[]): Buffer {
  const key = privateKeyObject(seed);
  const out = Buffer.allocUnsafe(serials.length * 64);
  serials.forEach((serial, i) => sign(null, stampSigningMessage(kid, serial), key).copy(out, i * 64));
  return out;
}

/** Sign many serials, in parallel worker threads when the batch is large. */
export async function signSerials(seed: Uint8Array, kid: string, serials: string[], onProgress?: (done: number) => void): Promise<Buffer> {
  const threads = Math.max(1, Math.min(availableParallelism(), 8));
  if (serials.length < 20_000 || threads === 1) {
    const out = signSerialsHere(seed, kid, serials);
    onProgress?.(serials.length);
    return out;
  }
  const chunk = Math.ceil(serials.length / threads);
  let done = 0;
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, t) => {
      const slice = serials.slice(t * chunk, (t + 1) * chunk);
      return new Promise<Buffer>((resolve, reject) => {
        const worker = startWorker(import.meta.url, './stamp-signer.worker.ts', { workerData: { seed, kid, serials: slice } });
        worker.on('message', (m: { progress?: number; signatures?: Uint8Array }) => {
          if (m.progress) {
            done += m.progress;
            onProgress?.(done);
          }
          if (m.signatures) resolve(Buffer.from(m.signatures.buffer, m.signatures.byteOffset, m.signatures.byteLength));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => code !== 0 && reject(new Error(`signing worker exited with ${code}`)));
      });
    }),
  );
  return Buffer.concat(parts);
}
