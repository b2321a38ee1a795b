// npm run events:compact: scans older than the retention window leave the live table for
// gzip'd CSV files (scan-archive.repository.ts says why this is safe to kill at any moment).
import type { Db } from '../../db/connection';
import { createScanArchive } from '../../repositories/scan-archive.repository';

export interface CompactSummary {
  archived: number;
  files: number;
  resumedFiles: number;
  before: string;
  remaining: number;
}

/** Archive every scan received before `beforeMs` into `folder`, `chunk` rows per file. */
export function compactScans(db: Db, opts: { beforeMs: number; folder: string; chunk?: number; onProgress?: (done: number, total: number) => void }): CompactSummary {
  const archive = createScanArchive(db, opts.folder);
  const total = archive.countBefore(opts.beforeMs);
  let archived = 0;
  let files = 0;
  let resumedFiles = 0;
  let after = 0;
  opts.onProgress?.(0, total);
  for (;;) {
    const chunk = archive.archiveChunk(opts.beforeMs, after, opts.chunk ?? 50_000);
    if (!chunk) break;
    archived += chunk.rows;
    files++;
    if (chunk.resumed) resumedFiles++;
    after = chunk.lastId;
    opts.onProgress?.(archived, total);
  }
  return { archived, files, resumedFiles, before: new Date(opts.beforeMs).toISOString(), remaining: archive.countBefore(opts.beforeMs) };
}
