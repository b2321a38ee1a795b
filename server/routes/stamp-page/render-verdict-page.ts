// The stamp URL opened by a phone's camera app or Zalo: a small server-rendered verdict
// page (no JavaScript, inline CSS, well under 15 KB), Vietnamese first with an English link.
import { issuingBodyName } from '../../domain/issuing-body';
import { sourcePublisher } from '../../domain/source-label';
import { formatVietnamDate, formatVietnamTimeInWords } from '../../domain/catalogue/dates';
import type { VerifyResult } from '../../services/verify/verify-types';

type Lang = 'vi' | 'en';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

// Tones, titles and leads as the app's verdict screen has them (web/features/verdict/
// verdict-look.ts, web/i18n/vi.ts and en.ts): a filled box in the tone's colours.
const TONES = {
  good: { fg: '#0b5d3b', bg: '#e3f4ea' },
  warn: { fg: '#6b4400', bg: '#fff1cc' },
  bad: { fg: '#a3161a', bg: '#fde7e7' },
  info: { fg: '#2f3b47', bg: '#e9eef3' },
} as const;

const VERDICTS: Record<VerifyResult['verdict'], { icon: string; tone: keyof typeof TONES; vi: string; en: string; leadVi: string; leadEn: string }> = {
  authentic: {
    icon: '✔',
    tone: 'good',
    vi: 'Tem chính hãng',
    en: 'Genuine stamp',
    leadVi: 'Chữ ký số trên tem hợp lệ và tem đang còn hiệu lực.',
    leadEn: 'The digital signature on the stamp is valid and the stamp is active.',
  },
  authentic_offline: {
    icon: '✔',
    tone: 'good',
    vi: 'Tem chính hãng — chưa đối chiếu trực tuyến',
    en: 'Genuine stamp — not checked online yet',
    leadVi: 'Chữ ký số hợp lệ. Lượt quét sẽ được gửi đối chiếu khi có mạng.',
    leadEn: 'The digital signature is valid. The scan will be checked online when there is a connection.',
  },
  caution: {
    icon: '⚠',
    tone: 'warn',
    vi: 'Cần thận trọng',
    en: 'Be careful',
    leadVi: 'Tem có chữ ký thật, nhưng có dấu hiệu bất thường. Hãy đọc lý do dưới đây trước khi mua.',
    leadEn: 'The stamp’s signature is genuine, but something is unusual. Read the reasons below before you buy.',
  },
  revoked: {
    icon: '⛔',
    tone: 'bad',
    vi: 'Tem đã bị thu hồi',
    en: 'Stamp revoked',
    leadVi: 'Đơn vị phát hành đã thu hồi tem này. Đừng mua nếu chưa hỏi rõ người bán.',
    leadEn: 'The issuer has revoked this stamp. Do not buy before asking the seller.',
  },
  unverified: {
    icon: '✖',
    tone: 'bad',
    vi: 'Không xác thực được — có thể là hàng giả',
    en: 'Could not be verified — may be counterfeit',
    leadVi: 'Chúng tôi không xác thực được tem này. Đây chưa phải kết luận: hãy báo cho chúng tôi để kiểm tra.',
    leadEn: 'We could not verify this stamp. This is not a final judgement: report it so we can check.',
  },
  not_a_stamp: {
    icon: 'ℹ',
    tone: 'info',
    vi: 'Không phải tem chống giả',
    en: 'Not an anti-counterfeit stamp',
    leadVi: 'Mã bạn quét không phải tem chống giả của Nguồn Việt.',
    leadEn: 'The code you scanned is not a Nguồn Việt anti-counterfeit stamp.',
  },
};

const T = {
  brand: { vi: 'Nguồn Việt', en: 'Nguồn Việt' },
  title: { vi: 'Kiểm tra tem — Nguồn Việt', en: 'Stamp check — Nguồn Việt' },
  product: { vi: 'Sản phẩm', en: 'Product' },
  producer: { vi: 'Cơ sở sản xuất', en: 'Producer' },
  ocop: { vi: 'OCOP', en: 'OCOP' },
  stars: { vi: 'sao', en: 'stars' },
  year: { vi: 'năm công nhận', en: 'certified in' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  issuedBy: { vi: 'Cơ quan cấp', en: 'Issued by' },
  atTheTime: { vi: 'khi cấp', en: 'at the time' },
  validUntil: { vi: 'Còn hiệu lực đến', en: 'Valid until' },
  expiredOn: { vi: 'Đã hết hạn ngày', en: 'Expired on' },
  expiredByYear: { vi: 'Đã hết hạn — muộn nhất', en: 'Expired — at the latest on' },
  unknownByYear: { vi: 'Chưa rõ ngày hết hạn — muộn nhất', en: 'Expiry date unknown — at the latest' },
  unknownTerm: { vi: 'Chưa rõ thời hạn', en: 'Validity unknown' },
  marks: { vi: 'Nhãn hiệu, chỉ dẫn địa lý', en: 'Protected marks' },
  awards: { vi: 'Giải thưởng', en: 'Awards' },
  award: { vi: 'Hàng Việt Nam được người tiêu dùng yêu thích', en: 'Vietnamese goods favoured by consumers' },
  source: { vi: 'Nguồn', en: 'Source' },
  original: { vi: 'xem văn bản gốc', en: 'see the original document' },
  demo: { vi: 'TEM MẪU (DEMO) — chỉ để thử nghiệm, không gắn trên hàng bán', en: 'DEMO STAMP — for testing only, never on goods for sale' },
  openApp: { vi: 'Mở trong ứng dụng Nguồn Việt', en: 'Open in the Nguồn Việt app' },
  report: { vi: 'Báo cáo nghi ngờ hàng giả', en: 'Report a suspected fake' },
  other: { vi: 'English', en: 'Tiếng Việt' },
  checkedAt: { vi: 'Kiểm tra lúc', en: 'Checked at' },
  vnTime: { vi: 'giờ Việt Nam', en: 'Vietnam time' },
  serial: { vi: 'Số sê-ri', en: 'Serial' },
} as const;

type Certificate = NonNullable<VerifyResult['certifications']>[number];

/** One OCOP certificate: stars, year, decision, issuer, and its term (by date, or bounded by its year: catalogue/certificate-state.ts). */
function certificateLine(cert: Certificate, lang: Lang, t: (k: keyof typeof T) => string): string {
  const parts = [`${t('ocop')}: <span aria-hidden="true">${'★'.repeat(cert.stars ?? 0)}</span> ${cert.stars} ${t('stars')}${cert.certYear ? ` (${t('year')} ${cert.certYear})` : ''}`];
  if (cert.decisionNumber) parts.push(`${t('decision')} ${esc(cert.decisionNumber)}${cert.decisionDate ? ` ${lang === 'vi' ? 'ngày' : 'of'} ${formatVietnamDate(cert.decisionDate)}` : ''}`);
  if (cert.issuingBody) {
    const body = issuingBodyName(cert.issuingBody);
    parts.push(`${t('issuedBy')}: ${esc(body.current)}${body.atTheTime ? ` (${t('atTheTime')}: ${esc(body.atTheTime)})` : ''}`);
  }
  const status =
    cert.validUntil !== null
      ? `${cert.status === 'valid' ? t('validUntil') : t('expiredOn')} ${formatVietnamDate(cert.validUntil)}`
      : cert.latestUntil
        ? `${cert.status === 'expired' ? t('expiredByYear') : t('unknownByYear')} ${formatVietnamDate(cert.latestUntil)}`
        : t('unknownTerm');
  return `<p>${parts.join(' · ')}</p><p class="term term-${cert.status}"><b>${status}</b></p>`;
}

/** Render the verdict page for a stamp URL in one language. */
export function renderVerdictPage(result: VerifyResult, lang: Lang, links: { self: string; app: string; report: string }): string {
  const t = (k: keyof typeof T) => T[k][lang];
  const v = VERDICTS[result.verdict];
  const tone = TONES[v.tone];
  const reasons = result.reasons.map((r) => `<li>${esc(lang === 'vi' ? r.message_vi : r.message_en)}</li>`).join('');
  const p = result.product;
  const cert = result.certifications?.find((c) => c.stars !== null) ?? result.certifications?.[0];
  const productCard = p
    ? `<section><h2>${t('product')}</h2><p class="big">${esc(p.name)}</p>
${result.producer ? `<p>${t('producer')}: ${esc(result.producer.name)}</p>` : ''}
${cert && cert.stars ? certificateLine(cert, lang, t) : ''}
${result.marks?.length ? `<p>${t('marks')}: ${result.marks.map((m) => esc(m.name)).join(', ')}</p>` : ''}
${result.awards?.length ? `<p>${t('awards')}: ${result.awards.map((a) => `${t('award')} ${a.year}`).join(', ')}</p>` : ''}
${cert ? `<p class="small">${t('source')}: ${esc(sourcePublisher(cert.provenance.sourceUrl))} — <a href="${esc(cert.provenance.sourceUrl)}" rel="noopener nofollow">${t('original')}</a></p>` : ''}</section>`
    : '';
  const showReport = result.verdict === 'caution' || result.verdict === 'unverified';
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${v[lang]} — ${t('title')}</title><meta name="robots" content="noindex"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#15191d;background:#fff}main{max-width:36rem;margin:auto;padding:1rem}
header{display:flex;align-items:center;justify-content:space-between;padding:.5rem 1rem;background:#0b5d3b;color:#fff}
header a{color:#fff;text-decoration:none;min-height:44px;display:flex;align-items:center}.brand{font-weight:700;font-size:1.15rem}
.lang{border:2px solid #fff;border-radius:999px;padding:0 .9rem}
.v{border:3px solid ${tone.fg};color:${tone.fg};background:${tone.bg};border-radius:12px;padding:1rem;display:flex;gap:.8rem;align-items:flex-start}
.v h1{font-size:1.4rem;margin:0 0 .3rem}.v p{margin:0;color:#15191d}.i{font-size:2.2rem;line-height:1}h2{font-size:1.05rem;margin:1.2rem 0 .3rem}
.big{font-size:1.2rem;font-weight:600}.small{font-size:.85rem;color:#444}.term-expired{color:#6b4400}.term-valid{color:#0b5d3b}
.demo{background:repeating-linear-gradient(135deg,#fff1cc 0 10px,#fff 10px 20px);border:2px dashed #6b4400;color:#6b4400;font-weight:700;padding:.5rem .75rem;border-radius:8px}
a.btn{display:block;text-align:center;padding:.8rem;margin:.6rem 0;border-radius:10px;background:#0b5d3b;color:#fff;text-decoration:none;font-weight:600}
a.btn.r{background:#a3161a}</style></head><body>
<header><a class="brand" href="/">${t('brand')}</a><a class="lang" href="${esc(links.self)}?lang=${other}" hreflang="${other}" lang="${other}">${t('other')}</a></header><main>
<div class="v" role="status" data-verdict="${result.verdict}"><span class="i" aria-hidden="true">${v.icon}</span><div><h1>${v[lang]}</h1><p>${lang === 'vi' ? v.leadVi : v.leadEn}</p></div></div>
${result.batch?.isDemo ? `<p class="demo">${t('demo')}</p>` : ''}
<ul>${reasons}</ul>${productCard}
${result.stamp ? `<p class="small">${t('serial')}: ${esc(result.stamp.serial)} · ${t('checkedAt')} ${esc(formatVietnamTimeInWords(result.checkedAt, lang))} (${t('vnTime')})</p>` : ''}
<a class="btn" href="${esc(links.app)}">${t('openApp')}</a>
${showReport ? `<a class="btn r" href="${esc(links.report)}">${t('report')}</a>` : ''}
</main></body></html>`;
}
