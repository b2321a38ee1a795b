// Builds bench:growth's databases (issue #10 item 5) once, under /tmp/growth/<size>/, and
// reuses them across runs (meta.json marks a finished build; delete the folder to rebuild).
//  * 1m: the real server's bootstrap (registry seeded from data/, migrations), then 1,000,000
//    stamps really issued through the issue service (10 batches of 100,000: serials, Ed25519
//    signatures, stored pending, then active), and their scans as bulk rows (below).
//  * 10m: a copy of 1m plus 9,000,000 bulk stamps (random 80-bit serials in 90 active
//    batches of the same product and key; not signed, so only the first million can be
//    verified by the load, and their rows sit spread among the other nine million) and
//    their scans.
// Bulk scans are rows in the project's schema written by SQL: the mix is most stamps 0–3
// scans (20% none, 30% one, 20% two, 15% three, 15% 4–12) and 0.1% "hot" stamps scanned
// 200–1,800 times (copied onto many packs), times spread over the 395-day retention
// window, 60% with a place, devices from server-issued ids, 1% unverified scans (forged
// serials, with their client key). Each stamp's aggregates (checks, first/last check, up
// to 16 evidence entries, the last 8 client keys) are written as verify would leave them.
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { serializeEvidence, type StampSignals } from '../../server/domain/stamp-signals';
import { DEMO_PRODUCT_QUERY } from '../../server/services/stamps/demo-stamps';

export interface GrowthMeta {
  size: string;
  stamps: number;
  scans: number;
  bytesPerEvent: number;
  /** Bytes of the scans table and each of its indexes, per event. */
  perIndex: Record<string, number>;
  bytesPerStamp: number;
  buildSeconds: number;
  issuedStamps: number;
  productId: string;
  kid: string;
}

export const GROWTH_ROOT = process.env.GROWTH_DIR ?? '/tmp/growth';
export const paths = (size: string) => {
  const dir = join(GROWTH_ROOT, size);
  return { dir, db: join(dir, 'db', 'app.db'), keys: join(dir, 'keys'), urls: join(dir, 'urls.json'), meta: join(dir, 'meta.json') };
};
export const serverEnv = (size: string): Record<string, string> => {
  const p = paths(size);
  return { DATABASE_PATH: p.db, ISSUER_KEY_DIR: p.keys, PUBLIC_URL: 'https://nguonviet.vn', RATE_LIMITS: 'off', PORT: '0', HOST: '127.0.0.1' };
};

const log = (m: string) => console.log(`[build] ${new Date().toISOString().slice(11, 19)} ${m}`);
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A bulk serial like the issued ones: 16 base32 characters of random bits. */
function bulkSerials(n: number): string[] {
  const bytes = randomBytes(n * 16);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    let s = '';
    for (let k = 0; k < 16; k++) s += B32[bytes[i * 16 + k]! & 31];
    out[i] = s;
  }
  return out.sort();
}

/** How many scans a stamp gets (the mix above). */
function scansFor(r: number, r2: number): number {
  if (r < 0.001) return 200 + Math.floor(r2 * 1600);
  const x = r2;
  return x < 0.2 ? 0 : x < 0.5 ? 1 : x < 0.7 ? 2 : x < 0.85 ? 3 : 4 + Math.floor(((x - 0.85) / 0.15) * 9);
}

const DAY = 86_400_000;

/** Scans for `serials` written as bulk rows, with each stamp's aggregates. Returns the scans written. */
function writeScans(db: Database.Database, serials: string[], kid: string, nowMs: number, progressLabel: string, updateExisting: boolean): number {
  const insertScan = db.prepare('INSERT INTO scans (serial, kid, client_key, verdict, reasons, device, network, place_id, received_at, scan_lag, flags) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE stamps SET checks = ?, first_check_at = ?, last_check_at = ?, evidence = ?, evidence_overflow = ?, recent_clients = ? WHERE serial = ?');
  const places = db.prepare('SELECT COUNT(*) FROM scan_places').pluck().get() as number;
  const networks = Array.from({ length: 50_000 }, () => randomBytes(8));
  let written = 0;
  const STEP = 50_000;
  for (let i = 0; i < serials.length; i += STEP) {
    db.transaction(() => {
      for (const serial of serials.slice(i, i + STEP)) {
        const k = scansFor(Math.random(), Math.random());
        if (!k && !updateExisting) continue;
        const s: StampSignals = { checks: k, firstAt: null, lastAt: null, evidence: [], overflow: 0 };
        const hot = k >= 200;
        for (let j = 0; j < k; j++) {
          const at = nowMs - Math.floor(Math.random() * 395 * DAY);
          const device = randomBytes(8);
          const network = networks[Math.floor(Math.random() * networks.length)]!;
          const place = Math.random() < 0.6 ? 1 + Math.floor(Math.random() * places) : null;
          const caution = hot && j > 20;
          insertScan.run(serial, kid, null, caution ? 1 : 0, caution ? 2 : 1, device, network, place, at, 200 + Math.floor(Math.random() * 1800), 3);
          s.firstAt = s.firstAt === null ? at : Math.min(s.firstAt, at);
          s.lastAt = s.lastAt === null ? at : Math.max(s.lastAt, at);
          if (s.evidence.length < 16) s.evidence.push({ device: device.toString('hex'), network: network.toString('hex'), firstAt: at, lastAt: at, place: null });
          else s.overflow++;
        }
        written += k;
        // A forged copy now and then: unverified, with its client key (partial unique index).
        if (Math.random() < 0.01) {
          insertScan.run(serial.slice(0, 12) + 'ZZZZ', kid, randomBytes(10), 3, 1 << 15, null, networks[0]!, null, nowMs - Math.floor(Math.random() * 395 * DAY), 500, 0);
          written++;
        }
        if (k) update.run(s.checks, s.firstAt, s.lastAt, serializeEvidence(s), s.overflow, randomBytes(Math.min(k, 8) * 4), serial);
      }
    })();
    if ((i / STEP) % 20 === 0) log(`${progressLabel}: ${Math.min(i + STEP, serials.length).toLocaleString('en')} of ${serials.length.toLocaleString('en')} stamps, ${written.toLocaleString('en')} scans`);
  }
  return written;
}

function measureSizes(db: Database.Database): Pick<GrowthMeta, 'scans' | 'stamps' | 'bytesPerEvent' | 'perIndex' | 'bytesPerStamp'> {
  log('measuring sizes (dbstat)…');
  const scans = db.prepare('SELECT COUNT(*) FROM scans').pluck().get() as number;
  const stamps = db.prepare('SELECT COUNT(*) FROM stamps').pluck().get() as number;
  const rows = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'scans%' OR name LIKE 'stamps%' GROUP BY name").all() as { name: string; bytes: number }[];
  const perIndex: Record<string, number> = {};
  let scanBytes = 0;
  let stampBytes = 0;
  for (const r of rows) {
    if (r.name.startsWith('scans')) {
      perIndex[r.name] = Math.round((r.bytes / scans) * 10) / 10;
      scanBytes += r.bytes;
    } else stampBytes += r.bytes;
  }
  return { scans, stamps, bytesPerEvent: Math.round((scanBytes / scans) * 10) / 10, perIndex, bytesPerStamp: Math.round(stampBytes / stamps), };
}

function openForBulk(path: string) {
  const db = new Database(path);
  db.pragma('busy_timeout = 10000'); // the server's worker threads let go of their connections within a second
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -3000000'); // 3 GB while building
  db.pragma('temp_store = FILE');
  return db;
}

function finish(db: Database.Database) {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

export async function build1m(): Promise<GrowthMeta> {
  const p = paths('1m');
  if (existsSync(p.meta)) return JSON.parse(readFileSync(p.meta, 'utf8')) as GrowthMeta;
  const t0 = Date.now();
  rmSync(p.dir, { recursive: true, force: true });
  mkdirSync(p.dir, { recursive: true });
  const env = serverEnv('1m');
  const runtime = await bootstrap(readConfig(env), { log });
  const hit = await runtime.deps.search.search({ q: DEMO_PRODUCT_QUERY, filters: {}, limit: 1, offset: 0, facets: false, today: runtime.deps.clock.today() });
  const productId = hit.hits[0]!.id;
  const urls: string[] = [];
  const serials: string[] = [];
  let kid = '';
  for (let b = 0; b < 10; b++) {
    const batch = await runtime.issuing.issueBatch({ productId, count: 100_000, withPin: false, expiresAt: null, issuerId: 'demo-issuer' });
    kid = batch.kid;
    batch.stamps.forEach((s, i) => {
      serials.push(s.serial);
      if (i % 10 === 0) urls.push(s.url);
    });
    log(`issued batch ${b + 1} of 10 (${serials.length.toLocaleString('en')} stamps, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  // Places the scans can name: the catalogue's current wards/communes.
  const places = runtime.db.prepare("SELECT id FROM places WHERE era = 'current' LIMIT 3000").pluck().all() as string[];
  runtime.close();
  writeFileSync(p.urls, JSON.stringify(urls));

  const db = openForBulk(p.db);
  db.transaction(() => {
    const add = db.prepare('INSERT OR IGNORE INTO scan_places (code) VALUES (?)');
    for (const code of places) add.run(code);
  })();
  const scans = writeScans(db, serials, kid, Date.now(), '1m scans', false);
  log(`${scans.toLocaleString('en')} scans written`);
  const sizes = measureSizes(db);
  finish(db);
  const meta: GrowthMeta = { size: '1m', ...sizes, buildSeconds: Math.round((Date.now() - t0) / 1000), issuedStamps: serials.length, productId, kid };
  writeFileSync(p.meta, JSON.stringify(meta, null, 2));
  return meta;
}

export async function build10m(): Promise<GrowthMeta> {
  const p = paths('10m');
  if (existsSync(p.meta)) return JSON.parse(readFileSync(p.meta, 'utf8')) as GrowthMeta;
  const base = await build1m();
  const t0 = Date.now();
  const from = paths('1m');
  rmSync(p.dir, { recursive: true, force: true });
  mkdirSync(join(p.dir, 'db'), { recursive: true });
  log('copying the 1m database…');
  copyFileSync(from.db, p.db);
  cpSync(from.keys, p.keys, { recursive: true });
  copyFileSync(from.urls, p.urls);
  const db = openForBulk(p.db);
  const issuer = db.prepare('SELECT issuer_id FROM batches LIMIT 1').pluck().get() as string;
  // Faster to build the stamps' history index once at the end than to grow it row by row.
  db.exec('DROP INDEX scans_serial');
  const nowMs = Date.now();
  const insertBatch = db.prepare("INSERT INTO batches (id, product_id, issuer_id, kid, count, has_pin, status, is_demo, created_at) VALUES (?, ?, ?, ?, 100000, 0, 'active', 1, ?)");
  const insertStamp = db.prepare('INSERT INTO stamps (serial, batch_id, kid) VALUES (?, ?, ?)');
  let scans = 0;
  for (let b = 0; b < 90; b++) {
    const id = `BULK-${String(b).padStart(4, '0')}`;
    const serials = bulkSerials(100_000);
    db.transaction(() => {
      insertBatch.run(id, base.productId, issuer, base.kid, new Date(nowMs - (90 - b) * DAY).toISOString());
      for (const s of serials) insertStamp.run(s, id, base.kid);
    })();
    scans += writeScans(db, serials, base.kid, nowMs, `10m batch ${b + 1}/90`, false);
    if (b % 5 === 4) log(`10m: ${((b + 1) * 100_000 + 1_000_000).toLocaleString('en')} stamps, ${scans.toLocaleString('en')} more scans (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  log('building scans_serial…');
  db.exec('CREATE INDEX scans_serial ON scans(serial)');
  db.exec('ANALYZE');
  const sizes = measureSizes(db);
  finish(db);
  const meta: GrowthMeta = { size: '10m', ...sizes, buildSeconds: Math.round((Date.now() - t0) / 1000), issuedStamps: base.issuedStamps, productId: base.productId, kid: base.kid };
  writeFileSync(p.meta, JSON.stringify(meta, null, 2));
  return meta;
}

export const fileGb = (path: string) => {
  let bytes = statSync(path).size;
  for (const ext of ['-wal', '-shm']) if (existsSync(path + ext)) bytes += statSync(path + ext).size;
  return bytes / 1e9;
};

// Run directly (npx tsx scripts/bench/growth-build.ts [1m|10m]) to only build.
if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2] ?? '1m';
  const meta = which === '10m' ? await build10m() : await build1m();
  console.log(JSON.stringify(meta, null, 2));
}
