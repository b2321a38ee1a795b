// One case as CSV for a prosecution file or another agency: the report, its notes, each
// photo with the SHA-256 of the stored bytes (so a photo handed over later can be matched),
// and, when the report names one of our stamps, the stamp's scan summary and anomalies.
import { createHash } from 'node:crypto';
import { writeCsv } from '../../domain/csv';
import type { Actor, AuditService } from '../audit/audit.service';
import { spreadsheetSafe } from '../audit/audit.service';
import type { StampHistoryPager } from '../inspector/stamp-history-page';
import type { ReportTriageService } from './report-triage.service';

export interface CaseExport {
  /** The case as CSV (section, field, value), or null when there is no such report. */
  exportCase(actor: Actor, id: number, publicUrl: string): string | null;
}

export function createCaseExport(deps: { triage: ReportTriageService; history: StampHistoryPager; audit: AuditService }): CaseExport {
  return {
    exportCase(actor, id, publicUrl) {
      const r = deps.triage.detail(id);
      if (!r) return null;
      const rows: Record<string, string>[] = [];
      const add = (section: string, field: string, value: string | number | null | undefined) =>
        rows.push({ section, field, value: spreadsheetSafe(value === null || value === undefined ? '' : String(value)) });
      add('report', 'id', r.id);
      add('report', 'status', r.status);
      add('report', 'received_at', r.receivedAt);
      add('report', 'reported_at', r.reportedAt);
      add('report', 'updated_at', r.updatedAt);
      add('report', 'payload', r.payload);
      add('report', 'serial', r.serial);
      add('report', 'verdict', r.verdict);
      add('report', 'reasons', r.reasons.join(' '));
      add('report', 'product_id', r.productId);
      add('report', 'shop', r.shop);
      add('report', 'price', r.price);
      add('report', 'note', r.note);
      add('report', 'contact', r.contact);
      add('report', 'device', r.deviceLabel);
      add('report', 'place', r.placeCode);
      add('report', 'assignee', r.assignee?.email);
      add('report', 'duplicate_of', r.duplicateOf);
      for (const n of r.notes) add('note', `${n.createdAt} ${n.author}`, n.body);
      for (const p of r.photoList) {
        const bytes = deps.triage.photo(id, p.seq);
        add('photo', `${p.seq} ${p.width}x${p.height}`, `${publicUrl}${p.url} sha256=${bytes ? createHash('sha256').update(bytes.bytes).digest('hex') : '?'}`);
      }
      if (r.serial) {
        const h = deps.history.page(r.serial, undefined, 1);
        if (h && h !== 'bad_cursor') {
          add('stamp', 'status', h.stamp.status);
          add('stamp', 'batch', h.batch.id);
          add('stamp', 'product', h.product?.name);
          add('stamp', 'checks', h.summary.checks);
          add('stamp', 'devices', h.summary.devices);
          add('stamp', 'networks', h.summary.networks);
          add('stamp', 'places', h.summary.places.map((p) => p.name).join('; '));
          add('stamp', 'first_checked_at', h.summary.firstCheckedAt);
          add('stamp', 'last_checked_at', h.summary.lastCheckedAt);
          for (const a of h.alerts) add('anomaly', `${a.at ?? ''} ${a.code}`.trim(), a.message_vi);
        }
      }
      deps.audit.record(actor, 'report.export', { type: 'report', id }, null, { rows: rows.length });
      return writeCsv(['section', 'field', 'value'], rows);
    },
  };
}
