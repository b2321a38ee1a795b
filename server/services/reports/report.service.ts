// Shoppers' reports of suspected fakes. A report is anonymous: the device id is stored
// only as a keyed hash (so an inspector can see two reports came from one phone), the
// place only as a ward/commune id, and contact details only when the shopper types them.
import { parseScan } from '../../domain/parse-scan';
import type { CatalogueRepository } from '../../repositories/catalogue/catalogue.repository';
import type { Clock } from '../../repositories/clock';
import type { ReportRepository, StoredReport } from '../../repositories/report.repository';
import { keyedHash } from '../verify/verify.service';

export interface ReportInput {
  clientReportId: string;
  payload?: string;
  verdict?: string;
  reasons?: string[];
  productId?: string;
  shop?: string;
  note?: string;
  contact?: string;
  deviceId?: string;
  place?: string;
  reportedAt?: string;
}

export type ReportOutcome =
  | { ok: true; created: boolean; report: { id: string; status: StoredReport['status']; receivedAt: string } }
  | { ok: false; code: 'unknown_product' | 'unknown_place' | 'empty_report'; message: string; message_vi: string };

export interface ReportService {
  submit(input: ReportInput): ReportOutcome;
}

export interface ReportServiceDeps {
  reports: ReportRepository;
  catalogue: CatalogueRepository;
  clock: Clock;
  secret: Uint8Array;
  publicHosts: readonly string[];
  officialDomains: readonly string[];
}

export function createReportService(deps: ReportServiceDeps): ReportService {
  const { reports, catalogue, clock, secret } = deps;
  return {
    submit(input) {
      // A re-send from the phone's outbox: answer as the first time, change nothing.
      const existing = reports.byClientId(input.clientReportId);
      if (existing) return { ok: true, created: false, report: { id: existing.clientReportId, status: existing.status, receivedAt: existing.receivedAt } };
      if (!input.payload && !input.productId && !input.note) {
        return { ok: false, code: 'empty_report', message: 'A report needs the scanned code, a product or a note', message_vi: 'Báo cáo cần có mã đã quét, sản phẩm hoặc vài dòng mô tả' };
      }
      const today = clock.today();
      if (input.productId && !catalogue.productDetail(input.productId, today)) {
        return { ok: false, code: 'unknown_product', message: `No product with id "${input.productId}"`, message_vi: `Không có sản phẩm "${input.productId}" trong danh bạ` };
      }
      if (input.place && !catalogue.coarsePlace(input.place)) {
        return { ok: false, code: 'unknown_place', message: `No ward or commune with id "${input.place}"`, message_vi: `Không có phường/xã "${input.place}"` };
      }
      const scan = input.payload ? parseScan(input.payload, { publicHosts: deps.publicHosts, officialDomains: deps.officialDomains }) : null;
      const now = clock.now().toISOString();
      const { report, created } = reports.insert({
        clientReportId: input.clientReportId,
        payload: input.payload ?? null,
        serial: scan?.kind === 'stamp' && scan.ok ? scan.stamp.serial : scan?.kind === 'typed_serial' ? scan.serial : null,
        verdict: input.verdict ?? null,
        reasons: input.reasons ?? [],
        productId: input.productId ?? null,
        shop: input.shop?.trim() || null,
        note: input.note?.trim() || null,
        contact: input.contact?.trim() || null,
        deviceHash: input.deviceId ? keyedHash(secret, `device|${input.deviceId}`) : null,
        placeCode: input.place ?? null,
        reportedAt: input.reportedAt ?? now,
        receivedAt: now,
      });
      return { ok: true, created, report: { id: report.clientReportId, status: report.status, receivedAt: report.receivedAt } };
    },
  };
}
