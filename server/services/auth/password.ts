// Password hashing with scrypt from node:crypto (memory-hard, no native add-on to build).
// The stored form carries its parameters, so they can be raised later without a migration.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
/** Shortest password accepted; long passphrases are welcome (bounded only to keep hashing cheap). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

const derive = (password: string, salt: Buffer, o: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...o, maxmem: 256 * (o.N ?? 1) * (o.r ?? 8) }, (err, key) => (err ? reject(err) : resolve(key))),
  );

/** Hash a password as `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Check a password against a stored hash in constant time; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const N = Number(n), R = Number(r), P = Number(p);
  if (!Number.isInteger(N) || !Number.isInteger(R) || !Number.isInteger(P) || N > 1 << 20) return false;
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N, r: R, p: P });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A readable one-time password (about 100 bits) for a new account. */
export function generatePassword(): string {
  return randomBytes(20).toString('base64url').replace(/[-_]/g, 'x').match(/.{1,5}/g)!.join('-');
}
