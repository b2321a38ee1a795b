// npm run bench:scan-size — bytes a scan event costs on disk with its indexes (issue #10's
// target is ≤ 100), and a stamp row with its clone evidence, measured with SQLite's dbstat
// over N realistic events written through the real repository (server-issued devices,
// networks, places, a client event id each), for issued stamps whose signals each scan
// updates as verify does (so a retry is recognised by the stamp row, migration 0007).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { addEvidence, countCheck } from '../../server/domain/stamp-signals';
import { createStampRepository } from '../../server/repositories/stamp.repository';

const N = Number(process.env.BENCH_SCANS ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'nv-scan-size-'));
const db = openDatabase(join(dir, 'size.db'));
migrate(db);
const stamps = createStampRepository(db, { backgroundCheckpoints: false });
// Stamp rows only (their batch, product and issuer do not matter to the sizes here).
db.pragma('foreign_keys = OFF');
const hex = (n: number) => n.toString(16).padStart(16, '0').slice(-16);
const serial = (i: number) => `S${(i * 2654435761) % 1e9}`.padEnd(16, 'Q').slice(0, 16);
const t0 = Date.parse('2026-01-01T00:00:00Z');
const stampCount = Math.floor(N / 3);
for (let i = 0; i < stampCount; i += 10_000) {
  stamps.insertStamps(Array.from({ length: Math.min(10_000, stampCount - i) }, (_, k) => ({ serial: serial(i + k), batchId: 'B-size', kid: 'K1', pinHash: null })));
}
for (let i = 0; i < N; i++) {
  const s = serial(i % stampCount);
  const at = t0 + i * 1000;
  const prior = stamps.stamp(s)!.signals;
  const signals = addEvidence(countCheck(prior, at), { device: hex(i * 40503), network: hex((i % 5000) * 977), at, place: i % 3 ? 'vn:00004' : null });
  stamps.recordScan({
    clientEventId: `${i.toString(36)}-${(i * 7919).toString(36)}-client-event`,
    serial: s,
    kid: 'K1',
    verdict: i % 20 === 0 ? 'caution' : 'authentic',
    reasons: i % 20 === 0 ? ['checked_by_other_devices'] : ['signature_valid'],
    deviceHash: hex(i * 40503),
    network: hex((i % 5000) * 977),
    placeCode: i % 3 ? 'vn:00004' : null,
    scannedAt: new Date(t0 + i * 1000).toISOString(),
    receivedAt: new Date(t0 + i * 1000 + 350).toISOString(),
    evidence: true,
    signedDevice: true,
  }, signals);
  if (i % 10_000 === 9_999) stamps.flush();
}
stamps.flush();
const sizes = db.prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat WHERE name LIKE 'scans%' GROUP BY name").all() as { name: string; bytes: number }[];
const stampBytes = Number(db.prepare("SELECT SUM(pgsize) FROM dbstat WHERE name = 'stamps'").pluck().get());
const total = sizes.reduce((a, r) => a + r.bytes, 0);
console.log(`bench:scan-size — ${N.toLocaleString('en')} scan events`);
for (const r of sizes) console.log(`  ${r.name.padEnd(20)} ${(r.bytes / N).toFixed(1).padStart(6)} bytes/event`);
console.log(`  ${'total'.padEnd(20)} ${(total / N).toFixed(1).padStart(6)} bytes/event (target ≤ 100; 131 before migration 0007, ~313 before 0004)`);
console.log(`  stamp rows with clone evidence and recent client ids: ${(stampBytes / stampCount).toFixed(1)} bytes/stamp (${stampCount.toLocaleString('en')} stamps, 3 scans each)`);
db.close();
rmSync(dir, { recursive: true, force: true });
