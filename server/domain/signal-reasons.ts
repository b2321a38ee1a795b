// The words a shopper reads about a stamp's clone evidence and PIN guesses: what was seen,
// graded (an informational note first, caution only past the threshold), never a cliff.
import type { OthersSeen } from './stamp-signals';
import { formatVietnamTime } from './catalogue/dates';
import type { Reason } from './verdict';

/** "2 giờ trước" / "2 hours ago", coarse on purpose. */
export function ago(fromMs: number, nowMs: number): { vi: string; en: string } {
  const minutes = Math.max(0, Math.round((nowMs - fromMs) / 60_000));
  if (minutes < 1) return { vi: 'vừa xong', en: 'just now' };
  if (minutes < 60) return { vi: `${minutes} phút trước`, en: `${minutes} minute${minutes === 1 ? '' : 's'} ago` };
  const hours = Math.round(minutes / 60);
  if (hours < 48) return { vi: `${hours} giờ trước`, en: `${hours} hour${hours === 1 ? '' : 's'} ago` };
  const days = Math.round(hours / 24);
  return { vi: `${days} ngày trước`, en: `${days} days ago` };
}

/**
 * Other phones on other networks that checked the stamp: null when none, an informational
 * `checked_before` up to `threshold` networks, `checked_by_other_devices` (caution) past it.
 */
export function othersReason(seen: OthersSeen, threshold: number, placeName: (id: string | null) => string | null, nowMs: number): { reason: Reason; caution: boolean } | null {
  if (!seen.phones || !seen.last || !seen.first) return null;
  const caution = seen.networks > threshold;
  const phones = `${seen.phones}${seen.more ? '+' : ''}`;
  const last = ago(seen.last.lastAt, nowMs);
  const where = placeName(seen.last.place);
  const lastIso = new Date(seen.last.lastAt).toISOString();
  const vi = `${phones} điện thoại khác trên ${seen.networks} mạng khác nhau đã kiểm tra tem này, lần gần nhất ${last.vi} (${formatVietnamTime(lastIso)})${where ? ` tại ${where}` : ''}.`;
  const en = `${phones} other phone${seen.phones === 1 ? '' : 's'} on ${seen.networks} network${seen.networks === 1 ? '' : 's'} checked this stamp, last ${last.en}${where ? ` in ${where}` : ''}.`;
  return {
    caution,
    reason: {
      code: caution ? 'checked_by_other_devices' : 'checked_before',
      message_vi: caution ? `${vi} Tem thật có thể đã bị sao chép: hãy xem kỹ bao bì.` : `${vi} Một vài lần kiểm tra khác là bình thường (người bán, người nhà).`,
      message_en: caution ? `${en} A genuine stamp may have been copied: look closely at the packaging.` : `${en} A few other checks are normal (the seller, family).`,
      otherDevices: seen.phones,
      otherNetworks: seen.networks,
      firstCheckedAt: new Date(seen.first.firstAt).toISOString(),
      lastCheckedAt: lastIso,
      lastPlace: where,
    },
  };
}

/** Another phone on another network checked it in another province too recently. */
export function travelReason(other: { lastAt: number; place: string | null }, hoursApart: number, placeName: (id: string | null) => string | null, here: string | null): Reason {
  const there = placeName(other.place);
  const at = new Date(other.lastAt).toISOString();
  return {
    code: 'impossible_travel',
    message_vi: `Tem này vừa được một điện thoại khác, trên mạng khác, kiểm tra ở ${there ?? 'tỉnh khác'} lúc ${formatVietnamTime(at)}, cách ${here ?? 'nơi bạn đang ở'} quá xa so với thời gian. Có thể có tem sao chép.`,
    message_en: `Another phone on another network checked this stamp in ${there ?? 'another province'} at ${formatVietnamTime(at)}, too far from ${here ?? 'here'} for the time between. It may have been copied.`,
    otherPlace: there,
    otherScannedAt: at,
    hoursApart: Math.round(hoursApart * 10) / 10,
  };
}

/** A PIN guess must wait: the verdict still stands; the PIN can be tried at `retryAt`. */
export function pinRetryLaterReason(retryAtMs: number): Reason {
  const at = new Date(retryAtMs).toISOString();
  return {
    code: 'pin_retry_later',
    message_vi: `Mã PIN của tem này vừa bị nhập sai nhiều lần nên tạm thời chưa kiểm tra được. Hãy thử lại sau ${formatVietnamTime(at)}. Kết quả kiểm tra tem ở trên vẫn đúng.`,
    message_en: `This stamp's PIN was entered wrongly several times, so it cannot be checked just now. Try again after ${formatVietnamTime(at)}. The stamp check above still stands.`,
    retryAt: at,
  };
}

/** Wrong PIN guesses made before this check: information, never a caution. */
export function pinFailuresSeenReason(failures: number): Reason {
  return {
    code: 'pin_failures_seen',
    message_vi: `Trước đó đã có ${failures} lần nhập sai mã PIN của tem này.`,
    message_en: `The PIN of this stamp was entered wrongly ${failures} time${failures === 1 ? '' : 's'} before.`,
    failures,
  };
}
