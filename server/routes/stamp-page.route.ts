import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppDeps } from '../app-deps';
import { DEVICE_COOKIE, deviceCookieHeader, readCookie } from './http/device-cookie';
import { admit } from './rate-limit';
import { renderVerdictPage } from './stamp-page/render-verdict-page';

/** This browser's device id for a year: random, first-party, never readable by scripts. */
export function setDeviceCookie(c: Context, deviceId: string, publicUrl: string): void {
  c.header('Set-Cookie', deviceCookieHeader(deviceId, publicUrl), { append: true });
}

// Crawlers that fetch a link to show its preview. Only crawler tokens: Zalo's in-app browser
// (what Zalo's QR scanner opens, the most common scanner here) says "Zalo", and phones such
// as CUBOT end in "BOT", and both are shoppers checking a stamp.
const LINK_PREVIEW_AGENTS = /facebookexternalhit|facebot|meta-externalagent|twitterbot|telegrambot|whatsapp\/|slackbot|discordbot|linkedinbot|skypeuripreview|embedly|bot\/|crawler|spider/i;
/** Query parameter of the preview page's button: a person asked for the check. */
const CHECK_ASKED = 'check';
const PREVIEW_PAGE =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Kiểm tra tem chống giả — Nguồn Việt</title><meta name="description" content="Mở liên kết này trên điện thoại để kiểm tra tem. Open this link on your phone to check the stamp."></head><body><p>Mở liên kết này để kiểm tra tem chống giả. / Open this link to check the stamp.</p><form method="get"><input type="hidden" name="' +
  CHECK_ASKED +
  '" value="1"><button type="submit">Kiểm tra tem / Check the stamp</button></form></body></html>';

const RATE_LIMITED_PAGE =
  '<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Thử lại sau — Nguồn Việt</title></head><body><p>Có quá nhiều lượt kiểm tra từ mạng này. Vui lòng thử lại sau ít phút. / Too many checks from this network: please try again in a few minutes.</p></body></html>';

/**
 * GET /s/<kid>/<serial>/<sig> (any case): what a phone's camera app opens. Verifies the
 * stamp server-side and answers with a small HTML page. A random first-party cookie
 * scopes repeat checks to this browser, so re-opening your own stamp raises no alarm.
 */
export const stampPageRoutes = (deps: AppDeps) => {
  const handler = new Hono().get('/:kid/:serial/:sig', async (c) => {
    // HEAD requests and link previews (a stamp URL pasted into Zalo or Facebook) are no
    // shopper checking a stamp: recorded, each would count as another phone.
    // A person whose browser looks like a crawler still gets the check from the page's button.
    if (c.req.method === 'HEAD' || (c.req.query(CHECK_ASKED) !== '1' && LINK_PREVIEW_AGENTS.test(c.req.header('user-agent') ?? ''))) {
      c.header('Cache-Control', 'no-store');
      return c.html(PREVIEW_PAGE);
    }
    const { client, wait } = admit(c, deps, 'scan');
    if (wait) {
      c.header('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))));
      c.header('Cache-Control', 'no-store');
      return c.html(RATE_LIMITED_PAGE, 429);
    }
    const { kid, serial, sig } = c.req.param();
    const payload = `${deps.config.publicUrl}/S/${kid}/${serial}/${sig}`.toUpperCase();
    let deviceId = readCookie(c.req.header('cookie'), DEVICE_COOKIE);
    // Only a device id we issued, carried by this browser's cookie, makes the check count as
    // another phone's: a cookieless load (an <img> on any web page, a script) is answered
    // and recorded, and gets an id for next time, but adds no clone evidence.
    const noEvidence = !deps.devices.isValid(deviceId);
    if (noEvidence) {
      const fresh = deps.devices.issue(client, Date.now());
      deviceId = 'token' in fresh ? fresh.token : undefined;
      if (deviceId) setDeviceCookie(c, deviceId, deps.config.publicUrl);
    }
    const outcome = await deps.verify.verify({ payload, ...(deviceId ? { deviceId } : {}), client, noEvidence });
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
