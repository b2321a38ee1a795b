import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app-deps';
import { renderVerdictPage } from './stamp-page/render-verdict-page';

/** Also read by POST /api/verify, so the page and the app count one browser as one phone. */
export const DEVICE_COOKIE = 'nv_device';
export const DEVICE_COOKIE_FORMAT = /^[A-Za-z0-9_-]{16,64}$/;

// Crawlers that fetch a link to show its preview.
const LINK_PREVIEW_AGENTS = /zalo|facebookexternalhit|facebot|twitterbot|telegrambot|whatsapp|slackbot|discordbot|linkedinbot|skypeuripreview|googlebot|bingbot|applebot|embedly|bot\b|crawler|spider/i;
const PREVIEW_PAGE =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kiểm tra tem chống giả — Nguồn Việt</title><meta name="description" content="Mở liên kết này trên điện thoại để kiểm tra tem. Open this link on your phone to check the stamp."></head><body><p>Mở liên kết này để kiểm tra tem chống giả. / Open this link to check the stamp.</p></body></html>';

/**
 * GET /s/<kid>/<serial>/<sig> (any case): what a phone's camera app opens. Verifies the
 * stamp server-side and answers with a small HTML page. A random first-party cookie
 * scopes repeat checks to this browser, so re-opening your own stamp raises no alarm.
 */
export const stampPageRoutes = (deps: AppDeps) => {
  const handler = new Hono().get('/:kid/:serial/:sig', async (c) => {
    // HEAD requests and link previews (a stamp URL pasted into Zalo or Facebook) are no
    // shopper checking a stamp: recorded, each would count as another phone.
    if (c.req.method === 'HEAD' || LINK_PREVIEW_AGENTS.test(c.req.header('user-agent') ?? '')) {
      c.header('Cache-Control', 'no-store');
      return c.html(PREVIEW_PAGE);
    }
    const { kid, serial, sig } = c.req.param();
    const payload = `${deps.config.publicUrl}/S/${kid}/${serial}/${sig}`.toUpperCase();
    let deviceId = getCookie(c, DEVICE_COOKIE);
    if (!deviceId || !DEVICE_COOKIE_FORMAT.test(deviceId)) {
      deviceId = crypto.randomUUID().replace(/-/g, '');
      setCookie(c, DEVICE_COOKIE, deviceId, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 365 * 86400, secure: deps.config.publicUrl.startsWith('https:') });
    }
    const outcome = await deps.verify.verify({ payload, deviceId, ip: 'stamp-page' });
    const lang = c.req.query('lang') === 'en' ? 'en' : 'vi';
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'");
    if (!outcome.ok) return c.text(outcome.message_vi, outcome.status);
    const self = c.req.path;
    return c.html(
      renderVerdictPage(outcome.result, lang, {
        self,
        app: `/?scan=${encodeURIComponent(payload)}`,
        report: `/?report=${encodeURIComponent(payload)}`,
      }),
    );
  });
  return handler;
};
