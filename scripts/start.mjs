// `npm start`: compile the server and the web app when stale, then run the compiled server
// in this same process (no tsx at run time; SIGTERM from npm or a supervisor reaches the
// server's own handler, which writes pending scans and closes the database).
// A supervisor can instead run `npm run build` once and then `node dist/server/main.js`.
import { pathToFileURL } from 'node:url';
import { buildServerIfStale, MissingBuildInput, serverEntry } from './lib/server-build.mjs';

// Error logs name the TypeScript sources (dist/server/*.js.map), as under tsx.
process.setSourceMapsEnabled(true);

try {
  if (!(await buildServerIfStale())) console.log('server: dist/server is up to date');
} catch (e) {
  if (!(e instanceof MissingBuildInput)) throw e;
  console.error(e.message);
  process.exit(1);
}
const { buildWebIfStale } = await import(pathToFileURL(serverEntry().replace(/main\.js$/, 'web-build.js')).href);
if (!buildWebIfStale()) console.log('web app: web/dist is up to date');
await import(pathToFileURL(serverEntry()).href);
