// npm run user:add, run as the operator types it against the database a running app has
// open: the account it creates signs in through the app at once.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime } from '../helpers/test-runtime';

let t: Awaited<ReturnType<typeof createTestRuntime>>;
beforeAll(async () => {
  t = await createTestRuntime();
});
afterAll(() => t.cleanup());

const run = (args: string[], stdin = '') =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const { config } = t.runtime.deps;
    const env = { ...process.env, DATABASE_PATH: config.databasePath, ISSUER_KEY_DIR: config.issuerKeyDir, PUBLIC_URL: config.publicUrl };
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/users/add.ts', ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });

const login = (email: string, password: string) =>
  t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });

describe('npm run user:add', () => {
  it('creates the first admin and prints a one-time password that must be replaced', async () => {
    const out = await run(['--email', 'truong.phong@qltt.gov.vn', '--role', 'admin']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^Added admin truong\.phong@qltt\.gov\.vn \(user id \d+\)\./m);
    const password = /One-time password[^:]*: (\S+)/.exec(out.stdout)![1]!;
    const res = await login('truong.phong@qltt.gov.vn', password);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { mustChangePassword: boolean; role: string } }).user).toEqual(expect.objectContaining({ role: 'admin', mustChangePassword: true }));
    const audit = t.runtime.deps.staff.audit.list({ limit: 10, action: 'user.invite' });
    expect(audit[0]).toMatchObject({ actorEmail: 'cli:user:add', targetType: 'user' });
    expect(JSON.stringify(audit)).not.toContain(password);
  });

  it('reads a chosen password from stdin, never from the command line', async () => {
    const out = await run(['--email', 'kiem.soat@qltt.gov.vn', '--role', 'inspector', '--password-stdin'], 'mật khẩu của tôi rất dài\n');
    expect(out.code).toBe(0);
    expect(out.stdout).not.toMatch(/One-time password/);
    expect((await login('kiem.soat@qltt.gov.vn', 'mật khẩu của tôi rất dài')).status).toBe(200);
  });

  it.each([
    [['--email', 'not-an-email', '--role', 'admin'], /valid email/],
    [['--email', 'a@b.vn', '--role', 'superuser'], /inspector or admin/],
    [['--email', 'truong.phong@qltt.gov.vn', '--role', 'admin'], /exists already/],
    [['--email', 'a@b.vn', '--role', 'admin', '--password', 'x'], /unknown option --password/],
  ])('refuses %j with a message and exit code 2', async (args, message) => {
    const out = await run(args);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
