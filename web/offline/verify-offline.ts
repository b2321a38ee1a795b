// Checking a scan with no connection (PRODUCT.md §3, `authentic_offline`): the scan is read
// with the same parseScan and client config as the server; a stamp's Ed25519 signature is
// checked against the issuer keys of the local copy's verify context (the server's, fed
// from IndexedDB). Only a valid signature by a key not revoked as of the last sync is
// authentic_offline. What needs the server (stamp issued and active, batch, repeat scans)
// waits for the upload; a signed Digital Link names its product's GTIN, so a lapsed OCOP
// certificate of that product is said offline too, as the server says it (caution).
// Anything else gets the same not-a-stamp card as online, from local data.
import { CATALOGUE_KINDS } from '../../server/domain/catalogue/catalogue-index';
import { vietnamDay } from '../../server/domain/catalogue/dates';
import { productSummaries } from '../../server/domain/catalogue/product-card';
import type { ReadModel } from '../../server/domain/catalogue/read-model';
import { productOcopReason, VERIFY_KINDS, type VerifyContext } from '../../server/domain/catalogue/verify-context';
import { checkedOffline, DEMO_ISSUER, keyRevoked, NO_REGISTRY, NOT_GENUINE, recheckOnline, signatureValid, unknownKey } from '../../server/domain/catalogue/verify-reasons';
import { gtinTypoCandidates } from '../../server/domain/gtin';
import { describeNotAStamp } from '../../server/domain/not-a-stamp';
import { parseScan, type ParsedScan } from '../../server/domain/parse-scan';
import type { ProductSummary } from '../../server/domain/registry-types';
import { routeScan, typedSerialNeedsConnectionReason } from '../../server/domain/scan-route';
import type { Stamp } from '../../server/domain/stamp-codec';
import { verifyStampSignature } from '../../server/domain/stamp-signature';
import type { VerifyResult } from '../../server/domain/verify-result';
import { loadReadModel } from './catalogue-offline';
import type { OfflineStore } from './store';

/** Check a scanned payload against the local copy, as of `now`. */
export async function verifyOffline(store: OfflineStore, payload: string, now: Date): Promise<VerifyResult> {
  const checkedAt = now.toISOString();
  const loaded = await loadReadModel(store, VERIFY_KINDS);
  if (!loaded || !loaded.view.config) {
    // A typed serial needs the server whatever the phone holds: say that rather than "no data yet".
    const bare = parseScan(payload, { publicHosts: [], officialDomains: [] });
    const reason = bare.kind === 'typed_serial' ? typedSerialNeedsConnectionReason(bare.serial) : NO_REGISTRY;
    return { verdict: 'unverified', reasons: [reason], checkedAt };
  }
  const { view, model } = loaded;
  const config = loaded.view.config;
  const context = model.verify();
  const dataAsOf = view.syncedAt ?? view.generatedAt;
  const today = vietnamDay(now);
  const scan = parseScan(payload, { publicHosts: config.stampHosts, officialDomains: config.officialDomains, referenceYear: Number(today.slice(0, 4)) });

  // routeScan is shared with the server, so both dispatch a scan the same way.
  const route = routeScan(scan);
  if (route.to === 'stamp') return checkStamp(route.stamp, route.gtinOfLink, context, dataAsOf, checkedAt, today);
  if (route.to === 'typed_serial') return { verdict: 'unverified', reasons: [typedSerialNeedsConnectionReason(route.serial)], checkedAt };
  if (route.to === 'unverified') return { verdict: 'unverified', reasons: route.reasons, checkedAt, ...(route.url ? { url: route.url } : {}) };
  const matches = await registryMatches(store, context, scan, today);
  return describeNotAStamp(scan, { gs1Prefixes: context.gs1Prefixes, productsByGtin: (gtin14) => matches.get(gtin14) ?? [], checkedAt });
}

async function checkStamp(stamp: Stamp, gtinOfLink: string | null, context: VerifyContext, dataAsOf: string, checkedAt: string, today: string): Promise<VerifyResult> {
  const base = { checkedAt, stamp: { serial: stamp.serial, kid: stamp.kid } };
  const key = context.keys.get(stamp.kid);
  if (!key) return { ...base, verdict: 'unverified', reasons: [NOT_GENUINE, unknownKey(stamp.kid, dataAsOf)] };
  if (!(await verifyStampSignature(key.publicKey, stamp))) return { ...base, verdict: 'unverified', reasons: [NOT_GENUINE, recheckOnline(dataAsOf)] };
  if (key.status === 'revoked') return { ...base, verdict: 'unverified', reasons: [keyRevoked(key.revokedAt), recheckOnline(dataAsOf)] };
  const issuer = context.issuers.get(key.issuerId) ?? { name: key.issuerId, isDemo: false };
  // Only a GTIN naming exactly one product says which product the stamp is for.
  const productIds = gtinOfLink ? (context.productIdsByGtin.get(gtinOfLink) ?? []) : [];
  const lapsed = productIds.length === 1 ? productOcopReason(context, productIds[0]!, today) : null;
  return {
    ...base,
    verdict: lapsed ? 'caution' : 'authentic_offline',
    reasons: [signatureValid(key.issuerId, issuer.name, issuer.isDemo), ...(issuer.isDemo ? [DEMO_ISSUER] : []), ...(lapsed ? [lapsed] : []), checkedOffline(dataAsOf)],
  };
}

/** Local products listing the scanned GTIN, looked up before the synchronous card is built. */
async function registryMatches(store: OfflineStore, context: VerifyContext, scan: ParsedScan, today: string): Promise<Map<string, ProductSummary[]>> {
  const gtin14 = scan.kind === 'gtin' && scan.ok ? scan.gtin.gtin14 : scan.kind === 'digital_link' && scan.ok ? (scan.link.gtin?.gtin14 ?? null) : scan.kind === 'gs1' && scan.ok ? (scan.data.gtin?.gtin14 ?? null) : null;
  const matches = new Map<string, ProductSummary[]>();
  // A barcode failing its check digit: the codes one slip away, for "did you mean".
  const wanted = gtin14 ? [gtin14] : scan.kind === 'gtin' && !scan.ok ? gtinTypoCandidates(scan.digits).map((c) => c.padStart(14, '0')) : [];
  const found = wanted.flatMap((g) => {
    const ids = context.productIdsByGtin.get(g);
    return ids?.length ? [[g, ids] as const] : [];
  });
  if (found.length === 0) return matches;
  const loaded = await loadReadModel(store, CATALOGUE_KINDS);
  const catalogue: ReadModel | undefined = loaded?.model;
  if (catalogue) for (const [g, ids] of found) matches.set(g, productSummaries(catalogue.catalogue(), ids, today));
  return matches;
}
