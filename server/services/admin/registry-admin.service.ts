// The registry admins' operations from the console, each audited: an uploaded registry
// file is first only diffed (dry run), then applied if the registry has not changed since
// the diff was shown; a batch is issued and its printable sheet handed over once (PINs are
// never stored in clear); a batch or a stamp is revoked with a reason.
import { toTypedRows } from '../../domain/catalogue/typed-rows';
import { renderStampSheetPdf } from '../../repositories/stamp-sheet/render-sheet-pdf';
import type { StampSheet } from '../../repositories/stamp-sheet/stamp-sheet.types';
import type { Clock } from '../../repositories/clock';
import type { RegistryRepository } from '../../repositories/registry.repository';
import type { Batch } from '../../repositories/stamp.repository';
import type { Actor, AuditService } from '../audit/audit.service';
import { applyImport, planImport, type ImportSource, type ImportSummary, type KindDiff } from '../import/import.service';
import type { ImportIssue } from '../import/read-import-file';
import type { IssueBatchService } from '../stamps/issue-batch.service';
import type { IssuersService } from '../stamps/issuers.service';

/** An issuer's signing key as admins see it (public facts only; private keys never leave the key folder). */
export interface KeyView {
  kid: string;
  issuerId: string;
  status: string;
  createdAt: string | null;
  retiredAt: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
}

/** Most ids of each kind listed in a diff shown on screen (the counts are always whole). */
const DIFF_LIST_MAX = 50;
/** Batches issued from the console; larger runs belong to `npm run stamps:issue`. */
export const CONSOLE_BATCH_MAX = 2000;

export interface DiffView {
  kind: string;
  files: string[];
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  addedIds: string[];
  changedRecords: KindDiff['changed'];
  removedIds: string[];
}

export interface DryRun {
  ok: boolean;
  issues: ImportIssue[];
  diffs: DiffView[];
  /** The registry version the diff was made against: apply only if it is still current. */
  version: number;
}

export type ApplyOutcome = { ok: true; summary: ImportSummary } | { ok: false; code: 'invalid_file' | 'registry_changed'; dryRun: DryRun };

/** The parts of the stamp repository this service uses (its public interface only). */
export interface StampRevocation {
  batch(id: string): Batch | null;
  stamp(serial: string): { serial: string; status: string } | null;
  revokeBatch(id: string, at: string, reason: string): number;
  revokeStamp(serial: string, at: string, reason: string): boolean;
}

export interface RegistryAdminService {
  dryRunImport(files: ImportSource[], prune: boolean): DryRun;
  applyImport(actor: Actor, files: ImportSource[], prune: boolean, expectedVersion: number): Promise<ApplyOutcome>;
  issueBatch(actor: Actor, input: { productId: string; count: number; withPin: boolean; expiresAt: string | null }): Promise<{ ok: true; batchId: string; count: number; pdf: Buffer } | { ok: false; code: 'unknown_product' | 'no_active_key' }>;
  revoke(actor: Actor, target: { batchId: string } | { serial: string }, reason: string): { ok: true; revoked: number } | { ok: false; code: 'not_found' };
  keys(): KeyView[];
  rotateKey(actor: Actor, issuerId: string): Promise<{ ok: true; kid: string } | { ok: false; code: 'not_found' }>;
  /** Final: every stamp the key signed then answers unverified (key_revoked). */
  revokeKey(actor: Actor, kid: string, reason: string): { ok: true; issuerHasActiveKey: boolean } | { ok: false; code: 'not_found' | 'already_revoked' };
}

export function createRegistryAdminService(deps: {
  registry: RegistryRepository;
  issuing: () => IssueBatchService;
  issuers: IssuersService;
  stamps: StampRevocation;
  catalogue: { productSummaries(ids: string[], today: string): { id: string; name: string; producerName: string | null }[] };
  catchUpSearch: () => Promise<unknown>;
  audit: AuditService;
  clock: Clock;
}): RegistryAdminService {
  const { registry, audit, clock } = deps;
  const dryRun = (files: ImportSource[], prune: boolean) => {
    const version = registry.currentVersion();
    const plan = planImport(files, registry, { prune });
    const view: DryRun = {
      ok: plan.ok,
      issues: plan.issues.slice(0, 200),
      version,
      diffs: plan.diffs.map((d) => ({
        kind: d.kind,
        files: d.files,
        added: d.added.length,
        changed: d.changed.length,
        unchanged: d.unchanged,
        removed: d.removed.length,
        addedIds: d.added.slice(0, DIFF_LIST_MAX),
        changedRecords: d.changed.slice(0, DIFF_LIST_MAX),
        removedIds: d.removed.slice(0, DIFF_LIST_MAX),
      })),
    };
    return { plan, view };
  };
  return {
    dryRunImport: (files, prune) => dryRun(files, prune).view,

    async applyImport(actor, files, prune, expectedVersion) {
      const { plan, view } = dryRun(files, prune);
      if (!plan.ok) return { ok: false, code: 'invalid_file', dryRun: view };
      // Someone else changed the registry after this diff was shown: show the new diff first.
      if (view.version !== expectedVersion) return { ok: false, code: 'registry_changed', dryRun: view };
      const summary = applyImport(plan, registry, () => clock.now());
      audit.record(actor, 'registry.import', { type: 'registry', id: files.map((f) => f.file).join(', ') }, { version: summary.fromVersion }, { ...summary, prune });
      await deps.catchUpSearch();
      return { ok: true, summary };
    },

    async issueBatch(actor, input) {
      const today = clock.today();
      const product = deps.catalogue.productSummaries([input.productId], today)[0];
      if (!product) return { ok: false, code: 'unknown_product' };
      let batch;
      try {
        batch = await deps.issuing().issueBatch({ ...input, issuerId: defaultIssuer(registry) });
      } catch (e) {
        if (/no active key/.test((e as Error).message)) return { ok: false, code: 'no_active_key' };
        throw e;
      }
      const sheet: StampSheet = {
        batchId: batch.batchId,
        productName: product.name,
        producerName: product.producerName,
        issuedAt: batch.createdAt,
        demo: batch.isDemo,
        includePins: input.withPin,
        stamps: batch.stamps.map((s) => (input.withPin && s.pin ? { serial: s.serial, url: s.url, pin: s.pin } : { serial: s.serial, url: s.url })),
      };
      const pdf = await renderStampSheetPdf(sheet);
      audit.record(actor, 'batch.issue', { type: 'batch', id: batch.batchId }, null, { productId: input.productId, count: batch.stamps.length, withPin: input.withPin, expiresAt: input.expiresAt, kid: batch.kid });
      return { ok: true, batchId: batch.batchId, count: batch.stamps.length, pdf };
    },

    keys() {
      return toTypedRows('issuer_keys', [...registry.allRecords('issuer_keys').values()])
        .map((k) => ({ kid: k.id, issuerId: k.issuer_id, status: k.status, createdAt: k.created_at, retiredAt: k.retired_at, revokedAt: k.revoked_at, revokeReason: k.revoke_reason }))
        .sort((a, b) => a.issuerId.localeCompare(b.issuerId) || a.kid.localeCompare(b.kid, 'en', { numeric: true }));
    },

    async rotateKey(actor, issuerId) {
      if (!registry.idsOf('issuers').has(issuerId)) return { ok: false, code: 'not_found' };
      const before = deps.issuers.activeKid(issuerId);
      const kid = await deps.issuers.rotateKey(issuerId);
      audit.record(actor, 'key.rotate', { type: 'issuer', id: issuerId }, { activeKid: before }, { activeKid: kid });
      await deps.catchUpSearch();
      return { ok: true, kid };
    },

    revokeKey(actor, kid, reason) {
      const key = registry.allRecords('issuer_keys').get(kid);
      if (!key) return { ok: false, code: 'not_found' };
      if (key.status === 'revoked') return { ok: false, code: 'already_revoked' };
      deps.issuers.revokeKey(kid, reason);
      audit.record(actor, 'key.revoke', { type: 'issuer_key', id: kid }, { status: key.status }, { status: 'revoked', reason });
      return { ok: true, issuerHasActiveKey: deps.issuers.activeKid(String(key.issuer_id)) !== null };
    },

    revoke(actor, target, reason) {
      const at = clock.now().toISOString();
      if ('batchId' in target) {
        const before = deps.stamps.batch(target.batchId);
        if (!before) return { ok: false, code: 'not_found' };
        const revoked = deps.stamps.revokeBatch(target.batchId, at, reason);
        audit.record(actor, 'batch.revoke', { type: 'batch', id: target.batchId }, { status: before.status }, { status: 'revoked', reason, stampsRevoked: revoked });
        return { ok: true, revoked };
      }
      const before = deps.stamps.stamp(target.serial);
      if (!before) return { ok: false, code: 'not_found' };
      const revoked = deps.stamps.revokeStamp(target.serial, at, reason) ? 1 : 0;
      audit.record(actor, 'stamp.revoke', { type: 'stamp', id: target.serial }, { status: before.status }, { status: 'revoked', reason });
      return { ok: true, revoked };
    },
  };
}

/** The issuer batches are signed by: the one real issuer if there is one, else the demo issuer. */
function defaultIssuer(registry: RegistryRepository): string {
  const ids = [...registry.idsOf('issuers')].sort();
  return ids.find((id) => id !== 'demo-issuer') ?? 'demo-issuer';
}
