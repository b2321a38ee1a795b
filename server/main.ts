// Process entry: read configuration, open and migrate the database, seed it on first
// run, wire dependencies and serve (CONVENTIONS: main.ts).
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { bootstrap } from './bootstrap';
import { readConfig } from './config';

const config = readConfig(process.env);
const runtime = await bootstrap(config);
const app = createApp(runtime.deps);

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
