// npm run keys:revoke -- --kid <kid> --reason "…"
// Revokes an issuer key (e.g. a leaked private key): every stamp it signed then verifies
// as `unverified` (key_revoked), and phones learn it through the sync feed. Final: a
// revoked key is never reinstated. If it was the issuer's active key, rotate before issuing.
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { parseArgs } from '../lib/args';

const USAGE = 'usage: npm run keys:revoke -- --kid <kid> --reason "…"';

function fail(message: string, code = 2): never {
  console.error(`keys:revoke: ${message}`);
  if (code === 2) console.error(USAGE);
  process.exit(code);
}

let args;
try {
  args = parseArgs(process.argv.slice(2), ['kid', 'reason']);
} catch (e) {
  fail((e as Error).message);
}
if (!args.kid || typeof args.kid !== 'string' || !args.kid.trim()) fail('--kid is required');
if (!args.reason || typeof args.reason !== 'string' || args.reason.trim().length < 3) fail('--reason is required (at least 3 characters; kept with the key record)');
// Stamp URLs carry the kid in any case; key ids are stored upper-case.
const kid = args.kid.trim().toUpperCase();
const reason = args.reason.trim();

const runtime = await bootstrap(readConfig(process.env), { log: (m) => console.error(m) });
function failClosing(message: string, code?: number): never {
  runtime.close();
  fail(message, code);
}

const key = runtime.deps.registry.allRecords('issuer_keys').get(kid);
if (!key) failClosing(`no key ${kid}`);
const issuerId = String(key.issuer_id);
if (key.status === 'revoked') {
  runtime.close();
  console.log(`Key ${kid} of issuer ${issuerId} was already revoked (${String(key.revoked_at)}: ${String(key.revoke_reason)}).`);
} else {
  try {
    runtime.issuers.revokeKey(kid, reason);
  } catch (e) {
    failClosing(`could not revoke key ${kid}: ${(e as Error).message}`, 1);
  }
  const noActiveKey = !runtime.issuers.activeKid(issuerId);
  runtime.close();
  console.log(
    `Revoked key ${kid} of issuer ${issuerId}: its stamps now verify as "unverified" (key_revoked; reason: ${reason}).` +
      (noActiveKey ? ` The issuer has no active key now: run npm run keys:rotate -- --issuer ${issuerId} before issuing.` : ''),
  );
}
