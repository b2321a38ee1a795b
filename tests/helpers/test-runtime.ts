import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app';
import { bootstrap, type Runtime } from '../../server/bootstrap';
import { readConfig } from '../../server/config';
import { fixedClock, type Clock } from '../../server/repositories/clock';

export const TEST_NOW = '2026-11-25T03:00:00Z';

/** The real app over a fresh database seeded from data/, with the clock fixed at TEST_NOW. */
export async function createTestRuntime(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<{
  runtime: Runtime;
  app: ReturnType<typeof createApp>;
  cleanup(): void;
}> {
  const dir = mkdtempSync(join(tmpdir(), 'nguon-viet-app-'));
  const config = readConfig({ DATABASE_PATH: join(dir, 'app.db'), ISSUER_KEY_DIR: join(dir, 'keys'), PUBLIC_URL: 'https://nguonviet.vn', PORT: '0', ...env });
  const runtime = await bootstrap(config, { clock: options.clock ?? fixedClock(TEST_NOW), log: () => {} });
  return {
    runtime,
    app: createApp(runtime.deps),
    cleanup() {
      runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
