// Worker thread: signs its share of a batch and reports progress every 10,000 stamps.
import { parentPort, workerData } from 'node:worker_threads';
import { signSerialsHere } from './stamp-signer.repository';

const { seed, kid, serials } = workerData as { seed: Uint8Array; kid: string; serials: string[] };
const STEP = 10_000;
const parts: Buffer[] = [];
for (let i = 0; i < serials.length; i += STEP) {
  const slice = serials.slice(i, i + STEP);
  parts.push(signSerialsHere(seed, kid, slice));
  parentPort!.postMessage({ progress: slice.length });
}
const all = Buffer.concat(parts);
parentPort!.postMessage({ signatures: new Uint8Array(all.buffer, all.byteOffset, all.byteLength) });
