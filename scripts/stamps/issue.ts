// npm run stamps:issue -- --product <id> --count <n> [--pin] [--expires YYYY-MM-DD]
//                         [--issuer <id>] --out <dir> [--sheets | --no-sheets]
// Issues a batch for one product with a progress bar, then writes the payloads (JSON, CSV;
// PINs only with --pin) and printable sheets (PDF + SVG; on by default up to 20,000 stamps).
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { isIsoDate } from '../../server/domain/ocop';
import { DEMO_ISSUER_ID } from '../../server/services/stamps/issuers.service';
import { parseArgs } from '../lib/args';
import { createProgressBar } from '../lib/progress';
import { writeBatchFiles } from '../../server/repositories/stamp-sheet/write-batch-files';

const SHEETS_BY_DEFAULT_UP_TO = 20_000;

function fail(message: string): never {
  console.error(`stamps:issue: ${message}`);
  console.error('usage: npm run stamps:issue -- --product <id> --count <n> [--pin] [--expires YYYY-MM-DD] [--issuer <id>] --out <dir> [--sheets|--no-sheets]');
  process.exit(2);
}

let args;
try {
  args = parseArgs(process.argv.slice(2), ['product', 'count', 'expires', 'issuer', 'out'], ['pin', 'sheets', 'no-sheets']);
} catch (e) {
  fail((e as Error).message);
}
const count = Number(args.count);
if (!args.product || typeof args.product !== 'string') fail('--product is required');
if (!Number.isInteger(count) || count < 1) fail('--count must be a whole number ≥ 1');
if (!args.out || typeof args.out !== 'string') fail('--out is required');
if (args.expires !== undefined && (typeof args.expires !== 'string' || !isIsoDate(args.expires))) fail('--expires must be a date YYYY-MM-DD');

const config = readConfig(process.env);
const runtime = await bootstrap(config, { log: (m) => console.error(m) });
const product = runtime.deps.catalogue.productDetail(String(args.product), runtime.deps.clock.today());
if (!product) fail(`no product with id ${args.product} (find ids with GET /api/products?q=…)`);
const started = Date.now();
const bars = new Map<string, ReturnType<typeof createProgressBar>>();
let batch;
try {
  batch = await runtime.issuing.issueBatch(
    { productId: product.id, count, withPin: args.pin === true, expiresAt: (args.expires as string | undefined) ?? null, issuerId: (args.issuer as string | undefined) ?? DEMO_ISSUER_ID },
    (phase, done, total) => {
      let bar = bars.get(phase);
      if (!bar) {
        for (const b of bars.values()) b.finish();
        bars.set(phase, (bar = createProgressBar(phase.padEnd(8))));
      }
      bar.update(done, total);
    },
  );
} catch (e) {
  fail((e as Error).message);
}
for (const b of bars.values()) b.finish();
const issuedMs = Date.now() - started;
const sheets = args['no-sheets'] ? false : args.sheets === true || count <= SHEETS_BY_DEFAULT_UP_TO;
const files = await writeBatchFiles(batch, { productName: product.name, producerName: product.producerName }, String(args.out), { pins: args.pin === true, sheets });
runtime.close();
console.log(`Issued batch ${batch.batchId}${batch.isDemo ? ' (DEMO issuer)' : ''}: ${count} stamps for "${product.name}", key ${batch.kid}, in ${(issuedMs / 1000).toFixed(1)} s (${Math.round(count / (issuedMs / 1000))} stamps/s); files written in ${((Date.now() - started - issuedMs) / 1000).toFixed(1)} s:`);
for (const f of files.slice(0, 6)) console.log(`  ${f}`);
if (files.length > 6) console.log(`  … and ${files.length - 6} more SVG pages`);
if (!sheets) console.log(`  (no printable sheets for more than ${SHEETS_BY_DEFAULT_UP_TO} stamps unless --sheets)`);
