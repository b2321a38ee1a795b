// The grey info card for scans that are not our stamps (PRODUCT.md §3 `not_a_stamp`):
// barcodes get their check digit and GS1 prefix explained (a prefix is where the company
// prefix was licensed, NOT where the goods were made); URLs get their real host and any
// lookalike warnings, and are never opened for the user.
import { describeGs1Prefix, gtinTypoCandidates, lookupGs1Prefix, type Gs1PrefixRange } from './gtin';
import type { Gs1Element } from './gs1-data';
import type { ParsedScan } from './parse-scan';
import type { ProductSummary } from './registry-types';
import { formatVietnamDate } from './catalogue/dates';
import type { Reason } from './verdict';
import type { VerifyResult } from './verify-result';

export interface NotAStampContext {
  gs1Prefixes: readonly Gs1PrefixRange[];
  productsByGtin: (gtin14: string) => ProductSummary[];
  checkedAt: string;
}

/** Build the not_a_stamp result for a barcode, unsigned Digital Link, other URL or text. */
export function describeNotAStamp(scan: ParsedScan, ctx: NotAStampContext): VerifyResult {
  const reasons: Reason[] = [];
  const result: VerifyResult = { verdict: 'not_a_stamp', reasons, checkedAt: ctx.checkedAt };
  const gtinCard = (digits: string, gtin14: string | null, format: string | null, valid: boolean): VerifyResult['gtin'] => {
    const info = valid && gtin14 ? lookupGs1Prefix(gtin14, ctx.gs1Prefixes) : null;
    const text = info ? describeGs1Prefix(info) : null;
    if (text) reasons.push({ code: 'gs1_prefix', message_vi: text.message_vi, message_en: text.message_en });
    return {
      digits,
      format,
      gtin14,
      checkDigitValid: valid,
      prefix: info && text ? { prefix: info.prefix, organisation: info.organisation, isGs1Vietnam: info.isGs1Vietnam, ...text } : null,
      registryMatches: valid && gtin14 ? ctx.productsByGtin(gtin14) : [],
    };
  };

  switch (scan.kind) {
    case 'gtin':
      if (scan.ok) {
        reasons.push({
          code: 'gtin',
          message_vi: `Đây là mã vạch sản phẩm ${scan.format} (${scan.gtin.digits}), chữ số kiểm tra đúng. Mã vạch không phải tem chống giả: ai cũng in được.`,
          message_en: `This is a ${scan.format} product barcode (${scan.gtin.digits}) with a correct check digit. A barcode is not an anti-counterfeit stamp: anyone can print one.`,
        });
        result.gtin = gtinCard(scan.gtin.digits, scan.gtin.gtin14, scan.format, true);
      } else {
        reasons.push({ code: 'gtin', message_vi: scan.error.message_vi, message_en: scan.error.message_en, error: scan.error.code });
        if (scan.error.code === 'bad_check_digit') {
          const suggestion = typoSuggestion(scan.digits, ctx);
          if (suggestion) reasons.push(suggestion);
        }
        result.gtin = gtinCard(scan.digits, null, null, false);
      }
      break;
    case 'digital_link':
      if (scan.ok) {
        const link = scan.link;
        const key = link.primaryKey;
        reasons.push({
          code: 'digital_link_unsigned',
          primaryKey: key.ai,
          message_vi:
            key.ai === '01'
              ? 'Đây là đường dẫn GS1 Digital Link không có chữ ký của Nguồn Việt: nó cho biết mã sản phẩm, không chứng minh hàng thật.'
              : `Đây là đường dẫn GS1 Digital Link cho ${lowerFirst(key.title_vi)} (AI ${key.ai}: ${key.value}), không phải cho một sản phẩm bán lẻ và không phải tem chống giả.`,
          message_en:
            key.ai === '01'
              ? 'This is a GS1 Digital Link without a Nguồn Việt signature: it names the product code but does not prove the goods are genuine.'
              : `This is a GS1 Digital Link for a ${key.title_en} (AI ${key.ai}: ${key.value}), not for a retail product and not an anti-counterfeit stamp.`,
        });
        for (const note of link.notes) reasons.push({ code: 'gs1_lenient_form', note: note.code, message_vi: note.message_vi, message_en: note.message_en });
        reasons.push(...describeGs1Elements(link.elements));
        if (link.gtin) result.gtin = gtinCard(link.gtin.digits, link.gtin.gtin14, link.gtin.format, true);
      } else {
        reasons.push({ code: 'digital_link_unsigned', message_vi: scan.error.message_vi, message_en: scan.error.message_en, error: scan.error.code });
      }
      break;
    case 'gs1':
      if (scan.ok) {
        reasons.push({
          code: 'gs1_element_string',
          message_vi: 'Đây là mã GS1 trên bao bì (mã sản phẩm kèm số lô, hạn dùng…), không phải tem chống giả: nó cho biết thông tin hàng hóa, không chứng minh hàng thật.',
          message_en: 'This is a GS1 code from the pack (product code with lot, expiry…), not an anti-counterfeit stamp: it describes the goods but does not prove they are genuine.',
        });
        reasons.push(...describeGs1Elements(scan.data.elements));
        if (scan.data.gtin) result.gtin = gtinCard(scan.data.gtin.digits, scan.data.gtin.gtin14, scan.data.gtin.format, true);
      } else {
        reasons.push({ code: 'gs1_element_string', message_vi: scan.error.message_vi, message_en: scan.error.message_en, error: scan.error.code, ...(scan.error.ai ? { ai: scan.error.ai } : {}) });
      }
      break;
    case 'url':
      if (scan.ok) {
        const i = scan.inspection;
        reasons.push({
          code: 'other_url',
          message_vi: `Mã QR này dẫn tới trang ${i.displayHost}, không phải tem của Nguồn Việt. Ứng dụng không tự mở trang này.`,
          message_en: `This QR code points to ${i.displayHost}, not a Nguồn Việt stamp. The app does not open it for you.`,
        });
        for (const w of i.warnings) reasons.push({ code: 'url_warning', flag: w.code, message_vi: w.message_vi, message_en: w.message_en });
        result.url = { href: i.href, host: i.host, displayHost: i.displayHost, flags: [...i.flags], lookalikeOf: i.lookalikeOf, stampShaped: scan.stampShaped };
      } else {
        reasons.push({ code: 'other_url', message_vi: scan.error.message_vi, message_en: scan.error.message_en, error: scan.error.code });
      }
      break;
    case 'text':
      reasons.push(
        scan.ok
          ? { code: 'plain_text', message_vi: 'Mã này chỉ chứa văn bản, không phải tem chống giả.', message_en: 'This code holds plain text, not an anti-counterfeit stamp.' }
          : { code: 'plain_text', message_vi: scan.error.message_vi, message_en: scan.error.message_en, error: scan.error.code },
      );
      result.text = scan.text.slice(0, 500);
      break;
    case 'stamp':
    case 'typed_serial':
    case 'foreign_stamp':
      throw new Error(`a ${scan.kind} is not described here`);
  }
  return result;
}

/** "Did you mean": registered products whose GTIN is one typing slip away (at most three). */
function typoSuggestion(digits: string, ctx: NotAStampContext): Reason | null {
  const matches = gtinTypoCandidates(digits)
    .map((candidate) => ({ candidate, products: ctx.productsByGtin(candidate.padStart(14, '0')) }))
    .filter((m) => m.products.length > 0)
    .slice(0, 3);
  if (matches.length === 0) return null;
  const list = matches.map((m) => `${m.candidate} (${m.products[0]!.name})`).join('; ');
  return {
    code: 'gtin_typo_suggestion',
    suggestions: matches.map((m) => m.candidate),
    message_vi: `Có phải bạn định nhập: ${list}? Mã này chỉ khác mã bạn nhập một chữ số.`,
    message_en: `Did you mean: ${list}? It differs from what you typed by one digit.`,
  };
}

/** One reason per GS1 element: its name, its value, and a date or measure read out. */
export function describeGs1Elements(elements: readonly Gs1Element[]): Reason[] {
  return elements.map((e) => {
    const shown = e.date ? formatVietnamDate(e.date.iso) : measureOf(e.ai, e.value) ?? e.value;
    return { code: 'gs1_ai', ai: e.ai, value: e.value, message_vi: `${e.title_vi} (AI ${e.ai}): ${shown}`, message_en: `${e.title_en} (AI ${e.ai}): ${shown}` };
  });
}

/** Measures (31nn–36nn) carry their decimal places in the AI's last digit: 3103 000500 is 0.500. */
function measureOf(ai: string, value: string): string | null {
  if (!/^3[1-6][0-9][0-9]$/.test(ai) || !/^[0-9]{6}$/.test(value)) return null;
  const decimals = Number(ai[3]);
  return (Number(value) / 10 ** decimals).toFixed(decimals);
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
