// Device ids issued by the server (issue #9 item 4): a random id with a keyed MAC, so a
// client cannot invent as many "phones" as it likes by sending strings. New ids are handed
// out per network under a rate limit (see client-limits.ts); only a valid token makes a
// scan count as evidence of another phone.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'd1.';
const TOKEN = /^d1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{16})$/;

const macOf = (secret: Uint8Array, id: string) => createHmac('sha256', secret).update(`device-token|${id}`).digest().subarray(0, 12).toString('base64url');

/** A new signed device token: `d1.<16 random chars>.<16 MAC chars>` (35 characters). */
export function issueDeviceToken(secret: Uint8Array): string {
  const id = randomBytes(12).toString('base64url');
  return `${PREFIX}${id}.${macOf(secret, id)}`;
}

/** True only for a token this server's secret signed. */
export function isDeviceToken(secret: Uint8Array, token: string): boolean {
  const m = TOKEN.exec(token);
  if (!m) return false;
  const expected = Buffer.from(macOf(secret, m[1]!));
  const given = Buffer.from(m[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
