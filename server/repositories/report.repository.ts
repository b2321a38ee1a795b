import type { Db } from '../db/connection';

export interface NewReport {
  clientReportId: string;
  payload: string | null;
  serial: string | null;
  verdict: string | null;
  reasons: string[];
  productId: string | null;
  shop: string | null;
  note: string | null;
  contact: string | null;
  deviceHash: string | null;
  placeCode: string | null;
  reportedAt: string;
  receivedAt: string;
}

export interface StoredReport extends NewReport {
  id: number;
  status: 'new' | 'triaged' | 'closed';
}

interface ReportRow {
  id: number;
  client_report_id: string;
  payload: string | null;
  serial: string | null;
  verdict: string | null;
  reasons: string;
  product_id: string | null;
  shop: string | null;
  note: string | null;
  contact: string | null;
  device_hash: string | null;
  place_code: string | null;
  status: StoredReport['status'];
  reported_at: string;
  received_at: string;
}

function toReport(r: ReportRow): StoredReport {
  return {
    id: r.id,
    clientReportId: r.client_report_id,
    payload: r.payload,
    serial: r.serial,
    verdict: r.verdict,
    reasons: JSON.parse(r.reasons) as string[],
    productId: r.product_id,
    shop: r.shop,
    note: r.note,
    contact: r.contact,
    deviceHash: r.device_hash,
    placeCode: r.place_code,
    status: r.status,
    reportedAt: r.reported_at,
    receivedAt: r.received_at,
  };
}

export interface ReportRepository {
  /** Store a report once per client id; a re-send returns the stored one and `created: false`. */
  insert(report: NewReport): { report: StoredReport; created: boolean };
  byClientId(clientReportId: string): StoredReport | null;
  list(opts: { status?: StoredReport['status']; serial?: string; limit: number }): StoredReport[];
}

export function createReportRepository(db: Db): ReportRepository {
  const insert = db.prepare(`INSERT INTO reports (client_report_id, payload, serial, verdict, reasons, product_id, shop, note, contact,
      device_hash, place_code, reported_at, received_at)
    VALUES (@clientReportId, @payload, @serial, @verdict, @reasons, @productId, @shop, @note, @contact, @deviceHash, @placeCode, @reportedAt, @receivedAt)
    ON CONFLICT(client_report_id) DO NOTHING`);
  const byClient = db.prepare('SELECT * FROM reports WHERE client_report_id = ?');
  const byClientId = (id: string) => {
    const row = byClient.get(id) as ReportRow | undefined;
    return row ? toReport(row) : null;
  };
  return {
    insert(report) {
      const { changes } = insert.run({ ...report, reasons: JSON.stringify(report.reasons) });
      return { report: byClientId(report.clientReportId)!, created: changes === 1 };
    },
    byClientId,
    list({ status, serial, limit }) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (status) {
        where.push('status = ?');
        args.push(status);
      }
      if (serial) {
        where.push('serial = ?');
        args.push(serial);
      }
      const sql = `SELECT * FROM reports ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, id DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, limit) as ReportRow[]).map(toReport);
    },
  };
}
