// Migration 0006 rebuilds the reports table for the workflow: reports filed before it keep
// every field, get a receipt, and map their old status. The audit log refuses edits.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection';
import { migrate } from '../../server/db/migrate';
import { createTempDb } from '../helpers/temp-db';

const MIGRATIONS = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
const tmp = createTempDb();
afterAll(() => tmp.cleanup());

describe('migration 0006', () => {
  it('keeps reports filed before it, gives each a receipt and maps old statuses', () => {
    const { db } = createTempDbBefore0006();
    const insert = db.prepare("INSERT INTO reports (client_report_id, note, status, reported_at, received_at) VALUES (?, 'ghi chú', ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z')");
    insert.run('old-report-new', 'new');
    insert.run('old-report-triaged', 'triaged');
    insert.run('old-report-closed', 'closed');
    migrate(db, MIGRATIONS);
    const rows = db.prepare('SELECT client_report_id, note, status, receipt, updated_at FROM reports ORDER BY id').all() as { client_report_id: string; note: string; status: string; receipt: string; updated_at: string }[];
    expect(rows.map((r) => [r.client_report_id, r.status, r.note, r.updated_at])).toEqual([
      ['old-report-new', 'new', 'ghi chú', '2026-01-01T00:00:01Z'],
      ['old-report-triaged', 'verifying', 'ghi chú', '2026-01-01T00:00:01Z'],
      ['old-report-closed', 'not_fake', 'ghi chú', '2026-01-01T00:00:01Z'],
    ]);
    expect(new Set(rows.map((r) => r.receipt)).size).toBe(3);
    for (const r of rows) expect(r.receipt).toMatch(/^[0-9A-F]{14}$/);
    db.close();
  });

  it('makes the audit log append-only', () => {
    tmp.db.prepare("INSERT INTO audit_log (at, actor_email, action, target_type) VALUES ('2026-01-01', 'a@b.vn', 'x', 'y')").run();
    expect(() => tmp.db.prepare("UPDATE audit_log SET action = 'changed'").run()).toThrow(/append-only/);
    expect(() => tmp.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(tmp.db.prepare('SELECT action FROM audit_log').pluck().all()).toEqual(['x']);
  });
});

/** A database migrated up to (not including) 0006, in the temp folder. */
function createTempDbBefore0006() {
  const dir = join(tmp.dir, 'before-0006');
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(MIGRATIONS)) if (f < '0006') copyFileSync(join(MIGRATIONS, f), join(dir, f));
  const db = openDatabase(join(tmp.dir, 'old.db'));
  migrate(db, dir);
  return { db };
}
