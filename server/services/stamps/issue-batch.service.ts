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
    async issueBatch(input: IssueBatchInput, onProgress?: IssueProgress): Promise<IssuedBatch> {
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
      const encodeUrl = createStampUrlEncoder(deps.publicUrl, kid);
      const stamps: IssuedStamp[] = list.map((serial, i) => {
        const url = encodeUrl(serial, signatures.subarray(i * 64, i * 64 + 64));
        if ((i + 1) % 100_000 === 0 || i + 1 === list.length) onProgress?.('encoding', i + 1, list.length);
        return input.withPin ? { serial, url, pin: String(randomInt(0, 100_000_000)).padStart(8, '0') } : { serial, url };
      });
      deps.stamps.transaction(() => {
        deps.stamps.insertBatch({
          id: batchId,
          productId: input.productId,
          issuerId: input.issuerId,
          kid,
          count: input.count,
          hasPin: input.withPin,
          expiresAt: input.expiresAt,
          status: 'active',
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
      return { batchId, kid, productId: input.productId, isDemo, createdAt, expiresAt: input.expiresAt, stamps };
    },
  };
}

export type IssueBatchService = ReturnType<typeof createIssueBatchService>;
