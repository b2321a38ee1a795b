// What a GTIN's GS1 prefix says — and what it does not. The prefix names the GS1
// organisation that licensed the number (893 = GS1 Vietnam), never the country where
// the goods were made; shoppers read it as "made in", so every message says so.
// Special ranges are classified by their fixed numbers (GS1 General Specifications
// §1.4.2–1.4.4), the organisation names come from the registry's range table.

import type { Gtin } from './gtin';

/** One row of data/registry gs1_prefixes: prefixes of `digits` length from start to end. */
export interface Gs1PrefixRange {
  start: string;
  end: string;
  digits: number;
  organisation: string;
}

export type Gs1PrefixKind =
  | 'member_organisation'
  | 'restricted_circulation'
  | 'coupon'
  | 'refund_receipt'
  | 'isbn'
  | 'issn'
  | 'global_office'
  | 'demo'
  | 'reserved'
  | 'gtin8_only'
  | 'unassigned';

export interface Gs1PrefixInfo {
  /** The prefix digits that decided the answer, e.g. "893", "978", "02". */
  prefix: string;
  kind: Gs1PrefixKind;
  /** Organisation or usage text from the range table, when a range matched. */
  organisation: string | null;
  /** For restricted circulation numbers: valid within one company or one region. */
  restrictedScope: 'company' | 'region' | null;
  /** GTIN-8s follow GS1-8 prefix rules: 0 and 2 are company-internal, the rest as GTIN-13. */
  fromGtin8: boolean;
  /** Packaging indicator (first digit) of a GTIN-14, "9" meaning variable measure; null otherwise. */
  indicator: string | null;
  isGs1Vietnam: boolean;
}

export interface Gs1PrefixMessages {
  message_vi: string;
  message_en: string;
}

const VIETNAM_PREFIX = '893';

/** Find which GS1 prefix range a GTIN (digit string or parsed Gtin) falls in; null if it is not 8, 12, 13 or 14 digits. */
export function lookupGs1Prefix(gtin: string | Gtin, table: readonly Gs1PrefixRange[]): Gs1PrefixInfo | null {
  const digits = typeof gtin === 'string' ? gtin.trim() : gtin.digits;
  if (!/^(?:[0-9]{8}|[0-9]{12,14})$/.test(digits)) return null;
  const indicator = digits.length === 14 ? digits.charAt(0) : null;
  const body13 = digits.length === 14 ? digits.slice(1) : digits.padStart(13, '0');
  // Five leading zeros in the 13-digit form is a GTIN-8 padded out (GS1 keeps
  // 0000000–0000099 unused so the two never collide).
  if (digits.length === 8 || body13.startsWith('00000')) return lookupGtin8(body13.slice(5), indicator, table);
  const match = findRange(body13, table);
  const prefix = match ? body13.slice(0, match.digits) : body13.slice(0, 3);
  const info = (kind: Gs1PrefixKind, restrictedScope: 'company' | 'region' | null = null, shown = prefix): Gs1PrefixInfo => ({
    // A UPC-A (GTIN-12) is printed without the leading zero of its 13-digit form.
    prefix: digits.length === 12 && shown.length > 1 && shown.startsWith('0') ? shown.slice(1) : shown,
    kind,
    organisation: match?.organisation ?? null,
    restrictedScope,
    fromGtin8: false,
    indicator,
    isGs1Vietnam: kind === 'member_organisation' && shown === VIETNAM_PREFIX,
  });
  const p3 = Number(body13.slice(0, 3));
  if (p3 >= 20 && p3 <= 29) return info('restricted_circulation', 'region', '02');
  if (p3 >= 40 && p3 <= 49) return info('restricted_circulation', 'company', '04');
  if (p3 >= 200 && p3 <= 299) return info('restricted_circulation', 'region', body13.slice(0, 2));
  if (p3 >= 50 && p3 <= 59) return info('reserved', null, '05');
  if (p3 === 977) return info('issn', null, '977');
  if (p3 === 978 || p3 === 979) return info('isbn', null, body13.slice(0, 3));
  if (p3 === 980) return info('refund_receipt', null, '980');
  if ((p3 >= 981 && p3 <= 983) || p3 >= 990) return info('coupon', null, p3 >= 990 ? '99' : body13.slice(0, 3));
  if (p3 === 950 || p3 === 951) return info('global_office', null, body13.slice(0, 3));
  if (p3 === 952) return info('demo', null, '952');
  if (p3 >= 960 && p3 <= 969) return info('gtin8_only');
  if (!match) return info('unassigned');
  if (/future|reserved|unused/i.test(match.organisation)) return info('reserved');
  return info('member_organisation');
}

/** Prefix rules for an 8-digit GTIN (GS1-8 prefixes). */
function lookupGtin8(gtin8: string, indicator: string | null, table: readonly Gs1PrefixRange[]): Gs1PrefixInfo {
  const base = { organisation: null, restrictedScope: null, fromGtin8: true, indicator, isGs1Vietnam: false } as const;
  const first = gtin8.charAt(0);
  if (first === '0' || first === '2') return { ...base, prefix: first, kind: 'restricted_circulation', restrictedScope: 'company' };
  const p3 = Number(gtin8.slice(0, 3));
  // ISSN, ISBN, refund and coupon numbers never come in 8 digits.
  if (p3 >= 970) return { ...base, prefix: gtin8.slice(0, 3), kind: 'reserved' };
  const match = findRange(gtin8, table);
  if (!match) return { ...base, prefix: gtin8.slice(0, 3), kind: 'unassigned' };
  const prefix = gtin8.slice(0, match.digits);
  const kind: Gs1PrefixKind = p3 === 952 ? 'demo' : /future|reserved|unused/i.test(match.organisation) ? 'reserved' : 'member_organisation';
  return { ...base, prefix, kind, organisation: match.organisation, isGs1Vietnam: kind === 'member_organisation' && prefix === VIETNAM_PREFIX };
}

/** The most specific (longest) range whose prefix covers `key`. */
function findRange(key: string, table: readonly Gs1PrefixRange[]): Gs1PrefixRange | null {
  let best: Gs1PrefixRange | null = null;
  for (const range of table) {
    if (range.digits > key.length || (best && best.digits >= range.digits)) continue;
    const head = key.slice(0, range.digits);
    if (head >= range.start && head <= range.end) best = range;
  }
  return best;
}

/** The organisation's name as a Vietnamese reader expects it. */
function organisationVi(organisation: string): string {
  return organisation.replace(/^GS1 Vietnam$/, 'GS1 Việt Nam');
}

/** Plain-language sentences (Vietnamese, English) explaining what a GS1 prefix means for the shopper. */
export function describeGs1Prefix(info: Gs1PrefixInfo): Gs1PrefixMessages {
  const p = info.prefix;
  const org = info.organisation ?? 'GS1';
  switch (info.kind) {
    case 'member_organisation':
      return {
        message_vi: `Mã tiền tố ${p} do ${organisationVi(org)} cấp cho doanh nghiệp; tiền tố cho biết tổ chức GS1 nào cấp mã, KHÔNG cho biết hàng được sản xuất ở đâu.`,
        message_en: `Prefix ${p} is licensed to the company by ${org}; the prefix tells which GS1 organisation issued the number, NOT where the product was made.`,
      };
    case 'restricted_circulation':
      return info.restrictedScope === 'company'
        ? {
            message_vi: `Mã bắt đầu bằng ${p} là mã lưu hành hạn chế do một doanh nghiệp tự gán để dùng nội bộ (ví dụ hàng cân tại cửa hàng); mã này không định danh sản phẩm trên toàn cầu và không tra được chủ sở hữu.`,
            message_en: `A number starting with ${p} is a restricted circulation number a company assigns for internal use (e.g. goods weighed in store); it does not identify the product globally and has no traceable owner.`,
          }
        : {
            message_vi: `Mã bắt đầu bằng ${p} là mã lưu hành hạn chế trong một quốc gia hoặc khu vực, theo quy tắc của tổ chức GS1 sở tại (thường là hàng cân ký, giá thay đổi); mã này không định danh sản phẩm trên toàn cầu.`,
            message_en: `A number starting with ${p} is a restricted circulation number within one country or region, under the local GS1 organisation's rules (often variable-weight or variable-price goods); it does not identify the product globally.`,
          };
    case 'isbn':
      return {
        message_vi: `Mã tiền tố ${p} (Bookland) là mã ISBN của sách, không phải mã sản phẩm doanh nghiệp đăng ký với GS1.`,
        message_en: `Prefix ${p} (Bookland) marks a book's ISBN, not a company's GS1 product number.`,
      };
    case 'issn':
      return {
        message_vi: `Mã tiền tố ${p} là mã ISSN của ấn phẩm định kỳ (báo, tạp chí), không phải mã sản phẩm hàng hóa.`,
        message_en: `Prefix ${p} marks a serial publication's ISSN (newspaper, magazine), not a product number.`,
      };
    case 'coupon':
      return {
        message_vi: `Mã tiền tố ${p} dành cho phiếu giảm giá (coupon), không phải mã sản phẩm.`,
        message_en: `Prefix ${p} is for coupons, not products.`,
      };
    case 'refund_receipt':
      return {
        message_vi: `Mã tiền tố ${p} dành cho phiếu hoàn tiền, không phải mã sản phẩm.`,
        message_en: `Prefix ${p} is for refund receipts, not products.`,
      };
    case 'global_office':
      return {
        message_vi: `Mã tiền tố ${p} do Văn phòng GS1 Toàn cầu quản lý, không gắn với quốc gia nào.`,
        message_en: `Prefix ${p} is managed by GS1 Global Office and tied to no country.`,
      };
    case 'demo':
      return {
        message_vi: `Mã tiền tố ${p} chỉ dùng để minh họa và làm ví dụ về hệ thống GS1; không có sản phẩm thật nào mang mã này.`,
        message_en: `Prefix ${p} is only for demonstrations and examples of the GS1 system; no real product carries it.`,
      };
    case 'reserved':
      return {
        message_vi: `Mã tiền tố ${p} hiện chưa được cấp cho tổ chức GS1 nào (để dự phòng); sản phẩm mang mã này là bất thường.`,
        message_en: `Prefix ${p} is not allocated to any GS1 organisation (reserved); a product carrying it is unusual.`,
      };
    case 'gtin8_only':
      return {
        message_vi: `Tiền tố ${p} chỉ dành cho mã GTIN-8 (mã vạch EAN-8 ngắn); mã dài hơn mang tiền tố này là bất thường.`,
        message_en: `Prefix ${p} is reserved for GTIN-8 (short EAN-8 barcodes); a longer number with this prefix is unusual.`,
      };
    case 'unassigned':
      return {
        message_vi: `Mã tiền tố ${p} không thuộc dải nào GS1 đã cấp; mã này có thể không hợp lệ.`,
        message_en: `Prefix ${p} is in no range GS1 has allocated; the number may not be valid.`,
      };
  }
}
