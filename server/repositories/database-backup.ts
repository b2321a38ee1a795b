// Online backup and offline restore of the SQLite database.
//
// Backup: `VACUUM INTO` from a second, read-only connection. Under WAL it reads one
// snapshot in one read transaction, so the copy is consistent, and writers are never
// blocked (they append to the WAL meanwhile; checkpoints wait for the reader). Measured
// alternatives: better-sqlite3's db.backup() restarts whenever another connection writes
// and never finished under 100 writes/s; copying in one step froze serving for ~5 s per GB.
// The copy goes to a `.partial` file, is checked, flushed and only then renamed.
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface BackupResult {
  path: string;
  bytes: number;
  /** Time of the copy itself (VACUUM INTO), then of the check. */
  copyMs: number;
  checkMs: number;
  /** The schema version (last applied migration) of the copy. */
  schemaVersion: number;
}

/** Flush a file (or folder) to disk. */
function syncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Open a database file read-only and check it is a whole Nguồn Việt database; its schema version. */
export function checkDatabaseFile(path: string): number {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`${path} is damaged: ${String(result)}`);
    const hasMigrations = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (!hasMigrations) throw new Error(`${path} is not a Nguồn Việt database (no schema_migrations table)`);
    return Number(db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() ?? 0);
  } finally {
    db.close();
  }
}

/** Copy the live database at `databasePath` to `target` (which must not exist) while it serves. */
export function backupDatabase(databasePath: string, target: string): BackupResult {
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name (a backup never overwrites)`);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const source = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: 5000 });
  const started = performance.now();
  try {
    source.prepare('VACUUM INTO ?').run(partial);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    source.close();
  }
  const copied = performance.now();
  let schemaVersion: number;
  try {
    syncPath(partial);
    schemaVersion = checkDatabaseFile(partial);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  renameSync(partial, target);
  syncPath(dirname(target));
  return { path: target, bytes: statSync(target).size, copyMs: copied - started, checkMs: performance.now() - copied, schemaVersion };
}

export interface RestoreResult {
  /** Where the database that was there before now is (null when there was none). */
  previous: string | null;
  schemaVersion: number;
}

/**
 * Put the backup `file` in place of the database at `databasePath`. The server must be
 * stopped: restore refuses while any process has the database open. A database already
 * there is kept beside it (`<name>.before-restore-<time>`), with its WAL merged in first.
 */
export function restoreDatabase(file: string, databasePath: string, now: Date): RestoreResult {
  const schemaVersion = checkDatabaseFile(file);
  let previous: string | null = null;
  if (existsSync(databasePath)) {
    const current = new Database(databasePath, { fileMustExist: true, timeout: 0 });
    try {
      // An exclusive lock is only granted when no other connection (the server) has it open.
      current.pragma('locking_mode = EXCLUSIVE');
      current.exec('BEGIN EXCLUSIVE');
      current.exec('COMMIT');
    } catch (e) {
      current.close();
      throw new Error(`${databasePath} is in use (is the server running?): stop it before restoring (${(e as Error).message})`);
    }
    current.pragma('wal_checkpoint(TRUNCATE)');
    current.close();
    previous = `${databasePath}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    renameSync(databasePath, previous);
  }
  // A WAL left beside the old file must never be replayed onto the restored one.
  for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  const partial = `${databasePath}.partial`;
  mkdirSync(dirname(databasePath), { recursive: true });
  copyFileSync(file, partial);
  syncPath(partial);
  renameSync(partial, databasePath);
  syncPath(dirname(databasePath));
  return { previous, schemaVersion };
}
