// The reasons an offline check gives, worded like the server's (verify.service.ts) so a
// shopper reads the same sentence online and offline, plus what only offline needs to
// say: which data the answer rests on, and that the product card comes once online.
import { formatVietnamDate, type Reason } from '../../server/domain/verdict';

/** The Vietnam calendar date (dd/mm/yyyy) of an ISO instant. */
export function vietnamDate(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 7 * 3600_000);
  return Number.isNaN(shifted.getTime()) ? iso : formatVietnamDate(shifted.toISOString());
}

/** Same words as the server's answer for a forged or unknown stamp. */
export const NOT_GENUINE: Reason = {
  code: 'not_genuine',
  message_vi: 'Không xác thực được tem này — có thể là hàng giả. Đừng vội kết luận: hãy báo cho chúng tôi để kiểm tra.',
  message_en: 'This stamp could not be verified — the goods may be counterfeit. Please report it so it can be checked.',
};

/** The signature checked out against a synced key: names the issuer and whether it is a demo issuer. */
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

/** The data an authentic_offline answer rests on, and what checking online adds. */
export function checkedOffline(dataAsOf: string): Reason {
  const date = vietnamDate(dataAsOf);
  return {
    code: 'checked_offline',
    message_vi: `Kết quả khi không có mạng, chưa đối chiếu trực tuyến — dữ liệu ngày ${date}. Khi có mạng, ứng dụng sẽ kiểm tra tem có bị thu hồi hay bị quét ở nơi khác không và hiện thông tin sản phẩm.`,
    message_en: `Checked without a connection, not yet checked online — data as of ${date}. Once online, the app checks whether the stamp was revoked or scanned elsewhere and shows the product details.`,
    dataAsOf,
  };
}

/** Added to an offline "unverified": the answer is re-checked online. */
export function recheckOnline(dataAsOf: string): Reason {
  const date = vietnamDate(dataAsOf);
  return {
    code: 'checked_offline',
    message_vi: `Chưa đối chiếu trực tuyến — dữ liệu ngày ${date}. Lượt quét sẽ được kiểm tra lại khi có mạng.`,
    message_en: `Not yet checked online — data as of ${date}. The scan is checked again once online.`,
    dataAsOf,
  };
}

/** A kid the local copy does not hold: forged, or a key newer than the last sync. */
export function unknownKey(kid: string, dataAsOf: string): Reason {
  const date = vietnamDate(dataAsOf);
  return {
    code: 'unknown_key',
    message_vi: `Khóa ký "${kid}" của tem không có trong dữ liệu trên máy (ngày ${date}). Nếu đây là khóa mới, kết quả sẽ đúng khi kiểm tra lại lúc có mạng.`,
    message_en: `The stamp's signing key "${kid}" is not in the data on this phone (as of ${date}). If it is a new key, checking again online gives the right answer.`,
    kid,
  };
}

/** Same words as the server's answer for a revoked issuer key. */
export function keyRevoked(revokedAt: string | null): Reason {
  return {
    code: 'key_revoked',
    message_vi: 'Khóa ký của đơn vị phát hành tem này đã bị thu hồi; tem không còn được công nhận.',
    message_en: "The issuer's signing key for this stamp has been revoked; the stamp is no longer recognised.",
    revokedAt,
  };
}

/** Before the first sync nothing can be checked offline; the UI keys on this code. */
export const NO_REGISTRY: Reason = {
  code: 'offline_no_registry',
  message_vi: 'Điện thoại chưa tải dữ liệu để kiểm tra tem khi không có mạng, nên chưa có kết luận. Kết quả sẽ có khi có mạng.',
  message_en: 'This phone has not downloaded the data to check stamps offline yet, so there is no conclusion. The answer comes once online.',
};
