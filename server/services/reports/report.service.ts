// Shoppers' reports of suspected fakes. A report is anonymous: the device id is stored
// only as a keyed hash (so an inspector can see two reports came from one phone), the
// place only as a ward/commune id, and contact details only when the shopper types them.
import { randomBytes } from 'node:crypto';
import { parseScan } from '../../domain/parse-scan';
import type { CatalogueRepository } from '../../repositories/catalogue/catalogue.repository';
import type { Clock } from '../../repositories/clock';
import type { ReportRepository, ReportStatus, StoredReport } from '../../repositories/report.repository';
import { keyedHash } from '../verify/verify.service';
import { sanitizePhotos, type PhotoProblem } from './photo-evidence';

export interface ReportInput {
  clientReportId: string;
  payload?: string;
  verdict?: string;
  reasons?: string[];
  productId?: string;
  shop?: string;
  /** What the shopper paid, in đồng. */
  price?: number;
  note?: string;
  contact?: string;
  deviceId?: string;
  place?: string;
  reportedAt?: string;
}

export type ReportOutcome =
  | { ok: true; created: boolean; report: { id: string; status: ReportStatus; receivedAt: string; receipt: string; photos: number } }
  | { ok: false; code: 'unknown_product' | 'unknown_place' | 'empty_report'; message: string; message_vi: string }
  | ({ ok: false; message: string; message_vi: string } & PhotoProblem);

export interface ReportService {
  /** Store a report with its photos (re-encoded, metadata stripped); a re-send changes nothing. */
  submit(input: ReportInput, photos?: Uint8Array[]): Promise<ReportOutcome>;
  /** What the shopper may see by their receipt: the status and when it last changed, nothing else. */
  statusByReceipt(receipt: string): { status: ReportStatus; updatedAt: string } | null;
}

// Crockford's base32 (no I, L, O, U): read aloud or typed from a screenshot without confusion.
const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 10 characters = 50 random bits: guessing one of a million receipts takes ~10⁹ tries. */
export function generateReceipt(): string {
  const bytes = randomBytes(10);
  return [...bytes].map((b) => RECEIPT_ALPHABET[b & 31]).join('');
}

/** A receipt as typed (any case, spaces or dashes, O for 0, I/L for 1) in its stored form, or null. */
export function normaliseReceipt(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return /^[0-9A-Z]{10,16}$/.test(s) ? s : null;
}

const PHOTO_MESSAGES: Record<PhotoProblem['code'], [string, string]> = {
  unsupported_photo_type: ['Photos must be JPEG, PNG or WebP', 'Ảnh phải ở dạng JPEG, PNG hoặc WebP'],
  photo_too_large: ['A photo is too large', 'Ảnh quá lớn'],
  bad_photo: ['A photo could not be read', 'Không đọc được ảnh'],
};

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
  const answerOf = (r: StoredReport) => ({ id: r.clientReportId, status: r.status, receivedAt: r.receivedAt, receipt: r.receipt, photos: reports.photos(r.id).length });
  return {
    async submit(input, files = []) {
      // A re-send from the phone's outbox: answer as the first time, change nothing (its photos are not decoded again).
      const existing = reports.byClientId(input.clientReportId);
      if (existing) return { ok: true, created: false, report: answerOf(existing) };
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
      const sanitized = await sanitizePhotos(files);
      if (!sanitized.ok) {
        const [message, vi] = PHOTO_MESSAGES[sanitized.code];
        return { ok: false, code: sanitized.code, index: sanitized.index, message: `${message} (photo ${sanitized.index + 1})`, message_vi: `${vi} (ảnh ${sanitized.index + 1})` };
      }
      const scan = input.payload ? parseScan(input.payload, { publicHosts: deps.publicHosts, officialDomains: deps.officialDomains }) : null;
      const now = clock.now().toISOString();
      const { report, created } = reports.insert({
        clientReportId: input.clientReportId,
        receipt: generateReceipt(),
        payload: input.payload ?? null,
        serial: scan?.kind === 'stamp' && scan.ok ? scan.stamp.serial : scan?.kind === 'typed_serial' ? scan.serial : null,
        verdict: input.verdict ?? null,
        reasons: input.reasons ?? [],
        productId: input.productId ?? null,
        shop: input.shop?.trim() || null,
        price: input.price ?? null,
        note: input.note?.trim() || null,
        contact: input.contact?.trim() || null,
        deviceHash: input.deviceId ? keyedHash(secret, `device|${input.deviceId}`) : null,
        placeCode: input.place ?? null,
        reportedAt: input.reportedAt ?? now,
        receivedAt: now,
      }, sanitized.photos);
      return { ok: true, created, report: answerOf(report) };
    },
    statusByReceipt(typed) {
      const receipt = normaliseReceipt(typed);
      const report = receipt ? reports.byReceipt(receipt) : null;
      return report ? { status: report.status, updatedAt: report.updatedAt } : null;
    },
  };
}
