// Checking a scan with no connection (PRODUCT.md §3, `authentic_offline`): the scan is read
// with the same parseScan and client config as the server; a stamp's Ed25519 signature is
// checked against the issuer keys of the local copy. Only a valid signature by a key not
// revoked as of the last sync is authentic_offline. What needs the server (stamp issued
// and active, batch, repeat scans, the product — the payload names no product) waits for
// the upload. Anything else gets the same not-a-stamp card as online, from local data.
import type { Gs1PrefixRange } from '../../server/domain/gs1-prefix';
import { gtinTypoCandidates } from '../../server/domain/gtin';
import { describeNotAStamp } from '../../server/domain/not-a-stamp';
import { parseScan, type ParsedScan } from '../../server/domain/parse-scan';
import { routeScan, typedSerialNeedsConnectionReason } from '../../server/domain/scan-route';
import type { ProductSummary } from '../../server/domain/registry-types';
import type { Stamp } from '../../server/domain/stamp-codec';
import { verifyStampSignature } from '../../server/domain/stamp-signature';
import type { VerifyResult } from '../../server/domain/verify-result';
import { productIdsByGtin, productSummaries } from './catalogue-index';
import { loadCatalogueView } from './catalogue-offline';
import { loadRegistry, type RegistryView } from './registry-copy';
import type { OfflineStore } from './store';
import { checkedOffline, DEMO_ISSUER, keyRevoked, NO_REGISTRY, NOT_GENUINE, recheckOnline, signatureValid, unknownKey } from './verify-messages';

interface IssuerKey {
  publicKey: Uint8Array;
  issuerId: string;
  status: string;
  revokedAt: string | null;
}

interface VerifyContext {
  keys: Map<string, IssuerKey>;
  issuers: Map<string, { name: string; isDemo: boolean }>;
  gs1: Gs1PrefixRange[];
}

const VERIFY_KINDS = ['issuers', 'issuer_keys', 'gs1_prefixes', 'products'] as const;

/** Decode base64url (how issuer public keys travel in the registry); empty on bad input. */
export function decodeBase64Url(text: string): Uint8Array {
  try {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

function buildContext(view: RegistryView): VerifyContext {
  return {
    keys: new Map(
      view.rows('issuer_keys').map((k) => [
        String(k.id),
        { publicKey: decodeBase64Url(String(k.public_key)), issuerId: String(k.issuer_id), status: String(k.status), revokedAt: (k.revoked_at as string | null) ?? null },
      ]),
    ),
    issuers: new Map(view.rows('issuers').map((i) => [String(i.id), { name: String(i.name), isDemo: Number(i.is_demo) === 1 }])),
    gs1: view.rows('gs1_prefixes').map((r) => ({ start: String(r.prefix_start), end: String(r.prefix_end), digits: Number(r.prefix_digits), organisation: String(r.organisation) })),
  };
}

/** Check a scanned payload against the local copy, as of `now`. */
export async function verifyOffline(store: OfflineStore, payload: string, now: Date): Promise<VerifyResult> {
  const checkedAt = now.toISOString();
  const view = await loadRegistry(store, VERIFY_KINDS);
  if (!view || !view.config) {
    // A typed serial needs the server whatever the phone holds: say that rather than "no data yet".
    const bare = parseScan(payload, { publicHosts: [], officialDomains: [] });
    const reason = bare.kind === 'typed_serial' ? typedSerialNeedsConnectionReason(bare.serial) : NO_REGISTRY;
    return { verdict: 'unverified', reasons: [reason], checkedAt };
  }
  const context = view.derived('verify', () => buildContext(view));
  const dataAsOf = view.syncedAt ?? view.generatedAt;
  // Vietnam's calendar date (UTC+7), as the server's clock.today() gives it.
  const today = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const scan = parseScan(payload, { publicHosts: view.config.stampHosts, officialDomains: view.config.officialDomains, referenceYear: Number(today.slice(0, 4)) });

  // routeScan is shared with the server, so both dispatch a scan the same way.
  const route = routeScan(scan);
  if (route.to === 'stamp') return checkStamp(route.stamp, context, dataAsOf, checkedAt);
  if (route.to === 'typed_serial') return { verdict: 'unverified', reasons: [typedSerialNeedsConnectionReason(route.serial)], checkedAt };
  if (route.to === 'unverified') return { verdict: 'unverified', reasons: route.reasons, checkedAt, ...(route.url ? { url: route.url } : {}) };
  const matches = await registryMatches(store, view, scan, today);
  return describeNotAStamp(scan, { gs1Prefixes: context.gs1, productsByGtin: (gtin14) => matches.get(gtin14) ?? [], checkedAt });
}

async function checkStamp(stamp: Stamp, context: VerifyContext, dataAsOf: string, checkedAt: string): Promise<VerifyResult> {
  const base = { checkedAt, stamp: { serial: stamp.serial, kid: stamp.kid } };
  const key = context.keys.get(stamp.kid);
  if (!key) return { ...base, verdict: 'unverified', reasons: [NOT_GENUINE, unknownKey(stamp.kid, dataAsOf)] };
  if (!(await verifyStampSignature(key.publicKey, stamp))) return { ...base, verdict: 'unverified', reasons: [NOT_GENUINE, recheckOnline(dataAsOf)] };
  if (key.status === 'revoked') return { ...base, verdict: 'unverified', reasons: [keyRevoked(key.revokedAt), recheckOnline(dataAsOf)] };
  const issuer = context.issuers.get(key.issuerId) ?? { name: key.issuerId, isDemo: false };
  return {
    ...base,
    verdict: 'authentic_offline',
    reasons: [signatureValid(key.issuerId, issuer.name, issuer.isDemo), ...(issuer.isDemo ? [DEMO_ISSUER] : []), checkedOffline(dataAsOf)],
  };
}

/** Local products listing the scanned GTIN, looked up before the synchronous card is built. */
async function registryMatches(store: OfflineStore, view: RegistryView, scan: ParsedScan, today: string): Promise<Map<string, ProductSummary[]>> {
  const gtin14 = scan.kind === 'gtin' && scan.ok ? scan.gtin.gtin14 : scan.kind === 'digital_link' && scan.ok ? (scan.link.gtin?.gtin14 ?? null) : scan.kind === 'gs1' && scan.ok ? (scan.data.gtin?.gtin14 ?? null) : null;
  const matches = new Map<string, ProductSummary[]>();
  // A barcode failing its check digit: the codes one slip away, for "did you mean".
  const wanted = gtin14 ? [gtin14] : scan.kind === 'gtin' && !scan.ok ? gtinTypoCandidates(scan.digits).map((c) => c.padStart(14, '0')) : [];
  const found = wanted.map((g) => [g, productIdsByGtin(view.rows('products'), g)] as const).filter(([, ids]) => ids.length > 0);
  if (found.length === 0) return matches;
  const loaded = await loadCatalogueView(store);
  if (loaded) for (const [g, ids] of found) matches.set(g, productSummaries(loaded.catalogue, ids, today));
  return matches;
}
