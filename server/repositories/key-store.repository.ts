import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Private issuer keys and the server secret, as files outside the database (PRODUCT.md §4). */
export interface KeyStore {
  hasPrivateKey(kid: string): boolean;
  readPrivateKey(kid: string): Uint8Array;
  /** Write a new key file (0600); refuses to overwrite an existing kid. */
  writePrivateKey(kid: string, seed: Uint8Array): void;
  /** A 32-byte secret for keyed hashes (PINs, device ids), created on first use. */
  serverSecret(): Uint8Array;
}

const KID = /^[A-Z0-9]{1,8}$/;

/** A key store over a directory (created 0700); every file in it is created 0600. */
export function createKeyStore(dir: string, randomBytes: (n: number) => Uint8Array): KeyStore {
  const ensureDir = () => {
    if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  };
  const keyPath = (kid: string) => {
    if (!KID.test(kid)) throw new Error(`invalid kid "${kid}"`);
    return join(dir, `${kid}.ed25519.key`);
  };
  const writeSecretFile = (path: string, bytes: Uint8Array) => {
    ensureDir();
    writeFileSync(path, Buffer.from(bytes).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  };
  let secret: Uint8Array | null = null;
  return {
    hasPrivateKey: (kid) => existsSync(keyPath(kid)),
    readPrivateKey(kid) {
      const bytes = Buffer.from(readFileSync(keyPath(kid), 'utf8').trim(), 'base64');
      if (bytes.length !== 32) throw new Error(`key file for ${kid} does not hold a 32-byte Ed25519 seed`);
      return new Uint8Array(bytes);
    },
    writePrivateKey(kid, seed) {
      writeSecretFile(keyPath(kid), seed);
    },
    serverSecret() {
      if (secret) return secret;
      const path = join(dir, 'server.secret');
      if (!existsSync(path)) writeSecretFile(path, randomBytes(32));
      secret = new Uint8Array(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'));
      return secret;
    },
  };
}
