// npm run restore -- <file>
// Put a backup in place of DATABASE_PATH. Stop the server first (restore refuses while the
// database is open). The database that was there is kept beside it, never deleted.
import { readConfig } from '../server/config';
import { restoreDatabase } from '../server/repositories/database-backup';

const [file, ...rest] = process.argv.slice(2);
if (!file || rest.length || file.startsWith('--')) {
  console.error('usage: npm run restore -- <file>   (with the server stopped)');
  process.exit(2);
}
const config = readConfig(process.env);
try {
  const r = restoreDatabase(file, config.databasePath, new Date());
  console.log(`Restored ${file} to ${config.databasePath} (schema version ${r.schemaVersion}).${r.previous ? ` The database that was there is now ${r.previous}.` : ''}`);
  console.log(`Start the server with the same ISSUER_KEY_DIR (${config.issuerKeyDir}) as the backup's: PINs and device hashes are keyed by its server secret.`);
} catch (e) {
  console.error(`restore: ${(e as Error).message}`);
  process.exit(1);
}
