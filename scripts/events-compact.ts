// npm run events:compact -- [--days <n>] [--out <dir>]
// Scans received more than --days ago (default SCAN_RETENTION_DAYS, 395: about 13 months)
// move from the live database into gzip'd CSV files in --out (default var/scan-archive),
// one file per 50,000 scans, then leave the table. Safe to stop or kill at any moment and
// run again. Each stamp keeps its counts and clone evidence in its own row.
import { openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { readConfig } from '../server/config';
import { compactScans } from '../server/services/scans/compact-scans.service';
import { parseArgs } from './lib/args';
import { createProgressBar } from './lib/progress';

const fail = (message: string): never => {
  console.error(`events:compact: ${message}\nusage: npm run events:compact -- [--days <n>] [--out <dir>]`);
  process.exit(2);
};
let args: ReturnType<typeof parseArgs>;
try {
  args = parseArgs(process.argv.slice(2), ['days', 'out'], []);
} catch (e) {
  fail((e as Error).message);
}
const config = readConfig(process.env);
const days = args!.days === undefined ? config.scanRetentionDays : Number(args!.days);
if (!Number.isInteger(days) || days < 1) fail(`--days must be a whole number of days ≥ 1, got "${String(args!.days)}"`);
const folder = typeof args!.out === 'string' ? args!.out : 'var/scan-archive';
const db = openDatabase(config.databasePath);
migrate(db);
const bar = createProgressBar('events:compact');
const started = Date.now();
const summary = compactScans(db, { beforeMs: Date.now() - days * 86_400_000, folder, onProgress: (d, t) => bar.update(d, t) });
bar.finish();
db.close();
console.log(
  `events:compact: ${summary.archived} scans received before ${summary.before} archived into ${summary.files} file(s) in ${folder}` +
    `${summary.resumedFiles ? ` (${summary.resumedFiles} left by an interrupted run)` : ''}, ${summary.remaining} left, ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
