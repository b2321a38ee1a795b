// Inspectors work through shoppers' reports: a queue with filters, one report with its
// photos and notes, and the workflow mới → đang xác minh → hàng giả đã xác nhận /
// không phải hàng giả / trùng lặp, with assignment. Every change goes to the audit log.
import type { Clock } from '../../repositories/clock';
import type { ReportFilter, ReportRepository, ReportStatus, StoredReport } from '../../repositories/report.repository';
import type { UserRepository } from '../../repositories/user.repository';
import type { Actor, AuditService } from '../audit/audit.service';

/** What an inspector sees of a report: never the device hash itself, only a short label of it. */
export interface ReportView
  extends Pick<
    StoredReport,
    'id' | 'clientReportId' | 'status' | 'payload' | 'serial' | 'verdict' | 'reasons' | 'productId' | 'shop' | 'price' | 'note' | 'contact' | 'placeCode' | 'duplicateOf' | 'reportedAt' | 'receivedAt' | 'updatedAt'
  > {
  /** The same for two reports from one phone; says nothing else about it. */
  deviceLabel: string | null;
  assignee: { id: number; email: string } | null;
  photos: number;
}

export interface ReportDetail extends ReportView {
  notes: { id: number; author: string; body: string; createdAt: string }[];
  photoList: { seq: number; width: number; height: number; url: string }[];
}

export interface TriageChange {
  status?: ReportStatus;
  assigneeId?: number | null;
  duplicateOf?: number | null;
  note?: string;
}

export type TriageError = { ok: false; code: 'not_found' | 'unknown_assignee' | 'unknown_duplicate' | 'duplicate_needs_original' };

export interface ReportTriageService {
  list(filter: ReportFilter): { items: ReportView[]; total: number };
  detail(id: number): ReportDetail | null;
  change(actor: Actor & { id: number }, id: number, change: TriageChange): { ok: true; report: ReportDetail } | TriageError;
  photo(id: number, seq: number): { mime: string; bytes: Buffer } | null;
}

export function createReportTriageService(deps: { reports: ReportRepository; users: UserRepository; audit: AuditService; clock: Clock }): ReportTriageService {
  const { reports, users, audit, clock } = deps;
  const emailCache = new Map<number, string>();
  const assigneeOf = (id: number | null) => {
    if (id === null) return null;
    if (!emailCache.has(id)) emailCache.set(id, users.byId(id)?.email ?? '?');
    return { id, email: emailCache.get(id)! };
  };
  const view = (r: StoredReport, photos: number): ReportView => ({
    id: r.id,
    clientReportId: r.clientReportId,
    status: r.status,
    payload: r.payload,
    serial: r.serial,
    verdict: r.verdict,
    reasons: r.reasons,
    productId: r.productId,
    shop: r.shop,
    price: r.price,
    note: r.note,
    contact: r.contact,
    deviceLabel: r.deviceHash ? r.deviceHash.slice(0, 8) : null,
    placeCode: r.placeCode,
    assignee: assigneeOf(r.assigneeId),
    duplicateOf: r.duplicateOf,
    photos,
    reportedAt: r.reportedAt,
    receivedAt: r.receivedAt,
    updatedAt: r.updatedAt,
  });
  const detail = (id: number): ReportDetail | null => {
    const r = reports.byId(id);
    if (!r) return null;
    const photoList = reports.photos(id).map((p) => ({ seq: p.seq, width: p.width, height: p.height, url: `/api/reports/${id}/photos/${p.seq}` }));
    return {
      ...view(r, photoList.length),
      notes: reports.notes(id).map((n) => ({ id: n.id, author: n.authorEmail, body: n.body, createdAt: n.createdAt })),
      photoList,
    };
  };
  // The audit log keeps the workflow fields, not the shopper's text.
  const auditView = (r: StoredReport) => ({ status: r.status, assigneeId: r.assigneeId, duplicateOf: r.duplicateOf });

  return {
    list(filter) {
      const rows = reports.list(filter);
      const counts = reports.photoCounts(rows.map((r) => r.id));
      const { limit: _l, offset: _o, ...where } = filter;
      return { items: rows.map((r) => view(r, counts.get(r.id) ?? 0)), total: reports.count(where) };
    },
    detail,
    change(actor, id, change) {
      const before = reports.byId(id);
      if (!before) return { ok: false, code: 'not_found' };
      if (change.assigneeId != null) {
        const u = users.byId(change.assigneeId);
        if (!u || u.disabled) return { ok: false, code: 'unknown_assignee' };
      }
      if (change.duplicateOf != null && (change.duplicateOf === id || !reports.byId(change.duplicateOf))) return { ok: false, code: 'unknown_duplicate' };
      const status = change.status ?? before.status;
      const duplicateOf = change.duplicateOf !== undefined ? change.duplicateOf : before.duplicateOf;
      if (status === 'duplicate' && duplicateOf === null) return { ok: false, code: 'duplicate_needs_original' };
      const now = clock.now().toISOString();
      const after = reports.update(id, {
        status: change.status,
        assigneeId: change.assigneeId,
        // A report that is no longer a duplicate points at no original.
        duplicateOf: status === 'duplicate' ? duplicateOf : null,
        updatedAt: now,
      })!;
      const note = change.note?.trim();
      if (note) reports.addNote(id, actor.id, note, now);
      audit.record(actor, 'report.update', { type: 'report', id }, auditView(before), { ...auditView(after), ...(note ? { note } : {}) });
      return { ok: true, report: detail(id)! };
    },
    photo(id, seq) {
      const p = reports.photo(id, seq);
      return p ? { mime: p.mime, bytes: p.bytes } : null;
    },
  };
}
