// npm run import -- <file|dir>... [--dry-run] [--prune]
// Validates every row (errors name file and line), prints the diff, and applies it in one
// transaction. A file with any bad row changes nothing. Re-importing the same files is a no-op.
import { readConfig } from '../server/config';
import { openDatabase } from '../server/db/connection';
import { migrate } from '../server/db/migrate';
import { readImportSources } from '../server/repositories/import-files.repository';
import { createRegistryRepository } from '../server/repositories/registry.repository';
import { applyImport, planImport } from '../server/services/import/import.service';
import { formatDiff, formatIssues, formatSummary } from './lib/format-import';
import { createProgressBar } from './lib/progress';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const prune = args.includes('--prune');
const paths = args.filter((a) => !a.startsWith('--'));
if (paths.length === 0) {
  console.error('usage: npm run import -- <file|dir>... [--dry-run] [--prune]');
  process.exit(2);
}

const config = readConfig(process.env);
const db = openDatabase(config.databasePath);
migrate(db);
const registry = createRegistryRepository(db);

let sources;
try {
  sources = readImportSources(paths);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
const started = Date.now();
const plan = planImport(sources, registry, { prune });
console.log(`Database: ${config.databasePath}; ${sources.length} file(s)`);
for (const line of formatDiff(plan)) console.log(line);
if (!plan.ok) {
  console.error(`\n${plan.issues.length} problem(s); nothing was changed:`);
  for (const line of formatIssues(plan)) console.error(`  ${line}`);
  process.exit(1);
}
if (dryRun) {
  console.log('\nDry run: nothing was changed.');
  process.exit(0);
}
const bar = createProgressBar('import');
const summary = applyImport(plan, registry, () => new Date(), (done, total) => bar.update(done, total));
bar.finish();
console.log(formatSummary(summary, Date.now() - started));
console.log('A running server shows the change from its next request on (its search catches up from the change log); no restart or reindex needed.');
db.close();
