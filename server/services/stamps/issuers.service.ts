// Issuers and their Ed25519 keys. Public keys are registry records (they ride the sync
// feed to phones for offline checks); private keys go only to the key store's files.
import { derivePublicKey } from '../../domain/stamp-signature';
import type { StoredRecord } from '../import/normalise-record';
import type { KeyStore } from '../../repositories/key-store.repository';
import type { RegistryRepository } from '../../repositories/registry.repository';

export const DEMO_ISSUER_ID = 'demo-issuer';
const GENERATED = 'urn:nguon-viet:generated';

export interface IssuersService {
  /** Create the clearly labelled demo issuer and its first key, once. Returns its active kid. */
  ensureDemoIssuer(): Promise<string>;
  createIssuer(id: string, name: string, kind: 'registry_operator' | 'stamp_printer', isDemo: boolean): void;
  /** A new key for the issuer; its previous active key is retired but keeps verifying. */
  rotateKey(issuerId: string): Promise<string>;
  revokeKey(kid: string, reason: string): void;
  activeKid(issuerId: string): string | null;
}

/** Build the issuers service. */
export function createIssuersService(deps: { registry: RegistryRepository; keyStore: KeyStore; now: () => Date; randomBytes: (n: number) => Uint8Array }): IssuersService {
  const { registry, keyStore } = deps;
  const write = (kind: 'issuers' | 'issuer_keys', record: StoredRecord) => {
    const at = deps.now().toISOString();
    registry.transaction(() => {
      registry.upsert(kind, record, at);
      registry.appendChange(kind, String(record.id), record, at);
    });
  };
  const keysOf = (issuerId: string) => [...registry.allRecords('issuer_keys').values()].filter((k) => k.issuer_id === issuerId);

  function newKid(issuerId: string): string {
    const taken = new Set(registry.idsOf('issuer_keys'));
    const prefix = issuerId === DEMO_ISSUER_ID ? 'D' : 'K';
    for (let n = 1; ; n++) {
      const kid = `${prefix}${n}`;
      if (!taken.has(kid) && !keyStore.hasPrivateKey(kid)) return kid;
    }
  }

  const service: IssuersService = {
    async ensureDemoIssuer() {
      if (!registry.idsOf('issuers').has(DEMO_ISSUER_ID)) {
        service.createIssuer(DEMO_ISSUER_ID, 'Nguồn Việt — đơn vị phát hành tem MẪU (DEMO)', 'registry_operator', true);
      }
      return service.activeKid(DEMO_ISSUER_ID) ?? (await service.rotateKey(DEMO_ISSUER_ID));
    },
    createIssuer(id, name, kind, isDemo) {
      write('issuers', { id, name, kind, is_demo: isDemo ? 1 : 0, source_url: GENERATED, source_document: isDemo ? 'demo issuer created at first start' : 'created by an administrator' });
    },
    async rotateKey(issuerId) {
      if (!registry.idsOf('issuers').has(issuerId)) throw new Error(`no issuer ${issuerId}`);
      const seed = deps.randomBytes(32);
      const publicKey = await derivePublicKey(seed);
      const kid = newKid(issuerId);
      keyStore.writePrivateKey(kid, seed);
      const at = deps.now().toISOString();
      // One commit: no reader (the server, while a CLI rotates) ever sees the issuer without an active key.
      registry.transaction(() => {
        for (const old of keysOf(issuerId)) {
          if (old.status === 'active') write('issuer_keys', { ...old, status: 'retired', retired_at: at });
        }
        write('issuer_keys', {
          id: kid,
          issuer_id: issuerId,
          algorithm: 'Ed25519',
          public_key: Buffer.from(publicKey).toString('base64url'),
          status: 'active',
          created_at: at,
          retired_at: null,
          revoked_at: null,
          revoke_reason: null,
          source_url: GENERATED,
          source_document: `key generated for issuer ${issuerId}`,
        });
      });
      return kid;
    },
    revokeKey(kid, reason) {
      const key = registry.allRecords('issuer_keys').get(kid);
      if (!key) throw new Error(`no key ${kid}`);
      if (key.status === 'revoked') return;
      write('issuer_keys', { ...key, status: 'revoked', revoked_at: deps.now().toISOString(), revoke_reason: reason });
    },
    activeKid(issuerId) {
      const active = keysOf(issuerId).find((k) => k.status === 'active');
      return active ? String(active.id) : null;
    },
  };
  return service;
}
