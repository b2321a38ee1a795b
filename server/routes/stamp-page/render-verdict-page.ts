// The stamp URL opened by a phone's camera app or Zalo: a small server-rendered verdict
// page (no JavaScript, inline CSS, well under 15 KB), Vietnamese first with an English link.
import { formatVietnamTime } from '../../domain/verdict';
import type { VerifyResult } from '../../services/verify/verify-types';

type Lang = 'vi' | 'en';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const VERDICTS: Record<VerifyResult['verdict'], { icon: string; colour: string; vi: string; en: string }> = {
  authentic: { icon: '✔', colour: '#0a7d32', vi: 'Tem chính hãng', en: 'Genuine stamp' },
  authentic_offline: { icon: '✔', colour: '#0a7d32', vi: 'Tem chính hãng (chưa đối chiếu trực tuyến)', en: 'Genuine stamp (not checked online)' },
  caution: { icon: '⚠', colour: '#8a5300', vi: 'Cần thận trọng', en: 'Be careful' },
  revoked: { icon: '⛔', colour: '#b00020', vi: 'Tem đã bị thu hồi', en: 'Stamp revoked' },
  unverified: { icon: '✖', colour: '#b00020', vi: 'Không xác thực được — có thể là hàng giả', en: 'Could not be verified — may be counterfeit' },
  not_a_stamp: { icon: 'ℹ', colour: '#4a4a4a', vi: 'Không phải tem chống giả', en: 'Not an anti-counterfeit stamp' },
};

const T = {
  title: { vi: 'Kiểm tra tem — Nguồn Việt', en: 'Stamp check — Nguồn Việt' },
  product: { vi: 'Sản phẩm', en: 'Product' },
  producer: { vi: 'Cơ sở sản xuất', en: 'Producer' },
  ocop: { vi: 'OCOP', en: 'OCOP' },
  stars: { vi: 'sao', en: 'stars' },
  decision: { vi: 'Quyết định', en: 'Decision' },
  validUntil: { vi: 'hiệu lực đến', en: 'valid until' },
  marks: { vi: 'Nhãn hiệu, chỉ dẫn địa lý', en: 'Protected marks' },
  awards: { vi: 'Giải thưởng', en: 'Awards' },
  source: { vi: 'Nguồn', en: 'Source' },
  demo: { vi: 'TEM THỬ NGHIỆM (DEMO) — không dùng cho hàng thật', en: 'DEMO STAMP — not for real goods' },
  openApp: { vi: 'Mở trong ứng dụng Nguồn Việt', en: 'Open in the Nguồn Việt app' },
  report: { vi: 'Báo cáo nghi ngờ hàng giả', en: 'Report a suspected fake' },
  other: { vi: 'English', en: 'Tiếng Việt' },
  checkedAt: { vi: 'Kiểm tra lúc', en: 'Checked at' },
  serial: { vi: 'Số sê-ri', en: 'Serial' },
} as const;

/** Render the verdict page for a stamp URL in one language. */
export function renderVerdictPage(result: VerifyResult, lang: Lang, links: { self: string; app: string; report: string }): string {
  const t = (k: keyof typeof T) => T[k][lang];
  const v = VERDICTS[result.verdict];
  const reasons = result.reasons.map((r) => `<li>${esc(lang === 'vi' ? r.message_vi : r.message_en)}</li>`).join('');
  const p = result.product;
  const cert = result.certifications?.find((c) => c.stars !== null) ?? result.certifications?.[0];
  const productCard = p
    ? `<section><h2>${t('product')}</h2><p class="big">${esc(p.name)}</p>
${result.producer ? `<p>${t('producer')}: ${esc(result.producer.name)}</p>` : ''}
${cert && cert.stars ? `<p>${t('ocop')}: ${'★'.repeat(cert.stars)} ${cert.stars} ${t('stars')}${cert.decisionNumber ? ` — ${t('decision')} ${esc(cert.decisionNumber)}` : ''}${cert.validUntil ? `, ${t('validUntil')} ${esc(cert.validUntil.split('-').reverse().join('/'))}` : ''}</p>` : ''}
${result.marks?.length ? `<p>${t('marks')}: ${result.marks.map((m) => esc(m.name)).join(', ')}</p>` : ''}
${result.awards?.length ? `<p>${t('awards')}: ${result.awards.map((a) => `HVNCL ${a.year}`).join(', ')}</p>` : ''}
${cert ? `<p class="small">${t('source')}: <a href="${esc(cert.provenance.sourceUrl)}" rel="noopener nofollow">${esc(hostOf(cert.provenance.sourceUrl))}</a></p>` : ''}</section>`
    : '';
  const showReport = result.verdict === 'caution' || result.verdict === 'unverified';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${v[lang]} — ${t('title')}</title><meta name="robots" content="noindex"><link rel="icon" href="/icons/icon.svg" type="image/svg+xml">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#111;background:#fff}main{max-width:36rem;margin:auto;padding:1rem}
.v{border:3px solid ${v.colour};color:${v.colour};border-radius:12px;padding:1rem;display:flex;gap:.75rem;align-items:center}
.v b{font-size:1.4rem}.i{font-size:2.2rem}h2{font-size:1.05rem;margin:1.2rem 0 .3rem}.big{font-size:1.2rem;font-weight:600}
.small{font-size:.85rem;color:#444}.demo{background:#fff3cd;color:#5c4300;padding:.5rem;border-radius:8px;font-weight:600}
a.btn{display:block;text-align:center;padding:.8rem;margin:.6rem 0;border-radius:10px;background:#0b4f8a;color:#fff;text-decoration:none;font-weight:600}
a.btn.r{background:#b00020}nav{text-align:right}</style></head><body><main>
<nav><a href="${esc(links.self)}?lang=${lang === 'vi' ? 'en' : 'vi'}" hreflang="${lang === 'vi' ? 'en' : 'vi'}">${t('other')}</a></nav>
${result.batch?.isDemo ? `<p class="demo">${t('demo')}</p>` : ''}
<div class="v" role="status"><span class="i" aria-hidden="true">${v.icon}</span><b>${v[lang]}</b></div>
<ul>${reasons}</ul>${productCard}
${result.stamp ? `<p class="small">${t('serial')}: ${esc(result.stamp.serial)} · ${t('checkedAt')} ${esc(formatVietnamTime(result.checkedAt))} (${lang === 'vi' ? 'giờ Việt Nam' : 'Vietnam time'})</p>` : ''}
<a class="btn" href="${esc(links.app)}">${t('openApp')}</a>
${showReport ? `<a class="btn r" href="${esc(links.report)}">${t('report')}</a>` : ''}
</main></body></html>`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
