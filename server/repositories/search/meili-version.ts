// Which Meilisearch servers this engine can use. 1.7 is the first whose tokenizer folds
// Vietnamese like ours (đ→d, every mark removed; README, "Search engines"); later versions only add
// settings, which are sent when the server understands them.

export interface MeiliVersion {
  major: number;
  minor: number;
  patch: number;
  /** The version string as the server reported it. */
  raw: string;
}

export const MIN_MEILI_VERSION = { major: 1, minor: 7 } as const;
/** `localizedAttributes` and the `locales` search parameter arrived in 1.10. */
export const LOCALIZED_ATTRIBUTES_VERSION = { major: 1, minor: 10 } as const;

/** The server is older than this engine supports (or reports a version we cannot read). */
export class MeiliVersionError extends Error {
  override name = 'MeiliVersionError';
  constructor(readonly reported: string) {
    super(
      `Meilisearch ${reported || '(unknown version)'} is not supported: ` +
        `version ${MIN_MEILI_VERSION.major}.${MIN_MEILI_VERSION.minor} or later is required to fold Vietnamese (đ→d, tone marks)`,
    );
  }
}

/** Read "1.12.3" or "1.13.0-rc.1" (GET /version's pkgVersion); null when it is not a version. */
export function parseMeiliVersion(pkgVersion: string): MeiliVersion | null {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(pkgVersion.trim());
  if (!match) return null;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), raw: pkgVersion };
}

/** True when `version` is at least major.minor. */
export function isAtLeast(version: MeiliVersion, wanted: { major: number; minor: number }): boolean {
  return version.major > wanted.major || (version.major === wanted.major && version.minor >= wanted.minor);
}

/** Parse the reported version and throw MeiliVersionError when it is older than 1.7. */
export function requireSupportedVersion(pkgVersion: string): MeiliVersion {
  const version = parseMeiliVersion(pkgVersion);
  if (!version || !isAtLeast(version, MIN_MEILI_VERSION)) throw new MeiliVersionError(pkgVersion);
  return version;
}
