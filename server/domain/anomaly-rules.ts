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

type OcopCertificate = {
  validUntil: string | null;
  /** 31/12/(Y+3) when only the certification year Y is known (certificate-term.ts). */
  latestUntil?: string | null;
  certYear?: number | null;
  stars: number | null;
  decisionNumber: string | null;
};

const endOf = (cert: OcopCertificate): string | null => cert.validUntil ?? cert.latestUntil ?? null;

/**
 * The product's OCOP certification has lapsed: every starred certificate it holds has
 * expired (a renewed one, even with fewer stars, keeps it current). Names the latest. A
 * certificate known only by its year counts as expired once 31/12/(year+3) has passed.
 */
export function checkOcopExpired(certs: readonly OcopCertificate[], today: string): Reason | null {
  let latest: OcopCertificate | null = null;
  for (const cert of certs) {
    if (cert.stars === null) continue;
    const end = endOf(cert);
    if (!end || end >= today) return null;
    if (!latest || end > (endOf(latest) as string)) latest = cert;
  }
  if (!latest) return null;
  const validUntil = endOf(latest) as string;
  const decision = latest.decisionNumber ? ` (quyết định ${latest.decisionNumber})` : '';
  const decisionEn = latest.decisionNumber ? ` (decision ${latest.decisionNumber})` : '';
  if (!latest.validUntil) {
    const year = latest.certYear ? ` năm ${latest.certYear}` : '';
    const yearEn = latest.certYear ? ` of ${latest.certYear}` : '';
    return {
      code: 'ocop_certificate_expired',
      message_vi: `Chứng nhận OCOP ${latest.stars} sao${year} của sản phẩm${decision} đã hết hạn — muộn nhất ngày ${formatVietnamDate(validUntil)} (chứng nhận có hiệu lực 36 tháng).`,
      message_en: `The product's ${latest.stars}-star OCOP certificate${yearEn}${decisionEn} has expired — on ${formatVietnamDate(validUntil)} at the latest (certificates run 36 months).`,
      validUntil,
    };
  }
  return {
    code: 'ocop_certificate_expired',
    message_vi: `Chứng nhận OCOP ${latest.stars} sao của sản phẩm${decision} đã hết hạn ngày ${formatVietnamDate(validUntil)}.`,
    message_en: `The product's ${latest.stars}-star OCOP certificate${decisionEn} expired on ${formatVietnamDate(validUntil)}.`,
    validUntil,
  };
}
