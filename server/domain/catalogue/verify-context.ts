// What checking a scan needs from the registry, built once per registry version from
// typed rows: issuer keys (decoded) and issuers, GS1 prefix ranges, products by GTIN and
// their certificates. The server's verify service and the PWA's offline check both use it.
import type { Gs1PrefixRange } from '../gs1-prefix';
import type { RegistryKind } from '../registry-kinds';
import type { Reason } from '../verdict';
import { ocopExpiredReason, orderCertificates } from './certificate-state';
import { indexGtins } from './catalogue-index';
import { toCertification } from './records';
import type { RegistryRows, RowOf } from './typed-rows';

/** The kinds the verify context is built from. */
export const VERIFY_KINDS = ['issuers', 'issuer_keys', 'gs1_prefixes', 'products', 'ocop_certifications'] as const satisfies readonly RegistryKind[];

export interface IssuerKey {
  issuerId: string;
  publicKey: Uint8Array;
  /** The public key as stored (base64url): identifies it in caches of verified signatures. */
  publicKeyText: string;
  status: RowOf<'issuer_keys'>['status'];
  revokedAt: string | null;
}

export interface VerifyContext {
  keys: ReadonlyMap<string, IssuerKey>;
  issuers: ReadonlyMap<string, { name: string; isDemo: boolean }>;
  gs1Prefixes: readonly Gs1PrefixRange[];
  productIdsByGtin: ReadonlyMap<string, readonly string[]>;
  certificatesOfProduct: ReadonlyMap<string, readonly RowOf<'ocop_certifications'>[]>;
}

/** Decode base64url (how issuer public keys travel in the registry); empty on bad input. */
export function decodeBase64Url(text: string): Uint8Array {
  try {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

/** Build the verify context from rows of VERIFY_KINDS. */
export function buildVerifyContext(source: RegistryRows): VerifyContext {
  const certificatesOfProduct = new Map<string, RowOf<'ocop_certifications'>[]>();
  for (const cert of source.rows('ocop_certifications')) {
    const list = certificatesOfProduct.get(cert.product_id);
    if (list) list.push(cert);
    else certificatesOfProduct.set(cert.product_id, [cert]);
  }
  for (const [id, list] of certificatesOfProduct) certificatesOfProduct.set(id, orderCertificates(list));
  return {
    keys: new Map(
      source.rows('issuer_keys').map((k) => [k.id, { issuerId: k.issuer_id, publicKey: decodeBase64Url(k.public_key), publicKeyText: k.public_key, status: k.status, revokedAt: k.revoked_at }]),
    ),
    issuers: new Map(source.rows('issuers').map((i) => [i.id, { name: i.name, isDemo: i.is_demo === 1 }])),
    gs1Prefixes: source.rows('gs1_prefixes').map((r) => ({ start: r.prefix_start, end: r.prefix_end, digits: r.prefix_digits, organisation: r.organisation })),
    productIdsByGtin: indexGtins(source.rows('products')).productIdsByGtin,
    certificatesOfProduct,
  };
}

/** The caution for a product whose OCOP certification has lapsed on `today`, or null. */
export function productOcopReason(context: VerifyContext, productId: string, today: string): Reason | null {
  return ocopExpiredReason((context.certificatesOfProduct.get(productId) ?? []).map((row) => toCertification(row, today)), today);
}
