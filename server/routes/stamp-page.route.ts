import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppDeps } from '../app-deps';
import { renderVerdictPage } from './stamp-page/render-verdict-page';

const DEVICE_COOKIE = 'nv_device';

/**
 * GET /s/<kid>/<serial>/<sig> (any case): what a phone's camera app opens. Verifies the
 * stamp server-side and answers with a small HTML page. A random first-party cookie
 * scopes repeat checks to this browser, so re-opening your own stamp raises no alarm.
 */
export const stampPageRoutes = (deps: AppDeps) => {
  const handler = new Hono().get('/:kid/:serial/:sig', async (c) => {
    const { kid, serial, sig } = c.req.param();
    const payload = `${deps.config.publicUrl}/S/${kid}/${serial}/${sig}`.toUpperCase();
    let deviceId = getCookie(c, DEVICE_COOKIE);
    if (!deviceId || !/^[A-Za-z0-9_-]{16,64}$/.test(deviceId)) {
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
