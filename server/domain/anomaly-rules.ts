// Anomaly rules for a genuine stamp (PRODUCT.md §3). Pure: the verify service gathers the
// facts, these functions decide. The clone rules (other phones, impossible travel) read the
// stamp's evidence in stamp-signals.ts; these read the batch and the product.
import { formatVietnamDate, type Reason } from './verdict';

export interface AnomalyThresholds {
  /** Other devices that may check a stamp before it is suspicious (default 2: a 4th phone is). */
  otherDevices: number;
  /** Scans in two provinces less than this many hours apart are impossible travel. */
  travelHours: number;
}

export const DEFAULT_THRESHOLDS: AnomalyThresholds = { otherDevices: 2, travelHours: 3 };

/** The batch's own expiry date has passed. */
export function checkBatchExpired(expiresAt: string | null, today: string): Reason | null {
  if (!expiresAt || expiresAt >= today) return null;
  return {
    code: 'batch_expired',
    message_vi: `Lô tem này hết hạn ngày ${formatVietnamDate(expiresAt)}.`,
    message_en: `This stamp batch expired on ${formatVietnamDate(expiresAt)}.`,
    expiresAt,
  };
}

type OcopCertificate = { validUntil: string | null; stars: number | null; decisionNumber: string | null };

/**
 * The product's OCOP certification has lapsed: every starred certificate it holds has
 * expired (a renewed one, even with fewer stars, keeps it current). Names the latest.
 */
export function checkOcopExpired(certs: readonly OcopCertificate[], today: string): Reason | null {
  let latest: OcopCertificate | null = null;
  for (const cert of certs) {
    if (cert.stars === null) continue;
    if (!cert.validUntil || cert.validUntil >= today) return null;
    if (!latest || cert.validUntil > (latest.validUntil as string)) latest = cert;
  }
  if (!latest) return null;
  const validUntil = latest.validUntil as string;
  const decision = latest.decisionNumber ? ` (quyết định ${latest.decisionNumber})` : '';
  return {
    code: 'ocop_certificate_expired',
    message_vi: `Chứng nhận OCOP ${latest.stars} sao của sản phẩm${decision} đã hết hạn ngày ${formatVietnamDate(validUntil)}.`,
    message_en: `The product's ${latest.stars}-star OCOP certificate${latest.decisionNumber ? ` (decision ${latest.decisionNumber})` : ''} expired on ${formatVietnamDate(validUntil)}.`,
    validUntil,
  };
}
