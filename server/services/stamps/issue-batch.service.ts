// Issue a batch of stamps for one product: random serials (80 bits, never sequential),
// signatures by the issuer's active key, optional scratch PINs stored only as keyed hashes.
import { randomInt } from 'node:crypto';
import { createStampUrlEncoder, generateSerial } from '../../domain/stamp-codec';
import type { KeyStore } from '../../repositories/key-store.repository';
import type { RegistryRepository } from '../../repositories/registry.repository';
import { signSerials } from '../../repositories/stamp-signer.repository';
import type { StampRepository } from '../../repositories/stamp.repository';
import { keyedHash } from '../verify/verify.service';
import type { IssuersService } from './issuers.service';

export interface IssueBatchInput {
  productId: string;
  count: number;
  withPin: boolean;
  expiresAt: string | null;
  issuerId: string;
}

export interface IssuedStamp {
  serial: string;
  url: string;
  pin?: string;
}

export interface IssuedBatch {
  batchId: string;
  kid: string;
  productId: string;
  isDemo: boolean;
  createdAt: string;
  expiresAt: string | null;
  stamps: IssuedStamp[];
}

export type IssueProgress = (phase: 'serials' | 'signing' | 'encoding' | 'storing', done: number, total: number) => void;

/**
 * Writes a batch's files (payloads, sheets) completely and durably before returning: the
 * batch becomes active only after it resolves. If it throws or the process dies, the batch
 * stays pending (its stamps verify as not issued) until it is resumed or discarded.
 */
export type WriteIssuedFiles = (batch: IssuedBatch) => Promise<void>;

export const MAX_BATCH = 5_000_000;

/** Build the batch issuing service. */
export function createIssueBatchService(deps: {
  registry: RegistryRepository;
  stamps: StampRepository;
  issuers: IssuersService;
  keyStore: KeyStore;
  publicUrl: string;
  now: () => Date;
  randomBytes: (n: number) => Uint8Array;
}) {
  return {
    async issueBatch(input: IssueBatchInput, onProgress?: IssueProgress, writeFiles?: WriteIssuedFiles): Promise<IssuedBatch> {
      if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_BATCH) throw new Error(`count must be a whole number from 1 to ${MAX_BATCH}`);
      if (!deps.registry.idsOf('products').has(input.productId)) throw new Error(`no product with id ${input.productId}`);
      const issuer = deps.registry.allRecords('issuers').get(input.issuerId);
      if (!issuer) throw new Error(`no issuer with id ${input.issuerId}`);
      const kid = deps.issuers.activeKid(input.issuerId);
      if (!kid) throw new Error(`issuer ${input.issuerId} has no active key`);
      const seed = deps.keyStore.readPrivateKey(kid);
      const secret = deps.keyStore.serverSecret();

      // One big draw from the CSPRNG, sliced: a million separate 10-byte calls cost seconds.
      let pool = deps.randomBytes(0);
      let offset = 0;
      const pooled = (n: number) => {
        if (offset + n > pool.length) {
          pool = deps.randomBytes(Math.max(n, Math.min(input.count, 100_000) * 10 + 64));
          offset = 0;
        }
        offset += n;
        return pool.subarray(offset - n, offset);
      };
      const serials = new Set<string>();
      while (serials.size < input.count) {
        serials.add(generateSerial(pooled));
        if (serials.size % 100_000 === 0) onProgress?.('serials', serials.size, input.count);
      }
      // Sorted, so the stamps B-tree is appended to in order rather than split at random.
      const list = [...serials].sort();
      onProgress?.('serials', list.length, input.count);
      const signatures = await signSerials(seed, kid, list, (done) => onProgress?.('signing', done, input.count));

      const createdAt = deps.now().toISOString();
      const batchId = `B${createdAt.slice(0, 10).replace(/-/g, '')}-${generateSerial(deps.randomBytes).slice(0, 8)}`;
      const isDemo = Number(issuer.is_demo) === 1;
      const stamps = encodeStamps(deps.publicUrl, kid, list, signatures, input.withPin, onProgress);
      // Stored pending: the batch is issued only once its files are complete (below).
      deps.stamps.transaction(() => {
        deps.stamps.insertBatch({
          id: batchId,
          productId: input.productId,
          issuerId: input.issuerId,
          kid,
          count: input.count,
          hasPin: input.withPin,
          expiresAt: input.expiresAt,
          status: 'pending',
          isDemo,
          createdAt,
          revokedAt: null,
          revokeReason: null,
        });
        const STEP = 50_000;
        for (let i = 0; i < stamps.length; i += STEP) {
          deps.stamps.insertStamps(
            stamps.slice(i, i + STEP).map((s) => ({ serial: s.serial, batchId, kid, pinHash: s.pin ? keyedHash(secret, `pin|${s.serial}|${s.pin}`) : null })),
          );
          onProgress?.('storing', Math.min(i + STEP, stamps.length), stamps.length);
        }
      });
      const batch: IssuedBatch = { batchId, kid, productId: input.productId, isDemo, createdAt, expiresAt: input.expiresAt, stamps };
      await completeBatch(batch, writeFiles);
      return batch;
    },

    /** Batches whose issuing stopped before their files were complete. */
    pendingBatches: () => deps.stamps.pendingBatches(),

    /**
     * Finish a pending batch: sign its stored serials again (Ed25519 signatures are
     * deterministic, so the URLs are the ones first made), draw new PINs (the first ones
     * were only ever in files that did not complete; their hashes are replaced), write the
     * files, then make it active.
     */
    async resumeBatch(batchId: string, onProgress?: IssueProgress, writeFiles?: WriteIssuedFiles): Promise<IssuedBatch> {
      const batch = deps.stamps.batch(batchId);
      if (!batch) throw new Error(`no batch ${batchId}`);
      if (batch.status !== 'pending') throw new Error(`batch ${batchId} is ${batch.status}, not pending: nothing to resume`);
      const key = deps.registry.allRecords('issuer_keys').get(batch.kid);
      if (!key || key.status === 'revoked') throw new Error(`the key ${batch.kid} that signed batch ${batchId} is revoked or unknown: discard the batch and issue a new one`);
      const seed = deps.keyStore.readPrivateKey(batch.kid);
      const serials = deps.stamps.serialsOfBatch(batchId);
      const signatures = await signSerials(seed, batch.kid, serials, (done) => onProgress?.('signing', done, serials.length));
      const stamps = encodeStamps(deps.publicUrl, batch.kid, serials, signatures, batch.hasPin, onProgress);
      if (batch.hasPin) {
        const secret = deps.keyStore.serverSecret();
        const STEP = 50_000;
        for (let i = 0; i < stamps.length; i += STEP) {
          deps.stamps.setPinHashes(batchId, stamps.slice(i, i + STEP).map((s) => ({ serial: s.serial, pinHash: keyedHash(secret, `pin|${s.serial}|${s.pin!}`) })));
          onProgress?.('storing', Math.min(i + STEP, stamps.length), stamps.length);
        }
      }
      const issued: IssuedBatch = { batchId, kid: batch.kid, productId: batch.productId, isDemo: batch.isDemo, createdAt: batch.createdAt, expiresAt: batch.expiresAt, stamps };
      await completeBatch(issued, writeFiles);
      return issued;
    },

    /** Delete a pending batch and its never-issued stamps; the number of stamps deleted. */
    discardBatch(batchId: string): number {
      const batch = deps.stamps.batch(batchId);
      if (!batch) throw new Error(`no batch ${batchId}`);
      const deleted = deps.stamps.discardBatch(batchId);
      if (deleted < 0) throw new Error(`batch ${batchId} is ${batch.status}, not pending: only a pending batch can be discarded (revoke an issued one)`);
      return deleted;
    },
  };

  async function completeBatch(batch: IssuedBatch, writeFiles: WriteIssuedFiles | undefined): Promise<void> {
    if (writeFiles) await writeFiles(batch);
    if (!deps.stamps.activateBatch(batch.batchId)) throw new Error(`batch ${batch.batchId} was no longer pending (discarded meanwhile?)`);
  }
}

/** The stamps' URLs (and fresh PINs) from sorted serials and their 64-byte signatures. */
function encodeStamps(publicUrl: string, kid: string, serials: string[], signatures: Uint8Array, withPin: boolean, onProgress?: IssueProgress): IssuedStamp[] {
  const encodeUrl = createStampUrlEncoder(publicUrl, kid);
  return serials.map((serial, i) => {
    const url = encodeUrl(serial, signatures.subarray(i * 64, i * 64 + 64));
    if ((i + 1) % 100_000 === 0 || i + 1 === serials.length) onProgress?.('encoding', i + 1, serials.length);
    return withPin ? { serial, url, pin: String(randomInt(0, 100_000_000)).padStart(8, '0') } : { serial, url };
  });
}

export type IssueBatchService = ReturnType<typeof createIssueBatchService>;
