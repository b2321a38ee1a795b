// Old scans out of the live table (issue #10 item 3): each chunk is written to its own
// gzip'd CSV (under a temporary name, fsynced, renamed) and only then deleted, so a kill at
// any moment loses nothing and a rerun neither loses nor duplicates a row: a chunk whose
// file already exists is only deleted. A stamp's counts live in its own row (stamp
// signals), so deleting its old scans changes no verdict.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Db } from '../db/connection';
import { decodeReasons, SCAN_VERDICTS } from '../domain/scan-reason-codes';

export const ARCHIVE_COLUMNS = ['id', 'serial', 'kid', 'verdict', 'reasons', 'device', 'network', 'place', 'scanned_at', 'received_at', 'evidence'] as const;

interface ScanRow {
  id: number;
  serial: string | null;
  kid: string | null;
  verdict: number;
  reasons: number;
  device: Buffer | null;
  network: Buffer | null;
  place: string | null;
  scanned_at: number;
  received_at: number;
  flags: number;
}

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function toCsvLine(r: ScanRow): string {
  return [
    String(r.id),
    r.serial ?? '',
    r.kid ?? '',
    SCAN_VERDICTS[r.verdict] ?? 'unverified',
    decodeReasons(r.reasons).join('|'),
    r.device ? r.device.toString('hex') : '',
    r.network ? r.network.toString('hex') : '',
    r.place ?? '',
    new Date(r.scanned_at).toISOString(),
    new Date(r.received_at).toISOString(),
    r.flags & 1 ? '1' : '0',
  ]
    .map(csvField)
    .join(',');
}

export interface ArchiveChunk {
  file: string;
  rows: number;
  firstId: number;
  lastId: number;
  /** The file was there already (a rerun after a kill): only the delete was left to do. */
  resumed: boolean;
}

export function createScanArchive(db: Db, folder: string) {
  const count = db.prepare('SELECT COUNT(*) FROM scans WHERE received_at < ?').pluck();
  // scan_log: the rows with their place text and phone time (migration 0007).
  const chunkOf = db.prepare('SELECT * FROM scan_log WHERE received_at < ? AND id > ? ORDER BY id LIMIT ?');
  const remove = db.prepare('DELETE FROM scans WHERE id BETWEEN ? AND ? AND received_at < ?');
  return {
    /** Scans received before `beforeMs` still in the live table. */
    countBefore: (beforeMs: number) => Number(count.get(beforeMs)),
    /** Archive and delete the next chunk of scans received before `beforeMs`, or null when none is left. */
    archiveChunk(beforeMs: number, afterId: number, size: number): ArchiveChunk | null {
      const rows = chunkOf.all(beforeMs, afterId, size) as ScanRow[];
      if (!rows.length) return null;
      const firstId = rows[0]!.id;
      const lastId = rows[rows.length - 1]!.id;
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const file = join(folder, `scans-${String(firstId).padStart(12, '0')}-${String(lastId).padStart(12, '0')}.csv.gz`);
      const resumed = existsSync(file);
      if (!resumed) {
        const text = `${ARCHIVE_COLUMNS.join(',')}\n${rows.map(toCsvLine).join('\n')}\n`;
        const partial = `${file}.partial`;
        const fd = openSync(partial, 'w', 0o600);
        try {
          writeSync(fd, gzipSync(text));
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(partial, file);
        const dir = openSync(folder, 'r');
        try {
          fsyncSync(dir);
        } finally {
          closeSync(dir);
        }
      }
      remove.run(firstId, lastId, beforeMs);
      return { file, rows: rows.length, firstId, lastId, resumed };
    },
  };
}
