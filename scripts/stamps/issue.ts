// npm run stamps:issue -- --product <id> --count <n> [--pin] [--expires YYYY-MM-DD]
//                         [--issuer <id>] --out <dir> [--sheets | --no-sheets]
//                      -- --pending                       batches whose issuing stopped
//                      -- --resume <batch> --out <dir>    finish one (new files, new PINs)
//                      -- --discard <batch> [--out <dir>] delete one and its partial files
// Issues a batch for one product with a progress bar, then writes the payloads (JSON, CSV;
// PINs only with --pin) and printable sheets (PDF + SVG; on by default up to 20,000 stamps).
// The batch stays pending (its stamps verify as not issued) until every file is complete
// on disk; an interrupted run leaves it pending, and every later run says so.
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { isIsoDate } from '../../server/domain/ocop';
import type { Batch } from '../../server/repositories/stamp.repository';
import { DEMO_ISSUER_ID } from '../../server/services/stamps/issuers.service';
import type { IssuedBatch, IssueProgress } from '../../server/services/stamps/issue-batch.service';
import { parseArgs } from '../lib/args';
import { createProgressBar } from '../lib/progress';
import { removePartialFiles, writeBatchFiles } from '../../server/repositories/stamp-sheet/write-batch-files';

const SHEETS_BY_DEFAULT_UP_TO = 20_000;
const USAGE = [
  'usage: npm run stamps:issue -- --product <id> --count <n> [--pin] [--expires YYYY-MM-DD] [--issuer <id>] --out <dir> [--sheets|--no-sheets]',
  '       npm run stamps:issue -- --pending',
  '       npm run stamps:issue -- --resume <batch> --out <dir> [--sheets|--no-sheets]',
  '       npm run stamps:issue -- --discard <batch> [--out <dir>]',
].join('\n');

function fail(message: string): never {
  console.error(`stamps:issue: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

let args;
try {
  args = parseArgs(process.argv.slice(2), ['product', 'count', 'expires', 'issuer', 'out', 'resume', 'discard'], ['pin', 'sheets', 'no-sheets', 'pending']);
} catch (e) {
  fail((e as Error).message);
}
const mode = args.pending ? 'pending' : args.resume !== undefined ? 'resume' : args.discard !== undefined ? 'discard' : 'issue';
if ([args.pending, args.resume, args.discard].filter((a) => a !== undefined).length > 1) fail('give at most one of --pending, --resume and --discard');
const count = Number(args.count);
if (mode === 'issue') {
  if (!args.product || typeof args.product !== 'string') fail('--product is required');
  if (!Number.isInteger(count) || count < 1) fail('--count must be a whole number ≥ 1');
  if (args.expires !== undefined && (typeof args.expires !== 'string' || !isIsoDate(args.expires))) fail('--expires must be a date YYYY-MM-DD');
}
if ((mode === 'issue' || mode === 'resume') && (!args.out || typeof args.out !== 'string')) fail('--out is required');

const config = readConfig(process.env);
const runtime = await bootstrap(config, { log: (m) => console.error(m) });

/** How to finish or drop a batch whose issuing stopped, in words an operator can act on. */
function describePending(b: Batch): string {
  return [
    `batch ${b.id} (${b.count} stamps for product ${b.productId}, started ${b.createdAt}) is PENDING: its files are not complete (its issuing stopped, or is still running in another process), so its stamps verify as not issued.`,
    `  resume it (writes its files again, with new PINs): npm run stamps:issue -- --resume ${b.id} --out <dir>`,
    `  or discard it (deletes its stamps):               npm run stamps:issue -- --discard ${b.id} --out <dir of its partial files>`,
  ].join('\n');
}

const pending = runtime.issuing.pendingBatches();
if (mode === 'pending') {
  console.log(pending.length ? pending.map(describePending).join('\n') : 'No pending batches.');
  runtime.close();
  process.exit(0);
}
if (mode === 'discard') {
  const batchId = String(args.discard);
  try {
    const deleted = runtime.issuing.discardBatch(batchId);
    const removed = typeof args.out === 'string' ? removePartialFiles(args.out, batchId) : [];
    console.log(`Discarded pending batch ${batchId}: ${deleted} never-issued stamps deleted${removed.length ? `, ${removed.length} partial files removed` : ''}.`);
  } catch (e) {
    runtime.close();
    fail((e as Error).message);
  }
  runtime.close();
  process.exit(0);
}
for (const b of pending.filter((p) => p.id !== args.resume)) console.error(`stamps:issue: ${describePending(b)}`);

const outDir = String(args.out);
const bars = new Map<string, ReturnType<typeof createProgressBar>>();
const onProgress: IssueProgress = (phase, done, total) => {
  let bar = bars.get(phase);
  if (!bar) {
    for (const b of bars.values()) b.finish();
    bars.set(phase, (bar = createProgressBar(phase.padEnd(8))));
  }
  bar.update(done, total);
};
let files: string[] = [];
let filesMs = 0;
/** The files step the service runs before it makes the batch active. */
const writeFiles = (meta: { productName: string; producerName: string | null }, sheets: boolean) => async (batch: IssuedBatch) => {
  for (const b of bars.values()) b.finish();
  console.error(`files   : writing ${batch.batchId} to ${outDir} (the batch stays pending until every file is complete)`);
  const started = Date.now();
  files = await writeBatchFiles(batch, meta, outDir, { pins: batch.stamps.some((s) => s.pin !== undefined), sheets });
  filesMs = Date.now() - started;
};
const sheetsFor = (n: number) => (args['no-sheets'] ? false : args.sheets === true || n <= SHEETS_BY_DEFAULT_UP_TO);

const started = Date.now();
let batch: IssuedBatch;
let productName: string;
try {
  if (mode === 'resume') {
    const stored = runtime.stamps.batch(String(args.resume));
    const product = stored ? runtime.deps.catalogue.productDetail(stored.productId, runtime.deps.clock.today()) : null;
    if (stored && !product) throw new Error(`batch ${stored.id}'s product ${stored.productId} is no longer in the registry`);
    productName = product?.name ?? '';
    batch = await runtime.issuing.resumeBatch(String(args.resume), onProgress, writeFiles({ productName, producerName: product?.producerName ?? null }, sheetsFor(stored?.count ?? 0)));
  } else {
    const product = runtime.deps.catalogue.productDetail(String(args.product), runtime.deps.clock.today());
    if (!product) throw new Error(`no product with id ${args.product} (find ids with GET /api/products?q=…)`);
    productName = product.name;
    batch = await runtime.issuing.issueBatch(
      { productId: product.id, count, withPin: args.pin === true, expiresAt: (args.expires as string | undefined) ?? null, issuerId: (args.issuer as string | undefined) ?? DEMO_ISSUER_ID },
      onProgress,
      writeFiles({ productName: product.name, producerName: product.producerName }, sheetsFor(count)),
    );
  }
} catch (e) {
  for (const b of bars.values()) b.finish();
  const left = runtime.issuing.pendingBatches().filter((b) => !pending.some((p) => p.id === b.id) || b.id === args.resume);
  runtime.close();
  for (const b of left) console.error(`stamps:issue: ${describePending(b)}`);
  fail((e as Error).message);
}
runtime.close();
const issuedMs = Date.now() - started - filesMs;
const sheets = files.some((f) => f.endsWith('.pdf'));
console.log(
  `${mode === 'resume' ? 'Resumed and issued' : 'Issued'} batch ${batch.batchId}${batch.isDemo ? ' (DEMO issuer)' : ''}: ${batch.stamps.length} stamps for "${productName}", key ${batch.kid}, in ${(issuedMs / 1000).toFixed(1)} s (${Math.round(batch.stamps.length / (issuedMs / 1000))} stamps/s); files written in ${(filesMs / 1000).toFixed(1)} s:`,
);
for (const f of files.slice(0, 6)) console.log(`  ${f}`);
if (files.length > 6) console.log(`  … and ${files.length - 6} more SVG pages`);
if (!sheets) console.log(`  (no printable sheets for more than ${SHEETS_BY_DEFAULT_UP_TO} stamps unless --sheets)`);
