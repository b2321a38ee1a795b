// The browser's device-id cookie, read and written the same way by the Hono routes (stamp
// page, POST /api/verify) and by the node fast path of POST /api/verify.
import { generateCookie } from 'hono/cookie';

/** Read by the stamp page and POST /api/verify, so the page and the app count one browser as one phone. */
export const DEVICE_COOKIE = 'nv_device';

/** The Set-Cookie value of this browser's device id: a year, first-party, never readable by scripts. */
export function deviceCookieHeader(deviceId: string, publicUrl: string): string {
  return generateCookie(DEVICE_COOKIE, deviceId, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 365 * 86400, secure: publicUrl.startsWith('https:') });
}

/**
 * The value of cookie `name` in a Cookie header, as hono's getCookie reads it: the first
 * pair with that name, whitespace trimmed, surrounding quotes dropped, percent-decoded.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header || !header.includes(name)) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq === -1 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (!COOKIE_VALUE.test(value)) continue;
    try {
      return value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      return value;
    }
  }
  return undefined;
}

// RFC 6265 cookie-octets (what hono accepts as a value).
const COOKIE_VALUE = /^[ !#-:<-[\]-~]*$/;
