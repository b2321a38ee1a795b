import type { Db } from '../db/connection';

export const REPORT_STATUSES = ['new', 'verifying', 'confirmed_fake', 'not_fake', 'duplicate'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface NewReport {
  clientReportId: string;
  receipt: string;
  payload: string | null;
  serial: string | null;
  verdict: string | null;
  reasons: string[];
  productId: string | null;
  shop: string | null;
  price: number | null;
  note: string | null;
  contact: string | null;
  deviceHash: string | null;
  placeCode: string | null;
  reportedAt: string;
  receivedAt: string;
}

export interface StoredReport extends NewReport {
  id: number;
  status: ReportStatus;
  assigneeId: number | null;
  duplicateOf: number | null;
  updatedAt: string;
}

/** A photo as stored: already re-encoded, no metadata. */
export interface ReportPhoto {
  mime: 'image/jpeg' | 'image/webp';
  width: number;
  height: number;
  bytes: Buffer;
}

export interface ReportNote {
  id: number;
  authorId: number;
  authorEmail: string;
  body: string;
  createdAt: string;
}

export interface ReportFilter {
  status?: ReportStatus;
  serial?: string;
  productId?: string;
  placeCode?: string;
  assigneeId?: number | null;
  hasPhotos?: boolean;
  limit: number;
  offset?: number;
}

interface ReportRow {
  id: number;
  client_report_id: string;
  receipt: string;
  payload: string | null;
  serial: string | null;
  verdict: string | null;
  reasons: string;
  product_id: string | null;
  shop: string | null;
  price: number | null;
  note: string | null;
  contact: string | null;
  device_hash: string | null;
  place_code: string | null;
  status: ReportStatus;
  assignee_id: number | null;
  duplicate_of: number | null;
  reported_at: string;
  received_at: string;
  updated_at: string;
}

function toReport(r: ReportRow): StoredReport {
  return {
    id: r.id,
    clientReportId: r.client_report_id,
    receipt: r.receipt,
    payload: r.payload,
    serial: r.serial,
    verdict: r.verdict,
    reasons: JSON.parse(r.reasons) as string[],
    productId: r.product_id,
    shop: r.shop,
    price: r.price,
    note: r.note,
    contact: r.contact,
    deviceHash: r.device_hash,
    placeCode: r.place_code,
    status: r.status,
    assigneeId: r.assignee_id,
    duplicateOf: r.duplicate_of,
    reportedAt: r.reported_at,
    receivedAt: r.received_at,
    updatedAt: r.updated_at,
  };
}

export interface ReportRepository {
  /** Store a report (and its photos) once per client id; a re-send returns the stored one and `created: false`. */
  insert(report: NewReport, photos?: ReportPhoto[]): { report: StoredReport; created: boolean };
  byClientId(clientReportId: string): StoredReport | null;
  byId(id: number): StoredReport | null;
  byReceipt(receipt: string): StoredReport | null;
  list(filter: ReportFilter): StoredReport[];
  count(filter: Omit<ReportFilter, 'limit' | 'offset'>): number;
  update(id: number, change: { status?: ReportStatus; assigneeId?: number | null; duplicateOf?: number | null; updatedAt: string }): StoredReport | null;
  addNote(reportId: number, authorId: number, body: string, at: string): void;
  notes(reportId: number): ReportNote[];
  /** Photo numbers and sizes of a report (not the bytes). */
  photos(reportId: number): { seq: number; mime: string; width: number; height: number }[];
  photo(reportId: number, seq: number): ReportPhoto | null;
  photoCounts(reportIds: number[]): Map<number, number>;
}

function whereOf(f: Omit<ReportFilter, 'limit' | 'offset'>) {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, v: string | number) => {
    where.push(sql);
    args.push(v);
  };
  if (f.status) add('status = ?', f.status);
  if (f.serial) add('serial = ?', f.serial);
  if (f.productId) add('product_id = ?', f.productId);
  if (f.placeCode) add('place_code = ?', f.placeCode);
  if (f.assigneeId === null) where.push('assignee_id IS NULL');
  else if (f.assigneeId !== undefined) add('assignee_id = ?', f.assigneeId);
  if (f.hasPhotos !== undefined) where.push(`${f.hasPhotos ? '' : 'NOT '}EXISTS (SELECT 1 FROM report_photos p WHERE p.report_id = reports.id)`);
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

export function createReportRepository(db: Db): ReportRepository {
  const insert = db.prepare(`INSERT INTO reports (client_report_id, receipt, payload, serial, verdict, reasons, product_id, shop, price, note, contact,
      device_hash, place_code, reported_at, received_at, updated_at)
    VALUES (@clientReportId, @receipt, @payload, @serial, @verdict, @reasons, @productId, @shop, @price, @note, @contact, @deviceHash, @placeCode, @reportedAt, @receivedAt, @receivedAt)
    ON CONFLICT(client_report_id) DO NOTHING`);
  const insertPhoto = db.prepare('INSERT INTO report_photos (report_id, seq, mime, width, height, bytes) VALUES (?, ?, ?, ?, ?, ?)');
  const one = (sql: string) => {
    const stmt = db.prepare(sql);
    return (v: string | number) => {
      const row = stmt.get(v) as ReportRow | undefined;
      return row ? toReport(row) : null;
    };
  };
  const byClientId = one('SELECT * FROM reports WHERE client_report_id = ?');
  const byId = one('SELECT * FROM reports WHERE id = ?');
  const byReceipt = one('SELECT * FROM reports WHERE receipt = ?');
  const insertAll = db.transaction((report: NewReport, photos: ReportPhoto[]) => {
    const { changes, lastInsertRowid } = insert.run({ ...report, reasons: JSON.stringify(report.reasons) });
    if (changes === 1) photos.forEach((p, i) => insertPhoto.run(Number(lastInsertRowid), i + 1, p.mime, p.width, p.height, p.bytes));
    return changes === 1;
  });
  return {
    insert(report, photos = []) {
      const created = insertAll(report, photos);
      return { report: byClientId(report.clientReportId)!, created };
    },
    byClientId,
    byId,
    byReceipt,
    list(filter) {
      const w = whereOf(filter);
      const sql = `SELECT * FROM reports ${w.sql} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`;
      return (db.prepare(sql).all(...w.args, filter.limit, filter.offset ?? 0) as ReportRow[]).map(toReport);
    },
    count(filter) {
      const w = whereOf(filter);
      return db.prepare(`SELECT COUNT(*) FROM reports ${w.sql}`).pluck().get(...w.args) as number;
    },
    update(id, { status, assigneeId, duplicateOf, updatedAt }) {
      const sets = ['updated_at = @updatedAt'];
      if (status) sets.push('status = @status');
      if (assigneeId !== undefined) sets.push('assignee_id = @assigneeId');
      if (duplicateOf !== undefined) sets.push('duplicate_of = @duplicateOf');
      db.prepare(`UPDATE reports SET ${sets.join(', ')} WHERE id = @id`).run({ id, updatedAt, status: status ?? null, assigneeId: assigneeId ?? null, duplicateOf: duplicateOf ?? null });
      return byId(id);
    },
    addNote(reportId, authorId, body, at) {
      db.prepare('INSERT INTO report_notes (report_id, author_id, body, created_at) VALUES (?, ?, ?, ?)').run(reportId, authorId, body, at);
    },
    notes(reportId) {
      const rows = db
        .prepare('SELECT n.id, n.author_id, u.email, n.body, n.created_at FROM report_notes n JOIN users u ON u.id = n.author_id WHERE n.report_id = ? ORDER BY n.id')
        .all(reportId) as { id: number; author_id: number; email: string; body: string; created_at: string }[];
      return rows.map((r) => ({ id: r.id, authorId: r.author_id, authorEmail: r.email, body: r.body, createdAt: r.created_at }));
    },
    photos(reportId) {
      return db.prepare('SELECT seq, mime, width, height FROM report_photos WHERE report_id = ? ORDER BY seq').all(reportId) as { seq: number; mime: string; width: number; height: number }[];
    },
    photo(reportId, seq) {
      const row = db.prepare('SELECT mime, width, height, bytes FROM report_photos WHERE report_id = ? AND seq = ?').get(reportId, seq) as ReportPhoto | undefined;
      return row ?? null;
    },
    photoCounts(reportIds) {
      const out = new Map<number, number>();
      if (reportIds.length === 0) return out;
      const rows = db
        .prepare(`SELECT report_id, COUNT(*) AS n FROM report_photos WHERE report_id IN (${reportIds.map(() => '?').join(',')}) GROUP BY report_id`)
        .all(...reportIds) as { report_id: number; n: number }[];
      for (const r of rows) out.set(r.report_id, r.n);
      return out;
    },
  };
}
