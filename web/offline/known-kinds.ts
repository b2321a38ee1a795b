// The registry kinds this version of the PWA keeps. Listed here rather than imported from
// registry-kinds.ts so the column specs stay out of the sync worker and the first screen
// (only the lazily loaded read model carries them, to type rows); the Record type makes tsc
// fail when the server adds or renames a kind and this list is not updated.
import type { RegistryKind } from '../../server/domain/registry-kinds';

const KINDS: Record<RegistryKind, true> = {
  places: true,
  place_aliases: true,
  producers: true,
  products: true,
  ocop_certifications: true,
  marks: true,
  mark_links: true,
  awards: true,
  award_programmes: true,
  gs1_prefixes: true,
  ocop_stats: true,
  ocop_rules: true,
  ocop_categories: true,
  issuers: true,
  issuer_keys: true,
};

/** True for a kind the local copy keeps. */
export function isKnownKind(kind: string): kind is RegistryKind {
  return Object.prototype.hasOwnProperty.call(KINDS, kind);
}
