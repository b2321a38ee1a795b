// Where a parsed scan goes next, decided once for the server (verify.service) and the
// offline PWA (verify-offline) so both give the same answer: check a stamp's signature,
// look up a typed serial, answer `unverified` straight away (a malformed stamp, a stamp
// shaped copy on another host), or describe what the code is (not_a_stamp).

import { NOT_GENUINE } from './catalogue/verify-reasons';
import { isDamagedSignature, stampOfDigitalLink } from './gs1-digital-link';
import type { ParsedScan } from './parse-scan';
import type { Stamp } from './stamp-codec';
import { formatPrintedSerial } from './typed-serial';
import type { UrlInspection } from './url-inspection';
import type { Reason } from './verdict';
import type { VerifyResult } from './verify-result';

export type ScanRoute =
  | { to: 'stamp'; stamp: Stamp; gtinOfLink: string | null }
  | { to: 'typed_serial'; serial: string }
  | { to: 'unverified'; reasons: Reason[]; url?: NonNullable<VerifyResult['url']> }
  | { to: 'not_a_stamp' };

/** Decide what to do with a parsed scan. */
export function routeScan(scan: ParsedScan): ScanRoute {
  switch (scan.kind) {
    case 'stamp':
      return scan.ok ? { to: 'stamp', stamp: scan.stamp, gtinOfLink: null } : { to: 'unverified', reasons: [NOT_GENUINE, malformedReason(scan.error)] };
    case 'typed_serial':
      return { to: 'typed_serial', serial: scan.serial };
    case 'foreign_stamp':
      return { to: 'unverified', reasons: [NOT_GENUINE, foreignStampReason(scan.inspection)], url: urlCard(scan.inspection, true) };
    case 'digital_link': {
      if (!scan.ok) return isDamagedSignature(scan.error) ? { to: 'unverified', reasons: [NOT_GENUINE, malformedReason(scan.error)] } : { to: 'not_a_stamp' };
      const stamp = scan.signed ? stampOfDigitalLink(scan.link) : null;
      return stamp ? { to: 'stamp', stamp, gtinOfLink: scan.link.gtin?.gtin14 ?? null } : { to: 'not_a_stamp' };
    }
    default:
      return { to: 'not_a_stamp' };
  }
}

function malformedReason(error: { code: string; message_vi: string; message_en: string }): Reason {
  return { code: 'malformed_stamp', message_vi: error.message_vi, message_en: error.message_en, error: error.code };
}

/** The URL card of an inspected link (real host, flags), never opened for the shopper. */
export function urlCard(i: UrlInspection, stampShaped: boolean): NonNullable<VerifyResult['url']> {
  return { href: i.href, host: i.host, displayHost: i.displayHost, flags: [...i.flags], lookalikeOf: i.lookalikeOf, stampShaped };
}

/**
 * Our stamp's path on another host. The words name the host only as where the code leads,
 * never as "the real site": it is the forger's.
 */
export function foreignStampReason(i: UrlInspection): Reason {
  const lookalike = i.lookalikeOf !== null || i.flags.includes('punycode') || i.flags.includes('mixed_script');
  if (lookalike) {
    const imitated = i.lookalikeOf ? ` (${i.lookalikeOf})` : '';
    return {
      code: 'lookalike_host',
      host: i.host,
      message_vi: `Mã này giả dạng tem Nguồn Việt: nó dẫn tới "${i.displayHost}", một tên miền được làm cho trông giống tên miền của chúng tôi${imitated} nhưng KHÔNG phải của Nguồn Việt. Có thể là tem giả — đừng mở trang đó, đừng nhập thông tin nào vào đó.`,
      message_en: `This code imitates a Nguồn Việt stamp: it leads to "${i.displayHost}", a domain made to look like ours${imitated} that is NOT Nguồn Việt's. The stamp may be fake — do not open that site or enter anything there.`,
    };
  }
  return {
    code: 'foreign_stamp_host',
    host: i.host,
    message_vi: `Mã này có dạng tem Nguồn Việt nhưng dẫn tới "${i.displayHost}", không phải tên miền của Nguồn Việt. Tem thật chỉ dẫn tới tên miền của chúng tôi, nên đây có thể là tem giả — đừng mở trang đó.`,
    message_en: `This code is shaped like a Nguồn Việt stamp but leads to "${i.displayHost}", which is not a Nguồn Việt domain. Genuine stamps only lead to our domain, so the stamp may be fake — do not open that site.`,
  };
}

/** Said first on the verdict of a typed serial that was issued: typed, not scanned, and what that proves. */
export function typedSerialReason(serial: string): Reason {
  const printed = formatPrintedSerial(serial);
  return {
    code: 'typed_serial',
    serial,
    message_vi: `Bạn đã nhập tay số sê-ri ${printed}, không quét mã QR. Số này có trong danh sách tem đã phát hành — nhưng số sê-ri chứng minh ít hơn chữ ký số trong mã QR: ai nhìn thấy tem cũng chép được số này. Nếu quét được mã QR, hãy quét để kiểm tra chữ ký.`,
    message_en: `You typed the serial ${printed} instead of scanning the QR code. It is on the list of issued stamps — but a serial proves less than the QR code's digital signature: anyone who has seen the stamp can copy it. If the QR code can be scanned, scan it to check the signature.`,
  };
}

/** The one answer for every typed serial that was never issued (or cannot be told apart from one). */
export function typedSerialUnknownReason(serial: string): Reason {
  const printed = formatPrintedSerial(serial);
  return {
    code: 'typed_serial_unknown',
    serial,
    message_vi: `Không có tem nào mang số sê-ri ${printed}. Hãy so lại từng ký tự với số in dưới mã QR (số sê-ri chỉ gồm chữ A–Z và số 2–7). Nếu đúng từng ký tự, tem này không do Nguồn Việt phát hành — có thể là hàng giả.`,
    message_en: `No stamp has the serial ${printed}. Compare each character with the one printed under the QR code (serials use only A–Z and 2–7). If every character matches, the stamp was not issued by Nguồn Việt — the goods may be counterfeit.`,
  };
}

/** Offline, a typed serial cannot be checked at all: there is no signature, and the list of issued stamps is on the server. */
export function typedSerialNeedsConnectionReason(serial: string): Reason {
  const printed = formatPrintedSerial(serial);
  return {
    code: 'typed_serial_needs_connection',
    serial,
    message_vi: `Số sê-ri ${printed} bạn nhập tay cần có mạng để kiểm tra: danh sách tem đã phát hành nằm trên máy chủ, và số sê-ri không có chữ ký số để kiểm tra trên máy. Lượt kiểm tra sẽ được gửi khi có mạng.`,
    message_en: `The serial ${printed} you typed needs a connection to be checked: the list of issued stamps is on the server, and a serial has no digital signature to check on the phone. The check is sent once online.`,
  };
}
