// Start the real server (compiled, `node dist/server/main.js`, as `npm start` runs it) as
// a child process on a free port with a fresh database and key folder: what the e2e tests
// and bench:web drive. On its first
// start the server seeds data/ and writes 12 DEMO stamps, which callers can read back.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppServer {
  url: string;
  port: number;
  dir: string;
  databasePath: string;
  /** The DEMO stamps the first start printed (URL, serial and scratch PIN). */
  demoStamps(): { serial: string; url: string; pin?: string }[];
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Compile the server to dist/server when its sources changed (scripts/build-server.mjs, in a
 * child process since it is plain JavaScript) and return the arguments that run it with node.
 */
export function compiledServerArgs(): string[] {
  execFileSync(process.execPath, ['scripts/build-server.mjs', '--if-stale'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return ['dist/server/main.js'];
}

export async function startAppServer(opts: { env?: Record<string, string>; log?: (line: string) => void; timeoutMs?: number } = {}): Promise<AppServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-server-'));
  const url = `http://localhost:${port}`;
  const databasePath = join(dir, 'nguon-viet.db');
  const child: ChildProcess = spawn(process.execPath, compiledServerArgs(), {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DATABASE_PATH: databasePath, ISSUER_KEY_DIR: join(dir, 'keys'), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (d: Buffer) => {
    output += d.toString();
    for (const line of d.toString().split('\n')) if (line.trim()) opts.log?.(line);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), opts.timeoutMs ?? 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
    const poll = setInterval(() => {
      if (/listening on/.test(output)) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }
    }, 50);
  });
  return {
    url,
    port,
    dir,
    databasePath,
    demoStamps() {
      const folder = join(dir, 'demo-stamps');
      const file = readdirSync(folder).find((f) => f.endsWith('.json'));
      if (!file) throw new Error(`no demo stamps in ${folder}`);
      return (JSON.parse(readFileSync(join(folder, file), 'utf8')) as { stamps: { serial: string; url: string; pin?: string }[] }).stamps;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
