// Anomaly rules for a genuine stamp (PRODUCT.md §3). Pure: the verify service gathers the
// facts, these functions decide. The clone rules (other phones, impossible travel) read the
// stamp's evidence in stamp-signals.ts; this one reads the batch (the product's lapsed
// certificate is catalogue/certificate-state.ts's ocopExpiredReason).
import { formatVietnamDate } from './catalogue/dates';
import type { Reason } from './verdict';

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
