// npm run backup -- <file>
// A consistent copy of the database (DATABASE_PATH) while the server keeps serving and
// writing: one read snapshot (VACUUM INTO) from a second connection, checked, then renamed
// into place. The issuer keys and the server secret (ISSUER_KEY_DIR) are NOT in it: back
// that folder up separately (README "Operating").
import { setPriority } from 'node:os';
import { readConfig } from '../server/config';
import { backupDatabase } from '../server/repositories/database-backup';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length || file.startsWith('--')) {
  console.error('usage: npm run backup -- <file>');
  process.exit(2);
}
const config = readConfig(process.env);
// Below the server in the CPU queue: on a small machine the copy takes a little longer
// rather than taking a core away from the requests.
setPriority(10);
try {
  const r = backupDatabase(config.databasePath, file);
  console.log(
    `Backed up ${config.databasePath} to ${r.path}: ${(r.bytes / 1024 / 1024).toFixed(1)} MB, schema version ${r.schemaVersion}, copied in ${(r.copyMs / 1000).toFixed(2)} s, checked in ${(r.checkMs / 1000).toFixed(2)} s.`,
  );
  console.log(`Keys are not in the backup: keep a copy of ${config.issuerKeyDir} too (it holds the server secret that PIN and device hashes need).`);
} catch (e) {
  console.error(`backup: ${(e as Error).message}`);
  process.exit(1);
}
