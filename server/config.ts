// Every setting comes from an environment variable with a safe default, read once here
// (CONVENTIONS 13) and passed down. README lists them.

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  dataDir: string;
  /** Import data/ into an empty registry at start-up. */
  seedOnStart: boolean;
  publicUrl: string;
  meili: { url: string; masterKey: string | undefined; index: string } | null;
  /** Most change-log entries one /api/sync/changes page returns. */
  syncPageSize: number;
  /** Past this many pending changes a client is told to take a fresh snapshot instead. */
  syncMaxDelta: number;
  logRequests: boolean;
  /** Folder of private issuer keys and the server secret (created 0700, files 0600). */
  issuerKeyDir: string;
  /** Create the clearly labelled demo issuer and key on first run. */
  demoIssuer: boolean;
  /** Hosts whose stamp URLs are ours (from PUBLIC_URL plus STAMP_HOSTS). */
  stampHosts: string[];
  /** Official domains that lookalike checks compare against. */
  officialDomains: string[];
  /** Distinct other phones that may check a stamp before it is a caution (a 4th is, by default). */
  stampOtherDevices: number;
  /** Scans in two provinces closer in time than this are impossible travel. */
  stampTravelHours: number;
  /**
   * How many trusted reverse proxies stand in front (0: none). The client IP is then the
   * X-Forwarded-For entry that many hops from the right: the one the outermost proxy saw.
   */
  trustProxy: number;
  /** The built PWA (vite build output) served at / from the same origin as the API. */
  webDir: string;
  /** Rate limits per address and network (RATE_LIMITS=off only for load tests from one address). */
  rateLimits: boolean;
  /** Scans older than this leave the live table for archive files (npm run events:compact). */
  scanRetentionDays: number;
}

const int = (value: string | undefined, fallback: number, name: string): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative whole number, got "${value}"`);
  return n;
};

const bool = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined || value === '' ? fallback : !['0', 'false', 'no', 'off'].includes(value.toLowerCase());

/** TRUST_PROXY: false/0 (none), true (one proxy) or the number of proxies (a CDN before nginx is 2). */
const proxies = (value: string | undefined): number => {
  if (value === undefined || value === '') return 0;
  if (/^\d+$/.test(value)) return int(value, 0, 'TRUST_PROXY');
  return bool(value, false) ? 1 : 0;
};

const list = (value: string | undefined, fallback: string[]): string[] =>
  value ? value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : [...new Set(fallback.map((s) => s.toLowerCase()))];

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute URL, got "${url}"`);
  }
};

/** Read the configuration from an environment (process.env in main.ts, a literal in tests). */
export function readConfig(env: Record<string, string | undefined>): Config {
  const port = int(env.PORT, 8787, 'PORT');
  return {
    port,
    host: env.HOST || '0.0.0.0',
    databasePath: env.DATABASE_PATH || 'var/nguon-viet.db',
    dataDir: env.DATA_DIR || 'data',
    seedOnStart: bool(env.SEED_ON_START, true),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    meili: env.MEILI_URL
      ? { url: env.MEILI_URL, masterKey: env.MEILI_MASTER_KEY || undefined, index: env.MEILI_INDEX || 'products' }
      : null,
    syncPageSize: int(env.SYNC_PAGE_SIZE, 1000, 'SYNC_PAGE_SIZE') || 1000,
    syncMaxDelta: int(env.SYNC_MAX_DELTA, 5000, 'SYNC_MAX_DELTA') || 5000,
    logRequests: bool(env.LOG_REQUESTS, false),
    issuerKeyDir: env.ISSUER_KEY_DIR || 'var/keys',
    demoIssuer: bool(env.DEMO_ISSUER, true),
    stampHosts: list(env.STAMP_HOSTS, [hostOf(env.PUBLIC_URL || `http://localhost:${port}`)]),
    officialDomains: list(env.OFFICIAL_DOMAINS, ['nguonviet.vn', 'check.hanoi.gov.vn', hostOf(env.PUBLIC_URL || 'http://localhost').replace(/:\d+$/, '')]),
    stampOtherDevices: int(env.STAMP_OTHER_DEVICES, 2, 'STAMP_OTHER_DEVICES'),
    stampTravelHours: int(env.STAMP_TRAVEL_HOURS, 3, 'STAMP_TRAVEL_HOURS'),
    trustProxy: proxies(env.TRUST_PROXY),
    webDir: env.WEB_DIR || 'web/dist',
    rateLimits: bool(env.RATE_LIMITS, true),
    scanRetentionDays: int(env.SCAN_RETENTION_DAYS, 395, 'SCAN_RETENTION_DAYS') || 395,
  };
}
