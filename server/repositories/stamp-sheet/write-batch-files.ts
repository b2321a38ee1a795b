import { closeSync, createWriteStream, fchmodSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { IssuedBatch } from '../../services/stamps/issue-batch.service';
import { writeStampSheetPdf } from './render-sheet-pdf';
import { renderStampSheetSvg } from './render-sheet-svg';
import type { StampSheet } from './stamp-sheet.types';

// Stamp files are secrets: each signed URL is a genuine stamp anyone could print, and a
// --pin batch holds the scratch PINs. So only the owner may read them (the key store's rule).

/** Open a file for writing, readable by its owner only (an existing file is truncated, then made 0600). */
function openPrivate(path: string): number {
  const fd = openSync(path, 'w', 0o600);
  fchmodSync(fd, 0o600); // the mode above applies only when the file is created
  return fd;
}

const createPrivateStream = (path: string) => createWriteStream(path, { fd: openPrivate(path) });

/** Stream lines to a file without holding the whole text (a million stamps is ~200 MB). */
async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const out = createPrivateStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
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
  const stampJson = (s: IssuedBatch['stamps'][number]) => JSON.stringify(options.pins && s.pin ? { serial: s.serial, url: s.url, pin: s.pin } : { serial: s.serial, url: s.url });
  const header = JSON.stringify({ batchId: batch.batchId, kid: batch.kid, productId: batch.productId, productName: meta.productName, producerName: meta.producerName, demo: batch.isDemo, createdAt: batch.createdAt, expiresAt: batch.expiresAt, count: batch.stamps.length });
  await writeLines(`${base}.json`, (function* () {
    yield `${header.slice(0, -1)},"stamps":[\n`;
    for (let i = 0; i < batch.stamps.length; i++) yield `${stampJson(batch.stamps[i]!)}${i + 1 < batch.stamps.length ? ',' : ''}\n`;
    yield ']}\n';
  })());
  written.push(`${base}.json`);
  await writeLines(`${base}.csv`, (function* () {
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
    await writeStampSheetPdf(sheet, createPrivateStream(`${base}.pdf`));
    written.push(`${base}.pdf`);
    renderStampSheetSvg(sheet).forEach((svg, i) => {
      const path = `${base}-page-${String(i + 1).padStart(3, '0')}.svg`;
      const fd = openPrivate(path);
      try {
        writeFileSync(fd, svg);
      } finally {
        closeSync(fd);
      }
      written.push(path);
    });
  }
  return written;
}
