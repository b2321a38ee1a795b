// Process entry: read configuration, open and migrate the database, seed it on first
// run, wire dependencies and serve (CONVENTIONS: main.ts).
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { dirname, join } from 'node:path';
import { readConfig } from './config';
import { issueDemoStamps } from './services/stamps/demo-stamps';

const config = readConfig(process.env);
const runtime = await bootstrap(config);
const app = createApp(runtime.deps);

// First run: print a small sheet of DEMO stamps so the product can be tried at once.
if (runtime.seeded && config.demoIssuer) {
  const demo = await issueDemoStamps(runtime, join(dirname(config.databasePath), 'demo-stamps'));
  if (demo) console.log(`demo stamps (labelled DEMO) for "${demo.productName}": ${demo.files.join(', ')}`);
}

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Nguồn Việt listening on http://${info.address === '0.0.0.0' ? 'localhost' : info.address}:${info.port} (database ${config.databasePath})`);
});

const shutdown = () => {
  server.close(() => {
    runtime.close();
    process.exit(0);
  });
  setTimeout(() => process.exit(0), 3000).unref();
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
