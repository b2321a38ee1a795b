import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/connection';
import { KIND_COLUMNS, type RegistryKind } from '../domain/registry-kinds';
import type { StoredRecord } from '../services/import/normalise-record';

export interface ChangeLogEntry {
  version: number;
  entity: RegistryKind;
  entityId: string;
  op: 'upsert' | 'delete';
  data: StoredRecord | null;
  changedAt: string;
}

/** Generic storage of registry records, one table per kind, plus the change log. */
export interface RegistryRepository {
  allRecords(kind: RegistryKind): Map<string, StoredRecord>;
  idsOf(kind: RegistryKind): Set<string>;
  upsert(kind: RegistryKind, record: StoredRecord, importedAt: string): void;
  remove(kind: RegistryKind, id: string): void;
  appendChange(kind: RegistryKind, id: string, data: StoredRecord | null, at: string): number;
  currentVersion(): number;
  /** Changes appended through this repository so far: tells, without a query, that this process moved the version. */
  localChanges(): number;
  oldestVersion(): number;
  changesSince(version: number, limit: number): ChangeLogEntry[];
  transaction<T>(fn: () => T): T;
}

/** Build the registry repository over a SQLite database. */
export function createRegistryRepository(db: Db): RegistryRepository {
  const statements = new Map<string, Statement<unknown[], unknown>>();
  const stmt = (key: string, sql: () => string) => {
    let s = statements.get(key);
    if (!s) {
      s = db.prepare<unknown[], unknown>(sql());
      statements.set(key, s);
    }
    return s;
  };
  const columns = (kind: RegistryKind) => KIND_COLUMNS[kind].map((c) => c.name);
  let localChanges = 0;

  return {
    allRecords(kind) {
      const cols = columns(kind);
      const rows = stmt(`all:${kind}`, () => `SELECT ${cols.join(', ')} FROM ${kind}`).all() as StoredRecord[];
      return new Map(rows.map((r) => [String(r.id), r]));
    },
    idsOf(kind) {
      const rows = stmt(`ids:${kind}`, () => `SELECT id FROM ${kind}`).pluck().all() as string[];
      return new Set(rows);
    },
    upsert(kind, record, importedAt) {
      const cols = [...columns(kind), 'imported_at'];
      const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
      stmt(
        `upsert:${kind}`,
        () => `INSERT INTO ${kind} (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})
               ON CONFLICT(id) DO UPDATE SET ${updates.join(', ')}`,
      ).run({ ...record, imported_at: importedAt });
    },
    remove(kind, id) {
      stmt(`del:${kind}`, () => `DELETE FROM ${kind} WHERE id = ?`).run(id);
    },
    appendChange(kind, id, data, at) {
      const info = stmt(
        'change',
        () => 'INSERT INTO change_log (entity, entity_id, op, data, changed_at) VALUES (?, ?, ?, ?, ?)',
      ).run(kind, id, data ? 'upsert' : 'delete', data ? JSON.stringify(data) : null, at);
      localChanges++;
      return Number(info.lastInsertRowid);
    },
    currentVersion() {
      return (stmt('maxv', () => 'SELECT COALESCE(MAX(version), 0) FROM change_log').pluck().get() as number) ?? 0;
    },
    localChanges: () => localChanges,
    oldestVersion() {
      return (stmt('minv', () => 'SELECT COALESCE(MIN(version), 0) FROM change_log').pluck().get() as number) ?? 0;
    },
    changesSince(version, limit) {
      const rows = stmt(
        'since',
        () => 'SELECT version, entity, entity_id, op, data, changed_at FROM change_log WHERE version > ? ORDER BY version LIMIT ?',
      ).all(version, limit) as { version: number; entity: RegistryKind; entity_id: string; op: 'upsert' | 'delete'; data: string | null; changed_at: string }[];
      return rows.map((r) => ({
        version: r.version,
        entity: r.entity,
        entityId: r.entity_id,
        op: r.op,
        data: r.data ? (JSON.parse(r.data) as StoredRecord) : null,
        changedAt: r.changed_at,
      }));
    },
    transaction(fn) {
      // Deferred foreign keys: a file may list children before parents; the check runs at commit.
      return db.transaction(() => {
        db.pragma('defer_foreign_keys = ON');
        return fn();
      })();
    },
  };
}
