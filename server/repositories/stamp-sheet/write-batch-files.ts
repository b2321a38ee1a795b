import { closeSync, createWriteStream, fchmodSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { IssuedBatch } from '../../services/stamps/issue-batch.service';
import { writeStampSheetPdf } from './render-sheet-pdf';
import { renderStampSheetSvg } from './render-sheet-svg';
import type { StampSheet } from './stamp-sheet.types';

// Stamp files are secrets: each signed URL is a genuine stamp anyone could print, and a
// --pin batch holds the scratch PINs. So only the owner may read them (the key store's rule).
// They are written under temporary names, flushed to disk and only then renamed, so a file
// with its final name is always complete; the batch becomes active after that (the caller).

/** Suffix of a file still being written; `<batch>.*.partial` files are left by an interrupted issue. */
export const PARTIAL_SUFFIX = '.partial';

/** Open a file for writing, readable by its owner only (an existing file is truncated, then made 0600). */
function openPrivate(path: string): number {
  const fd = openSync(path, 'w', 0o600);
  fchmodSync(fd, 0o600); // the mode above applies only when the file is created
  return fd;
}

/** Flush a written file to disk, then close it. */
function syncAndClose(fd: number): void {
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Write a file through a stream that leaves its descriptor open, then flush and close it. */
async function writeDurably(path: string, write: (out: ReturnType<typeof createWriteStream>) => Promise<void>): Promise<void> {
  const fd = openPrivate(path);
  try {
    const out = createWriteStream(path, { fd, autoClose: false });
    await write(out);
    if (!out.writableFinished) await once(out, 'finish');
  } catch (e) {
    closeSync(fd);
    throw e;
  }
  syncAndClose(fd);
}

/** Stream lines to a file without holding the whole text (a million stamps is ~200 MB). */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  await writeDurably(path, async (out) => {
    for (const line of lines) if (!out.write(line)) await once(out, 'drain');
    out.end();
  });
}

/** Remove the temporary files an interrupted issue of `batchId` left in `outDir`; their names. */
export function removePartialFiles(outDir: string, batchId: string): string[] {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch {
    return [];
  }
  const partial = names.filter((n) => n.startsWith(`${batchId}.`) || n.startsWith(`${batchId}-page-`)).filter((n) => n.endsWith(PARTIAL_SUFFIX));
  for (const n of partial) rmSync(join(outDir, n), { force: true });
  return partial.map((n) => join(outDir, n));
}

/** Write the batch's payloads (JSON, CSV) and, when asked, printable sheets (PDF, SVG pages); files 0600, a new folder 0700. */
export async function writeBatchFiles(
  batch: IssuedBatch,
  meta: { productName: string; producerName: string | null },
  outDir: string,
  options: { pins: boolean; sheets: boolean },
): Promise<string[]> {
  mkdirSync(outDir, { recursive: true, mode: 0o700 });
  const base = join(outDir, batch.batchId);
  const written: string[] = [];
  const temp = (path: string) => `${path}${PARTIAL_SUFFIX}`;
  const stampJson = (s: IssuedBatch['stamps'][number]) => JSON.stringify(options.pins && s.pin ? { serial: s.serial, url: s.url, pin: s.pin } : { serial: s.serial, url: s.url });
  const header = JSON.stringify({ batchId: batch.batchId, kid: batch.kid, productId: batch.productId, productName: meta.productName, producerName: meta.producerName, demo: batch.isDemo, createdAt: batch.createdAt, expiresAt: batch.expiresAt, count: batch.stamps.length });
  await writeLines(temp(`${base}.json`), (function* () {
    yield `${header.slice(0, -1)},"stamps":[\n`;
    for (let i = 0; i < batch.stamps.length; i++) yield `${stampJson(batch.stamps[i]!)}${i + 1 < batch.stamps.length ? ',' : ''}\n`;
    yield ']}\n';
  })());
  written.push(`${base}.json`);
  await writeLines(temp(`${base}.csv`), (function* () {
    yield options.pins ? 'serial,url,pin\n' : 'serial,url\n';
    for (const s of batch.stamps) yield options.pins ? `${s.serial},${s.url},${s.pin ?? ''}\n` : `${s.serial},${s.url}\n`;
  })());
  written.push(`${base}.csv`);
  if (options.sheets) {
    const sheet: StampSheet = {
      batchId: batch.batchId,
      productName: meta.productName,
      producerName: meta.producerName,
      issuedAt: batch.createdAt,
      demo: batch.isDemo,
      includePins: options.pins,
      stamps: batch.stamps.map((s) => (options.pins && s.pin ? { serial: s.serial, url: s.url, pin: s.pin } : { serial: s.serial, url: s.url })),
    };
    await writeDurably(temp(`${base}.pdf`), (out) => writeStampSheetPdf(sheet, out));
    written.push(`${base}.pdf`);
    renderStampSheetSvg(sheet).forEach((svg, i) => {
      const path = `${base}-page-${String(i + 1).padStart(3, '0')}.svg`;
      const fd = openPrivate(temp(path));
      try {
        writeFileSync(fd, svg);
      } catch (e) {
        closeSync(fd);
        throw e;
      }
      syncAndClose(fd);
      written.push(path);
    });
  }
  // Every file is complete on disk: give each its final name, then make the names durable.
  for (const path of written) renameSync(temp(path), path);
  syncAndClose(openSync(outDir, 'r'));
  return written;
}
