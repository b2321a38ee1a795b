// npm run keys:rotate -- --issuer <id>
// Gives the issuer a new signing key. The previous active key is retired: stamps it signed
// keep verifying, new batches are signed with the new key. The private key goes only to
// ISSUER_KEY_DIR (0600); nothing here prints it.
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { parseArgs } from '../lib/args';

const USAGE = 'usage: npm run keys:rotate -- --issuer <id>';

function fail(message: string, code = 2): never {
  console.error(`keys:rotate: ${message}`);
  if (code === 2) console.error(USAGE);
  process.exit(code);
}

let args;
try {
  args = parseArgs(process.argv.slice(2), ['issuer']);
} catch (e) {
  fail((e as Error).message);
}
if (!args.issuer || typeof args.issuer !== 'string' || !args.issuer.trim()) fail('--issuer is required');
const issuerId = args.issuer.trim();

const config = readConfig(process.env);
const runtime = await bootstrap(config, { log: (m) => console.error(m) });
function failClosing(message: string, code?: number): never {
  runtime.close();
  fail(message, code);
}

const issuers = runtime.deps.registry.idsOf('issuers');
if (!issuers.has(issuerId)) failClosing(`no issuer ${issuerId} (issuers: ${[...issuers].sort().join(', ') || 'none'})`);
const previous = runtime.issuers.activeKid(issuerId);
let kid: string;
try {
  kid = await runtime.issuers.rotateKey(issuerId);
} catch (e) {
  failClosing(`could not rotate the key of ${issuerId}: ${(e as Error).message}`, 1);
}
runtime.close();
console.log(
  `Rotated issuer ${issuerId}: new key ${kid} signs new batches (private key in ${config.issuerKeyDir}/)` +
    (previous ? `; ${previous} is retired and its stamps keep verifying.` : '; it had no active key before.'),
);
