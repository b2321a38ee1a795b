// The real server as one child process (the compiled dist/server/main.js, as `npm start`
// runs it; its pid is the server's own: kill -9 hits it, /proc gives its RSS), on a fixed
// database that survives restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { compiledServerArgs, freePort } from '../lib/app-server';

export { freePort };

export interface ServerProcess {
  url: string;
  pid: number;
  rssMb(): number;
  alive(): boolean;
  kill(signal: NodeJS.Signals): Promise<number | null>;
  output(): string;
}

/** Start the compiled server over `env` (DATABASE_PATH etc.) and wait until it listens. */
export async function startServer(env: Record<string, string>, port: number): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, compiledServerArgs(), {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: `http://localhost:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve((exitCode = code ?? (signal ? -1 : null)))));
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (/listening on/.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`server exited before listening:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    rssMb() {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
        return kb / 1024;
      } catch {
        return 0;
      }
    },
    alive: () => exitCode === undefined,
    kill(signal) {
      if (exitCode !== undefined) return Promise.resolve(exitCode);
      child.kill(signal);
      return exited;
    },
    output: () => output,
  };
}
