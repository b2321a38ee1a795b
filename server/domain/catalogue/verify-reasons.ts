// The sentences a verdict about one of our stamps gives, online (verify.service.ts) and
// offline (web/offline/verify-offline.ts) alike, written once so a shopper reads the same
// words either way; plus what only an offline answer needs to say: which data it rests
// on, and that the product card comes once online.
import type { Reason } from '../verdict';
import { formatVietnamDayOf } from './dates';

/** A stamp that could not be verified: forged, unknown key, never issued (one answer for all). */
export const NOT_GENUINE: Reason = {
  code: 'not_genuine',
  message_vi: 'Không xác thực được tem này — có thể là hàng giả. Đừng vội kết luận: hãy báo cho chúng tôi để kiểm tra.',
  message_en: 'This stamp could not be verified — the goods may be counterfeit. Please report it so it can be checked.',
};

/** Online: the signature, the stamp record and its batch all check out. */
export const GENUINE_STAMP: Reason = {
  code: 'signature_valid',
  message_vi: 'Tem chính hãng: chữ ký số hợp lệ, tem đã được phát hành và đang còn hiệu lực.',
  message_en: 'Genuine stamp: the digital signature is valid and the stamp was issued and is active.',
};

/** The issuer's signing key was revoked: its stamps are no longer recognised. */
export function keyRevoked(revokedAt: string | null): Reason {
  return {
    code: 'key_revoked',
    message_vi: 'Khóa ký của đơn vị phát hành tem này đã bị thu hồi; tem không còn được công nhận.',
    message_en: "The issuer's signing key for this stamp has been revoked; the stamp is no longer recognised.",
    revokedAt,
  };
}

/** Offline: the signature checked out against a synced key; names the issuer and whether it is a demo issuer. */
export function signatureValid(issuerId: string, issuerName: string, isDemo: boolean): Reason {
  return {
    code: 'signature_valid',
    message_vi: `Chữ ký số hợp lệ: tem do ${issuerName} phát hành.`,
    message_en: `The digital signature is valid: the stamp was issued by ${issuerName}.`,
    issuerId,
    issuerName,
    isDemo,
  };
}

/** Said beside every demo stamp, so a test sheet is never taken for real goods. */
export const DEMO_ISSUER: Reason = {
  code: 'demo_issuer',
  message_vi: 'Đây là tem MẪU (DEMO) của Nguồn Việt, chỉ để thử nghiệm, không gắn trên hàng bán.',
  message_en: 'This is a Nguồn Việt DEMO stamp, for testing only, never on goods for sale.',
};

/** The data an offline answer for a genuine signature rests on, and what checking online adds. */
export function checkedOffline(dataAsOf: string): Reason {
  const date = formatVietnamDayOf(dataAsOf);
  return {
    code: 'checked_offline',
    message_vi: `Kết quả khi không có mạng, chưa đối chiếu trực tuyến — dữ liệu ngày ${date}. Khi có mạng, ứng dụng sẽ kiểm tra tem có bị thu hồi hay bị quét ở nơi khác không và hiện thông tin sản phẩm.`,
    message_en: `Checked without a connection, not yet checked online — data as of ${date}. Once online, the app checks whether the stamp was revoked or scanned elsewhere and shows the product details.`,
    dataAsOf,
  };
}

/** Added to an offline "unverified": the answer is re-checked online. */
export function recheckOnline(dataAsOf: string): Reason {
  const date = formatVietnamDayOf(dataAsOf);
  return {
    code: 'checked_offline',
    message_vi: `Chưa đối chiếu trực tuyến — dữ liệu ngày ${date}. Lượt quét sẽ được kiểm tra lại khi có mạng.`,
    message_en: `Not yet checked online — data as of ${date}. The scan is checked again once online.`,
    dataAsOf,
  };
}

/** Offline: a kid the local copy does not hold — forged, or a key newer than the last sync. */
export function unknownKey(kid: string, dataAsOf: string): Reason {
  const date = formatVietnamDayOf(dataAsOf);
  return {
    code: 'unknown_key',
    message_vi: `Khóa ký "${kid}" của tem không có trong dữ liệu trên máy (ngày ${date}). Nếu đây là khóa mới, kết quả sẽ đúng khi kiểm tra lại lúc có mạng.`,
    message_en: `The stamp's signing key "${kid}" is not in the data on this phone (as of ${date}). If it is a new key, checking again online gives the right answer.`,
    kid,
  };
}

/** Before the first sync nothing can be checked offline; the UI keys on this code. */
export const NO_REGISTRY: Reason = {
  code: 'offline_no_registry',
  message_vi: 'Điện thoại chưa tải dữ liệu để kiểm tra tem khi không có mạng, nên chưa có kết luận. Kết quả sẽ có khi có mạng.',
  message_en: 'This phone has not downloaded the data to check stamps offline yet, so there is no conclusion. The answer comes once online.',
};
