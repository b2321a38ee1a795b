// npm run user:add -- --email <email> --role inspector|admin [--password-stdin]
// Creates an inspector or admin account (the first admin comes from here). Without
// --password-stdin it prints a one-time password that must be replaced at first sign-in.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { bootstrap } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { parseArgs } from '../lib/args';

const USAGE = 'usage: npm run user:add -- --email <email> --role inspector|admin [--password-stdin]';
function fail(message: string): never {
  console.error(`user:add: ${message}`);
  console.error(USAGE);
  process.exit(2);
}

let args;
try {
  args = parseArgs(process.argv.slice(2), ['email', 'role'], ['password-stdin']);
} catch (e) {
  fail((e as Error).message);
}
const email = z.email().max(254).safeParse(args.email);
if (!email.success) fail('--email needs a valid email address');
const role = z.enum(['inspector', 'admin']).safeParse(args.role);
if (!role.success) fail('--role must be inspector or admin');
// A password typed on the command line would stay in the shell history: stdin only.
const password = args['password-stdin'] ? readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '' : undefined;

console.error(`user:add: opening the database and adding ${email.data} (${role.data})…`);
const runtime = await bootstrap(readConfig(process.env), { log: (m) => console.error(m) });
try {
  const out = await runtime.deps.staff.users.invite({ id: null, email: 'cli:user:add' }, { email: email.data, role: role.data, password });
  if (!out.ok) fail(out.code === 'email_taken' ? `an account for ${email.data} exists already` : 'the password must have at least 12 characters');
  console.log(`Added ${out.user.role} ${out.user.email} (user id ${out.user.id}).`);
  if (out.oneTimePassword) console.log(`One-time password (shown once; it must be replaced at first sign-in): ${out.oneTimePassword}`);
} finally {
  runtime.close();
}
