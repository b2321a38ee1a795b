// npm run stamps:revoke -- --batch <id> | --serial <serial> --reason "…"
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { parseArgs } from '../lib/args';

function fail(message: string): never {
  console.error(`stamps:revoke: ${message}`);
  console.error('usage: npm run stamps:revoke -- --batch <id> | --serial <serial> --reason "…"');
  process.exit(2);
}

let args;
try {
  args = parseArgs(process.argv.slice(2), ['batch', 'serial', 'reason']);
} catch (e) {
  fail((e as Error).message);
}
if (!args.reason || typeof args.reason !== 'string' || args.reason.trim().length < 3) fail('--reason is required (it is shown to shoppers who scan the stamp)');
if (!!args.batch === !!args.serial) fail('give exactly one of --batch or --serial');

const runtime = await bootstrap(readConfig(process.env), { log: (m) => console.error(m) });
const at = runtime.deps.clock.now().toISOString();
if (args.batch) {
  const batch = runtime.stamps.batch(String(args.batch));
  if (!batch) fail(`no batch ${args.batch}`);
  if (batch.status === 'pending') fail(`batch ${batch.id} is pending (its issuing never completed, its stamps are not issued): discard it with npm run stamps:issue -- --discard ${batch.id}`);
  const n = runtime.stamps.revokeBatch(batch.id, at, args.reason.trim());
  console.log(`Revoked batch ${batch.id}: ${n} stamps now answer "revoked" (reason: ${args.reason.trim()}).`);
} else {
  const serial = String(args.serial).toUpperCase().replace(/[\s-]/g, '');
  if (!runtime.stamps.stamp(serial)) fail(`no stamp ${serial}`);
  const changed = runtime.stamps.revokeStamp(serial, at, args.reason.trim());
  console.log(changed ? `Revoked stamp ${serial}.` : `Stamp ${serial} was already revoked.`);
}
runtime.close();
