// Anomaly rules for a genuine stamp (PRODUCT.md §3, issue #3). Pure: the verify service
// gathers the facts, these functions decide. The same device re-checking its own stamp
// never raises an alarm: every rule looks only at other devices' scans.
import { formatVietnamDate, formatVietnamTime, type Reason } from './verdict';

export interface PriorScan {
  deviceHash: string | null;
  scannedAt: string;
  /** Coarse place: ward/commune id, its name and its province id. */
  placeId: string | null;
  placeName: string | null;
  provinceId: string | null;
}

export interface AnomalyThresholds {
  /** Other devices that may check a stamp before it is suspicious (default 2: a 4th phone is). */
  otherDevices: number;
  /** Scans in two provinces less than this many hours apart are impossible travel. */
  travelHours: number;
}

export const DEFAULT_THRESHOLDS: AnomalyThresholds = { otherDevices: 2, travelHours: 3 };

/** Distinct other devices among earlier scans, and the earliest of their scans. */
export interface OtherDevices {
  count: number;
  first: PriorScan | null;
}

/** What the "other phones" rule reads of a list of earlier scans: one pass, no sorting. */
export function otherDevicesIn(prior: readonly PriorScan[], device: string | null): OtherDevices {
  const seen = new Set<string>();
  let first: PriorScan | null = null;
  for (const s of prior) {
    if (!s.deviceHash || s.deviceHash === device) continue;
    seen.add(s.deviceHash);
    // ISO-8601 UTC instants in one format order as plain strings.
    if (!first || s.scannedAt < first.scannedAt) first = s;
  }
  return { count: seen.size, first };
}

/** "Checked before by other phones": caution past the threshold of distinct other devices. */
export function otherDevicesReason(others: OtherDevices, thresholds: AnomalyThresholds): Reason | null {
  const { count, first } = others;
  if (count <= thresholds.otherDevices || !first) return null;
  const where = first.placeName ? ` tại ${first.placeName}` : '';
  const whereEn = first.placeName ? ` in ${first.placeName}` : '';
  return {
    code: 'checked_by_other_devices',
    message_vi: `Tem này đã được ${count} điện thoại khác kiểm tra, lần đầu lúc ${formatVietnamTime(first.scannedAt)}${where}. Tem thật có thể bị sao chép: hãy xem kỹ bao bì.`,
    message_en: `${count} other phones have checked this stamp, first at ${formatVietnamTime(first.scannedAt)}${whereEn}. A genuine stamp may have been copied: look closely at the packaging.`,
    otherDevices: count,
    firstCheckedAt: first.scannedAt,
    firstPlace: first.placeName,
  };
}

/** The "other phones" rule over a list of earlier scans. */
export function checkOtherDevices(prior: readonly PriorScan[], device: string | null, thresholds: AnomalyThresholds): Reason | null {
  return otherDevicesReason(otherDevicesIn(prior, device), thresholds);
}

/** "Too far too fast": another device scanned it in another province only hours apart. */
export function checkImpossibleTravel(
  prior: PriorScan[],
  current: { deviceHash: string | null; scannedAt: string; provinceId: string | null; placeName: string | null },
  thresholds: AnomalyThresholds,
): Reason | null {
  if (!current.provinceId) return null;
  const now = new Date(current.scannedAt).getTime();
  for (const s of [...prior].reverse()) {
    // Scans without a device id are never the same phone as anything.
    if (!s.provinceId || s.provinceId === current.provinceId || (s.deviceHash !== null && s.deviceHash === current.deviceHash)) continue;
    const hours = Math.abs(now - new Date(s.scannedAt).getTime()) / 3600_000;
    if (hours >= thresholds.travelHours) continue;
    return {
      code: 'impossible_travel',
      message_vi: `Tem này vừa được kiểm tra ở ${s.placeName ?? 'tỉnh khác'} lúc ${formatVietnamTime(s.scannedAt)}, cách ${current.placeName ?? 'nơi bạn đang ở'} quá xa so với thời gian. Có thể có tem sao chép.`,
      message_en: `This stamp was checked in ${s.placeName ?? 'another province'} at ${formatVietnamTime(s.scannedAt)}, too far from ${current.placeName ?? 'here'} for the time between. It may have been copied.`,
      otherPlace: s.placeName,
      otherScannedAt: s.scannedAt,
      hoursApart: Math.round(hours * 10) / 10,
    };
  }
  return null;
}

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
